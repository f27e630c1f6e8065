/**
 * What a resolver's throw means to ASL. `TaskError`/`StatesError` keep their error and cause;
 * any other `Error` is reported the way Lambda reports a function error: its name is the
 * error and `{"errorMessage","errorType"}` the cause (no stack: histories stay deterministic).
 */
import { StatesError } from '../errors/states-error.js';

export function toTaskFailure(thrown: unknown): StatesError {
  if (thrown instanceof StatesError) return thrown;
  if (thrown instanceof Error) {
    const errorType = thrown.name || 'Error';
    return new StatesError(errorType, JSON.stringify({ errorMessage: thrown.message, errorType }));
  }
  const text = typeof thrown === 'string' ? thrown : (JSON.stringify(thrown) ?? String(thrown));
  return new StatesError('Error', text);
}
