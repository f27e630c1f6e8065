/**
 * Task: calls the resolver routed for its `Resource`, racing it against TimeoutSeconds and
 * HeartbeatSeconds on the execution's clock, and records the event family AWS uses for the
 * resource (LambdaFunction* for function ARNs, Task* otherwise, TaskSubmitted for `.sync`
 * and callback tasks).
 */
import { type Json, parseJson } from '../json.js';
import { ErrorName, HeartbeatExpiredError, StatesError, runtimeError } from '../errors/states-error.js';
import {
  isActivityWorkerResolver,
  isAwaitCallback,
  type TaskContext,
  type TaskResolver,
} from '../resolvers/resolver.js';
import type { ParsedResource } from '../resolvers/resource.js';
import { toTaskFailure } from '../resolvers/task-failure.js';
import { jsonTextWithin, OVER_LIMIT } from '../runtime/payload-size.js';
import { nestedTooDeeply, payloadText, payloadTooLarge } from '../runtime/payload-limits.js';
import type { Sleeper } from '../runtime/clock.js';
import { AttemptTimers, SETTLED } from './task-timers.js';
import type { TokenAnswer } from '../runtime/task-tokens.js';
import type { CompiledTask } from '../runtime/compiled-state.js';
import type { StateExecutor, StateOutcome, StateRun } from './executor.js';
import { invalidPathCause, type Awaitable, type FieldName, type FieldValue } from '../dataflow/pipeline.js';
import { TaskEvents } from './task-events.js';
import { domSignal, onAbort, StopSignal, type Abortable } from '../runtime/abort-listeners.js';
import { chain, isPromise } from '../runtime/awaitable.js';

type TaskRun = StateRun<CompiledTask>;
/** `value`: what the resolver answered, any JS value; `succeedTask` gives it JSON semantics. */
type Settled =
  { kind: 'result'; value: unknown } | { kind: 'failed'; error: StatesError } | { kind: 'timeout'; heartbeat?: true };
interface Seconds {
  timeout: number | undefined;
  heartbeat: number | undefined;
}

/**
 * On the root fiber nothing runs alongside the Task, so a plain call (no timers, no
 * callback) takes the synchronous path. Parallel branches and Map iterations keep the
 * promise-based path: its turns are part of the event order of concurrent branches
 * (docs/architecture.md).
 */
export const executeTask: StateExecutor<CompiledTask> = (input, run) => {
  if (run.fiber.concurrent) return executeInRounds(input, run);
  const timeout = positiveSeconds(run, 'TimeoutSeconds');
  const heartbeat = isPromise(timeout) ? undefined : positiveSeconds(run, 'HeartbeatSeconds');
  // Written out rather than chained: closures per call add up over a Task loop.
  if (isPromise(timeout) || isPromise(heartbeat)) {
    return chain(timeout, (knownTimeout) =>
      chain(heartbeat ?? positiveSeconds(run, 'HeartbeatSeconds'), (knownHeartbeat) =>
        dispatch(input, run, knownTimeout, knownHeartbeat),
      ),
    );
  }
  return dispatch(input, run, timeout, heartbeat);
};

const dispatch = (
  input: Json,
  run: TaskRun,
  timeout: number | undefined,
  heartbeat: number | undefined,
): Awaitable<StateOutcome> =>
  needsOwnSignal(run, timeout, heartbeat)
    ? executeInRounds(input, run, { timeout, heartbeat })
    : executeInline(input, run);

/** Timers and callbacks need a signal of their own to cancel. */
const needsOwnSignal = (run: TaskRun, timeout: number | undefined, heartbeat: number | undefined): boolean =>
  timeout !== undefined || heartbeat !== undefined || run.state.resource.pattern === 'waitForTaskToken';

/**
 * A plain call on the fiber's signal (AbortController and its events are costly at tens of
 * thousands of calls). A resolver answering with a plain value while no other call is
 * outstanding settles at once (`Clock.runInline`): no event-loop turn per call.
 */
function executeInline(input: Json, run: TaskRun): Awaitable<StateOutcome> {
  const resolver = findResolver(run, input);
  const events = beginTask(input, run, NO_SECONDS, resolver);
  const signal = run.signal;
  const context = new AttemptTaskContext(run, events, signal, noop, noop);
  let value: unknown;
  try {
    value = run.fiber.env.clock.runInline((sleeper) => {
      context.useSleeper(sleeper);
      return resolver(input, context);
    }, signal);
  } catch (thrown) {
    return finishTask(inlineFailure(thrown, signal), events, run);
  }
  if (isPromise(value)) {
    return value
      .then((answer) => plainAnswer(answer, run))
      .then(undefined, (thrown: unknown) => inlineFailure(thrown, signal))
      .then((settled) => finishTask(settled, events, run));
  }
  if (isAwaitCallback(value)) return finishTask(inlineFailure(misusedCallback(run), signal), events, run);
  return succeedTask(value, events, run);
}

const NO_SECONDS: Seconds = { timeout: undefined, heartbeat: undefined };
const noop = (): void => undefined;
/** A race entrant that never finishes. */
const NEVER = new Promise<never>(() => undefined);

/** A resolver's failure; once the execution is stopped it is no failure of the task. */
function inlineFailure(thrown: unknown, signal: Abortable): Settled {
  if (signal.aborted) throw thrown;
  return { kind: 'failed', error: toTaskFailure(thrown) };
}

const misusedCallback = (run: TaskRun): StatesError =>
  new StatesError(ErrorName.Runtime, `awaitCallback() needs a .waitForTaskToken resource (state '${run.state.name}')`);

/** Without a task token, `awaitCallback()` is a misuse; anything else is the result. */
function plainAnswer(value: unknown, run: TaskRun): Settled {
  if (isAwaitCallback(value)) throw misusedCallback(run);
  return { kind: 'result', value };
}

/** The promise-based path: timers, heartbeats, callbacks, and every Task off the root fiber. */
async function executeInRounds(input: Json, run: TaskRun, known?: Seconds): Promise<StateOutcome> {
  const env = run.fiber.env;
  const timeoutSeconds = known ? known.timeout : await positiveSecondsAsync(run, 'TimeoutSeconds');
  const heartbeatSeconds = known ? known.heartbeat : await positiveSecondsAsync(run, 'HeartbeatSeconds');
  const resolver = findResolver(run, input);
  const events = beginTask(input, run, { timeout: timeoutSeconds, heartbeat: heartbeatSeconds }, resolver);

  const attempt = needsOwnSignal(run, timeoutSeconds, heartbeatSeconds) ? new StopSignal() : undefined;
  const signal = attempt ?? run.signal;
  let cancelParentAbort: (() => void) | undefined;
  if (attempt) {
    // A listener of the events above may already have stopped the execution.
    if (run.signal.aborted) attempt.abort(run.signal.reason);
    else cancelParentAbort = onAbort(run.signal, () => attempt.abort(run.signal.reason));
  }
  const timers = new AttemptTimers(env.clock, signal, timeoutSeconds, heartbeatSeconds);
  const heartbeat = (at?: number) => timers.heartbeat(at);
  const context = new AttemptTaskContext(run, events, signal, heartbeat, () => attempt && timers.useRealTime());
  const work = env.clock
    .run((sleeper) => {
      timers.track(sleeper);
      context.useSleeper(sleeper);
      return resolver(input, context);
    }, signal)
    .then(async (value): Promise<Settled> => {
      // Past its real-time limit the call's outcome no longer counts: the task's timer decides.
      if (timers.expired) return NEVER;
      if (!isAwaitCallback(value)) return { kind: 'result', value };
      if (run.taskToken === undefined) throw misusedCallback(run);
      context.submit(value.response);
      // Only the host can answer (sendTaskSuccess): virtual time gives it a turn before skipping ahead.
      const hostAnswered = env.clock.waitForHost();
      let answer: TokenAnswer;
      try {
        answer = await env.tokens.wait(run.taskToken, heartbeat, signal);
      } finally {
        hostAnswered();
      }
      return answer.ok
        ? { kind: 'result', value: answer.output }
        : { kind: 'failed', error: new StatesError(answer.error, answer.cause) };
    })
    .catch((thrown: unknown): Settled | Promise<never> => {
      if (run.signal.aborted) throw thrown;
      if (timers.expired) return NEVER;
      return { kind: 'failed', error: toTaskFailure(thrown) };
    });
  let settled: Settled;
  try {
    if (!attempt) settled = await work;
    else {
      const racers: Promise<Settled>[] = [work];
      if (heartbeatSeconds !== undefined)
        racers.push(
          new Promise<Settled>(
            (resolve) => (timers.onHeartbeatExpired = () => resolve({ kind: 'timeout', heartbeat: true })),
          ),
        );
      heartbeat();
      if (timeoutSeconds !== undefined) {
        racers.push(
          env.clock.sleep(timeoutSeconds * 1000, signal).then(
            (): Settled => ({ kind: 'timeout' }),
            () => NEVER,
          ),
        );
      }
      settled = await Promise.race(racers);
    }
  } finally {
    if (attempt) {
      cancelParentAbort?.();
      attempt.abort(SETTLED);
    }
    if (run.taskToken !== undefined) env.tokens.close(run.taskToken);
  }
  return finishTask(settled, events, run);
}

function findResolver(run: TaskRun, input: Json): TaskResolver {
  const { state, fiber } = run;
  const resource = state.resource;
  const resolver = fiber.env.resolvers.find(resource, state.name);
  if (!resolver) {
    const message = fiber.env.missingResolverMessage ?? missingResolverMessage;
    throw runtimeError(message(resource, state.name, input));
  }
  return resolver;
}

const missingResolverMessage = (resource: ParsedResource, stateName: string): string =>
  `No task resolver for resource '${resource.arn}' (state '${stateName}'). Script it in the 'mocks' option ` +
  `(by state name, resource ARN or '*'), or pass a resolver in the 'resolvers' option: an exact ARN, a '*' pattern, or a '*' fallback.`;

/** Records the scheduling events and returns the recorder of the rest. */
function beginTask(input: Json, run: TaskRun, seconds: Seconds, resolver: TaskResolver): TaskEvents {
  const resource = run.state.resource;
  const events = new TaskEvents(run.fiber, resource);
  // Without InputPath/Parameters the task input is the state input, already JSON text (and measured).
  const parameters =
    input === run.raw ? run.rawText : payloadText(input, run.fiber.env.limits.payloadBytes, 'input', run.state.name);
  events.scheduled(parameters, seconds.timeout, seconds.heartbeat);
  if (resource.kind === 'activity' && isActivityWorkerResolver(resolver)) events.deferStart();
  else events.started();
  // TaskSubmitted waits for the resolver's submission (context.submit, awaitCallback(response)) or,
  // at the latest, the task's outcome: AWS records it when the submit call answers.
  return events;
}

/** A class rather than a literal with a getter: V8 builds such literals on a slow path. */
class AttemptTaskContext implements TaskContext {
  readonly resource: string;
  readonly parsedResource: ParsedResource;
  readonly stateName: string;
  readonly attempt: number;
  readonly taskToken: string | undefined;
  #sleeper: Sleeper | undefined;
  #clock: TaskContext['clock'] | undefined;
  readonly #run: TaskRun;

  readonly #events: TaskEvents;
  readonly #signal: Abortable;

  constructor(
    run: TaskRun,
    events: TaskEvents,
    signal: Abortable,
    readonly heartbeat: () => void,
    readonly useRealTime: () => void,
  ) {
    this.#events = events;
    this.#signal = signal;
    const resource = run.state.resource;
    this.resource = resource.arn;
    this.parsedResource = resource;
    this.stateName = run.state.name;
    this.attempt = run.retryCount;
    this.taskToken = run.taskToken;
    this.#run = run;
  }

  /** Built on first read (a DOM signal costs microseconds): most resolvers never look at it. */
  get signal(): AbortSignal {
    return domSignal(this.#signal);
  }

  /** The clock's sleeper for this call: a resolver's sleeps then count as waiting, not running. */
  useSleeper(sleeper: Sleeper): void {
    this.#sleeper = sleeper;
  }

  /** Built on first read: most resolvers never look at the clock. */
  get clock(): TaskContext['clock'] {
    if (this.#clock) return this.#clock;
    const clock = this.#run.fiber.env.clock;
    return (this.#clock = {
      now: () => clock.now(),
      sleep: (ms) => (this.#sleeper ? this.#sleeper.sleep(ms, this.#signal) : clock.sleep(ms, this.#signal)),
    });
  }

  workerStarted(workerName?: string): void {
    this.#events.workerStarted(workerName);
  }

  submit(response?: Json): void {
    this.#events.submitted(response === undefined ? undefined : (JSON.stringify(response) ?? 'null'));
  }

  /** Built on first read: most resolvers never look at `$$`. */
  get contextObject(): Json {
    return this.#run.env.context;
  }
}

/** Records how the attempt ended; the result, or a thrown `StatesError`. */
function finishTask(settled: Settled, events: TaskEvents, run: TaskRun): StateOutcome {
  if (settled.kind === 'timeout') {
    events.timedOut();
    throw settled.heartbeat ? new HeartbeatExpiredError() : new StatesError(ErrorName.Timeout, '');
  }
  if (settled.kind === 'failed') {
    events.failed(settled.error.error, settled.error.causeText);
    throw settled.error;
  }
  return succeedTask(settled.value, events, run);
}

/** Records the result and returns it with JSON semantics. */
function succeedTask(value: unknown, events: TaskEvents, run: TaskRun): StateOutcome {
  const output = jsonTextWithin(value === undefined ? null : value, run.fiber.env.limits.payloadBytes);
  if (typeof output !== 'string') {
    const resource = run.state.resource;
    const subject = resource.kind === 'lambda-function' ? resource.arn : resource.resourceType;
    const error = output === OVER_LIMIT ? payloadTooLarge('result', subject) : nestedTooDeeply();
    events.failed(error.error, error.causeText);
    throw error;
  }
  events.succeeded(output);
  // A JSON round trip gives the result JSON semantics (undefined, Dates, class instances) and isolates
  // it from the resolver; strings, booleans and finite numbers come out unchanged, so they skip it.
  if (typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value)))
    return { kind: 'result', result: value };
  const result = parseJson(output);
  return { kind: 'result', result };
}

/** TimeoutSeconds/HeartbeatSeconds (or their Path forms) as a positive integer, if set. */
const positiveSeconds = (run: TaskRun, name: FieldName): Awaitable<number | undefined> =>
  chain(run.state.flow.field(name, run.effective, run.env), (field) => checkSeconds(name, field));

/** The same, awaited as the promise-based path always has (its turns order concurrent fibers). */
async function positiveSecondsAsync(run: TaskRun, name: FieldName): Promise<number | undefined> {
  return checkSeconds(name, await run.state.flow.field(name, run.effective, run.env));
}

function checkSeconds(name: FieldName, field: FieldValue | undefined): number | undefined {
  if (field === undefined) return undefined;
  if (!field.found) throw runtimeError(invalidPathCause(field.path, field.miss));
  const value = field.value;
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    // AWS records no text for these (docs/research/runtime-errors.md); this one names the field and value.
    throw runtimeError(
      `The ${field.path ? `${name}Path field refers to value ${JSON.stringify(value)}` : `${name} field value ${JSON.stringify(value)}`}, which is not a positive integer${field.path ? `: ${field.path}` : ''}`,
    );
  }
  return value;
}
