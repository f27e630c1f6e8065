import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findJsonSyntaxProblem, parseJsonText } from './json-text.js';

describe('findJsonSyntaxProblem', () => {
  it.each([
    ['{"a": }', 1, 7],
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3],
    ['[1, 2,]', 1, 7],
    ["{'a': 1}", 1, 2],
    ['{"a" 1}', 1, 6],
    ['"abc', 1, 5],
    ['"a\\x"', 1, 3],
    ['"\\u12G4"', 1, 2],
    ['"tab\there"', 1, 5],
    ['01', 1, 2],
    ['tru', 1, 1],
    ['', 1, 1],
    ['{} {}', 1, 4],
    ['\uFEFF{}', 1, 1],
  ])('locates the problem in %j at %i:%i', (text, line, column) => {
    expect(findJsonSyntaxProblem(text)).toMatchObject({ line, column });
  });

  it('returns undefined for valid JSON', () => {
    for (const text of ['{}', '[]', ' null ', '-0.5e+3', '"\\u00e9\\n"', '{"a":[{"b":[true,false,null]}]}']) {
      expect(findJsonSyntaxProblem(text)).toBeUndefined();
    }
  });

  it('agrees with JSON.parse on what is valid', () => {
    const jsonish = fc.oneof(
      fc.json(),
      fc.string({
        unit: fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '\\', '1', '-', '.', 'e', 'n', 't', ' ', '\n', 'a'),
      }),
      fc.tuple(fc.json(), fc.nat(), fc.string({ maxLength: 2 })).map(([text, at, insert]) => {
        const i = at % (text.length + 1);
        return text.slice(0, i) + insert + text.slice(i + 1);
      }),
    );
    fc.assert(
      fc.property(jsonish, (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect(findJsonSyntaxProblem(text) === undefined).toBe(valid);
      }),
      { numRuns: 2000 },
    );
  });

  it('survives nesting a million deep', () => {
    const text = '['.repeat(1_000_000) + '}';
    expect(findJsonSyntaxProblem(text)).toMatchObject({ line: 1, column: 1_000_001 });
  });
});

describe('parseJsonText', () => {
  it('returns the parsed value', () => {
    expect(parseJsonText('{"__proto__": 1}', 'x.json')).toEqual(JSON.parse('{"__proto__": 1}'));
  });

  it('throws ASLKIT_INVALID_JSON naming the source, line and column', () => {
    expect(() => parseJsonText('{\n  "a": ,\n}', 'input.json')).toThrowError(
      expect.objectContaining({ code: 'ASLKIT_INVALID_JSON', message: expect.stringMatching(/^input\.json:2:8: /) }),
    );
  });
});
