/**
 * Runs the children of a Parallel or Map: at most `limit` at once, started in index order.
 * A failure the caller does not tolerate stops the others (their fibers see an aborted
 * signal) and is reported once every child has unwound, so histories stay complete.
 */
import { AbortedError } from './clock.js';
import { onAbort } from './abort-listeners.js';

export interface ChildrenOutcome {
  /** The first failure not tolerated, with the index of the child that raised it. */
  failure?: { error: unknown; index: number };
}

export async function runChildren(
  count: number,
  limit: number,
  parent: AbortSignal,
  body: (index: number, signal: AbortSignal) => Promise<void>,
  tolerate: (error: unknown, index: number) => boolean = () => false,
): Promise<ChildrenOutcome> {
  const controller = new AbortController();
  if (parent.aborted) throw new AbortedError(parent.reason);
  const cancelParentAbort = onAbort(parent, () => controller.abort(parent.reason));
  const outcome: ChildrenOutcome = {};
  let nextIndex = 0;
  const worker = async (): Promise<void> => {
    while (nextIndex < count && !controller.signal.aborted) {
      const index = nextIndex++;
      try {
        await body(index, controller.signal);
      } catch (error) {
        if (error instanceof AbortedError && controller.signal.aborted) continue;
        if (!outcome.failure && !tolerate(error, index)) {
          outcome.failure = { error, index };
          controller.abort(error);
        }
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(count, Math.max(1, limit)) }, worker));
  } finally {
    cancelParentAbort();
  }
  if (parent.aborted) throw new AbortedError(parent.reason);
  return outcome;
}
