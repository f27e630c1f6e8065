/**
 * The run loop. For each state: record Entered, then (per attempt) the data-flow input
 * step, the state's executor, the output step, and record Exited. Retry and Catch are
 * applied here, once, for every state type; executors only throw `StatesError`.
 */
import type { Json, JsonObject } from '../json.js';
import type { HistoryEventType } from '../history/events.js';
import type { Awaitable, OutcomeSource, StepEnv, StepOutcome } from '../dataflow/pipeline.js';
import { ErrorName, StatesError } from '../errors/states-error.js';
import { findHandler } from '../errors/error-matching.js';
import { maxAttempts, retryDelayMs } from '../errors/retry.js';
import { AbortedError, isoTimestamp } from './clock.js';
import type { CompiledScope, CompiledState } from './compile.js';
import { contextObject } from './context-object.js';
import type { Fiber } from './fiber.js';
import { exceedsBytes } from './payload-size.js';
import { executors } from '../states/index.js';
import { evaluationFailure } from '../query/jsonata/errors.js';
import { checkAssignmentSize } from './variables.js';

/** What an executor sees of the state it runs. */
export interface StateRun {
  readonly state: CompiledState;
  readonly fiber: Fiber;
  readonly env: StepEnv;
  /** The input after InputPath (what `field()` and Choice read). */
  readonly effective: Json;
  readonly raw: Json;
  readonly enteredEventId: number;
  readonly retryCount: number;
  readonly taskToken?: string;
  readonly signal: AbortSignal;
  runScope(scope: CompiledScope, input: Json, fiber: Fiber): Promise<Json>;
}

export interface ExecutorResult {
  result: Json;
  /** Overrides the state's `Next` (Choice). */
  next?: string;
  /** Ends the scope (Succeed). */
  end?: boolean;
  source?: OutcomeSource;
}

export type StateExecutor = (input: Json, run: StateRun) => Awaitable<ExecutorResult>;

interface Step {
  output: Json;
  next?: string;
}

/** Errors raised by the engine itself carry AWS's "where" prefix; task and Fail errors do not. */
const LOCATED_ERRORS = new Set<string | undefined>([ErrorName.Runtime, ErrorName.QueryEvaluationError]);
const locatedMarker = new WeakSet<StatesError>();

export function locateError(error: StatesError, stateName: string, enteredEventId: number): StatesError {
  if (locatedMarker.has(error)) return error;
  const located = LOCATED_ERRORS.has(error.error)
    ? new StatesError(
        error.error,
        `An error occurred while executing the state '${stateName}' (entered at the event id #${enteredEventId}). ${error.causeText ?? ''}`,
      )
    : error;
  locatedMarker.add(located);
  return located;
}

const ABORTABLE = new Set(['Task', 'Parallel', 'Map']);
const RETRYABLE = ABORTABLE;

/** Runs a scope from its StartAt to its end; returns the output or throws a `StatesError`. */
export async function runScope(scope: CompiledScope, input: Json, fiber: Fiber): Promise<Json> {
  let state = scope.states.get(scope.startAt)!;
  let raw = input;
  for (;;) {
    const running = runState(state, raw, fiber);
    const step = isPromise(running) ? await running : running;
    if (step.next === undefined) return step.output;
    state = scope.states.get(step.next)!;
    raw = step.output;
  }
}

async function runState(state: CompiledState, raw: Json, fiber: Fiber): Promise<Step> {
  const env = fiber.env;
  if (fiber.signal.aborted) throw new AbortedError(fiber.signal.reason);
  if (++env.transitions > env.limits.stateTransitions) {
    throw new StatesError(ErrorName.Runtime, `The execution exceeded the limit of ${env.limits.stateTransitions} state transitions set by the host.`);
  }
  // Let the host's own timers and I/O run now and then during long synchronous stretches.
  if ((env.transitions & 0x3ff) === 0) await env.clock.yieldToHost();
  const gate = env.gate?.({ kind: 'enter', state, input: raw });
  if (isPromise(gate)) await gate;

  const enteredTime = isoTimestamp(env.clock.now());
  const enteredEventId = fiber.record(`${state.type}StateEntered` as 'PassStateEntered', {
    stateEnteredEventDetails: { name: state.name, input: JSON.stringify(raw), inputDetails: { truncated: false } },
  });
  const counters = state.retriers.map(() => 0);
  let retryCount = 0;
  for (;;) {
    const taskToken = state.resource?.pattern === 'waitForTaskToken' ? newTaskToken(fiber) : undefined;
    const stepEnv: StepEnv = {
      context: contextObject(env, {
        name: state.name,
        enteredTime,
        retryCount: RETRYABLE.has(state.type) ? retryCount : undefined,
        taskToken,
      }),
      variables: fiber.variables,
      random: env.random,
    };
    try {
      const prepared = state.flow.input(raw, stepEnv);
      const { effective, taskInput } = isPromise(prepared) ? await prepared : prepared;
      const run: StateRun = {
        state, fiber, env: stepEnv, effective, raw, enteredEventId, retryCount, taskToken, signal: fiber.signal, runScope,
      };
      const running = executors[state.type](taskInput, run);
      const executed = isPromise(running) ? await running : running;
      const produced = state.flow.output(raw, executed.result, stepEnv, executed.source);
      const outcome = isPromise(produced) ? await produced : produced;
      return exit(state, fiber, outcome, executed.end ? undefined : (executed.next ?? state.next));
    } catch (thrown) {
      if (taskToken !== undefined) env.tokens.close(taskToken);
      if (thrown instanceof AbortedError) {
        if (ABORTABLE.has(state.type)) fiber.record(`${state.type}StateAborted` as 'TaskStateAborted', {});
        throw thrown;
      }
      if (!(thrown instanceof StatesError)) throw thrown;
      const error = locateError(thrown, state.name, enteredEventId);
      recordEvaluationFailed(fiber, state.name, thrown, error);
      const retrier = findHandler(state.retriers, error.error);
      if (retrier >= 0 && counters[retrier]! < maxAttempts(state.retriers[retrier]!)) {
        const delay = retryDelayMs(state.retriers[retrier]!, counters[retrier]!, () => env.random.next());
        counters[retrier]!++;
        retryCount++;
        await env.clock.sleep(delay, fiber.signal);
        continue;
      }
      const catcher = findHandler(state.catchers, error.error);
      if (catcher < 0) throw error;
      const errorOutput: JsonObject = { Error: error.error ?? null, Cause: error.causeText ?? null };
      let outcome: StepOutcome;
      try {
        outcome = await state.flow.catchOutput(catcher, raw, errorOutput, stepEnv);
      } catch (catchFailure) {
        // A catcher's own Output/Assign failing (JSONata) fails the state like any state error.
        if (!(catchFailure instanceof StatesError)) throw catchFailure;
        const located = locateError(catchFailure, state.name, enteredEventId);
        recordEvaluationFailed(fiber, state.name, catchFailure, located);
        throw located;
      }
      return await exit(state, fiber, outcome, state.catchers[catcher]!.Next);
    }
  }
}

/** AWS writes EvaluationFailed before a JSONata failure is retried, caught or fails the execution. */
function recordEvaluationFailed(fiber: Fiber, stateName: string, thrown: StatesError, located: StatesError): void {
  const failure = evaluationFailure(thrown);
  if (!failure) return;
  fiber.record('EvaluationFailed', {
    evaluationFailedEventDetails: {
      error: located.error ?? ErrorName.QueryEvaluationError,
      cause: located.causeText ?? '',
      ...(failure.location === undefined ? {} : { location: failure.location }),
      state: stateName,
    },
  });
}

/** Awaiting only real promises keeps synchronous states (Pass, Choice) off the microtask queue. */
const isPromise = <T>(value: T | Promise<T>): value is Promise<T> =>
  typeof value === 'object' && value !== null && typeof (value as Promise<T>).then === 'function';

function exit(state: CompiledState, fiber: Fiber, outcome: StepOutcome, next: string | undefined): Step | Promise<Step> {
  const output = JSON.stringify(outcome.output);
  if (exceedsBytes(output, fiber.env.limits.payloadBytes)) {
    throw new StatesError(
      ErrorName.DataLimitExceeded,
      `The state/task '${state.name}' returned a result with a size exceeding the maximum number of bytes service limit.`,
    );
  }
  const details: {
    name: string;
    output: string;
    outputDetails: { truncated: boolean };
    assignedVariables?: Record<string, string>;
    assignedVariablesDetails?: { truncated: boolean };
  } = { name: state.name, output, outputDetails: { truncated: false } };
  if (outcome.assigned) {
    details.assignedVariables = Object.fromEntries(Object.entries(outcome.assigned).map(([k, v]) => [k, JSON.stringify(v)]));
    checkAssignmentSize(state.name, details.assignedVariables);
    details.assignedVariablesDetails = { truncated: false };
  }
  if (state.type !== 'Fail') {
    fiber.record(`${state.type}StateExited` as Extract<HistoryEventType, 'PassStateExited'>, { stateExitedEventDetails: details });
  }
  if (outcome.assigned) fiber.variables.assign(outcome.assigned);
  const step = { output: outcome.output, next };
  const gate = fiber.env.gate?.({ kind: 'exit', state, input: outcome.output, output: outcome.output });
  return isPromise(gate) ? gate.then(() => step) : step;
}

/** Task tokens look like AWS's opaque tokens and come from the seeded random source. */
const newTaskToken = (fiber: Fiber): string => {
  const token = `AQB${fiber.env.random.uuid().replace(/-/g, '')}${fiber.env.random.uuid().replace(/-/g, '')}`;
  fiber.env.tokens.issue(token);
  return token;
};
