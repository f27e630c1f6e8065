/**
 * Runs the children of a Parallel or Map: at most `limit` at once, started in index order.
 * A failure the caller does not tolerate stops the others (their fibers see an aborted
 * signal) and is reported once every child has unwound, so histories stay complete. How the
 * children's events interleave is the rule in docs/architecture.md, "Event order of concurrent
 * branches": rules 1 (start) and 3 (lockstep) are this file's.
 */
import { AbortedError } from './clock.js';
import { onAbort, StopSignal, type Abortable } from './abort-listeners.js';

export interface ChildrenOutcome {
  /** The first failure not tolerated, with the index of the child that raised it. */
  failure?: { error: unknown; index: number };
}

/** A concurrency limit that may change while the children run (a Map Run's UpdateMapRun). */
export interface ConcurrencyLimit {
  current(): number;
  /** Calls `listener` after `current()` changed; returns the unsubscribe function. */
  onChange(listener: () => void): () => void;
}

export async function runChildren<T extends NonNullable<unknown> | null>(
  children: readonly T[],
  limit: number | ConcurrencyLimit,
  parent: Abortable,
  body: (child: T, index: number, signal: Abortable) => Promise<void>,
  tolerate: (error: unknown, index: number) => boolean = () => false,
): Promise<ChildrenOutcome> {
  const controller = new StopSignal();
  if (parent.aborted) throw new AbortedError(parent.reason);
  const cancelParentAbort = onAbort(parent, () => controller.abort(parent.reason));
  const outcome: ChildrenOutcome = {};
  const limitNow = typeof limit === 'number' ? () => limit : () => limit.current();
  // Whichever worker is free takes the next child, in index order.
  let nextIndex = 0;
  let workers = 0;
  const worker = async (): Promise<void> => {
    workers++;
    while (nextIndex < children.length && !controller.aborted) {
      // A lowered limit retires the workers above it as they finish their child (never with a fixed limit).
      if (workers > Math.max(1, limitNow())) break;
      const index = nextIndex++;
      // Never undefined (`T` excludes it and the index is in bounds): the check only tells TypeScript.
      const child = children[index];
      if (child === undefined) continue;
      try {
        await body(child, index, controller);
      } catch (error) {
        if (error instanceof AbortedError && controller.aborted) continue;
        if (!outcome.failure && !tolerate(error, index)) {
          outcome.failure = { error, index };
          controller.abort(error);
        }
      }
    }
    workers--;
  };
  const running = Array.from({ length: Math.min(children.length, Math.max(1, limitNow())) }, worker);
  // A raised limit adds workers for the children not started yet.
  const stopWatching =
    typeof limit === 'number'
      ? undefined
      : limit.onChange(() => {
          const room = Math.min(children.length - nextIndex, Math.max(1, limitNow()) - workers);
          for (let added = 0; added < room && !controller.aborted; added++) running.push(worker());
        });
  try {
    // One Promise.all while no worker is added: the same microtasks as with a fixed limit.
    for (let waited = 0; waited < running.length;) {
      const batch = running.slice(waited);
      waited = running.length;
      await Promise.all(batch);
    }
  } finally {
    cancelParentAbort();
    stopWatching?.();
  }
  if (parent.aborted) throw new AbortedError(parent.reason);
  return outcome;
}
