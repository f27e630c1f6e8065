import { describe, expect, it } from 'vitest';
import { intrinsicArityProblem, isIntrinsicCallValid, looksLikeIntrinsicCall } from './intrinsic-call.js';

describe('intrinsic calls', () => {
  it('tells calls from other strings', () => {
    expect(looksLikeIntrinsicCall('States.UUID()')).toBe(true);
    expect(looksLikeIntrinsicCall('States.Bogus(')).toBe(true);
    expect(looksLikeIntrinsicCall('$.States')).toBe(false);
    expect(looksLikeIntrinsicCall('States.Array')).toBe(false);
  });

  it('accepts valid calls and rejects unknown names, bad syntax and deep nesting', () => {
    expect(isIntrinsicCallValid("States.Format('{} {}', $.a, States.ArrayLength($.b))")).toBe(true);
    expect(isIntrinsicCallValid('States.Bogus()')).toBe(false);
    expect(isIntrinsicCallValid("States.Format('x'")).toBe(false);
    const deep = 'States.Array('.repeat(11) + ')'.repeat(11);
    expect(isIntrinsicCallValid(deep)).toBe(false);
  });

  it('reports wrong argument counts separately', () => {
    expect(intrinsicArityProblem("States.Hash('a', 'MD5')")).toBeUndefined();
    expect(intrinsicArityProblem("States.Hash('a')")).toMatch(/States.Hash/);
  });
});
