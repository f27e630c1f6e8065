/**
 * Runs the children of a Parallel or Map: at most `limit` at once, started in index order.
 * A failure the caller does not tolerate stops the others (their fibers see an aborted
 * signal) and is reported once every child has unwound, so histories stay complete. How the
 * children's events interleave is the rule in docs/architecture.md, "Event order of concurrent
 * branches": rules 1 (start) and 3 (lockstep) are this file's.
 */
import { AbortedError } from './clock.js';
import { onAbort } from './abort-listeners.js';

export interface ChildrenOutcome {
  /** The first failure not tolerated, with the index of the child that raised it. */
  failure?: { error: unknown; index: number };
}

export async function runChildren<T extends {} | null>(
  children: readonly T[],
  limit: number,
  parent: AbortSignal,
  body: (child: T, index: number, signal: AbortSignal) => Promise<void>,
  tolerate: (error: unknown, index: number) => boolean = () => false,
): Promise<ChildrenOutcome> {
  const controller = new AbortController();
  if (parent.aborted) throw new AbortedError(parent.reason);
  const cancelParentAbort = onAbort(parent, () => controller.abort(parent.reason));
  const outcome: ChildrenOutcome = {};
  // Whichever worker is free takes the next child, in index order.
  let nextIndex = 0;
  const worker = async (): Promise<void> => {
    while (nextIndex < children.length && !controller.signal.aborted) {
      const index = nextIndex++;
      // Never undefined (`T` excludes it and the index is in bounds): the check only tells TypeScript.
      const child = children[index];
      if (child === undefined) continue;
      try {
        await body(child, index, controller.signal);
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
    await Promise.all(Array.from({ length: Math.min(children.length, Math.max(1, limit)) }, worker));
  } finally {
    cancelParentAbort();
  }
  if (parent.aborted) throw new AbortedError(parent.reason);
  return outcome;
}
