/**
 * The Lambda task resolver: for a function ARN, `lambda:invoke` and
 * `lambda:invoke.waitForTaskToken`, it calls the function's local handler when one is
 * registered, else the real function when real invocation is on, else fails saying how to
 * provide one. Both paths give the results and errors Step Functions gives.
 */
import {
  awaitCallback,
  ErrorName,
  isJsonObject,
  StatesError,
  type Json,
  type ResolverRouter,
  type TaskContext,
  type TaskResolver,
} from '@aslkit/core';
import { isLambdaResource, toInvocation } from './invocation.js';
import { toTaskResult } from './lambda-response.js';
import { findHandler, indexHandlers, invokeLocal, type LocalHandlers } from './local-handlers.js';
import type { LambdaInvoker, RealLambdaOptions } from './real-lambda.js';

export interface LambdaResolversOptions {
  /** Local handlers by function name (`charge`, `charge:live`) or ARN; tried first. */
  handlers?: LocalHandlers;
  /** Invoke functions without a local handler on AWS (or the endpoint the SDK is pointed at). */
  real?: boolean | RealLambdaOptions;
  /** The failure message when a function has neither a handler nor real invocation. */
  missingMessage?: (functionName: string, stateName: string) => string;
}

const defaultMissing = (functionName: string, stateName: string): string =>
  `No Lambda handler for function '${functionName}' (state '${stateName}'). ` +
  `Register a local handler for it (handlers: { '${functionName}': fn }), mock the state, or turn on real invocation (real: true).`;

/**
 * A router for Lambda resources.
 * @example
 * const lambda = lambdaResolvers({ handlers: { charge: async (event) => ({ charged: event.amount }) } });
 * const result = await machine.run(input, { resolvers: lambda, seed: 1 });
 */
export function lambdaResolvers(options: LambdaResolversOptions = {}): ResolverRouter {
  const handlers = indexHandlers(options.handlers ?? {});
  const real = options.real ? lazyRealInvoker(options.real === true ? {} : options.real) : undefined;
  const missing = options.missingMessage ?? defaultMissing;
  // Calls per execution and state, so request ids differ between calls yet repeat across reruns.
  const calls = new Map<string, number>();

  const resolve: TaskResolver = async (input, context) => {
    const invocation = toInvocation(input, context);
    const local = findHandler(handlers, invocation.ref);
    let response;
    if (local)
      response = await invokeLocal(local, invocation, context, requestSeed(context, invocation.payload, calls));
    else if (real) {
      // A network call: TimeoutSeconds and HeartbeatSeconds hold it in real time, even on the virtual clock.
      context.useRealTime();
      response = await real(invocation, context);
    } else throw new StatesError(ErrorName.Runtime, missing(invocation.functionName, context.stateName));
    const result = toTaskResult(invocation, response);
    // The function got the token in its payload; the answer comes by SendTaskSuccess/Failure.
    return context.parsedResource.pattern === 'waitForTaskToken' ? awaitCallback() : result;
  };
  return { find: (resource) => (isLambdaResource(resource) ? resolve : undefined) };
}

/** Loads the AWS SDK on the first real call, so local-only runs never pay for it. */
function lazyRealInvoker(options: RealLambdaOptions): LambdaInvoker {
  let invoker: Promise<LambdaInvoker> | undefined;
  return async (invocation, context) => {
    invoker ??= import('./real-lambda.js').then((module) => module.realLambdaInvoker(options));
    return (await invoker)(invocation, context);
  };
}

/** A seed for the request id from `$$` (execution, state, entry time, attempt), the payload and a call count. */
function requestSeed(context: TaskContext, payload: string, calls: Map<string, number>): string {
  const key = `${contextText(context.contextObject, 'Execution', 'Id')}\u0000${context.stateName}`;
  const n = (calls.get(key) ?? 0) + 1;
  calls.set(key, n);
  return [key, contextText(context.contextObject, 'State', 'EnteredTime'), context.attempt, payload, n].join('\u0000');
}

/**
 * `$$.<part>.<key>` as text: a string as it is and a missing field as 'undefined', as the seeds have always
 * been made (so request ids stay the same); any other value as JSON, never `[object Object]`.
 */
function contextText(contextObject: Json, part: string, key: string): string {
  const section = isJsonObject(contextObject) ? contextObject[part] : undefined;
  const value = isJsonObject(section) ? section[key] : undefined;
  return typeof value === 'string' || value === undefined ? String(value) : JSON.stringify(value);
}
