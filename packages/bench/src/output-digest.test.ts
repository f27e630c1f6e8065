import { describe, expect, it } from 'vitest';
import { canonicalJson, outputDigest } from './output-digest.js';

describe('canonicalJson', () => {
  it('sorts keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
  });

  it('keeps a __proto__ key', () => {
    expect(canonicalJson(JSON.parse('{"__proto__": 1, "a": 2}'))).toBe('{"__proto__":1,"a":2}');
  });

  it('refuses values JSON cannot hold', () => {
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });
});

describe('outputDigest', () => {
  it('is the same for the same JSON in any key order, and differs otherwise', () => {
    expect(outputDigest({ a: 1, b: [1, 2] })).toBe(outputDigest({ b: [1, 2], a: 1 }));
    expect(outputDigest({ a: 1, b: [1, 2] })).not.toBe(outputDigest({ a: 1, b: [2, 1] }));
    expect(outputDigest('1')).not.toBe(outputDigest(1));
    expect(outputDigest(null)).toMatch(/^[0-9a-f]{16}$/);
  });
});
