/**
 * What flows between an execution and a viewer: messages in, commands out. The same JSON
 * shapes cross the wire of `aslkit view` (Server-Sent Events in, POST out), so an in-process
 * debug session and a remote one look alike to the viewer. What arrives over the wire is
 * checked with `parseViewerMessage` / `parseViewerCommand` (protocol-checks.ts) before use.
 */
import type { HistoryEvent } from '../history/events.js';
import type { StateInspection } from '../runtime/inspection.js';
import type { StateMachineDefinition } from '../definition/types.js';
import type { Breakpoint } from './breakpoints.js';
import type { SessionState } from './session-machine.js';
import type { ChildExecutionView, ChildFilter, MapRunChildPage, MapRunView } from '../graph/map-run-view.js';

export type { SessionState } from './session-machine.js';

/** Where the viewer's data comes from: a debug session that can be driven, or a finished history. */
export type ViewerMode = 'live' | 'history';

/** A breakpoint as the viewer edits it; `condition` is a JSONPath test on the state input. */
export type ViewerBreakpoint = Breakpoint;

/** Where and why a paused session stopped. */
export interface PausePoint {
  stateName?: string;
  on?: 'enter' | 'exit';
  /** The last event recorded before the pause. */
  eventId?: number;
  /** `breakpoint`, `step`, `pause`, or a reason a later session names (any string). */
  reason?: string;
  /** Numbers the session's pauses: two stops at the same place in a row still differ. */
  pause?: number;
}

/** How the execution ended. */
export interface ExecutionOutcome {
  status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
  error?: string;
  cause?: string;
}

/** The debug session's state as the controls need it. */
export interface SessionView {
  state: SessionState;
  pausedAt?: PausePoint;
  result?: ExecutionOutcome;
}

/**
 * From the execution to the viewer. `init` starts (or restarts) a run and clears what was shown
 * (inspections too); `breakpoints` echoes the set the session took, after a `breakpoints` command from any page.
 */
export type ViewerMessage =
  | {
      type: 'init';
      mode: ViewerMode;
      definition: StateMachineDefinition;
      title?: string;
      breakpoints?: ViewerBreakpoint[];
    }
  | { type: 'events'; events: HistoryEvent[] }
  /** Attempts' stages (`inspect: true`), as each attempt ends; a viewer finds them by `enteredEventId`. */
  | { type: 'inspections'; inspections: StateInspection[] }
  | { type: 'breakpoints'; breakpoints: ViewerBreakpoint[] }
  | { type: 'session'; session: SessionView }
  /** The Map Runs the shown execution started (distributed Maps), sent again whenever one changes. */
  | { type: 'mapRuns'; mapRuns: MapRunView[] }
  | { type: 'error'; message: string };

/** From the viewer to the execution. */
export type ViewerCommand =
  | { type: 'run' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'step'; by: 'event' | 'transition' }
  | { type: 'restart' }
  | { type: 'abort' }
  | { type: 'breakpoints'; breakpoints: ViewerBreakpoint[] };

/**
 * A question to the source, answered once (unlike messages, which follow the execution): a page
 * of a Map Run's children, or one child execution with its history. Children's histories stay
 * with the source and cross only when asked for, one child at a time.
 */
export type ViewerQuery =
  ({ type: 'mapRunChildren'; mapRunArn: string } & ChildFilter) | { type: 'childExecution'; executionArn: string };

/** What a query answers. */
export type ViewerAnswer<Q extends ViewerQuery> = Q extends { type: 'mapRunChildren' }
  ? MapRunChildPage
  : ChildExecutionView;

/**
 * A connection to an execution. `connect` replays the current state first, then follows it;
 * `send` rejects with an `AslkitError` when the command cannot be carried out (code
 * `ASLKIT_COMMAND_REFUSED` when it is well formed but not possible here).
 */
export interface ViewerSource {
  connect(onMessage: (message: ViewerMessage) => void): () => void;
  send(command: ViewerCommand): Promise<void>;
  /**
   * Answers a query; absent when the source knows no Map Runs' children (an imported AWS history).
   * Rejects with an `AslkitError` (code `ASLKIT_COMMAND_REFUSED`) for a run or child it does not know.
   */
  query?<Q extends ViewerQuery>(query: Q): Promise<ViewerAnswer<Q>>;
}
