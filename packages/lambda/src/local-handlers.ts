/**
 * Runs Lambda functions as local Node handlers, the way the Node.js runtime calls them:
 * `handler(event, context, callback)`, async or callback-style, with a wall-clock timeout.
 * The answer is an Invoke response, so errors and envelopes match the real service's.
 */
import { ErrorCode, jsonTextWithin, OVER_LIMIT, TOO_DEEP, UsageError, type Json, type TaskContext } from '@aslkit/core';
import { functionArn, functionKey, parseFunctionName, type FunctionRef } from './function-name.js';
import type { Invocation } from './invocation.js';
import { MAX_RESPONSE_BYTES, RESPONSE_TOO_LARGE, type LambdaResponse } from './lambda-response.js';
import { createLambdaContext, uuidFrom, type LambdaContext, type LambdaHandler } from './lambda-context.js';

/** A local function with the settings Lambda would have. */
export interface LocalFunction {
  handler: LambdaHandler;
  /** Lambda's Timeout in seconds (default 3, Lambda's default). */
  timeoutSeconds?: number;
  /** Lambda's MemorySize in MB (default 128). */
  memoryLimitInMB?: number;
}

/** Handlers by function name (`charge`, `charge:live`) or ARN. */
export type LocalHandlers = Record<string, LambdaHandler | LocalFunction>;

type Outcome = { kind: 'result'; value: unknown } | { kind: 'error'; error: unknown } | { kind: 'timeout' };

const encoder = new TextEncoder();

/** Indexes handlers by `name` / `name:qualifier`, whatever form their keys take. */
export function indexHandlers(handlers: LocalHandlers): Map<string, LocalFunction> {
  const index = new Map<string, LocalFunction>();
  for (const key of Object.keys(handlers)) {
    const ref = parseFunctionName(key);
    if (!ref) throw new UsageError(ErrorCode.InvalidHandlers, `'${key}' is not a Lambda function name or ARN`);
    const entry = handlers[key]!;
    const local = typeof entry === 'function' ? { handler: entry } : entry;
    if (typeof local?.handler !== 'function')
      throw new UsageError(ErrorCode.InvalidHandlers, `the handler for '${key}' is not a function`);
    index.set(functionKey(ref), local);
  }
  return index;
}

/** The handler for a call: the qualified name first (`charge:live`), then the bare name. */
export const findHandler = (index: Map<string, LocalFunction>, ref: FunctionRef): LocalFunction | undefined =>
  index.get(functionKey(ref)) ?? index.get(ref.name);

/** Calls a local handler as Lambda would and answers with an Invoke response. */
export async function invokeLocal(
  local: LocalFunction,
  invocation: Invocation,
  context: TaskContext,
  requestSeed: string,
): Promise<LambdaResponse> {
  const requestId = uuidFrom(requestSeed);
  const version =
    invocation.ref.qualifier !== undefined && /^\d+$/.test(invocation.ref.qualifier)
      ? invocation.ref.qualifier
      : '$LATEST';
  const nowMs = context.clock.now();
  const respond = (statusCode: number, payload: string, functionError?: string): LambdaResponse => ({
    statusCode,
    payload,
    ...(functionError === undefined ? {} : { functionError }),
    ...(statusCode === 200 ? { executedVersion: version } : {}),
    requestId,
    headers: syntheticHeaders(nowMs, payload, requestId, statusCode === 200 ? version : undefined, functionError),
  });
  if (invocation.invocationType === 'DryRun') return respond(204, '');
  const timeoutMs = (local.timeoutSeconds ?? 3) * 1000;
  const lambdaContext = createLambdaContext({
    functionName: invocation.ref.name,
    functionVersion: version,
    invokedFunctionArn: functionArn(invocation.ref, invocation.region, invocation.accountId),
    memoryLimitInMB: local.memoryLimitInMB ?? 128,
    awsRequestId: requestId,
    timeoutMs,
    executionNowMs: nowMs,
    ...(invocation.clientContext === undefined ? {} : { clientContext: decodeClientContext(invocation.clientContext) }),
  });
  // The handler gets its own copy of the event, as from the wire.
  const call = callHandler(
    local.handler,
    JSON.parse(invocation.payload) as Json,
    lambdaContext,
    timeoutMs,
    context.signal,
  );
  if (invocation.invocationType === 'Event') {
    // Lambda queues the event and answers 202 at once; the handler's outcome is nobody's.
    call.catch(() => undefined);
    return respond(202, '');
  }
  const outcome = await call;
  if (outcome.kind === 'timeout') {
    // The runtime's own timeout report (as Lambda sends it since the Sandbox.Timedout error type).
    const seconds = (timeoutMs / 1000).toFixed(2);
    return respond(
      200,
      JSON.stringify({
        errorMessage: `RequestId: ${requestId} Error: Task timed out after ${seconds} seconds`,
        errorType: 'Sandbox.Timedout',
      }),
      'Unhandled',
    );
  }
  if (outcome.kind === 'error') return respond(200, errorPayload(outcome.error), 'Unhandled');
  let text: string | typeof OVER_LIMIT | typeof TOO_DEEP;
  try {
    // Measured before it is written: an endless or self-repeating result stops at Lambda's limit.
    text = jsonTextWithin(outcome.value === undefined ? null : outcome.value, MAX_RESPONSE_BYTES);
    if (text === TOO_DEEP) text = JSON.stringify(outcome.value);
  } catch (error) {
    return respond(200, errorPayload(error), 'Unhandled');
  }
  if (text === OVER_LIMIT) return respond(200, RESPONSE_TOO_LARGE, 'Unhandled');
  return respond(200, text);
}

/** Runs the handler until its promise or callback settles, the timeout passes, or the task is aborted. */
function callHandler(
  handler: LambdaHandler,
  event: Json,
  context: LambdaContext,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<Outcome> {
  return new Promise<Outcome>((resolve, reject) => {
    let settled = false;
    const finish = (outcome: Outcome | { kind: 'aborted' }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      if (outcome.kind === 'aborted') reject(signal.reason);
      else resolve(outcome);
    };
    const onAbort = () => finish({ kind: 'aborted' });
    const timer = setTimeout(() => finish({ kind: 'timeout' }), timeoutMs);
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) return onAbort();
    const callback = (error?: unknown, result?: unknown) =>
      finish(error === undefined || error === null ? { kind: 'result', value: result } : { kind: 'error', error });
    let returned: unknown;
    try {
      returned = handler(event, context, callback);
    } catch (error) {
      return finish({ kind: 'error', error });
    }
    if (
      returned !== null &&
      typeof returned === 'object' &&
      typeof (returned as PromiseLike<unknown>).then === 'function'
    ) {
      (returned as PromiseLike<unknown>).then(
        (value) => finish({ kind: 'result', value }),
        (error: unknown) => finish({ kind: 'error', error }),
      );
    } else if (handler.length < 3) {
      // As in the Node.js runtime, a plain return value is ignored: without a promise or a
      // callback the function ends when its work is done, with a null result.
      finish({ kind: 'result', value: null });
    }
  });
}

/** The error payload: `errorType` is the error's name, as the Node.js runtime reports it; non-errors are named by their type. */
function errorPayload(error: unknown): string {
  if (
    error instanceof Error ||
    (error !== null && typeof error === 'object' && 'message' in error && 'name' in error)
  ) {
    const { name, message, stack } = error as Error;
    const lines = typeof stack === 'string' ? stack.split('\n').slice(1) : [];
    return JSON.stringify({ errorMessage: String(message), errorType: String(name), stackTrace: lines });
  }
  return JSON.stringify({ errorMessage: String(error), errorType: typeof error, stackTrace: [] });
}

/** `ClientContext` is base64 JSON on the wire; handlers see it decoded. */
function decodeClientContext(text: string): unknown {
  try {
    return JSON.parse(Buffer.from(text, 'base64').toString('utf8')) as unknown;
  } catch {
    return text;
  }
}

/** The headers Lambda sends, in its order, so `SdkHttpMetadata` looks as it does on AWS. */
function syntheticHeaders(
  nowMs: number,
  payload: string,
  requestId: string,
  version: string | undefined,
  functionError: string | undefined,
): [string, string][] {
  const trace = uuidFrom(`trace:${requestId}`).replace(/-/g, '').slice(0, 24);
  const headers: [string, string][] = [
    ['Date', new Date(nowMs).toUTCString()],
    ['Content-Type', 'application/json'],
    ['Content-Length', String(encoder.encode(payload).length)],
    ['Connection', 'keep-alive'],
    ['x-amzn-RequestId', requestId],
    ['x-amzn-Remapped-Content-Length', '0'],
  ];
  if (functionError !== undefined) headers.push(['X-Amz-Function-Error', functionError]);
  if (version !== undefined) headers.push(['X-Amz-Executed-Version', version]);
  headers.push(['X-Amzn-Trace-Id', `root=1-${Math.floor(nowMs / 1000).toString(16)}-${trace};sampled=0`]);
  return headers;
}
