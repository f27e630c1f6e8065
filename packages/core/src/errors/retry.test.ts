import { describe, expect, it } from 'vitest';
import { maxAttempts, retryDelayMs } from './retry.js';
import { findHandler, matchesErrorEquals } from './error-matching.js';

describe('retryDelayMs', () => {
  it('uses AWS defaults: 1 s, doubling', () => {
    expect([0, 1, 2].map((n) => retryDelayMs({ ErrorEquals: ['X'] }, n, () => 0.5))).toEqual([1000, 2000, 4000]);
    expect(maxAttempts({ ErrorEquals: ['X'] })).toBe(3);
  });

  it('applies BackoffRate and caps with MaxDelaySeconds', () => {
    const retrier = { ErrorEquals: ['X'], IntervalSeconds: 3, BackoffRate: 1.5, MaxDelaySeconds: 5 };
    expect([0, 1, 2].map((n) => retryDelayMs(retrier, n, () => 0))).toEqual([3000, 4500, 5000]);
  });

  it('draws below the computed delay with FULL jitter, from the given source', () => {
    const retrier = { ErrorEquals: ['X'], IntervalSeconds: 10, JitterStrategy: 'FULL' as const };
    expect(retryDelayMs(retrier, 0, () => 0.25)).toBe(2500);
    expect(retryDelayMs(retrier, 1, () => 0)).toBe(0);
  });

  it('never overflows on huge backoff', () => {
    expect(Number.isFinite(retryDelayMs({ ErrorEquals: ['X'], BackoffRate: 1e6 }, 400, () => 1))).toBe(true);
  });
});

describe('ErrorEquals matching', () => {
  it('matches exact names, States.ALL and States.TaskFailed as AWS does', () => {
    expect(matchesErrorEquals(['Custom'], 'Custom')).toBe(true);
    expect(matchesErrorEquals(['States.ALL'], 'Anything')).toBe(true);
    expect(matchesErrorEquals(['States.TaskFailed'], 'Lambda.Unknown')).toBe(true);
    expect(matchesErrorEquals(['States.TaskFailed'], 'States.Timeout')).toBe(false);
    expect(matchesErrorEquals(['States.Timeout'], 'States.Timeout')).toBe(true);
    expect(matchesErrorEquals(['States.ALL'], undefined)).toBe(true);
  });

  it('never lets a state handle States.Runtime', () => {
    expect(matchesErrorEquals(['States.ALL'], 'States.Runtime')).toBe(false);
    expect(matchesErrorEquals(['States.Runtime'], 'States.Runtime')).toBe(false);
  });

  it('picks the first matching handler', () => {
    expect(findHandler([{ ErrorEquals: ['A'] }, { ErrorEquals: ['States.ALL'] }], 'B')).toBe(1);
    expect(findHandler([{ ErrorEquals: ['A'] }], 'B')).toBe(-1);
  });
});
