/**
 * Task resolvers: what runs a Task's `Resource`. A resolver gets the effective parameters
 * and a context, and returns the task's raw result (before ResultSelector) or throws a
 * `TaskError`. Resolvers are routed by exact ARN, by glob pattern, by RegExp or predicate,
 * or by one fallback.
 */
import type { Json } from '../json.js';
import { StatesError } from '../errors/states-error.js';
import type { ParsedResource } from './resource.js';

/** What a resolver throws to fail the task with AWS's `error` and `cause`. */
export class TaskError extends StatesError {
  constructor(error: string | undefined, cause?: string) {
    super(error, cause);
  }
}

export interface TaskContext {
  /** The Task's `Resource` as written. */
  readonly resource: string;
  readonly parsedResource: ParsedResource;
  readonly stateName: string;
  /** Retries already made for this state entry (`$$.State.RetryCount`). */
  readonly attempt: number;
  /** The task token, for `.waitForTaskToken` resources. */
  readonly taskToken?: string;
  /** Aborted when the task times out, the execution stops, or a sibling branch fails. */
  readonly signal: AbortSignal;
  /** The context object (`$$`) of this attempt. */
  readonly contextObject: Json;
  /** The execution's time: `now()` in ms, `sleep(ms)` on the virtual clock unless real time was asked for. */
  readonly clock: { now(): number; sleep(ms: number): Promise<void> };
  /** Resets the HeartbeatSeconds timer, like SendTaskHeartbeat. */
  heartbeat(): void;
  /**
   * Declares that this call waits on the outside world (a network service, a real Lambda): the
   * Task's TimeoutSeconds and HeartbeatSeconds then also run in real time, even on the virtual
   * clock, where time otherwise stands still while a call runs. A dead endpoint then times the
   * task out (States.Timeout) instead of hanging the run. In-process resolvers and mocks never
   * call it. A no-op for tasks without those fields, and on the real clock.
   */
  useRealTime(): void;
  /**
   * `.sync` and `.waitForTaskToken` resources: the submit call answered (the job started, the
   * message was sent). Records TaskSubmitted with `response` as its output, as AWS does with the
   * service's response; once per attempt. A resolver that never calls it gets a TaskSubmitted
   * with `{}` when it returns, fails or times out.
   */
  submit(response?: Json): void;
  /**
   * Activities answered by workers (resolvers marked with `activityWorkerResolver`): a worker took
   * the task, as GetActivityTask hands it out. Records ActivityStarted (with `workerName`) then,
   * rather than when the task is scheduled; a task no worker took times out without it, as on AWS.
   * Optional so that contexts built by hand (tests, other hosts) need not provide it; the engine's always do.
   */
  workerStarted?(workerName?: string): void;
}

export type TaskResolver = (input: Json, context: TaskContext) => unknown;

/** A resolver that is not a plain function: a router picks one per call. */
export interface ResolverRouter {
  find(resource: ParsedResource, stateName: string): TaskResolver | undefined;
}

export interface ResolverRoute {
  /** Exact ARN, glob with `*`, RegExp, or predicate on the ARN. */
  match: string | RegExp | ((arn: string, stateName: string) => boolean);
  resolve: TaskResolver;
}

/**
 * Resolvers as users pass them: a map from ARN (exact, or glob with `*`; `"*"` alone is the
 * fallback) to function, a list of routes, a router, or several of these tried in order.
 */
export type ResolversOption = Record<string, TaskResolver> | ResolverRoute[] | ResolverRouter | ResolversOption[];

const isRouter = (value: unknown): value is ResolverRouter =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  typeof (value as ResolverRouter).find === 'function';

const globToRegExp = (glob: string): RegExp =>
  new RegExp(
    '^' +
      glob
        .split('*')
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*') +
      '$',
  );

function matcher(match: ResolverRoute['match']): (arn: string, stateName: string) => boolean {
  if (typeof match === 'function') return match;
  if (match instanceof RegExp) return (arn) => match.test(arn);
  if (match.includes('*')) {
    const pattern = globToRegExp(match);
    return (arn) => pattern.test(arn);
  }
  return (arn) => arn === match;
}

/** Builds one router from any `ResolversOption`. Exact matches win over patterns, patterns over the fallback. */
export function createResolverRouter(option: ResolversOption | undefined): ResolverRouter {
  if (option === undefined) return { find: () => undefined };
  if (isRouter(option)) return option;
  if (Array.isArray(option)) {
    const routers = (option as unknown[]).map((entry): ResolverRouter => {
      if (isRouter(entry)) return entry;
      if (Array.isArray(entry) || !('match' in (entry as object)))
        return createResolverRouter(entry as ResolversOption);
      const route = entry as ResolverRoute;
      const test = matcher(route.match);
      return {
        find: (resource, stateName) =>
          test(resource.arn, stateName) || test(resource.baseArn, stateName) ? route.resolve : undefined,
      };
    });
    return { find: (resource, stateName) => firstFound(routers, resource, stateName) };
  }
  const exact = new Map<string, TaskResolver>();
  const patterns: { test: (arn: string) => boolean; resolve: TaskResolver }[] = [];
  let fallback: TaskResolver | undefined;
  for (const key of Object.keys(option)) {
    const resolve = option[key]!;
    if (key === '*') fallback = resolve;
    else if (key.includes('*')) patterns.push({ test: matcher(key) as (arn: string) => boolean, resolve });
    else exact.set(key, resolve);
  }
  return {
    find(resource) {
      const hit = exact.get(resource.arn) ?? exact.get(resource.baseArn);
      if (hit) return hit;
      for (const pattern of patterns)
        if (pattern.test(resource.arn) || pattern.test(resource.baseArn)) return pattern.resolve;
      return fallback;
    },
  };
}

function firstFound(routers: ResolverRouter[], resource: ParsedResource, stateName: string): TaskResolver | undefined {
  for (const router of routers) {
    const found = router.find(resource, stateName);
    if (found) return found;
  }
  return undefined;
}

const WORKER_RESOLVER: unique symbol = Symbol.for('aslkit.activityWorkerResolver');

/**
 * Marks a resolver of activity tasks whose work is handed to workers (a local Step Functions
 * service's GetActivityTask): ActivityStarted is then recorded when the resolver calls
 * `context.workerStarted(workerName)`, not as soon as the task is scheduled.
 */
export function activityWorkerResolver(resolve: TaskResolver): TaskResolver {
  return Object.assign((input: Json, context: TaskContext) => resolve(input, context), { [WORKER_RESOLVER]: true });
}

/** Whether ActivityStarted waits for `context.workerStarted` (see `activityWorkerResolver`). */
export const isActivityWorkerResolver = (resolve: TaskResolver): boolean =>
  (resolve as { [WORKER_RESOLVER]?: true })[WORKER_RESOLVER] === true;

/** Returned by a `.waitForTaskToken` resolver to say "submitted; the result comes by callback". */
export interface AwaitCallback {
  readonly [AWAIT_CALLBACK]: true;
  /** The submit call's response, recorded as TaskSubmitted's output. */
  readonly response?: Json;
}
export const AWAIT_CALLBACK: unique symbol = Symbol.for('aslkit.awaitCallback');

/**
 * Marks a `.waitForTaskToken` task as submitted: the execution then waits for
 * `execution.sendTaskSuccess/Failure(token, ...)` (or the task's timeouts). `response` is the
 * submit call's answer (e.g. SQS SendMessage's), which TaskSubmitted records.
 */
export const awaitCallback = (response?: Json): AwaitCallback =>
  response === undefined ? { [AWAIT_CALLBACK]: true } : { [AWAIT_CALLBACK]: true, response };

export const isAwaitCallback = (value: unknown): value is AwaitCallback =>
  typeof value === 'object' && value !== null && (value as AwaitCallback)[AWAIT_CALLBACK] === true;

const REPLAYS_LIVE: unique symbol = Symbol.for('aslkit.replaysLive');

/**
 * Marks a resolver whose answers depend only on its input and on which call it is (mocks): a
 * resumed execution calls it again while it replays its stored history, which rebuilds its
 * count of calls, instead of being given the stored answer. Returns the resolver itself.
 */
export function replaysLive<T extends TaskResolver>(resolver: T): T {
  (resolver as T & { [REPLAYS_LIVE]?: true })[REPLAYS_LIVE] = true;
  return resolver;
}

export const isReplayedLive = (resolver: TaskResolver): boolean =>
  (resolver as TaskResolver & { [REPLAYS_LIVE]?: true })[REPLAYS_LIVE] === true;
