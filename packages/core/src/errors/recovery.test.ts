import { describe, expect, it } from 'vitest';
import type { Retrier } from '../definition/types.js';
import { decideRecovery } from './recovery.js';

const catchers = [
  { ErrorEquals: ['Custom'], Next: 'OnCustom' },
  { ErrorEquals: ['States.ALL'], Next: 'OnAny' },
];

describe('decideRecovery', () => {
  it('retries with the first matching retrier while it has attempts left', () => {
    const retriers: Retrier[] = [{ ErrorEquals: ['Other'] }, { ErrorEquals: ['Custom'], MaxAttempts: 2 }];
    expect(decideRecovery({ error: 'Custom', retriers, counts: [0, 1], catchers })).toEqual({
      kind: 'retry',
      index: 1,
      retrier: retriers[1],
      delayMs: 2000,
    });
  });

  it('goes to Catch, not to a later retrier, once the matching retrier is spent', () => {
    const retriers: Retrier[] = [{ ErrorEquals: ['Custom'], MaxAttempts: 1 }, { ErrorEquals: ['States.ALL'] }];
    const decision = decideRecovery({ error: 'Custom', retriers, counts: [1], catchers });
    expect(decision).toEqual({ kind: 'catch', index: 0, catcher: catchers[0] });
  });

  it('treats MaxAttempts 0 as never retrying', () => {
    const retriers: Retrier[] = [{ ErrorEquals: ['States.ALL'], MaxAttempts: 0 }];
    expect(decideRecovery({ error: 'X', retriers, counts: [], catchers: [] })).toEqual({ kind: 'fail' });
  });

  it('never handles States.Runtime, whatever the retriers and catchers say', () => {
    const retriers: Retrier[] = [{ ErrorEquals: ['States.ALL'] }];
    const decision = decideRecovery({ error: 'States.Runtime', retriers, counts: [0], catchers });
    expect(decision).toEqual({ kind: 'fail' });
  });

  it('lets States.ALL catch States.DataLimitExceeded, as AWS recordings show (its guide says otherwise)', () => {
    const error = 'States.DataLimitExceeded';
    expect(decideRecovery({ error, retriers: [], counts: [], catchers })).toMatchObject({ kind: 'catch', index: 1 });
  });

  it('matches a heartbeat expiry (States.Timeout) with States.HeartbeatTimeout, and a plain timeout not', () => {
    const heartbeatCatchers = [{ ErrorEquals: ['States.HeartbeatTimeout'], Next: 'Reassign' }];
    const input = { error: 'States.Timeout', retriers: [], counts: [], catchers: heartbeatCatchers };
    expect(decideRecovery({ ...input, heartbeatExpired: true })).toMatchObject({ kind: 'catch', index: 0 });
    expect(decideRecovery(input)).toEqual({ kind: 'fail' });
  });

  it('draws the jitter only for a FULL-jitter retrier that retries, and leaves the counts alone', () => {
    let draws = 0;
    const draw = () => (draws++, 0.5);
    const counts = [0];
    const plain = decideRecovery({ error: 'X', retriers: [{ ErrorEquals: ['X'] }], counts, catchers, draw });
    expect(plain).toMatchObject({ kind: 'retry', delayMs: 1000 });
    expect(draws).toBe(0);
    const retriers: Retrier[] = [{ ErrorEquals: ['X'], IntervalSeconds: 4, JitterStrategy: 'FULL' }];
    expect(decideRecovery({ error: 'X', retriers, counts, catchers, draw })).toMatchObject({ delayMs: 2000 });
    expect(draws).toBe(1);
    expect(decideRecovery({ error: 'Y', retriers, counts, catchers, draw })).toMatchObject({ kind: 'catch' });
    expect(draws).toBe(1);
    expect(counts).toEqual([0]);
  });

  it('gives the unjittered delay when no source is given (the viewer only needs the kind)', () => {
    const retriers: Retrier[] = [{ ErrorEquals: ['X'], IntervalSeconds: 4, JitterStrategy: 'FULL' }];
    expect(decideRecovery({ error: 'X', retriers, counts: [0], catchers: [] })).toMatchObject({ delayMs: 4000 });
  });

  it('matches a failure without an error name as States.TaskFailed', () => {
    const decision = decideRecovery({
      error: undefined,
      retriers: [],
      counts: [],
      catchers: [{ ErrorEquals: ['States.TaskFailed'], Next: 'T' }],
    });
    expect(decision).toMatchObject({ kind: 'catch', index: 0 });
  });
});
