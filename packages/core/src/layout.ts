/**
 * `@aslkit/core/layout`: what every drawing of the graph model shares, without a UI framework
 * (like `@xyflow/system`): the ELK graph a model lays out as, reading ELK's answer back, a cached
 * layout over the host's own ELK, and the status palette. @aslkit/react and the HTML coverage
 * page of @aslkit/node draw from it; a second UI would too.
 * @module
 */
export { ELK_LAYERED_OPTIONS, ELK_PARALLEL_OPTIONS } from './graph/layout/elk-options.js';
export { toElkGraph, nodeSize, edgeLabelText, containerIds, DEFAULT_LAYOUT_METRICS } from './graph/layout/elk-graph.js';
export type {
  LayoutMetrics,
  BoxSize,
  ElkNode,
  ElkEdge,
  ElkLabel,
  ElkEdgeSection,
  ElkPoint,
} from './graph/layout/elk-graph.js';
export { readLayout } from './graph/layout/read-layout.js';
export type { GraphLayout, NodeBox, EdgeRoute, Point } from './graph/layout/read-layout.js';
export { layoutGraph, createElkEngine } from './graph/layout/layout-graph.js';
export type { LayoutEngine } from './graph/layout/layout-graph.js';
export { STATUS_COLOURS, STATUS_LABELS, statusCssVariables } from './graph/palette.js';
export type { PaletteTheme } from './graph/palette.js';
