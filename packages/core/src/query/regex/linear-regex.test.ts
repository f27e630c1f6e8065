import { describe, expect, it } from 'vitest';
import { compileFullMatch, LinearRegExp, UnsupportedRegexError } from './linear-regex.js';

describe('compileFullMatch', () => {
  it('matches the whole input, as Java matches() does', () => {
    const matches = compileFullMatch('ab.*', 'i');
    expect(typeof matches).toBe('function');
    expect((matches as (s: string) => boolean)('ABc')).toBe(true);
    expect((matches as (s: string) => boolean)('xABc')).toBe(false);
  });

  it('runs a catastrophic pattern in linear time', () => {
    const matches = compileFullMatch('(a+)+b', '') as (s: string) => boolean;
    expect(matches('a'.repeat(50_000) + 'c')).toBe(false);
  });

  it('explains what RE2 refuses', () => {
    expect(compileFullMatch('(a)\\1', '')).toMatch(/RE2/);
    expect(compileFullMatch('a', 'x')).toMatch(/flag 'x'/);
  });
});

describe('LinearRegExp', () => {
  it('steps through matches with lastIndex like a global RegExp', () => {
    const re = new LinearRegExp(/(\w)o/g);
    const first = re.exec('foo boo')!;
    expect([...first]).toEqual(['fo', 'f']);
    expect(first.index).toBe(0);
    expect(re.lastIndex).toBe(2);
    const second = re.exec('foo boo')!;
    expect([...second]).toEqual(['bo', 'b']);
    expect(second.index).toBe(4);
    expect(re.exec('foo boo')).toBeNull();
    expect(re.lastIndex).toBe(0);
  });

  it('reports UTF-16 indexes, as JavaScript does', () => {
    const re = new LinearRegExp(/😀(.)/g);
    const match = re.exec('a😀bc')!;
    expect(match.index).toBe(1);
    expect(match[1]).toBe('b');
    expect(re.lastIndex).toBe(4);
  });

  it('honours the i and m flags', () => {
    expect(new LinearRegExp(/^b/im).exec('a\nB')?.index).toBe(2);
  });

  it('refuses look-behind with a clear error', () => {
    expect(() => new LinearRegExp(/(?<=a)b/g)).toThrow(UnsupportedRegexError);
  });
});
