import { describe, it, expect } from 'vitest';
import type { Json } from '../../json.js';
import { javaHashCode, javaHashSetOrder } from './java-hash-set.js';

// Expected orders printed by OpenJDK 17: new ArrayList<>(new HashSet<>(list)) over the same values.
describe('javaHashSetOrder', () => {
  it('reproduces the orders AWS returned for States.ArrayUnique', () => {
    expect(javaHashSetOrder([true, false, true, false])).toEqual([false, true]);
    expect(
      javaHashSetOrder([
        [1, 2],
        [1, 2],
        [2, 1],
      ]),
    ).toEqual([
      [2, 1],
      [1, 2],
    ]);
    expect(javaHashSetOrder([null, null, 1, null])).toEqual([null, 1]);
    expect(javaHashSetOrder([1, '1', 1, '01'])).toEqual([1, '1', '01']);
  });

  it('matches Java for mixed maps, longs, doubles and strings', () => {
    const list: Json[] = [
      { a: 1, b: 2 },
      { b: 2, a: 1 },
      { x: [1.5, 's', null] },
      'zz',
      3000000000,
      2.5,
      -7,
      'hello',
      [],
      true,
    ];
    expect(javaHashSetOrder(list)).toEqual([
      { a: 1, b: 2 },
      'zz',
      3000000000,
      [],
      2.5,
      -7,
      'hello',
      { x: [1.5, 's', null] },
      true,
    ]);
  });

  it('matches Java when the table grows past 16 buckets', () => {
    const list: Json[] = [
      ...Array.from({ length: 40 }, (_, i) => `k${(i * 7) % 23}`),
      ...Array.from({ length: 10 }, (_, i) => i * 1000),
    ];
    const java =
      '0, 5000, 4000, k0, k1, k2, k3, 9000, k4, k5, k6, k7, k8, k9, 3000, 8000, k11, k10, k13, k12, k15, k14, k17, 2000, k16, k19, k18, 7000, k20, 1000, k22, k21, 6000';
    expect(javaHashSetOrder(list).map(String).join(', ')).toBe(java);
  });
});

describe('javaHashCode', () => {
  it('follows Java hashCode for each type', () => {
    expect(javaHashCode(null)).toBe(0);
    expect(javaHashCode(true)).toBe(1231);
    expect(javaHashCode(false)).toBe(1237);
    expect(javaHashCode('hello')).toBe(99162322);
    expect(javaHashCode(-7)).toBe(-7);
    expect(javaHashCode(3000000000)).toBe(-1294967296);
    expect(javaHashCode(2.5)).toBe(1074003968);
    expect(javaHashCode([1, 2])).toBe(994);
    expect(javaHashCode({ a: 1, b: 2 })).toBe(javaHashCode({ b: 2, a: 1 }));
  });
});
