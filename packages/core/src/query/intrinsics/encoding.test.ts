import { expectInvalidArguments, runIntrinsic } from '../../../test/intrinsic-support.js';
import { describe, it, expect } from 'vitest';
import type { Json } from '../../json.js';
import { base64DecodeLenient, base64Encode, utf8Bytes } from './encoding.js';

const run = (text: string, input: Json = {}): Json => runIntrinsic(text, input);
const invalid = expectInvalidArguments;

describe('States.Base64Encode', () => {
  it('encodes UTF-8 bytes (conformance base_64_encode)', () => {
    expect(run('States.Base64Encode($.s)', { s: 'Data to encode' })).toBe('RGF0YSB0byBlbmNvZGU=');
    expect(run('States.Base64Encode($.s)', { s: '' })).toBe('');
    expect(run('States.Base64Encode($.s)', { s: '✓' })).toBe('4pyT');
    expect(run('States.Base64Encode($.s)', { s: 'こんにちは' })).toBe('44GT44KT44Gr44Gh44Gv');
    expect(run("States.Base64Encode('🚀')")).toBe('8J+agA==');
    expect(run('States.Base64Encode($.s)', { s: 'abc\u0000def' })).toBe('YWJjAGRlZg==');
  });

  it('encodes a lone surrogate as "?" like Java', () => {
    expect(run('States.Base64Encode($.s)', { s: 'a\uD800' })).toBe(base64Encode(utf8Bytes('a?')));
  });

  it('accepts 10,000 characters and refuses 10,001', () => {
    const a10000 = 'a'.repeat(10_000);
    expect(run('States.Base64Encode($.s)', { s: a10000 })).toBe(base64Encode(new TextEncoder().encode(a10000)));
    invalid('States.Base64Encode($.s)', { s: 'a'.repeat(10_001) }, 'States.Base64Encode');
    invalid('States.Base64Encode($.s)', { s: 'a'.repeat(1_000_000) }, 'States.Base64Encode');
  });

  it('rejects non-strings', () => {
    for (const s of [123, {}, ['x'], null]) invalid('States.Base64Encode($.s)', { s }, 'States.Base64Encode');
  });
});

describe('States.Base64Decode', () => {
  it('decodes to UTF-8 text', () => {
    expect(run("States.Base64Decode('aGVsbG8=')")).toBe('hello');
    expect(run("States.Base64Decode('')")).toBe('');
    expect(run("States.Base64Decode('4pyT')")).toBe('✓');
    expect(run("States.Base64Decode('44GT44KT44Gr44Gh44Gv')")).toBe('こんにちは');
    expect(run("States.Base64Decode('YWJjAGRlZg==')")).toBe('abc\u0000def');
    expect(run('States.Base64Decode(States.Base64Encode($.s))', { s: 'round 🚀 trip' })).toBe('round 🚀 trip');
  });

  it('decodes leniently where AWS does: skips foreign characters, stops at "="', () => {
    expect(run("States.Base64Decode(' YWJjZA== ')")).toBe('abcd');
    expect(run("States.Base64Decode('ab==cd')")).toBe('i');
    expect(run("States.Base64Decode('abc')")).toBe('i\uFFFD');
    expect(typeof run("States.Base64Decode('!!!invalid!!!')")).toBe('string');
    expect([...base64DecodeLenient('aGVs_-8')]).toEqual([...base64DecodeLenient('aGVs/+8')]);
  });

  it('keeps a leading byte-order mark, as Java does', () => {
    expect(run("States.Base64Decode('77u/YQ==')")).toBe('\uFEFFa');
  });

  it('refuses more than 10,000 characters and non-strings', () => {
    invalid('States.Base64Decode($.s)', { s: 'A'.repeat(10_001) }, 'States.Base64Decode');
    invalid('States.Base64Decode(123)', {}, 'States.Base64Decode');
    invalid('States.Base64Decode($.o)', { o: {} }, 'States.Base64Decode');
  });
});
