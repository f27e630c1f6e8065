/**
 * A retrier's delay before retry number `count + 1`: IntervalSeconds × BackoffRate^count,
 * capped by MaxDelaySeconds, drawn uniformly below that with `JitterStrategy: FULL`.
 */
import type { Retrier } from '../definition/types.js';

export const retryDefaults = { IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2 } as const;

export const maxAttempts = (retrier: Retrier): number => retrier.MaxAttempts ?? retryDefaults.MaxAttempts;

/** Delay in milliseconds; `draw` returns a float in [0, 1) (only used for FULL jitter). */
export function retryDelayMs(retrier: Retrier, count: number, draw: () => number): number {
  const interval = retrier.IntervalSeconds ?? retryDefaults.IntervalSeconds;
  const rate = retrier.BackoffRate ?? retryDefaults.BackoffRate;
  let seconds = interval * Math.pow(rate, count);
  if (retrier.MaxDelaySeconds !== undefined) seconds = Math.min(seconds, retrier.MaxDelaySeconds);
  if (!Number.isFinite(seconds)) seconds = retrier.MaxDelaySeconds ?? 99_999_999;
  if (retrier.JitterStrategy === 'FULL') seconds = seconds * draw();
  return Math.round(seconds * 1000);
}
