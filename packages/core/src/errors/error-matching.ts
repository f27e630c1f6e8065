/**
 * ErrorEquals matching, shared by Retry and Catch. `States.ALL` matches everything but
 * `States.Runtime` (which AWS never lets a state handle; it does catch States.DataLimitExceeded,
 * contrary to its guide: docs/research/runtime-errors.md §11); `States.TaskFailed` matches
 * everything but timeouts. A failure without an error name (SendTaskFailure with no
 * error) is matched as `States.TaskFailed`. `States.HeartbeatTimeout` matches a heartbeat expiry,
 * which AWS names `States.Timeout` (so `States.Timeout` matches it too).
 */
import { ErrorName } from './states-error.js';

export const isHandleable = (error: string | undefined): boolean => error !== ErrorName.Runtime;

export function matchesErrorEquals(
  errorEquals: readonly string[],
  error: string | undefined,
  heartbeatExpired = false,
): boolean {
  if (!isHandleable(error)) return false;
  for (const name of errorEquals) {
    if (name === ErrorName.ALL) return true;
    if (name === error) return true;
    if (heartbeatExpired && name === ErrorName.HeartbeatTimeout) return true;
    if (name === ErrorName.TaskFailed && error !== ErrorName.Timeout && error !== ErrorName.HeartbeatTimeout)
      return true;
  }
  return false;
}

/** Index of the first handler (retrier or catcher) whose ErrorEquals matches, or -1. */
export const findHandler = (
  handlers: readonly { ErrorEquals: readonly string[] }[],
  error: string | undefined,
  heartbeatExpired = false,
): number => handlers.findIndex((handler) => matchesErrorEquals(handler.ErrorEquals, error, heartbeatExpired));
