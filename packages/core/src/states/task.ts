/**
 * Task: calls the resolver routed for its `Resource`, racing it against TimeoutSeconds and
 * HeartbeatSeconds on the execution's clock, and records the event family AWS uses for the
 * resource (LambdaFunction* for function ARNs, Task* otherwise, TaskSubmitted for `.sync`
 * and callback tasks).
 */
import type { Json } from '../json.js';
import { ErrorName, StatesError, runtimeError } from '../errors/states-error.js';
import { isAwaitCallback, type TaskContext } from '../resolvers/resolver.js';
import { toTaskFailure } from '../resolvers/task-failure.js';
import { exceedsBytes } from '../runtime/payload-size.js';
import type { TokenAnswer } from '../runtime/task-tokens.js';
import type { StateExecutor, StateRun } from '../runtime/run-state.js';
import type { FieldName } from '../dataflow/pipeline.js';
import { taskEvents } from './task-events.js';

type Settled = { kind: 'result'; value: Json } | { kind: 'failed'; error: StatesError } | { kind: 'timeout' };

/** The reason given when an attempt's timers are cancelled; a reason-less abort() builds a DOMException each time. */
const SETTLED = Symbol('settled');

export const executeTask: StateExecutor = async (input, run) => {
  const { state, fiber } = run;
  const env = fiber.env;
  const resource = state.resource!;
  const timeoutSeconds = await positiveSeconds(run, 'TimeoutSeconds');
  const heartbeatSeconds = await positiveSeconds(run, 'HeartbeatSeconds');
  const resolver = env.resolvers.find(resource, state.name);
  if (!resolver) {
    throw runtimeError(
      `No task resolver for resource '${resource.arn}' (state '${state.name}'). Pass one in the 'resolvers' option: an exact ARN, a '*' pattern, or a '*' fallback.`,
    );
  }
  const events = taskEvents(fiber, resource);
  const parameters = JSON.stringify(input);
  events.scheduled(parameters, timeoutSeconds, heartbeatSeconds);
  events.started();
  // The resolver stands for the whole job (`.sync`) or submit-and-callback (`.waitForTaskToken`),
  // so its answer (or silence) comes after the submission, as AWS records it.
  if (resource.pattern !== 'request-response') events.submitted('{}');

  // Timers and callbacks need a signal of their own to cancel; a plain call uses the fiber's,
  // because AbortController and its events are costly at tens of thousands of calls.
  const ownSignal = timeoutSeconds !== undefined || heartbeatSeconds !== undefined || resource.pattern === 'waitForTaskToken';
  const attempt = ownSignal ? new AbortController() : undefined;
  const signal = attempt?.signal ?? run.signal;
  const onParentAbort = () => attempt?.abort(run.signal.reason);
  if (attempt) {
    // A listener of the events above may already have stopped the execution.
    if (run.signal.aborted) onParentAbort();
    else run.signal.addEventListener('abort', onParentAbort, { once: true });
  }
  let expireHeartbeat: (() => void) | undefined;
  let heartbeatTimer: AbortController | undefined;
  const heartbeat = () => {
    if (heartbeatSeconds === undefined) return;
    heartbeatTimer?.abort(SETTLED);
    heartbeatTimer = new AbortController();
    const timer = heartbeatTimer;
    signal.addEventListener('abort', () => timer.abort(SETTLED), { once: true });
    env.clock.sleep(heartbeatSeconds * 1000, timer.signal).then(expireHeartbeat, () => undefined);
  };

  const context: TaskContext = {
    resource: resource.arn,
    parsedResource: resource,
    stateName: state.name,
    attempt: run.retryCount,
    taskToken: run.taskToken,
    signal,
    contextObject: run.env.context,
    clock: { now: () => env.clock.now(), sleep: (ms) => env.clock.sleep(ms, signal) },
    heartbeat,
  };
  const work = env.clock
    .run((sleeper) => {
      context.clock.sleep = (ms) => sleeper.sleep(ms, signal);
      return resolver(input, context);
    }, signal)
    .then(async (value): Promise<Settled> => {
      if (!isAwaitCallback(value)) return { kind: 'result', value: value as Json };
      if (run.taskToken === undefined) throw new StatesError(ErrorName.Runtime, `awaitCallback() needs a .waitForTaskToken resource (state '${state.name}')`);
      const answer: TokenAnswer = await env.tokens.wait(run.taskToken, heartbeat, signal);
      return answer.ok ? { kind: 'result', value: answer.output } : { kind: 'failed', error: new StatesError(answer.error, answer.cause) };
    })
    .catch((thrown: unknown): Settled => {
      if (run.signal.aborted) throw thrown;
      return { kind: 'failed', error: toTaskFailure(thrown) };
    });
  let settled: Settled;
  try {
    if (!attempt) settled = await work;
    else {
      const racers: Promise<Settled>[] = [work];
      if (heartbeatSeconds !== undefined) racers.push(new Promise<Settled>((resolve) => (expireHeartbeat = () => resolve({ kind: 'timeout' }))));
      heartbeat();
      if (timeoutSeconds !== undefined) {
        racers.push(env.clock.sleep(timeoutSeconds * 1000, signal).then((): Settled => ({ kind: 'timeout' }), () => new Promise<never>(() => undefined)));
      }
      settled = await Promise.race(racers);
    }
  } finally {
    if (attempt) {
      run.signal.removeEventListener('abort', onParentAbort);
      attempt.abort(SETTLED);
    }
    if (run.taskToken !== undefined) env.tokens.close(run.taskToken);
  }

  if (settled.kind === 'timeout') {
    events.timedOut();
    throw new StatesError(ErrorName.Timeout, '');
  }
  if (settled.kind === 'failed') {
    events.failed(settled.error.error, settled.error.causeText);
    throw settled.error;
  }
  const output = JSON.stringify(settled.value === undefined ? null : settled.value) ?? 'null';
  if (exceedsBytes(output, env.limits.payloadBytes)) {
    const subject = resource.kind === 'lambda-function' ? resource.arn : resource.resourceType;
    const cause = `The state/task '${subject}' returned a result with a size exceeding the maximum number of bytes service limit.`;
    events.failed(ErrorName.DataLimitExceeded, cause);
    throw new StatesError(ErrorName.DataLimitExceeded, cause);
  }
  events.succeeded(output);
  // A JSON round trip gives the result JSON semantics (undefined, Dates, class instances) and isolates it from the resolver.
  return { result: JSON.parse(output) as Json };
};

/** TimeoutSeconds/HeartbeatSeconds (or their Path forms) as a positive integer, if set. */
async function positiveSeconds(run: StateRun, name: FieldName): Promise<number | undefined> {
  const field = await run.state.flow.field(name, run.effective, run.env);
  if (field === undefined) return undefined;
  if (!field.found) throw runtimeError(`Invalid path '${field.path}' : No results for path: ${field.normalized}`);
  const value = field.value;
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    // AWS records no text for these (docs/research/runtime-errors.md); this one names the field and value.
    throw runtimeError(`The ${field.path ? `${name}Path field refers to value ${JSON.stringify(value)}` : `${name} field value ${JSON.stringify(value)}`}, which is not a positive integer${field.path ? `: ${field.path}` : ''}`);
  }
  return value;
}
