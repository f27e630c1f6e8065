import { expectInvalidArguments, runIntrinsic } from '../../../test/intrinsic-support.js';
import { describe, it, expect } from 'vitest';
import type { Json } from '../../json.js';
import { createRandom, type Random } from '../../runtime/random.js';

const run = (text: string, input: Json = {}, random?: Random): Json => runIntrinsic(text, input, random);
const invalid = (text: string, input: Json = {}): void => expectInvalidArguments(text, input);

describe('States.MathAdd', () => {
  it('rounds each addend half up, like Java Math.round (conformance math_add)', () => {
    const cases: [number, number, number][] = [
      [-9, 3, -6],
      [1.49, 1.5, 3],
      [1.5, 1.51, 4],
      [-1.5, -1.51, -3],
      [-1.49, -1.5, -2],
      [1.49, -1.49, 0],
      [0.5, 0, 1],
      [2.5, 0, 3],
      [3.5, 0, 4],
      [-0.5, 0.5, 1],
      [-0.5, 0, 0],
      [-1.5, 0, -1],
      [-2.5, 0, -2],
      [-3.5, 0, -3],
      [0.1, 0.2, 0],
    ];
    for (const [a, b, sum] of cases) expect(run('States.MathAdd($.a, $.b)', { a, b }), `${a} + ${b}`).toBe(sum);
    expect(Object.is(run('States.MathAdd($.a, $.b)', { a: -0.4, b: 0 }), 0)).toBe(true);
  });

  it('stays within Java int range', () => {
    expect(run('States.MathAdd(2147483646, 1)')).toBe(2147483647);
    expect(run('States.MathAdd(-2147483647, -1)')).toBe(-2147483648);
    invalid('States.MathAdd(2147483647, 1)');
    invalid('States.MathAdd(-2147483648, -1)');
    invalid('States.MathAdd(3000000000, 1)');
  });

  it('refuses anything but numbers', () => {
    for (const bad of ["'1'", 'null', 'true', "'1.5'", '$.arr']) invalid(`States.MathAdd(${bad}, 1)`, { arr: [1] });
  });
});

describe('States.MathRandom', () => {
  it('returns an int in [start, end), cutting bounds toward zero', () => {
    for (let seed = 0; seed < 200; seed++) {
      const random = createRandom(seed);
      const value = run('States.MathRandom(1.6, 5.4)', {}, random) as number;
      expect(Number.isInteger(value) && value >= 1 && value < 5).toBe(true);
    }
    expect(run('States.MathRandom($.a, $.b)', { a: 12.5, b: 44.51 })).toBeGreaterThanOrEqual(12);
    expect(run('States.MathRandom($.a, $.b)', { a: -99999, b: -9999 })).toBeLessThan(-9999);
  });

  it("gives Java Random's number for a seed (AWS: seed 42 over [-5, 5) is -5)", () => {
    expect(run('States.MathRandom(-5, 5, 42)')).toBe(-5);
    expect(run('States.MathRandom(0, 10, 42)', {}, createRandom('a'))).toBe(
      run('States.MathRandom(0, 10, 42)', {}, createRandom('b')),
    );
    expect(run('States.MathRandom(0, 1000, 123456789)')).toBe(965);
    expect(run('States.MathRandom(1, 10, -10)')).toBe(1);
    expect(
      run('States.MathRandom($.s, $.e, $.seed)', { s: 2147483640, e: 2147483647, seed: 1 }),
    ).toBeGreaterThanOrEqual(2147483640);
  });

  it('is deterministic without a seed for a given execution Random', () => {
    expect(run('States.MathRandom(0, 1000000)', {}, createRandom(7))).toBe(
      run('States.MathRandom(0, 1000000)', {}, createRandom(7)),
    );
  });

  it('refuses empty or reversed ranges, overflowing spans and bad types', () => {
    invalid('States.MathRandom(1, 1)');
    invalid('States.MathRandom(10, 5)');
    invalid('States.MathRandom(1.4, 1.6)');
    invalid('States.MathRandom(-2147483648, 2147483647)');
    invalid('States.MathRandom(1, 3000000000)');
    invalid("States.MathRandom('a', 10)");
    invalid("States.MathRandom(1, 10, 'seed')");
    invalid('States.MathRandom(1, 10, null)');
    invalid('States.MathRandom($.s, 10)', { s: null });
  });
});
