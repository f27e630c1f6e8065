import { describe, it, expect } from 'vitest';
import { compactJson, javaNumberText, javaString } from './java-text.js';

describe('javaNumberText', () => {
  it('prints integral numbers as plain digits, like Long.toString', () => {
    expect(javaNumberText(0)).toBe('0');
    expect(javaNumberText(-0)).toBe('0');
    expect(javaNumberText(-7)).toBe('-7');
    expect(javaNumberText(9007199254740991)).toBe('9007199254740991');
    expect(javaNumberText(1e18)).toBe('1000000000000000000');
  });

  it('matches Double.toString for fractional and huge values (vectors from OpenJDK)', () => {
    const vectors: [number, string][] = [
      [1.1, '1.1'],
      [0.001, '0.001'],
      [0.0001, '1.0E-4'],
      [12345678.9, '1.23456789E7'],
      [1.5e-7, '1.5E-7'],
      [9999999.5, '9999999.5'],
      [1e21, '1.0E21'],
      [1e300, '1.0E300'],
      [-2.5e-5, '-2.5E-5'],
      [123.456, '123.456'],
      [0.1 + 0.2, '0.30000000000000004'],
      [1.7976931348623157e308, '1.7976931348623157E308'],
      [9.223372036854776e18, '9.223372036854776E18'],
      [1e-5, '1.0E-5'],
      [0.5, '0.5'],
      [1234567.125, '1234567.125'],
      [4.35, '4.35'],
    ];
    for (const [value, text] of vectors) expect(javaNumberText(value), String(value)).toBe(text);
  });
});

describe('javaString', () => {
  it('renders values as String.valueOf renders the Java objects (vectors from OpenJDK)', () => {
    expect(javaString({ x: [1.5, 's', null] })).toBe('{x=[1.5, s, null]}');
    expect(javaString([1, 2.5, null, 'x', { a: 1, b: 2 }])).toBe('[1, 2.5, null, x, {a=1, b=2}]');
    expect(javaString({})).toBe('{}');
    expect(javaString([])).toBe('[]');
    expect(javaString(true)).toBe('true');
    expect(javaString(null)).toBe('null');
    expect(javaString('plain "text"')).toBe('plain "text"');
  });
});

describe('compactJson', () => {
  it('writes Jackson compact JSON', () => {
    expect(compactJson({ a: [1, 'x', null, true], b: { c: 0.0001 } })).toBe('{"a":[1,"x",null,true],"b":{"c":1.0E-4}}');
    expect(compactJson('line\n"q"\u0001')).toBe('"line\\n\\"q\\"\\u0001"');
  });
});
