/**
 * Turns an Invoke response into the Task's raw result, or into the error Step Functions
 * reports for a function error (docs/research/runtime-errors.md §13).
 */
import { TaskError, type Json, type JsonObject } from '@aslkit/core';
import type { Invocation } from './invocation.js';
import { sdkHttpMetadata } from './sdk-http-metadata.js';

/** An Invoke response, from the real service or a local handler. */
export interface LambdaResponse {
  statusCode: number;
  /** The response body as text. */
  payload: string;
  /** `X-Amz-Function-Error` (`Unhandled`, `Handled`) when the function failed. */
  functionError?: string;
  executedVersion?: string;
  logResult?: string;
  requestId: string;
  /** Response headers in arrival order. */
  headers: ReadonlyArray<readonly [string, string]>;
}

/** Lambda's synchronous response limit, as its error states it (6 MiB and 100 bytes). */
export const MAX_RESPONSE_BYTES = 6_291_556;

/**
 * What Lambda answers in place of a larger response: a function error (`X-Amz-Function-Error:
 * Unhandled`) with this payload, which Step Functions turns into the Task's error, named by its
 * errorType. docs/reference/limits.md.
 */
export const RESPONSE_TOO_LARGE = JSON.stringify({
  errorMessage: `Response payload size exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`,
  errorType: 'Function.ResponseSizeTooLarge',
});

/** Lambda's own name for a timeout, and what Step Functions calls a failure without an `errorType`. */
export const UNKNOWN_ERROR = 'Lambda.Unknown';

/**
 * The Task's raw result: the payload for a function ARN, the Invoke envelope for `lambda:invoke`.
 * @throws TaskError named by the payload's `errorType` when the function failed.
 */
export function toTaskResult(invocation: Invocation, response: LambdaResponse): Json {
  const parsed = parsePayload(response.payload);
  if (response.functionError !== undefined) throw functionFailure(invocation, response.payload, parsed);
  const payload = parsed.ok ? parsed.value : response.payload;
  if (invocation.form === 'direct') return payload;
  // Keys in AWS's (alphabetical) order (conformance: local_mocking__lambda_service_invoke).
  const envelope: JsonObject = {};
  if (response.executedVersion !== undefined) envelope['ExecutedVersion'] = response.executedVersion;
  if (response.logResult !== undefined) envelope['LogResult'] = response.logResult;
  envelope['Payload'] = payload;
  envelope['SdkHttpMetadata'] = sdkHttpMetadata(response.headers, response.statusCode);
  envelope['SdkResponseMetadata'] = { RequestId: response.requestId };
  envelope['StatusCode'] = response.statusCode;
  return envelope;
}

/**
 * A function error: the error is the payload's `errorType` and the cause the payload, verbatim
 * for a function ARN and re-serialized compactly for `lambda:invoke` (snapshots test_task_lambda
 * and test_task_service_lambda). No `errorType` (an old-style timeout) is `Lambda.Unknown`.
 */
function functionFailure(invocation: Invocation, text: string, parsed: Parsed): TaskError {
  const value = parsed.ok ? parsed.value : undefined;
  const errorType =
    value !== null && typeof value === 'object' && !Array.isArray(value) ? value['errorType'] : undefined;
  if (typeof errorType !== 'string') {
    return new TaskError(
      UNKNOWN_ERROR,
      `The cause could not be determined because Lambda did not return an error type. Returned payload: ${text}`,
    );
  }
  return new TaskError(errorType, invocation.form === 'direct' ? text : JSON.stringify(value));
}

type Parsed = { ok: true; value: Json } | { ok: false };

/**
 * Payloads are JSON text; anything else (a custom runtime's plain text, an empty Event
 * response) is kept as a string, as LocalStack does (AWS unverified).
 */
function parsePayload(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) as Json };
  } catch {
    return { ok: false };
  }
}
