/**
 * AWS's 256 KiB limit where AWS applies it (a state's input and output, a task's parameters and
 * result, Map and Parallel results, assigned variables), and aslkit's nesting limit, as the
 * `StatesError`s a definition can catch. docs/reference/limits.md lists each one.
 */
import { MAX_JSON_DEPTH, type Json } from '../json.js';
import { ErrorName, StatesError } from '../errors/states-error.js';
import { jsonBytes, jsonTextWithin, OVER_LIMIT } from './payload-size.js';

/** What was too large: a state's or task's result (AWS's recorded text) or its input (unrecorded). */
export type PayloadKind = 'result' | 'input';

/**
 * The JSON text of a payload within `limit` bytes.
 * @throws StatesError `States.DataLimitExceeded` naming `subject` (a state name, a function ARN or
 * an integration's resource type, as AWS names them), or `States.Runtime` past MAX_JSON_DEPTH.
 */
export function payloadText(value: Json, limit: number, kind: PayloadKind, subject: string): string {
  const text = jsonTextWithin(value, limit);
  if (typeof text === 'string') return text;
  throw text === OVER_LIMIT ? payloadTooLarge(kind, subject) : nestedTooDeeply();
}

/** The error of a result (a Map's or Parallel's list of outputs) measured without writing it; none if it fits. */
export function resultLimitError(value: Json, limit: number, subject: string): StatesError | undefined {
  const bytes = jsonBytes(value, limit);
  if (bytes >= 0) return undefined;
  return bytes === OVER_LIMIT ? payloadTooLarge('result', subject) : nestedTooDeeply();
}

export function payloadTooLarge(kind: PayloadKind, subject: string): StatesError {
  return new StatesError(
    ErrorName.DataLimitExceeded,
    kind === 'result'
      ? `The state/task '${subject}' returned a result with a size exceeding the maximum number of bytes service limit.`
      : // AWS documents the limit on a task's or state's input; its text is not recorded (unverified).
        `The state/task '${subject}' has an input with a size exceeding the maximum number of bytes service limit.`,
  );
}

/** aslkit's own limit (AWS's is not known): the run loop adds AWS's "error occurred" prefix to it. */
export const nestedTooDeeply = (): StatesError =>
  new StatesError(ErrorName.Runtime, `A value is nested more than ${MAX_JSON_DEPTH} levels deep.`);
