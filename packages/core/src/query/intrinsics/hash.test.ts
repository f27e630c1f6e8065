import { expectInvalidArguments, runIntrinsic } from '../../../test/intrinsic-support.js';
import { describe, it, expect } from 'vitest';
import type { Json } from '../../json.js';

const run = (text: string, input: Json = {}): Json => runIntrinsic(text, input);
const invalid = (text: string, input: Json = {}): void => expectInvalidArguments(text, input, 'States.Hash');

describe('States.Hash', () => {
  it('matches AWS digests for "input data" (conformance hash__h0..h4)', () => {
    const hash = (algorithm: string): Json => run('States.Hash($.d, $.a)', { d: 'input data', a: algorithm });
    expect(hash('MD5')).toBe('812f45842bc6d66ee14572ce20db8e86');
    expect(hash('SHA-1')).toBe('aaff4a450a104cd177d28d18d74485e8cae074b7');
    expect(hash('SHA-256')).toBe('b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3');
    expect(hash('SHA-512')).toBe(
      '6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4',
    );
  });

  it('hashes "hello" with SHA-384 and UTF-8 input', () => {
    expect(run("States.Hash('hello', 'SHA-384')")).toBe(
      '59e1748777448c69de6b800d7a33bbfb9ff1b463e44354c3553bcdb9c666fa90125a3c79f90397bdf5f6a13de828684f',
    );
    expect(run("States.Hash('🚀', 'SHA-256')")).toBe(
      'ebbc0b2870eb323f2b6cffa5c493ceef81ae7eb36afc73d4e0367301631daec5',
    );
    expect(run("States.Hash('', 'SHA-256')")).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('hashes a non-string by its Java text, as AWS accepts 123 and {}', () => {
    expect(run("States.Hash(123, 'MD5')")).toBe(run("States.Hash('123', 'MD5')"));
    expect(run("States.Hash($.o, 'MD5')", { o: {} })).toBe(run("States.Hash('{}', 'MD5')"));
  });

  it('accepts 10,000 characters and refuses 10,001', () => {
    expect(run("States.Hash($.s, 'SHA-256')", { s: 'a'.repeat(10_000) })).toMatch(/^[0-9a-f]{64}$/);
    invalid("States.Hash($.s, 'SHA-256')", { s: 'a'.repeat(10_001) });
  });

  it('refuses any algorithm name but the exact five', () => {
    for (const algorithm of [
      "'sha-256'",
      "'SHA256'",
      "'MD-5'",
      "''",
      "'SHA-257'",
      "'UNSUPPORTED'",
      '123',
      'null',
      "'__proto__'",
      "'toString'",
    ]) {
      invalid(`States.Hash('data', ${algorithm})`);
    }
  });
});
