/**
 * The debug session's own life as an xstate v5 machine: idle → running ⇄ paused, stepping,
 * done. It holds what a UI shows about the session (where it is paused and why, how many
 * events are revealed, the result); the session object performs the effects.
 */
import { assign, setup } from 'xstate';
import type { ExecutionResult } from '../runtime/execution.js';
import type { Breakpoint } from './breakpoints.js';

export type SessionState = 'idle' | 'running' | 'paused' | 'stepping' | 'done';
export type StepUnit = 'event' | 'transition';

/** Where a paused session stands. */
export interface PausedAt {
  /** The state at the pause point ('' for execution-level events such as ExecutionStarted). */
  stateName: string;
  /** `enter`: before or inside the state; `exit`: once it has exited. */
  on: 'enter' | 'exit';
  reason: 'breakpoint' | 'step' | 'pause';
  /** The last event revealed (0 before ExecutionStarted). */
  eventId: number;
  /** The breakpoint that stopped the run (reason `breakpoint`). */
  breakpoint?: Breakpoint;
  /**
   * Counts the session's pauses (1, 2, ...). Two iterations of a Map can stop at the same
   * state, event and side in a row; this tells the second stop from the first.
   */
  pause: number;
}

/** A pause point as the session reports it; the machine numbers it. */
export type PauseRequest = Omit<PausedAt, 'pause'>;

export interface SessionContext {
  stepUnit: StepUnit;
  pausedAt?: PausedAt;
  result?: ExecutionResult;
  /** How many times the session has paused. */
  pauses: number;
  /** Events revealed so far (updated once per macrotask while events stream). */
  revealed: number;
  breakpoints: readonly Breakpoint[];
  /** Set once `abort()` was called: the run drains to its end without pausing. */
  aborting: boolean;
}

export type SessionEvent =
  | { type: 'START' }
  | { type: 'PAUSE'; at: PauseRequest }
  | { type: 'RESUME' }
  | { type: 'STEP'; unit: StepUnit }
  | { type: 'HIT'; at: PauseRequest }
  | { type: 'ABORT' }
  | { type: 'FINISH'; result: ExecutionResult }
  | { type: 'REVEALED'; count: number }
  | { type: 'SET_BREAKPOINTS'; breakpoints: readonly Breakpoint[] };

const notAborting = ({ context }: { context: SessionContext }) => !context.aborting;

/** The session machine; `createDebugSession` runs one actor of it per execution. */
export const debugSessionMachine = setup({
  types: {
    context: {} as SessionContext,
    events: {} as SessionEvent,
    input: {} as { breakpoints: readonly Breakpoint[] },
  },
  actions: {
    pauseHere: assign(({ event, context }) => {
      if (event.type !== 'HIT' && event.type !== 'PAUSE') return {};
      const pause = context.pauses + 1;
      return { pauses: pause, pausedAt: { ...event.at, pause } };
    }),
    setUnit: assign({
      stepUnit: ({ event, context }) => (event.type === 'STEP' ? event.unit : context.stepUnit),
      pausedAt: undefined,
    }),
    leavePause: assign({ pausedAt: undefined }),
    startAborting: assign({ aborting: true, pausedAt: undefined }),
    finish: assign({
      result: ({ event, context }) => (event.type === 'FINISH' ? event.result : context.result),
      pausedAt: undefined,
    }),
  },
}).createMachine({
  id: 'aslkit.debugSession',
  initial: 'idle',
  context: ({ input }) => ({
    stepUnit: 'transition',
    pauses: 0,
    revealed: 0,
    breakpoints: input.breakpoints,
    aborting: false,
  }),
  on: {
    REVEALED: { actions: assign({ revealed: ({ event }) => event.count }) },
    SET_BREAKPOINTS: { actions: assign({ breakpoints: ({ event }) => event.breakpoints }) },
  },
  states: {
    idle: {
      on: {
        START: 'running',
        RESUME: 'running',
        STEP: { target: 'stepping', actions: 'setUnit' },
        ABORT: { target: 'done', actions: 'startAborting' },
      },
    },
    running: {
      on: {
        PAUSE: { target: 'paused', guard: notAborting, actions: 'pauseHere' },
        HIT: { target: 'paused', guard: notAborting, actions: 'pauseHere' },
        STEP: { target: 'stepping', guard: notAborting, actions: 'setUnit' },
        ABORT: { actions: 'startAborting' },
        FINISH: { target: 'done', actions: 'finish' },
      },
    },
    stepping: {
      on: {
        PAUSE: { target: 'paused', guard: notAborting, actions: 'pauseHere' },
        HIT: { target: 'paused', guard: notAborting, actions: 'pauseHere' },
        STEP: { actions: 'setUnit' },
        RESUME: 'running',
        ABORT: { target: 'running', actions: 'startAborting' },
        FINISH: { target: 'done', actions: 'finish' },
      },
    },
    paused: {
      on: {
        RESUME: { target: 'running', actions: 'leavePause' },
        STEP: { target: 'stepping', actions: 'setUnit' },
        ABORT: { target: 'running', actions: 'startAborting' },
        FINISH: { target: 'done', actions: 'finish' },
      },
    },
    done: { type: 'final' },
  },
});
