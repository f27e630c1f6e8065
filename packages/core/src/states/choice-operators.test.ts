import { describe, expect, it } from 'vitest';
import { expectLinearGrowth } from '../../test/growth.js';
import type { Json } from '../json.js';
import {
  compileStringPattern,
  lookupOperator,
  matchesStringPattern,
  operatorNames,
  type OperatorEntry,
} from './choice-operators.js';

const matches = (text: string, pattern: string): boolean => matchesStringPattern(text, compileStringPattern(pattern));

/** Binds a literal operand and applies the test, as a compiled literal rule would. */
function compare(name: string, value: Json, operand: Json): boolean {
  const entry = lookupOperator(name);
  if (entry?.kind !== 'comparison') throw new Error(`${name} is not a comparison`);
  const test = entry.comparison.bind(operand);
  if (!test) throw new Error(`${name} rejected its operand`);
  return test(value);
}

describe('operator table', () => {
  it('knows every AWS operator name and its Path form', () => {
    const families = ['String', 'Numeric', 'Timestamp'].flatMap((f) =>
      ['Equals', 'LessThan', 'GreaterThan', 'LessThanEquals', 'GreaterThanEquals'].map((s) => f + s),
    );
    const expected = [...families, 'BooleanEquals'].flatMap((n) => [n, `${n}Path`]);
    expected.push('StringMatches', 'IsNull', 'IsPresent', 'IsNumeric', 'IsString', 'IsBoolean', 'IsTimestamp');
    expect(operatorNames().sort()).toEqual(expected.sort());
    expect(lookupOperator('NumericEqualsPath')).toMatchObject({ kind: 'comparison', path: true });
    expect(lookupOperator('NumericEquals')).toMatchObject({ kind: 'comparison', path: false });
  });

  it.each([
    'StringMatchesPath',
    'IsNullPath',
    'BooleanLessThan',
    'stringequals',
    'constructor',
    '__proto__',
    'toString',
    'hasOwnProperty',
    '',
  ])('has no operator named %j', (name) => expect(lookupOperator(name)).toBeUndefined());

  it('rejects operands of the wrong type at bind time', () => {
    const bind = (name: string, operand: Json) =>
      (lookupOperator(name) as Extract<OperatorEntry, { kind: 'comparison' }>).comparison.bind(operand);
    expect(bind('StringEquals', 1)).toBeUndefined();
    expect(bind('StringMatches', null)).toBeUndefined();
    expect(bind('NumericEquals', '1')).toBeUndefined();
    expect(bind('BooleanEquals', 'true')).toBeUndefined();
    expect(bind('TimestampEquals', 'date')).toBeUndefined();
    expect(bind('TimestampEquals', 0)).toBeUndefined();
    expect(bind('NumericEquals', 1)).toBeTypeOf('function');
  });
});

describe('string comparisons', () => {
  it('order by UTF-16 code units like Java compareTo', () => {
    expect(compare('StringLessThan', 'A', 'AB')).toBe(true);
    expect(compare('StringLessThan', 'B', 'a')).toBe(true); // uppercase sorts first
    expect(compare('StringGreaterThan', 'AB', 'ABC')).toBe(false);
    expect(compare('StringGreaterThan', 'A\t\n\r', 'A')).toBe(true);
    // U+FF61 is above the surrogate U+D83D that starts an emoji: code units, not code points.
    expect(compare('StringLessThan', '😀', '｡')).toBe(true);
    expect(compare('StringLessThanEquals', '', '')).toBe(true);
    expect(compare('StringGreaterThanEquals', 'b', 'a')).toBe(true);
    expect(compare('StringGreaterThanEquals', 'a', 'b')).toBe(false);
  });

  it('compare exactly, without trimming or normalising', () => {
    expect(compare('StringEquals', 'Hello', 'Hello')).toBe(true);
    expect(compare('StringEquals', ' ', '     ')).toBe(false);
    expect(compare('StringEquals', '\t\n', '\t\r\n')).toBe(false);
    expect(compare('StringEquals', '\u00e9', 'e\u0301')).toBe(false); // precomposed vs combining accent
  });

  it.each<[Json]>([[null], [1], [true], [['a']], [{ a: 'a' }]])('are false for the non-string %j', (value) => {
    expect(compare('StringEquals', value, 'a')).toBe(false);
    expect(compare('StringLessThan', value, 'zzz')).toBe(false);
    expect(compare('StringMatches', value, '*')).toBe(false);
  });
});

describe('numeric comparisons', () => {
  it('use IEEE doubles', () => {
    expect(compare('NumericEquals', 1, 1.0)).toBe(true);
    expect(compare('NumericEquals', 0.1 + 0.2, 0.3)).toBe(false);
    expect(compare('NumericEquals', 2 ** 53, 2 ** 53 + 1)).toBe(true);
    expect(compare('NumericLessThan', -1e308, 1e-308)).toBe(true);
    expect(compare('NumericGreaterThan', 1, 0)).toBe(true);
    expect(compare('NumericGreaterThanEquals', 1, 1)).toBe(true);
    expect(compare('NumericLessThanEquals', 1, 0)).toBe(false);
  });

  it.each<[Json]>([[null], ['1'], [true], [[1]], [{}]])('are false for the non-number %j', (value) => {
    expect(compare('NumericEquals', value, 1)).toBe(false);
    expect(compare('NumericLessThan', value, 1e308)).toBe(false);
  });
});

describe('boolean and timestamp comparisons', () => {
  it('BooleanEquals needs a boolean', () => {
    expect(compare('BooleanEquals', true, true)).toBe(true);
    expect(compare('BooleanEquals', false, true)).toBe(false);
    expect(compare('BooleanEquals', 'true', true)).toBe(false);
    expect(compare('BooleanEquals', 1, true)).toBe(false);
  });

  it('timestamps compare as instants and other values are false', () => {
    expect(compare('TimestampEquals', '2012-10-09T20:00:55+01:00', '2012-10-09T19:00:55Z')).toBe(true);
    expect(compare('TimestampLessThan', '2012-10-09T19:00:55Z', '2012-10-09T19:00:55.000000001Z')).toBe(true);
    expect(compare('TimestampGreaterThan', '2012-10-09T19:00:56Z', '2012-10-09T19:00:55Z')).toBe(true);
    expect(compare('TimestampGreaterThanEquals', '2012-10-09T19:00:55Z', '2012-10-09T19:00:56Z')).toBe(false);
    expect(compare('TimestampLessThanEquals', '2012-10-09T19:00:55Z', '2012-10-09T19:00:55Z')).toBe(true);
    expect(compare('TimestampEquals', '2012-10-09T19:00:55', '2012-10-09T19:00:55Z')).toBe(false);
    expect(compare('TimestampLessThan', '2023-02-24 12:15:56.832957', '2099-01-01T00:00:00Z')).toBe(false);
    expect(compare('TimestampLessThan', 0, '2099-01-01T00:00:00Z')).toBe(false);
  });
});

describe('type tests', () => {
  const test = (name: string, value: Json) =>
    (lookupOperator(name) as Extract<OperatorEntry, { kind: 'type-test' }>).test(value);
  it('check the JSON type only', () => {
    expect([null, 0, '', false, [], {}].map((v) => test('IsNull', v))).toEqual([
      true,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect([null, 0, 1.5, '1', false, [1]].map((v) => test('IsNumeric', v))).toEqual([
      false,
      true,
      true,
      false,
      false,
      false,
    ]);
    expect([null, 0, '', 'x', false, ['x']].map((v) => test('IsString', v))).toEqual([
      false,
      false,
      true,
      true,
      false,
      false,
    ]);
    expect([null, 0, 'true', true, false, [true]].map((v) => test('IsBoolean', v))).toEqual([
      false,
      false,
      false,
      true,
      true,
      false,
    ]);
    expect(
      ['2012-10-09T19:00:55Z', '2012-10-09T19:00:55', 'date', 1_349_809_255, null].map((v) => test('IsTimestamp', v)),
    ).toEqual([true, false, false, false, false]);
  });
});

describe('StringMatches patterns', () => {
  it('treat * as any run of characters, including none', () => {
    expect(matches('log-2024.txt', 'log-*.txt')).toBe(true);
    expect(matches('log-.txt', 'log-*.txt')).toBe(true);
    expect(matches('log-2024.txt.bak', 'log-*.txt')).toBe(false);
    expect(matches('anything', '*')).toBe(true);
    expect(matches('', '*')).toBe(true);
    expect(matches('abc', '*b*')).toBe(true);
    expect(matches('ac', '*b*')).toBe(false);
    expect(matches('aXbXc', 'a*b*c')).toBe(true);
    expect(matches('abcbc', 'a*bc')).toBe(true);
    expect(matches('aba', 'a*ba')).toBe(true);
    expect(matches('ab', 'a*ba')).toBe(false); // prefix and suffix may not overlap
  });

  it('match the whole string, with no other special characters', () => {
    expect(matches('xabcx', 'abc')).toBe(false);
    expect(matches('abc', 'abc')).toBe(true);
    expect(matches('a.c', 'a.c')).toBe(true);
    expect(matches('abc', 'a.c')).toBe(false);
    expect(matches('a?c', 'a?c')).toBe(true);
    expect(matches('abc', 'a?c')).toBe(false);
    expect(matches('[a]', '[a]')).toBe(true);
    expect(matches('a', '[a]')).toBe(false);
    expect(matches('^$(x)+', '^$(x)+')).toBe(true);
  });

  it('read \\* as a literal star and \\\\ as a literal backslash', () => {
    expect(compileStringPattern('a\\*b')).toEqual(['a*b']);
    expect(matches('a*b', 'a\\*b')).toBe(true);
    expect(matches('axb', 'a\\*b')).toBe(false);
    expect(matches('a\\b', 'a\\\\b')).toBe(true);
    expect(matches('a\\xyz', 'a\\\\*')).toBe(true); // escaped backslash, then a wildcard
    expect(matches('*x', '\\**')).toBe(true);
    expect(matches('x', '\\**')).toBe(false);
  });

  it('keeps other backslashes as written', () => {
    expect(matches('a\\nb', 'a\\nb')).toBe(true);
    expect(matches('ab\\', 'ab\\')).toBe(true);
  });

  it('takes time linear in the text and pattern on hostile patterns', () => {
    const hostile: [name: string, text: (n: number) => string, pattern: (n: number) => string, result: boolean][] = [
      ['stars only', (n) => 'a'.repeat(n), (n) => '*'.repeat(n / 10), true],
      ['star, a, ..., b', (n) => 'a'.repeat(n), (n) => `${'*a'.repeat(n / 10)}*b`, false],
      ['a, star, ...', (n) => 'a'.repeat(n), (n) => 'a*'.repeat(n / 10), true],
      ['star, ab, ..., c', (n) => 'ab'.repeat(n / 2), (n) => `${'*ab'.repeat(n / 20)}*c`, false],
    ];
    for (const [name, text, pattern, result] of hostile) {
      expect(matches(text(100_000), pattern(100_000)), name).toBe(result);
      // A backtracking matcher would blow up here (the test's timeout stops a hang).
      expectLinearGrowth(
        (n) => [text(n), pattern(n)] as const,
        ([t, p]) => matches(t, p),
        10_000,
      );
    }
  });
});
