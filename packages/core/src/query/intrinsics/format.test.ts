import { describe, it, expect } from 'vitest';
import type { Json } from '../../json.js';
import { StatesError } from '../../errors/states-error.js';
import { createRandom } from '../../runtime/random.js';
import { evaluateIntrinsic } from './evaluate.js';
import { parseTemplate } from './format.js';
import { parseIntrinsic } from './parse.js';

const run = (text: string, input: Json = {}): Json =>
  evaluateIntrinsic(parseIntrinsic(text), { data: { input, context: {} }, random: createRandom('format') });
const cause = (text: string, input: Json = {}): string | undefined => {
  try {
    run(text, input);
  } catch (error) {
    if (error instanceof StatesError && error.error === 'States.Runtime') return error.causeText;
    throw error;
  }
  throw new Error(`no failure for ${text}`);
};

describe('States.Format rendering', () => {
  it('renders strings, numbers, booleans and null (conformance format_1/format_2)', () => {
    expect(run("States.Format('Formatting argument {}.', $.v)", { v: '' })).toBe('Formatting argument .');
    expect(
      run("States.Format('{}|{}|{}|{}|{}', $.a, $.b, $.c, $.d, $.e)", { a: null, b: false, c: -1, d: 3.5, e: 1.1 }),
    ).toBe('null|false|-1|3.5|1.1');
    expect(run("States.Format('{}', $.v)", { v: '{"Arg1": 1, "Arg2": []}' })).toBe('{"Arg1": 1, "Arg2": []}');
  });

  it('renders objects and arrays the Java way (AWS snapshot test_format_2 #7)', () => {
    expect(run("States.Format('fst={} snd={}', $.o, $.o)", { o: { Arg1: 1, Arg2: [] } })).toBe(
      'fst={Arg1=1, Arg2=[]} snd={Arg1=1, Arg2=[]}',
    );
    expect(run("States.Format('{}', $.a)", { a: [1, 'x', null, { k: [true] }] })).toBe('[1, x, null, {k=[true]}]');
  });

  it('renders numbers as Java does', () => {
    const input = { big: 9007199254740991, small: 0.0001, large: 12345678.9, neg: -2.5e-5, int: 1e18, huge: 1e20 };
    expect(run("States.Format('{} {} {} {} {} {}', $.big, $.small, $.large, $.neg, $.int, $.huge)", input)).toBe(
      '9007199254740991 1.0E-4 1.23456789E7 -2.5E-5 1000000000000000000 1.0E20',
    );
  });

  it('reads the template from a path or a nested call', () => {
    expect(run('States.Format($.t, $.n)', { t: 'Hello {}', n: 'Ada' })).toBe('Hello Ada');
    expect(run("States.Format(States.Format('{}', $.t), 1)", { t: 'n={}' })).toBe('n=1');
    expect(run("States.Format('no placeholders')")).toBe('no placeholders');
    expect(run("States.Format('  {}  ', 'x')")).toBe('  x  ');
  });

  it('keeps escaped braces, quotes and backslashes as text', () => {
    expect(run("States.Format('\\{\\} {} \\{x\\}', 'x')")).toBe('{} x {x}');
    expect(cause("States.Format('\\{}', 'x')")).toContain("'}' without a matching '{'");
    expect(run("States.Format('Name: \\'{}\\', Surname: \"{}\"', 'G', 'M')")).toBe('Name: \'G\', Surname: "M"');
    expect(run("States.Format('a\\\\b {}', 1)")).toBe('a\\b 1');
  });

  it('does not treat braces inside values as placeholders', () => {
    expect(run("States.Format('{} {}', '{}', 'x')")).toBe('{} x');
  });
});

describe('States.Format failures', () => {
  it('fails when placeholders and values differ in number', () => {
    const expected = 'Invalid arguments in States.Format: number of arguments do not match the occurrences of {}';
    expect(cause("States.Format('{} {}', 'x')")).toContain(expected);
    expect(cause("States.Format('{}', 'x', 'y')")).toContain(expected);
    expect(cause("States.Format('\\{\\}', 'x')")).toContain(expected);
  });

  it("fails on a '{' without '}' and on a lone '}' (AWS fails these at run time)", () => {
    expect(cause("States.Format('Hello {', 'x')")).toContain(
      "Invalid template in States.Format: matching '}' not found for '{'.",
    );
    expect(cause("States.Format('Hello {{}}', 'x')")).toContain("matching '}' not found");
    expect(cause("States.Format('}')")).toContain("'}' without a matching '{'");
  });

  it('fails on a non-string template', () => {
    expect(cause('States.Format($.t, 1)', { t: 123 })).toBe(
      "The function 'States.Format($.t, 1)' had the following error: Invalid arguments in States.Format",
    );
    expect(cause('States.Format(1)')).toContain('Invalid arguments in States.Format');
    expect(cause('States.Format()')).toContain('Invalid arguments in States.Format');
  });
});

describe('parseTemplate', () => {
  it('splits text and placeholders', () => {
    expect(parseTemplate('a{}b{}')).toEqual(['a', null, 'b', null, '']);
    expect(parseTemplate('')).toEqual(['']);
    expect(parseTemplate('C:\\dir {}')).toEqual(['C:\\dir ', null, '']);
  });

  it('handles a very long template', () => {
    expect(parseTemplate('{}'.repeat(50_000)).filter((part) => part === null)).toHaveLength(50_000);
  });
});
