/**
 * The contract between the run loop and the executors: what an executor sees of the state it
 * runs (`StateRun`), how an attempt that did not throw ends (`StateOutcome`), and the executor
 * type. Failure is a thrown `StatesError`; the run loop alone applies Retry and Catch.
 */
import type { Json } from '../json.js';
import type { Awaitable, OutcomeSource, StepEnv } from '../dataflow/pipeline.js';
import type { StateType } from '../definition/types.js';
import type { CompiledScope, CompiledState, CompiledStates } from '../runtime/compiled-state.js';
import type { Fiber } from '../runtime/fiber.js';
import type { ContainerPlan, ScopePlan } from '../redrive/redrive-plan.js';
import type { Abortable } from '../runtime/abort-listeners.js';

/** What an executor sees of the state it runs. */
export interface StateRun<S extends CompiledState = CompiledState> {
  readonly state: S;
  readonly fiber: Fiber;
  readonly env: StepEnv;
  /** The input after InputPath (what `field()` and Choice read). */
  readonly effective: Json;
  readonly raw: Json;
  /** `raw` as JSON text (its Entered event's input): a Task whose input is `raw` reuses it. */
  readonly rawText: string;
  readonly retryCount: number;
  readonly taskToken: string | undefined;
  readonly signal: Abortable;
  /** Runs a nested scope (a Parallel branch, a Map iteration) on `fiber`; a redrive's `plan` says where it goes on from. */
  runScope(scope: CompiledScope, input: Json, fiber: Fiber, plan?: ScopePlan): Promise<Json>;
  /** A redriven Parallel or inline Map's first attempt: the branches or iterations that succeeded before, and where the others go on from. */
  readonly redrive?: ContainerPlan;
}

/** How an attempt ended when it did not fail. */
export type StateOutcome =
  /** The result; the state's own transition follows (`Next`, or the scope's end for `End: true`). */
  | { readonly kind: 'result'; readonly result: Json }
  /** The result, and the state the executor picked (Choice); `source` names the rule that picked it. */
  | { readonly kind: 'next'; readonly result: Json; readonly next: string; readonly source?: OutcomeSource }
  /** The result, and the scope ends here (Succeed). */
  | { readonly kind: 'end'; readonly result: Json };

/** Runs one attempt of a state of one type; synchronous states return their outcome directly. */
export type StateExecutor<S extends CompiledState> = (input: Json, run: StateRun<S>) => Awaitable<StateOutcome>;

/** One executor per state type, each typed for the compiled state of its type. */
export type ExecutorRegistry = { readonly [T in StateType]: StateExecutor<CompiledStates[T]> };
