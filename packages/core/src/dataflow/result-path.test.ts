import { describe, expect, it } from 'vitest';
import { applyResultPath } from './result-path.js';
import { compilePath } from '../query/jsonpath.js';
import { StatesError } from '../errors/states-error.js';

describe('applyResultPath', () => {
  it('replaces the input by default and with $', () => {
    expect(applyResultPath({ a: 1 }, 'r', undefined)).toBe('r');
    expect(applyResultPath({ a: 1 }, 'r', compilePath('$'))).toBe('r');
  });

  it('discards the result with null', () => {
    const input = { a: 1 };
    expect(applyResultPath(input, 'r', null)).toBe(input);
  });

  it('writes into a copy, creating intermediate objects, and never mutates the input', () => {
    const input = { a: { keep: true }, other: [1] };
    const out = applyResultPath(input, 5, compilePath('$.a.b.c'));
    expect(out).toEqual({ a: { keep: true, b: { c: 5 } }, other: [1] });
    expect(input).toEqual({ a: { keep: true }, other: [1] });
    expect((out as { other: unknown }).other).toBe(input.other);
  });

  it('writes array elements that exist', () => {
    expect(applyResultPath({ a: [1, 2] }, 9, compilePath('$.a[1]'))).toEqual({ a: [1, 9] });
  });

  it('fails with States.ResultPathMatchFailure when the input cannot hold the result', () => {
    for (const [input, path] of [
      ['text', '$.a'],
      [{ a: 'x' }, '$.a.b'],
      [{ a: [1] }, '$.a[3]'],
      [[1], '$.a'],
    ] as const) {
      try {
        applyResultPath(input as never, 1, compilePath(path));
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(StatesError);
        expect((error as StatesError).error).toBe('States.ResultPathMatchFailure');
      }
    }
  });

  it('keeps __proto__ as data', () => {
    const out = applyResultPath({}, { polluted: true }, compilePath("$['__proto__']")) as Record<string, unknown>;
    expect(Object.prototype.hasOwnProperty.call(out, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
