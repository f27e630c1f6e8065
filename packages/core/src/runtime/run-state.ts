/**
 * The run loop. For each state: record Entered, then (per attempt) the data-flow input
 * step, the state's executor, the output step, and record Exited. Retry and Catch are
 * applied here, once, for every state type; executors only throw `StatesError`.
 */
import type { Json, JsonObject } from '../json.js';
import { NOT_TRUNCATED } from '../history/events.js';
import type { StageSink, StepEnv, StepOutcome } from '../dataflow/pipeline.js';
import { ErrorName, HeartbeatExpiredError, StatesError } from '../errors/states-error.js';
import { decideRecovery } from '../errors/recovery.js';
import { AbortedError, isoTimestamp } from './clock.js';
import { recovers, type CompiledScope, type CompiledState } from './compiled-state.js';
import { contextObject, type StateContextFacts } from './context-object.js';
import type { ExecutionEnv, Fiber } from './fiber.js';
import type { Random } from './random.js';
import { payloadText } from './payload-limits.js';
import { execute } from '../states/index.js';
import type { StateOutcome, StateRun } from '../states/executor.js';
import { evaluationFailure } from '../query/jsonata/errors.js';
import { serializeAssignment, type VariableScope } from './variables.js';
import { isPromise } from './awaitable.js';
import { AttemptInspection, inspectedStages, type StateInspection } from './inspection.js';
import { takeStateFailure } from '../states/state-failure.js';
import type { ContainerPlan, ScopePlan } from '../redrive/redrive-plan.js';

interface Step {
  output: Json;
  /** The output as JSON text: the next state's Entered event reuses it. */
  outputText: string;
  next?: string;
}

/** Errors raised by the engine itself carry AWS's "where" prefix; task and Fail errors do not. */
const LOCATED_ERRORS = new Set<string | undefined>([
  ErrorName.Runtime,
  ErrorName.QueryEvaluationError,
  // A distributed Map's reader failures carry it too (as recorded against AWS by other emulators' tests).
  ErrorName.ItemReaderFailed,
]);
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

/**
 * Runs a scope from its StartAt to its end; returns the output or throws a `StatesError`. A
 * redrive's `plan` starts it where it stopped instead, with the variables it had assigned.
 */
export async function runScope(scope: CompiledScope, input: Json, fiber: Fiber, plan?: ScopePlan): Promise<Json> {
  let state = stateNamed(scope, plan?.start ?? fiber.env.startAt?.get(scope) ?? scope.startAt);
  let raw = plan ? plan.input : input;
  let rawText: string | undefined = plan?.inputText;
  let container = plan?.container;
  if (plan?.variables) fiber.variables.assign(plan.variables);
  for (;;) {
    const running = runState(state, raw, rawText, fiber, container);
    container = undefined;
    const step = isPromise(running) ? await running : running;
    const gate = fiber.env.gate?.({ kind: 'exit', state, input: raw, output: step.output });
    if (isPromise(gate)) await atGate(fiber, gate).then(() => checkAborted(fiber));
    if (step.next === undefined) return step.output;
    state = stateNamed(scope, step.next);
    raw = step.output;
    rawText = step.outputText;
  }
}

/** Compiling checked every transition, so a missing state is a bug of aslkit's, not of the machine. */
function stateNamed(scope: CompiledScope, name: string): CompiledState {
  const state = scope.states.get(name);
  if (state === undefined) throw new Error(`no state named '${name}' in the compiled scope`);
  return state;
}

/** One entry into a state: what every attempt (and every retry) of it shares. */
interface Entry {
  readonly state: CompiledState;
  readonly raw: Json;
  readonly rawText: string;
  readonly fiber: Fiber;
  readonly enteredEventId: number;
  readonly enteredTime: string;
  counters?: number[];
  retryCount: number;
  /** A redriven Parallel or Map: what its first attempt skips (a retry runs everything). */
  redrive: ContainerPlan | undefined;
  /** The current attempt's stages, when the run inspects. */
  inspection?: AttemptInspection;
}

/**
 * The step functions below return a value when everything they call is synchronous and a
 * promise otherwise, so Pass, Choice and other synchronous states cost no microtask turns.
 */
function runState(
  state: CompiledState,
  raw: Json,
  rawText: string | undefined,
  fiber: Fiber,
  redrive: ContainerPlan | undefined,
): Step | Promise<Step> {
  const env = fiber.env;
  if (fiber.signal.aborted) throw new AbortedError(fiber.signal.reason);
  if (++env.transitions > env.limits.stateTransitions) {
    throw new StatesError(
      ErrorName.Runtime,
      `The execution exceeded the limit of ${env.limits.stateTransitions} state transitions set by the host.`,
    );
  }
  // Let the host's own timers and I/O run now and then during long synchronous stretches.
  if ((env.transitions & 0x3ff) === 0)
    return env.clock.yieldToHost().then(() => enter(state, raw, rawText, fiber, redrive));
  return enter(state, raw, rawText, fiber, redrive);
}

function enter(
  state: CompiledState,
  raw: Json,
  rawText: string | undefined,
  fiber: Fiber,
  redrive: ContainerPlan | undefined,
): Step | Promise<Step> {
  const gate = fiber.env.gate?.({ kind: 'enter', state, input: raw });
  if (isPromise(gate))
    return atGate(fiber, gate).then(() => (checkAborted(fiber), recordEntry(state, raw, rawText, fiber, redrive)));
  return recordEntry(state, raw, rawText, fiber, redrive);
}

/** A fiber waiting at a gate is not waiting on time: virtual time stands still until the gate opens. */
function atGate(fiber: Fiber, gate: Promise<void>): Promise<void> {
  const release = fiber.env.clock.hold();
  return gate.finally(release);
}

/** A debugger may hold a gate while the execution is stopped: nothing runs after a stop. */
function checkAborted(fiber: Fiber): void {
  if (fiber.signal.aborted) throw new AbortedError(fiber.signal.reason);
}

function recordEntry(
  state: CompiledState,
  raw: Json,
  rawText: string | undefined,
  fiber: Fiber,
  redrive: ContainerPlan | undefined,
): Step | Promise<Step> {
  const enteredTime = isoTimestamp(fiber.env.clock.now());
  // A state's input is the previous state's output, already measured, except where a scope
  // starts: the execution, a Parallel branch, a Map iteration (after Parameters or ItemSelector).
  const inputText = rawText ?? payloadText(raw, fiber.env.limits.payloadBytes, 'input', state.name);
  const enteredEventId = fiber.record(state.events.entered, {
    stateEnteredEventDetails: { name: state.name, input: inputText, inputDetails: NOT_TRUNCATED },
  });
  return attempt({ state, raw, rawText: inputText, fiber, enteredEventId, enteredTime, retryCount: 0, redrive });
}

/**
 * What data-flow steps read, and the facts `$$.State` is built from; the context object is
 * built only if a path or expression asks for it.
 */
class AttemptEnv implements StepEnv, StateContextFacts {
  private built: JsonObject | undefined;
  readonly random: Random;

  constructor(
    private readonly executionEnv: ExecutionEnv,
    readonly variables: VariableScope,
    readonly name: string,
    readonly enteredTime: string,
    readonly retryCount: number | undefined,
    readonly taskToken: string | undefined,
    readonly stages: StageSink | undefined,
    readonly synchronous: boolean,
  ) {
    this.random = executionEnv.random;
  }

  get context(): JsonObject {
    return (this.built ??= contextObject(this.executionEnv, this));
  }

  now(): number {
    return this.executionEnv.clock.now();
  }

  get queryBudgets(): ExecutionEnv['limits']['queryBudgets'] {
    return this.executionEnv.limits.queryBudgets;
  }
}

function attempt(entry: Entry): Step | Promise<Step> {
  const gate = entry.fiber.env.gate?.({ kind: 'attempt', state: entry.state, input: entry.raw });
  if (!isPromise(gate)) return runAttempt(entry);
  return atGate(entry.fiber, gate).then(() => {
    if (!entry.fiber.signal.aborted) return runAttempt(entry);
    recordAborted(entry);
    throw new AbortedError(entry.fiber.signal.reason);
  });
}

function runAttempt(entry: Entry): Step | Promise<Step> {
  const { state, fiber } = entry;
  const taskToken =
    state.type === 'Task' && state.resource.pattern === 'waitForTaskToken' ? newTaskToken(fiber) : undefined;
  // States that can retry carry `$$.State.RetryCount`.
  const retryCount = recovers(state) ? entry.retryCount : undefined;
  if (fiber.env.inspect)
    entry.inspection = new AttemptInspection(
      state.name,
      entry.enteredEventId,
      entry.retryCount,
      entry.raw,
      inspectedStages(state),
    );
  const stepEnv = new AttemptEnv(
    fiber.env,
    fiber.variables,
    state.name,
    entry.enteredTime,
    retryCount,
    taskToken,
    entry.inspection?.sink,
    !fiber.concurrent,
  );
  let result: Step | Promise<Step>;
  try {
    const prepared = state.flow.input(entry.raw, stepEnv);
    result = isPromise(prepared)
      ? prepared.then((input) => runExecutor(entry, stepEnv, input))
      : runExecutor(entry, stepEnv, prepared);
  } catch (thrown) {
    return recover(entry, stepEnv, taskToken, thrown);
  }
  return isPromise(result)
    ? result.then(undefined, (thrown: unknown) => recover(entry, stepEnv, taskToken, thrown))
    : result;
}

// The steps after the input step, written out (no closures) when they are synchronous: a
// state costs no allocations it does not need.
function runExecutor(
  entry: Entry,
  stepEnv: AttemptEnv,
  input: { effective: Json; taskInput: Json },
): Step | Promise<Step> {
  const { state, fiber } = entry;
  const run: StateRun = {
    state,
    fiber,
    env: stepEnv,
    effective: input.effective,
    raw: entry.raw,
    rawText: entry.rawText,
    retryCount: entry.retryCount,
    taskToken: stepEnv.taskToken,
    signal: fiber.signal,
    runScope,
    redrive: entry.redrive,
  };
  entry.redrive = undefined;
  const executed = execute(state.type, input.taskInput, run);
  return isPromise(executed)
    ? executed.then((settled) => runOutput(entry, stepEnv, settled))
    : runOutput(entry, stepEnv, executed);
}

function runOutput(entry: Entry, stepEnv: AttemptEnv, executed: StateOutcome): Step | Promise<Step> {
  entry.inspection?.set('result', executed.result);
  let next: string | undefined;
  if (executed.kind === 'result') next = entry.state.next;
  else if (executed.kind === 'next') next = executed.next;
  const source = executed.kind === 'next' ? executed.source : undefined;
  const outcome = entry.state.flow.output(entry.raw, executed.result, stepEnv, source);
  return isPromise(outcome) ? outcome.then((settled) => exit(entry, settled, next)) : exit(entry, outcome, next);
}

/** A failed attempt: Retry (sleep, then a new attempt), else Catch, else the error goes up. */
function recover(entry: Entry, stepEnv: StepEnv, taskToken: string | undefined, thrown: unknown): Step | Promise<Step> {
  const { state, raw, fiber } = entry;
  const env = fiber.env;
  if (taskToken !== undefined) env.tokens.close(taskToken);
  if (thrown instanceof AbortedError) {
    recordAborted(entry);
    throw thrown;
  }
  if (!(thrown instanceof StatesError)) throw thrown;
  const error = locateError(thrown, state.name, entry.enteredEventId);
  recordEvaluationFailed(fiber, state.name, thrown, error);
  const failedEvent =
    takeStateFailure(thrown) && (state.type === 'Map' || state.type === 'Parallel') ? state.events.failed : undefined;
  if (!recovers(state)) {
    finishInspection(entry, 'failed', error);
    throw error;
  }
  const counts = (entry.counters ??= []);
  const decision = decideRecovery({
    error: error.error,
    // Only the Task's own handlers tell a missed heartbeat apart: a branch's failure reaches its
    // Parallel or Map by name (States.Timeout), as any error does.
    heartbeatExpired: state.type === 'Task' && thrown instanceof HeartbeatExpiredError,
    retriers: state.retriers,
    counts,
    catchers: state.catchers,
    draw: () => env.random.next(),
  });
  // Map and Parallel record their Failed event once, when no retry follows.
  if (decision.kind !== 'retry' && failedEvent !== undefined) fiber.record(failedEvent, {});
  if (entry.inspection) finishInspection(entry, INSPECTED_OUTCOME[decision.kind], error);
  if (decision.kind === 'retry') {
    counts[decision.index] = (counts[decision.index] ?? 0) + 1;
    entry.retryCount++;
    return env.clock.sleep(decision.delayMs, fiber.signal).then(
      () => attempt(entry),
      (aborted: unknown) => recover(entry, stepEnv, undefined, aborted),
    );
  }
  if (decision.kind === 'fail') throw error;
  const errorOutput: JsonObject = { Error: error.error ?? null, Cause: error.causeText ?? null };
  // A catcher's own Output/Assign failing (JSONata) fails the state like any state error.
  const catchFailed = (failure: unknown): never => {
    if (!(failure instanceof StatesError)) throw failure;
    const located = locateError(failure, state.name, entry.enteredEventId);
    recordEvaluationFailed(fiber, state.name, failure, located);
    throw located;
  };
  let produced: StepOutcome | Promise<StepOutcome>;
  try {
    produced = state.flow.catchOutput(decision.index, raw, errorOutput, stepEnv);
  } catch (failure) {
    return catchFailed(failure);
  }
  const next = decision.catcher.Next;
  return isPromise(produced)
    ? produced.then((outcome) => exit(entry, outcome, next), catchFailed)
    : exit(entry, produced, next);
}

/** Task, Parallel and Map record that an attempt was stopped (the execution ended or a sibling failed). */
function recordAborted({ state, fiber }: Entry): void {
  if (recovers(state)) fiber.record(state.events.aborted, {});
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

function exit(entry: Entry, outcome: StepOutcome, next: string | undefined): Step {
  const { state, fiber } = entry;
  if (entry.inspection) {
    entry.inspection.set('output', outcome.output);
    entry.inspection.assigned(outcome.assigned);
  }
  // A state that passes its input through (Choice, a plain Pass) already has its text.
  const output =
    outcome.output === entry.raw
      ? entry.rawText
      : payloadText(outcome.output, fiber.env.limits.payloadBytes, 'result', state.name);
  const details: {
    name: string;
    output: string;
    outputDetails: { truncated: boolean };
    assignedVariables?: Record<string, string>;
    assignedVariablesDetails?: { truncated: boolean };
  } = { name: state.name, output, outputDetails: NOT_TRUNCATED };
  if (outcome.assigned) {
    details.assignedVariables = serializeAssignment(state.name, outcome.assigned);
    details.assignedVariablesDetails = NOT_TRUNCATED;
  }
  // A Fail state has no Exited event.
  const exited = state.events.exited;
  if (exited !== undefined) fiber.record(exited, { stateExitedEventDetails: details });
  if (outcome.assigned) fiber.variables.assign(outcome.assigned);
  // Only now: an output over the payload limit fails the attempt after its output stage.
  finishInspection(entry, 'succeeded');
  return { output: outcome.output, outputText: output, next };
}

const INSPECTED_OUTCOME = { retry: 'retried', catch: 'caught', fail: 'failed' } as const;

/** Hands the attempt's stages to the run's listener, once: a caught attempt's catcher output is not its own. */
function finishInspection(entry: Entry, outcome: StateInspection['outcome'], error?: StatesError): void {
  const inspection = entry.inspection;
  if (!inspection) return;
  entry.inspection = undefined;
  entry.fiber.env.inspect?.(inspection.finish(outcome, error));
}

/** Task tokens look like AWS's opaque tokens and come from the seeded random source. */
const newTaskToken = (fiber: Fiber): string => {
  const token = `AQB${fiber.env.random.uuid().replace(/-/g, '')}${fiber.env.random.uuid().replace(/-/g, '')}`;
  fiber.env.tokens.issue(token);
  return token;
};
