import { describe, it, expect } from 'vitest';
import type { Json } from '../../json.js';
import { StatesError } from '../../errors/states-error.js';
import { createRandom } from '../../runtime/random.js';
import { evaluateIntrinsic } from './evaluate.js';
import { parseIntrinsic } from './parse.js';
import { splitOnAnyOf } from './string.js';

const run = (text: string, input: Json = {}): Json =>
  evaluateIntrinsic(parseIntrinsic(text), { data: { input, context: {} }, random: createRandom('string') });

describe('States.StringSplit', () => {
  it('splits on any character of the delimiter string and drops empty pieces', () => {
    expect(run("States.StringSplit($.s, ',')", { s: '1,2,3,4,5' })).toEqual(['1', '2', '3', '4', '5']);
    expect(run('States.StringSplit($.s, $.d)', { s: 'This.is+a,test', d: '.+,' })).toEqual(['This', 'is', 'a', 'test']);
    expect(run("States.StringSplit($.s, ',')", { s: ',,,,' })).toEqual([]);
    expect(run("States.StringSplit($.s, ',')", { s: ', , ,' })).toEqual([' ', ' ']);
    expect(run("States.StringSplit($.s, ',')", { s: '' })).toEqual([]);
    expect(run("States.StringSplit($.s, 'ab')", { s: '1a2b3ab4' })).toEqual(['1', '2', '3', '4']);
  });

  it('splits on a raw newline inside the literal (AWS snapshot test_escape_sequence)', () => {
    expect(run("States.StringSplit('Hello\nWorld', '\n')")).toEqual(['Hello', 'World']);
  });

  it('keeps the whole text when the delimiter string is empty', () => {
    expect(run("States.StringSplit('abc', '')")).toEqual(['abc']);
  });

  it('treats delimiters as whole code points', () => {
    expect(splitOnAnyOf('a🚀b\uD83D', '🚀')).toEqual(['a', 'b\uD83D']);
  });

  it('splits a very long string', () => {
    expect(run("States.StringSplit($.s, ',')", { s: 'x,'.repeat(100_000) })).toHaveLength(100_000);
  });

  it('rejects non-string arguments', () => {
    for (const input of [
      { s: 123, d: ',' },
      { s: 'a,b', d: 1 },
      { s: null, d: ',' },
      { s: false, d: ',' },
      { s: 'a', d: [','] },
    ]) {
      expect(() => run('States.StringSplit($.s, $.d)', input)).toThrow(StatesError);
      try {
        run('States.StringSplit($.s, $.d)', input);
      } catch (error) {
        expect((error as StatesError).causeText).toContain('Invalid arguments in States.StringSplit');
      }
    }
  });
});
