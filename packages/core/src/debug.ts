/**
 * `@aslkit/core/debug`: the step-through debug session. A subpath of its own so that programs
 * that only run machines never load xstate (about 27 ms of a cold start); the session's types
 * are also exported from `@aslkit/core`.
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
