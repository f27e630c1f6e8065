/**
 * What follows a failed attempt, decided from the state's Retry and Catch by the engine's own
 * decision (errors/recovery.ts). The history only tells afterwards, but a paused view should say
 * "retrying" during the backoff, not "failed".
 */
import { findHandler } from '../errors/error-matching.js';
import { decideRecovery } from '../errors/recovery.js';
import type { GraphNode } from './model.js';

/** retry: a retrier matches with attempts left; catch: a catcher matches; fail: neither; unknown: the error is not in the history. */
export type Fate = 'retry' | 'catch' | 'fail' | 'unknown';

/** An attempt's error; `known: false` when the history does not say (a Parallel's failing branch). */
export interface Failure {
  error?: string;
  cause?: string;
  known: boolean;
}

/** Predicts the fate of a failed attempt; counts retries in `retrierCounts` (one per retrier) as the engine does. */
export function predictFate(node: GraphNode, failure: Failure, retrierCounts: number[]): Fate {
  if (!failure.known) return node.retry?.length || node.catchErrors?.length ? 'unknown' : 'fail';
  const decision = decideRecovery({
    error: failure.error,
    retriers: node.retry ?? [],
    counts: retrierCounts,
    catchers: catchersOf(node),
  });
  if (decision.kind === 'retry') retrierCounts[decision.index] = (retrierCounts[decision.index] ?? 0) + 1;
  return decision.kind;
}

const catchersOf = (node: GraphNode): { ErrorEquals: string[] }[] =>
  (node.catchErrors ?? []).map((ErrorEquals) => ({ ErrorEquals }));

/** Index of the catcher that handles `error`, or -1. */
export const findCatcher = (node: GraphNode, error: string | undefined): number => findHandler(catchersOf(node), error);
