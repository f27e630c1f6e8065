import { expectInvalidArguments, runIntrinsic } from '../../../test/intrinsic-support.js';
import { describe, it, expect } from 'vitest';
import type { Json, JsonObject } from '../../json.js';

const run = (text: string, input: Json = {}): Json => runIntrinsic(text, input);
const invalid = expectInvalidArguments;

describe('States.StringToJson', () => {
  it('parses any JSON value, with surrounding whitespace', () => {
    expect(run('States.StringToJson($.s)', { s: '{"Arg1": 1, "Arg2": []}' })).toEqual({ Arg1: 1, Arg2: [] });
    expect(run('States.StringToJson($.s)', { s: ' [1, 2, "x"] ' })).toEqual([1, 2, 'x']);
    expect(run('States.StringToJson($.s)', { s: '"hello"' })).toBe('hello');
    expect(run('States.StringToJson($.s)', { s: '1.1' })).toBe(1.1);
    expect(run('States.StringToJson($.s)', { s: 'null' })).toBeNull();
  });

  it('returns null for empty or blank text (AWS)', () => {
    expect(run('States.StringToJson($.s)', { s: '' })).toBeNull();
    expect(run('States.StringToJson($.s)', { s: ' \n\t ' })).toBeNull();
  });

  it('reads -0 as 0, anywhere', () => {
    expect(Object.is(run('States.StringToJson($.s)', { s: '-0' }), 0)).toBe(true);
    expect(Object.is((run('States.StringToJson($.s)', { s: '[-0]' }) as Json[])[0], 0)).toBe(true);
  });

  it('keeps __proto__ as a plain key', () => {
    const parsed = run('States.StringToJson($.s)', { s: '{"__proto__": {"polluted": true}}' }) as JsonObject;
    expect(Object.keys(parsed)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('parses the literal of conformance json_merge_escaped_argument (unescaped braces are fine)', () => {
    expect(run('States.StringToJson(\'{"constant_in_literal": "false"}\')')).toEqual({ constant_in_literal: 'false' });
  });

  it('rejects invalid JSON and non-strings', () => {
    for (const s of ['{bad json}', '{"a":1', 'undefined', 'NaN', "{'a':1}"])
      invalid('States.StringToJson($.s)', { s }, 'States.StringToJson');
    for (const s of [123, { a: 1 }, [1], null, true]) invalid('States.StringToJson($.s)', { s }, 'States.StringToJson');
  });

  it('rejects text nested too deep to parse instead of crashing', () => {
    invalid('States.StringToJson($.s)', { s: '['.repeat(1_000_000) + ']'.repeat(1_000_000) }, 'States.StringToJson');
  });
});

describe('States.JsonToString', () => {
  it('writes compact JSON (conformance json_to_string)', () => {
    expect(run('States.JsonToString($.v)', { v: { Arg1: 1, Arg2: [] } })).toBe('{"Arg1":1,"Arg2":[]}');
    expect(run('States.JsonToString($.v)', { v: [1, 2, 'HelloWorld'] })).toBe('[1,2,"HelloWorld"]');
    expect(run('States.JsonToString($.v)', { v: null })).toBe('null');
    expect(run('States.JsonToString($.v)', { v: true })).toBe('true');
    expect(run('States.JsonToString($.v)', { v: 'he said "hi"\n' })).toBe('"he said \\"hi\\"\\n"');
    expect(run("States.JsonToString('x')")).toBe('"x"');
  });

  it('writes fractional numbers as Jackson does', () => {
    expect(run('States.JsonToString($.v)', { v: [-1, 3.5, 0.0001, -9007199254740991] })).toBe(
      '[-1,3.5,1.0E-4,-9007199254740991]',
    );
  });

  it('writes __proto__ keys', () => {
    expect(run('States.JsonToString(States.StringToJson($.s))', { s: '{"__proto__":1}' })).toBe('{"__proto__":1}');
  });
});

describe('States.JsonMerge', () => {
  it('merges shallowly, right side wins (conformance json_merge__h0)', () => {
    const input = { a: { a: { a1: 1, a2: 2 }, b: 2, d: 3 }, b: { a: { a3: 1, a4: 2 }, c: 3, d: 4 } };
    expect(run('States.JsonMerge($.a, $.b, false)', input)).toEqual({ a: { a3: 1, a4: 2 }, b: 2, c: 3, d: 4 });
  });

  it('copies, never mutating its inputs', () => {
    const input = { a: { x: 1 }, b: { y: 2 } };
    run('States.JsonMerge($.a, $.b, false)', input);
    expect(input).toEqual({ a: { x: 1 }, b: { y: 2 } });
  });

  it('keeps __proto__ keys as data', () => {
    const left = JSON.parse('{"__proto__": {"polluted": true}, "k": 1}') as JsonObject;
    const merged = run('States.JsonMerge($.a, $.b, false)', { a: left, b: { x: 1 } }) as JsonObject;
    expect(Object.keys(merged)).toEqual(['__proto__', 'k', 'x']);
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect((merged as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads the deep flag leniently like Jackson asBoolean, refusing only a true reading', () => {
    expect(run('States.JsonMerge($.a, $.b, $.d)', { a: {}, b: { x: 1 }, d: 'false' })).toEqual({ x: 1 });
    expect(run('States.JsonMerge($.a, $.b, $.d)', { a: {}, b: {}, d: null })).toEqual({});
    invalid('States.JsonMerge($.a, $.b, true)', { a: {}, b: {} }, 'States.JsonMerge');
    invalid('States.JsonMerge($.a, $.b, $.d)', { a: {}, b: {}, d: ' true ' }, 'States.JsonMerge');
    invalid('States.JsonMerge($.a, $.b, 1)', { a: {}, b: {} }, 'States.JsonMerge');
  });

  it('rejects non-objects', () => {
    for (const input of [
      { a: null, b: {} },
      { a: {}, b: null },
      { a: [], b: {} },
      { a: {}, b: 'x' },
    ]) {
      invalid('States.JsonMerge($.a, $.b, false)', input, 'States.JsonMerge');
    }
  });
});
