import { expectInvalidArguments, runIntrinsic } from '../../../test/intrinsic-support.js';
import { describe, it, expect } from 'vitest';
import type { Json } from '../../json.js';

const run = (text: string, input: Json = {}): Json => runIntrinsic(text, input);
const invalid = expectInvalidArguments;

describe('States.Array', () => {
  it('returns its arguments in order, any type, none at all', () => {
    expect(run('States.Array()')).toEqual([]);
    expect(run("States.Array(42, true, null, 'hello', $.o, States.Array(2, 3))", { o: { k: 1 } })).toEqual([
      42,
      true,
      null,
      'hello',
      { k: 1 },
      [2, 3],
    ]);
  });
});

describe('States.ArrayPartition', () => {
  it('chunks with a shorter last chunk', () => {
    expect(run('States.ArrayPartition($.a, 4)', { a: [1, 2, 3, 4, 5, 6, 7, 8, 9] })).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
      [9],
    ]);
    expect(run('States.ArrayPartition($.a, 10)', { a: [1, 2, 3] })).toEqual([[1, 2, 3]]);
    expect(run('States.ArrayPartition($.a, 3)', { a: [] })).toEqual([]);
    expect(run('States.ArrayPartition($.a, 2147483647)', { a: [1] })).toEqual([[1]]);
  });

  it('cuts a fractional size toward zero (AWS: 2.6 acts as 2)', () => {
    expect(run('States.ArrayPartition($.a, 2.6)', { a: [1, 2, 3, 4, 5] })).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('rejects sizes below 1 and non-numbers', () => {
    for (const size of ['0', '-1', '0.6', '-0.4', "'2'", 'null', '1e10'])
      invalid(`States.ArrayPartition($.a, ${size})`, { a: [1] });
    invalid("States.ArrayPartition('not-array', 2)");
  });
});

describe('States.ArrayContains', () => {
  it('finds values by Java string rendering', () => {
    expect(run('States.ArrayContains($.a, $.v)', { a: [[1, 2, 3], 2], v: [1, 2, 3] })).toBe(true);
    expect(run('States.ArrayContains($.a, $.v)', { a: [{ 1: 2, 2: [] }], v: { 1: 2, 2: [] } })).toBe(true);
    expect(run('States.ArrayContains($.a, null)', { a: [1, null] })).toBe(true);
    expect(run('States.ArrayContains($.a, $.v)', { a: [], v: [] })).toBe(false);
    expect(run('States.ArrayContains($.a, $.v)', { a: [{ 1: 2 }], v: [] })).toBe(false);
  });

  it('reproduces AWS quirks: "true" matches true, key order matters, no bool/number mixing', () => {
    expect(run('States.ArrayContains($.a, true)', { a: ['true', 'maybe'] })).toBe(true);
    expect(run('States.ArrayContains($.a, $.v)', { a: ['9007199254740991'], v: 9007199254740991 })).toBe(true);
    expect(run('States.ArrayContains($.a, $.v)', { a: [{ a: 1, b: 2 }], v: { b: 2, a: 1 } })).toBe(false);
    expect(run('States.ArrayContains($.a, false)', { a: [0, 1, -1] })).toBe(false);
    expect(run('States.ArrayContains($.a, $.v)', { a: [{ a: 1 }], v: { a: 1, extra: null } })).toBe(false);
  });

  it('rejects a non-array', () => invalid("States.ArrayContains('x', 'x')"));
});

describe('States.ArrayRange', () => {
  it('includes the end when a step lands on it', () => {
    expect(run('States.ArrayRange(0, 10, 3)')).toEqual([0, 3, 6, 9]);
    expect(run('States.ArrayRange(1, 9, 2)')).toEqual([1, 3, 5, 7, 9]);
    expect(run('States.ArrayRange(1, 9, 9)')).toEqual([1]);
    expect(run('States.ArrayRange(3, 3, -1)')).toEqual([3]);
    expect(run('States.ArrayRange(-2, 2, 2)')).toEqual([-2, 0, 2]);
  });

  it('counts down with a negative step and is empty when the step points away', () => {
    expect(run('States.ArrayRange(5, 1, -2)')).toEqual([5, 3, 1]);
    expect(run('States.ArrayRange(5, 1, 1)')).toEqual([]);
    expect(run('States.ArrayRange(1, 5, -1)')).toEqual([]);
  });

  it('cuts fractional arguments toward zero like AWS', () => {
    expect(run('States.ArrayRange(1.6, 1.4, 1)')).toEqual([1]);
    expect(run('States.ArrayRange(5.4, -0.6, -2.4)')).toEqual([5, 3, 1]);
  });

  it('allows 1000 items and refuses 1001 without building them', () => {
    expect(run('States.ArrayRange(1, 1000, 1)')).toHaveLength(1000);
    expect(run('States.ArrayRange(1000, 1, -1)')).toHaveLength(1000);
    invalid('States.ArrayRange(1, 1001, 1)');
    invalid('States.ArrayRange(1001, 1, -1)');
    invalid('States.ArrayRange(-2147483648, 2147483647, 1)');
  });

  it('rejects a zero step (also after cutting) and non-numbers', () => {
    invalid('States.ArrayRange(1, 10, 0)');
    invalid('States.ArrayRange(1, 10, 0.49)');
    invalid("States.ArrayRange('a', 5, 1)");
    invalid('States.ArrayRange(1, null, 1)');
    invalid('States.ArrayRange(1, 5, 3000000000)');
  });
});

describe('States.ArrayGetItem', () => {
  it('returns the item, cutting a fractional index', () => {
    expect(run('States.ArrayGetItem($.a, 1)', { a: ['a', 'b', 'c'] })).toBe('b');
    expect(run('States.ArrayGetItem($.a, 1.2)', { a: [10, 20, 30] })).toBe(20);
    expect(run('States.ArrayGetItem($.a, 0)', { a: [null] })).toBeNull();
  });

  it('answers null for an empty array (AWS) but fails out of range otherwise', () => {
    expect(run('States.ArrayGetItem($.a, 999)', { a: [] })).toBeNull();
    invalid('States.ArrayGetItem($.a, 3)', { a: [10, 20, 30] });
    invalid('States.ArrayGetItem($.a, -1)', { a: [10, 20, 30] });
    invalid("States.ArrayGetItem($.a, '1')", { a: [10] });
    invalid("States.ArrayGetItem('not-array', 0)");
  });
});

describe('States.ArrayLength', () => {
  it('counts top-level items', () => {
    expect(run('States.ArrayLength($.a)', { a: [[1], [2], { b: 1 }] })).toBe(3);
    expect(run('States.ArrayLength(States.Array())')).toBe(0);
  });
  it('rejects non-arrays', () => {
    invalid("States.ArrayLength('x')");
    invalid('States.ArrayLength($.o)', { o: { k: 1 } });
  });
});

describe('States.ArrayUnique', () => {
  it('dedupes by deep equality, ignoring key order', () => {
    expect(run('States.ArrayUnique($.a)', { a: [1, 2, 3, 3, 3, 4] })).toEqual([1, 2, 3, 4]);
    expect(
      run('States.ArrayUnique($.a)', {
        a: [
          { a: 1, b: 2 },
          { b: 2, a: 1 },
        ],
      }),
    ).toEqual([{ a: 1, b: 2 }]);
    expect(run('States.ArrayUnique($.a)', { a: [1, '1', 1.0, '01'] })).toEqual([1, '1', '01']);
  });

  it('returns Java HashSet order, as AWS does', () => {
    expect(run('States.ArrayUnique($.a)', { a: [true, false, true, false] })).toEqual([false, true]);
    expect(
      run('States.ArrayUnique($.a)', {
        a: [
          [1, 2],
          [1, 2],
          [2, 1],
        ],
      }),
    ).toEqual([
      [2, 1],
      [1, 2],
    ]);
    expect(run('States.ArrayUnique($.a)', { a: [null, null, 1, null] })).toEqual([null, 1]);
  });

  it('handles large crafted inputs in reasonable time', () => {
    const a = Array.from({ length: 50_000 }, (_, i) => ({ ['__proto__']: i % 100, k: [i % 7] }));
    expect(run('States.ArrayUnique($.a)', { a })).toHaveLength(700);
  });

  it('rejects non-arrays', () => invalid('States.ArrayUnique($.o)', { o: { a: 1 } }));
});
