/**
 * What follows a failed attempt, as a pure decision: retry (the first retrier whose ErrorEquals
 * matches, while it has attempts left), else catch (the first matching catcher), else fail. The
 * run loop carries the decision out (sleeps, records, runs the catcher's output); the viewer
 * (graph/attempt-fate.ts) replays it on what a history tells, so both decide the same way.
 */
import type { Retrier } from '../definition/types.js';
import { findHandler } from './error-matching.js';
import { maxAttempts, retryDelayMs } from './retry.js';

/** A catcher as far as the decision goes; the caller's own type (with its `Next`) comes back out. */
export interface CatcherMatch {
  readonly ErrorEquals: readonly string[];
}

export interface RecoveryInput<C extends CatcherMatch> {
  /** The error name (`undefined`: a failure without one, matched as States.TaskFailed). */
  readonly error: string | undefined;
  /** The error is a Task's HeartbeatSeconds running out (`States.Timeout` that `States.HeartbeatTimeout` also matches). */
  readonly heartbeatExpired?: boolean;
  readonly retriers: readonly Retrier[];
  /** Retries made so far, by retrier index (a missing entry counts as 0). Not changed here. */
  readonly counts: readonly number[];
  readonly catchers: readonly C[];
  /**
   * A float in [0, 1), drawn only when the chosen retrier has `JitterStrategy: FULL` (so the
   * seeded source is drawn exactly when AWS's jitter applies). Without it the delay is unjittered.
   */
  readonly draw?: () => number;
}

/** The decision: which retrier (and its index) with its delay, which catcher (and its index), or neither. */
export type Recovery<C extends CatcherMatch = CatcherMatch> =
  | { readonly kind: 'retry'; readonly index: number; readonly retrier: Retrier; readonly delayMs: number }
  | { readonly kind: 'catch'; readonly index: number; readonly catcher: C }
  | { readonly kind: 'fail' };

const FAIL = { kind: 'fail' } as const;
const NO_JITTER = (): number => 1;

/**
 * Decides how a failed attempt is recovered. A matching retrier with no attempts left does not
 * fall through to later retriers: the error goes to Catch, as in AWS.
 * @example
 * decideRecovery({ error: 'Flaky', retriers: [{ ErrorEquals: ['Flaky'] }], counts: [0], catchers: [] });
 * // { kind: 'retry', index: 0, retrier: { ErrorEquals: ['Flaky'] }, delayMs: 1000 }
 */
export function decideRecovery<C extends CatcherMatch>(input: RecoveryInput<C>): Recovery<C> {
  const { error, retriers, counts, heartbeatExpired } = input;
  const index = findHandler(retriers, error, heartbeatExpired);
  const retrier = retriers[index];
  if (retrier !== undefined) {
    const count = counts[index] ?? 0;
    if (count < maxAttempts(retrier))
      return { kind: 'retry', index, retrier, delayMs: retryDelayMs(retrier, count, input.draw ?? NO_JITTER) };
  }
  const catcherIndex = findHandler(input.catchers, error, heartbeatExpired);
  const catcher = input.catchers[catcherIndex];
  return catcher === undefined ? FAIL : { kind: 'catch', index: catcherIndex, catcher };
}
