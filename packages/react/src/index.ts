/**
 * @aslkit/react: a live execution graph of an Amazon States Language state machine, with an
 * inspector, a timeline, step-through controls and time travel. Import
 * `@xyflow/react/dist/style.css` and `@aslkit/react/style.css` once.
 * @module
 */
export { ExecutionViewer } from './viewer/execution-viewer.js';
export type { ExecutionViewerProps } from './viewer/execution-viewer.js';
export { ExecutionGraph } from './graph/execution-graph.js';
export type { ExecutionGraphProps } from './graph/execution-graph.js';
export { Inspector } from './panels/inspector.js';
export type { InspectorProps } from './panels/inspector.js';
export { StageView } from './panels/stage-view.js';
export type { StageViewProps } from './panels/stage-view.js';
export { Timeline } from './panels/timeline.js';
export type { TimelineProps } from './panels/timeline.js';
export { Scrubber } from './panels/scrubber.js';
export type { ScrubberProps } from './panels/scrubber.js';
export { MapRunPanel } from './panels/map-run-panel.js';
export type { MapRunPanelProps } from './panels/map-run-panel.js';
export { Controls, RUN_SPEEDS } from './panels/controls.js';
export type { ControlsProps, ControlAction, RunSpeed } from './panels/controls.js';
export { useRunControl } from './viewer/use-run-control.js';
export type { RunControl } from './viewer/use-run-control.js';

export { ViewerStore } from './store/viewer-store.js';
export type { ViewerState, FrameScheduler } from './store/viewer-store.js';
export { ViewerStoreContext, useViewerStore, useViewerState, useSourceStore } from './store/use-viewer.js';
export type { NodeStatus } from './store/snapshot-view.js';

// The sources and the protocol are framework-free and live in @aslkit/core/debug (the CLI's
// view server speaks the same protocol); they are re-exported here for the viewer's users.
export { createRemoteSource, createSessionSource, createChildSource } from '@aslkit/core/debug';
export type { SessionSourceOptions, HistorySourceOptions } from '@aslkit/core/debug';
export { createHistorySource } from './source/history-source.js';
export type {
  ViewerSource,
  ViewerMessage,
  ViewerCommand,
  ViewerMode,
  ViewerBreakpoint,
  SessionView,
  SessionState,
  PausePoint,
  ExecutionOutcome,
  ViewerQuery,
  ViewerAnswer,
} from '@aslkit/core/debug';

export { layoutGraph, elkLayoutEngine, elkWorkerEngine } from './layout/layout-graph.js';
export type { GraphLayout, LayoutEngine, NodeBox, EdgeRoute, Point } from './layout/layout-graph.js';
