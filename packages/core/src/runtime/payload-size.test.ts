import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_JSON_DEPTH } from '../json.js';
import { jsonBytes, jsonTextWithin, OVER_LIMIT, TOO_DEEP, utf8Length } from './payload-size.js';

const encodedLength = (text: string): number => new TextEncoder().encode(text).length;

describe('utf8Length', () => {
  it('counts ASCII, two-, three- and four-byte characters as UTF-8 does', () => {
    for (const text of ['', '{"a":1}', 'é', '€', '😀', 'a😀é€\u0000', 'x'.repeat(1000) + '€']) {
      expect(utf8Length(text), JSON.stringify(text)).toBe(encodedLength(text));
    }
  });
});

describe('jsonBytes', () => {
  it("equals the UTF-8 length of JSON.stringify's text", () => {
    const samples: unknown[] = [
      null,
      true,
      false,
      0,
      -12,
      1.5e-7,
      2 ** 60,
      NaN,
      -Infinity,
      '',
      'plain',
      'quote " backslash \\ newline \n tab \t nul \u0000 del \u007f',
      'é € 😀 \u2028',
      'lone \ud800 surrogate \udc00',
      [],
      {},
      [1, 'a', null, { b: [true] }],
      { a: undefined, b: () => 1, c: Symbol('s'), d: 1 },
      [undefined, () => 1, Symbol('s')],
      { when: new Date(0), boxed: [new Number(3), new String('s'), new Boolean(false)] },
      { toJSON: () => undefined },
      { a: { toJSON: () => undefined }, b: { toJSON: (key: string) => key } },
      Object.assign(Object.create(null) as object, { x: 1 }),
    ];
    for (const value of samples) {
      const text = JSON.stringify(value);
      expect(jsonBytes(value, Infinity), String(text)).toBe(text === undefined ? 0 : encodedLength(text));
    }
  });

  it('matches JSON.stringify on random JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(jsonBytes(value, Infinity)).toBe(encodedLength(JSON.stringify(value)));
      }),
      { numRuns: 300 },
    );
  });

  it('decides at the exact limit, for ASCII and multi-byte text', () => {
    expect(jsonBytes('abcd', 6)).toBe(6);
    expect(jsonBytes('abcde', 6)).toBe(OVER_LIMIT);
    expect(jsonBytes('€', 5)).toBe(5);
    expect(jsonBytes('€a', 5)).toBe(OVER_LIMIT);
    expect(jsonBytes({ a: '😀' }, 12)).toBe(12);
    expect(jsonBytes({ a: '😀' }, 11)).toBe(OVER_LIMIT);
  });

  it('stops at the limit when one object is shared many times over', () => {
    const big = { text: 'x'.repeat(200_000) };
    // 10,000 references: 2 GB of text, refused after measuring two of them.
    const shared = Array.from({ length: 10_000 }, () => big);
    expect(jsonBytes(shared, 262_144)).toBe(OVER_LIMIT);
    expect(jsonTextWithin(shared, 262_144)).toBe(OVER_LIMIT);
  });

  it('refuses nesting past MAX_JSON_DEPTH, and cycles, without overflowing the stack', () => {
    const nest = (depth: number): unknown => {
      let value: unknown = 1;
      for (let i = 0; i < depth; i++) value = [value];
      return value;
    };
    expect(jsonBytes(nest(MAX_JSON_DEPTH), Infinity)).toBe(2 * MAX_JSON_DEPTH + 1);
    expect(jsonBytes(nest(MAX_JSON_DEPTH + 1), Infinity)).toBe(TOO_DEEP);
    expect(jsonBytes(nest(200_000), Infinity)).toBe(TOO_DEEP);
    const cycle: Record<string, unknown> = {};
    cycle['self'] = cycle;
    expect(jsonBytes(cycle, Infinity)).toBe(TOO_DEEP);
  });

  it('throws for a BigInt, as JSON.stringify does', () => {
    expect(() => jsonBytes({ n: 1n }, Infinity)).toThrow(TypeError);
  });
});

describe('jsonTextWithin', () => {
  it("writes JSON.stringify's text when it fits", () => {
    expect(jsonTextWithin({ a: [1, 'b'] }, 100)).toBe('{"a":[1,"b"]}');
    expect(jsonTextWithin(42, 2)).toBe('42');
    expect(jsonTextWithin(420, 2)).toBe(OVER_LIMIT);
    expect(jsonTextWithin(NaN, 10)).toBe('null');
    expect(jsonTextWithin(undefined, 10)).toBe('null');
  });
});
