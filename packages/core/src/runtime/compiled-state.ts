/**
 * The compiled model the run loop executes: one member per state type, each with the fields its
 * type compiles (a Task's parsed resource, a Map's processor scope, a Choice's targets), so no
 * executor checks for a field its type always has.
 */
import type {
  Catcher,
  ChoiceState,
  FailState,
  MapState,
  ParallelState,
  PassState,
  QueryLanguage,
  Retrier,
  StateType,
  SucceedState,
  TaskState,
  WaitState,
} from '../definition/types.js';
import type { OutcomeSource, StateDataFlow } from '../dataflow/pipeline.js';
import type { ParsedResource } from '../resolvers/resource.js';
import type { ExecutionType } from './execution-type.js';

/** The history event types of each state type, named once instead of at every event. */
export const STATE_EVENTS = {
  Pass: { entered: 'PassStateEntered', exited: 'PassStateExited' },
  Task: { entered: 'TaskStateEntered', exited: 'TaskStateExited', aborted: 'TaskStateAborted' },
  Choice: { entered: 'ChoiceStateEntered', exited: 'ChoiceStateExited' },
  Wait: { entered: 'WaitStateEntered', exited: 'WaitStateExited' },
  Succeed: { entered: 'SucceedStateEntered', exited: 'SucceedStateExited' },
  Fail: { entered: 'FailStateEntered', exited: undefined },
  Parallel: {
    entered: 'ParallelStateEntered',
    exited: 'ParallelStateExited',
    aborted: 'ParallelStateAborted',
    failed: 'ParallelStateFailed',
  },
  Map: { entered: 'MapStateEntered', exited: 'MapStateExited', aborted: 'MapStateAborted', failed: 'MapStateFailed' },
} as const;

/** What every compiled state has. */
interface CompiledBase<T extends StateType, D> {
  readonly name: string;
  readonly type: T;
  readonly definition: D;
  /** JSON pointer of the state in the definition. */
  readonly pointer: string;
  readonly queryLanguage: QueryLanguage;
  readonly flow: StateDataFlow;
  readonly events: (typeof STATE_EVENTS)[T];
}

/** A state with `Next` or `End: true`. */
interface Transitions {
  /** `undefined` when the state ends its scope (`End: true`). */
  readonly next: string | undefined;
}

/** Choice (its rules name the next state), Succeed and Fail: no transition of their own. */
interface NoTransition {
  readonly next: undefined;
}

/** Task, Parallel and Map: their failures go through Retry and Catch. */
interface Recovers {
  readonly retriers: readonly Retrier[];
  readonly catchers: readonly Catcher[];
}

export interface CompiledPass extends CompiledBase<'Pass', PassState>, Transitions {}

export interface CompiledTask extends CompiledBase<'Task', TaskState>, Transitions, Recovers {
  readonly resource: ParsedResource;
}

/** One top-level Choice rule's target; `source` tells the output step which rule's Output/Assign apply. */
export interface ChoiceTarget {
  readonly next: string;
  readonly source: OutcomeSource;
}

export interface CompiledChoice extends CompiledBase<'Choice', ChoiceState>, NoTransition {
  /** By rule index. */
  readonly targets: readonly ChoiceTarget[];
  readonly defaultNext: string | undefined;
}

export interface CompiledWait extends CompiledBase<'Wait', WaitState>, Transitions {}

export interface CompiledSucceed extends CompiledBase<'Succeed', SucceedState>, NoTransition {}

export interface CompiledFail extends CompiledBase<'Fail', FailState>, NoTransition {}

export interface CompiledParallel extends CompiledBase<'Parallel', ParallelState>, Transitions, Recovers {
  readonly branches: readonly CompiledScope[];
}

export interface CompiledMap extends CompiledBase<'Map', MapState>, Transitions, Recovers {
  readonly processor: CompiledScope;
  /** A distributed Map: a Map Run whose iterations are child executions with no outer variables. */
  readonly distributed: boolean;
  /** The children's type (ProcessorConfig.ExecutionType; STANDARD when unset). */
  readonly processorType: ExecutionType;
}

/** The compiled state of each type, by type name. */
export interface CompiledStates {
  Pass: CompiledPass;
  Task: CompiledTask;
  Choice: CompiledChoice;
  Wait: CompiledWait;
  Succeed: CompiledSucceed;
  Fail: CompiledFail;
  Parallel: CompiledParallel;
  Map: CompiledMap;
}

/** A compiled state: a union on `type`. */
export type CompiledState = CompiledStates[StateType];

/** The states whose failures Retry and Catch handle. */
export type RecoveringState = CompiledTask | CompiledParallel | CompiledMap;

export const recovers = (state: CompiledState): state is RecoveringState =>
  state.type === 'Task' || state.type === 'Parallel' || state.type === 'Map';

export interface CompiledScope {
  readonly startAt: string;
  readonly states: ReadonlyMap<string, CompiledState>;
}

export interface CompiledMachine {
  readonly root: CompiledScope;
  readonly timeoutSeconds?: number;
  readonly queryLanguage: QueryLanguage;
  /** Every state of the machine, nested ones included, by name. */
  readonly allStates: ReadonlyMap<string, CompiledState>;
}
