/**
 * `@aslkit/core/debug`: the step-through debug session, and the viewer protocol that drives it
 * (the typed messages and commands, their runtime checks, and the sources a viewer connects to:
 * a session in the page, a finished history, or `aslkit view` across the network). A subpath
 * of its own so that programs that only run machines never load xstate (about 27 ms of a cold
 * start); the session's types are also exported from `@aslkit/core`.
 */
export { createDebugSession } from './debug/session.js';
export type { DebugSession, DebugSnapshot, DebugSessionOptions } from './debug/session.js';
export { debugSessionMachine } from './debug/session-machine.js';
export type {
  PausedAt,
  PauseRequest,
  SessionState,
  StepUnit,
  SessionContext,
  SessionEvent,
} from './debug/session-machine.js';
export type { Breakpoint } from './debug/breakpoints.js';

export type {
  ViewerSource,
  ViewerMessage,
  ViewerCommand,
  ViewerMode,
  ViewerBreakpoint,
  SessionView,
  PausePoint,
  ExecutionOutcome,
  ViewerQuery,
  ViewerAnswer,
} from './debug/protocol.js';
export {
  parseViewerCommand,
  parseViewerMessage,
  parseViewerQuery,
  parseViewerAnswer,
  BREAKPOINT_LIMITS,
} from './debug/protocol-checks.js';
export { createSessionSource, sessionView } from './debug/session-source.js';
export type { SessionSourceOptions } from './debug/session-source.js';
export { createHistorySource, outcomeOf } from './debug/history-source.js';
export type { HistorySourceOptions } from './debug/history-source.js';
export { createRemoteSource } from './debug/remote-source.js';
export { createChildSource } from './debug/child-source.js';
export { mapRunQueries, runViews, MapRunUpdates } from './debug/map-run-queries.js';
export type { ViewerQueryHandler } from './debug/map-run-queries.js';
