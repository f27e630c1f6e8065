import { describe, expect, it } from 'vitest';
import { hasRepeatedKeys, indexSource } from './locate.js';

const text = `{
  "StartAt": "A",
  "States": {
    "A": { "Type": "Pass", "Next": "B" },
    "a/b~c": { "Type": "Choice", "Choices": [
      { "Variable": "$.x", "IsNull": true, "Next": "A" }
    ] }
  }
}`;

describe('indexSource', () => {
  it('places a pointer on the key of the member it names', () => {
    const index = indexSource(text)!;
    expect(index.locate('/States/A/Next')).toEqual({ line: 4, column: 28 });
    expect(index.locate('/StartAt')).toEqual({ line: 2, column: 3 });
  });

  it('unescapes ~1 and ~0 and walks array indexes', () => {
    const index = indexSource(text)!;
    expect(index.locate('/States/a~1b~0c/Choices/0/Next')).toEqual({ line: 6, column: 44 });
    expect(index.locate('/States/a~1b~0c/Choices/0')).toEqual({ line: 6, column: 7 });
  });

  it('puts the root, and AWS’s "/" root, at the start of the document', () => {
    const index = indexSource('  {"a": 1}')!;
    expect(index.locate('')).toEqual({ line: 1, column: 3 });
    expect(index.locate('/')).toEqual({ line: 1, column: 3 });
  });

  it('falls back to the deepest part that exists', () => {
    const index = indexSource(text)!;
    expect(index.locate('/States/A/Missing/deeper')).toEqual({ line: 4, column: 5 });
    expect(index.locate('/States/a~1b~0c/Choices/9')).toEqual({ line: 5, column: 34 });
  });

  it('means the last of repeated keys, as JSON.parse does, and lists the repeats in text order', () => {
    const index = indexSource('{"S":{"A":1,"B":{"x":1,"x":2},"A":3}}')!;
    expect(index.locate('/S/A')).toEqual({ line: 1, column: 31 });
    expect(index.duplicateKeys).toEqual(['/S/B/x', '/S/A']);
  });

  it('gives up quietly on text it cannot parse or nest', () => {
    expect(indexSource('{"a": ')).toBeUndefined();
    expect(indexSource('['.repeat(200_000) + ']'.repeat(200_000))).toBeUndefined();
  });
});

describe('hasRepeatedKeys', () => {
  it('compares the members of the text with the keys of the parsed value', () => {
    const check = (text: string) => hasRepeatedKeys(text, JSON.parse(text));
    expect(check('{"a":1,"b":{"c":[{"d":2}]}}')).toBe(false);
    expect(check('{"a":1,"b":{"c":1,"c":2}}')).toBe(true);
    expect(check('{"a" :\n 1, "a": 2}')).toBe(true);
  });

  it('is not fooled by quotes, colons and escapes inside strings', () => {
    const check = (text: string) => hasRepeatedKeys(text, JSON.parse(text));
    expect(check('{"k":["a", ":", "\\":\\"", "\\\\"], "x": "\\"y\\": 1"}')).toBe(false);
    expect(check('["x", ":"]')).toBe(false);
  });
});
