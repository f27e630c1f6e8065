/**
 * The `context` a local handler gets, shaped like the Node.js runtime's: names and ARNs of
 * the function, a request id, log names, and `getRemainingTimeInMillis()` against the
 * configured timeout. Ids are derived from the execution, so a seeded run repeats them.
 */
import { createHash } from 'node:crypto';

/** The Lambda Node.js runtime's context object, as far as a handler reads it. */
export interface LambdaContext {
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  /** A string, as in the Node.js runtime. */
  memoryLimitInMB: string;
  awsRequestId: string;
  logGroupName: string;
  logStreamName: string;
  callbackWaitsForEmptyEventLoop: boolean;
  /** The decoded `ClientContext` of a `lambda:invoke`, if one was passed. */
  clientContext?: unknown;
  /** Milliseconds left before the configured timeout, on the wall clock. */
  getRemainingTimeInMillis(): number;
}

/** Node.js-runtime callback: `callback(error)` fails, `callback(null, result)` succeeds. */
export type LambdaCallback = (error?: unknown, result?: unknown) => void;

/** A Lambda handler: async (returns a Promise) or callback-style (takes a third argument). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a handler typed `(event: Order) => ...` must be assignable without a cast: `unknown` would refuse it.
export type LambdaHandler = (event: any, context: LambdaContext, callback: LambdaCallback) => unknown;

/** SHA-256 of `seed`, as a version-4 UUID (the form of Lambda's request ids). */
export function uuidFrom(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface ContextFacts {
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: number;
  awsRequestId: string;
  timeoutMs: number;
  /** Execution time of the call, for the log stream's date. */
  executionNowMs: number;
  clientContext?: unknown;
}

/** Builds the context; the deadline starts now, on the wall clock, as Lambda's does. */
export function createLambdaContext(facts: ContextFacts): LambdaContext {
  const deadline = performance.now() + facts.timeoutMs;
  const day = new Date(facts.executionNowMs).toISOString().slice(0, 10).replace(/-/g, '/');
  const stream = createHash('sha256').update(`stream:${facts.awsRequestId}`).digest('hex').slice(0, 32);
  return {
    functionName: facts.functionName,
    functionVersion: facts.functionVersion,
    invokedFunctionArn: facts.invokedFunctionArn,
    memoryLimitInMB: String(facts.memoryLimitInMB),
    awsRequestId: facts.awsRequestId,
    logGroupName: `/aws/lambda/${facts.functionName}`,
    logStreamName: `${day}/[${facts.functionVersion}]${stream}`,
    callbackWaitsForEmptyEventLoop: true,
    ...(facts.clientContext === undefined ? {} : { clientContext: facts.clientContext }),
    getRemainingTimeInMillis: () => Math.max(0, Math.round(deadline - performance.now())),
  };
}
