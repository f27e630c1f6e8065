import { describe, it, expect } from 'vitest';
import { arityProblem, intrinsicNames, isIntrinsicName, lookupIntrinsic } from './registry.js';

describe('intrinsic registry', () => {
  it('holds exactly the 18 ASL intrinsic functions', () => {
    expect([...intrinsicNames].sort()).toEqual(
      [
        'States.Array',
        'States.ArrayContains',
        'States.ArrayGetItem',
        'States.ArrayLength',
        'States.ArrayPartition',
        'States.ArrayRange',
        'States.ArrayUnique',
        'States.Base64Decode',
        'States.Base64Encode',
        'States.Format',
        'States.Hash',
        'States.JsonMerge',
        'States.JsonToString',
        'States.MathAdd',
        'States.MathRandom',
        'States.StringSplit',
        'States.StringToJson',
        'States.UUID',
      ].sort(),
    );
  });

  it('does not resolve inherited property names', () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(isIntrinsicName(name)).toBe(false);
      expect(lookupIntrinsic(name)).toBeUndefined();
    }
  });

  it('describes wrong argument counts', () => {
    expect(arityProblem('States.Hash', 2)).toBeUndefined();
    expect(arityProblem('States.Hash', 1)).toBe('States.Hash takes 2 arguments, got 1');
    expect(arityProblem('States.ArrayLength', 0)).toBe('States.ArrayLength takes 1 argument, got 0');
    expect(arityProblem('States.MathRandom', 4)).toBe('States.MathRandom takes 2 to 3 arguments, got 4');
    expect(arityProblem('States.Format', 0)).toBe('States.Format takes at least 1 argument, got 0');
    expect(arityProblem('States.Array', 500)).toBeUndefined();
    expect(arityProblem('States.UUID', 1)).toBe('States.UUID takes 0 arguments, got 1');
    expect(arityProblem('States.Nope', 1)).toBeUndefined();
  });
});
