import { describe, it, expect } from 'vitest';
import { isIntrinsicCall, IntrinsicSyntaxError, parseIntrinsic, type IntrinsicArg } from './parse.js';

const args = (text: string): IntrinsicArg[] => parseIntrinsic(text).args;
const literal = (text: string): unknown => {
  const [arg] = args(`States.Array(${text})`);
  if (arg?.kind !== 'literal') throw new Error(`not a literal: ${text}`);
  return arg.value;
};
const syntaxError = (text: string): IntrinsicSyntaxError => {
  try {
    parseIntrinsic(text);
  } catch (error) {
    if (error instanceof IntrinsicSyntaxError) return error;
    throw error;
  }
  throw new Error(`parsed without error: ${text}`);
};

describe('isIntrinsicCall', () => {
  it('accepts States.<Name>( and nothing else', () => {
    expect(isIntrinsicCall('States.Format(')).toBe(true);
    expect(isIntrinsicCall('States.Nope()')).toBe(true); // shape only; parseIntrinsic rejects the name
    expect(isIntrinsicCall('$.a')).toBe(false);
    expect(isIntrinsicCall('States.()')).toBe(false);
    expect(isIntrinsicCall('States.Format ()')).toBe(false);
    expect(isIntrinsicCall(' States.Format()')).toBe(false);
    expect(isIntrinsicCall('states.Format()')).toBe(false);
    expect(isIntrinsicCall(42 as unknown as string)).toBe(false);
  });
});

describe('parseIntrinsic: calls', () => {
  it('parses a call with no arguments', () => {
    expect(parseIntrinsic('States.UUID()')).toEqual({ name: 'States.UUID', args: [], source: 'States.UUID()' });
    expect(parseIntrinsic('States.Array(  )').args).toEqual([]);
  });

  it('keeps the whole text as the top-level source and each nested call its own slice', () => {
    const call = parseIntrinsic("States.Format('{}',States.Array( 1 )) ");
    expect(call.source).toBe("States.Format('{}',States.Array( 1 )) ");
    const nested = call.args[1];
    expect(nested?.kind === 'call' && nested.call.source).toBe('States.Array( 1 )');
  });

  it('allows whitespace (spaces, tabs, newlines) around arguments', () => {
    expect(args('States.Array( 1 ,\t2\n, 3 )').map((a) => a.kind === 'literal' && a.value)).toEqual([1, 2, 3]);
  });

  it('nests up to 10 calls and rejects the 11th', () => {
    const nest = (n: number): string => (n === 0 ? '1' : `States.Array(${nest(n - 1)})`);
    expect(() => parseIntrinsic(nest(10))).not.toThrow();
    const error = syntaxError(nest(11));
    expect(error.message).toMatch(/nest at most 10/);
    expect(error.offset).toBe('States.Array('.length * 10);
  });

  it('survives hostile nesting depth without overflowing the stack', () => {
    const deep = 'States.Array('.repeat(100_000) + ')'.repeat(100_000);
    expect(syntaxError(deep).message).toMatch(/nest at most 10/);
  });

  it('leaves arity to run time unless strictArity is set', () => {
    expect(parseIntrinsic("States.Hash('a')").args).toHaveLength(1);
    const error = (() => {
      try {
        parseIntrinsic("States.Hash('a')", { strictArity: true });
      } catch (e) {
        return e as IntrinsicSyntaxError;
      }
      throw new Error('expected an error');
    })();
    expect(error).toBeInstanceOf(IntrinsicSyntaxError);
    expect(error.message).toContain('States.Hash takes 2 arguments, got 1');
    expect(() => parseIntrinsic('States.MathRandom(1, 2, 3)', { strictArity: true })).not.toThrow();
    expect(() => parseIntrinsic('States.Format()', { strictArity: true })).toThrow(/at least 1/);
  });
});

describe('parseIntrinsic: string literals', () => {
  it('reads plain text, double quotes and raw newlines', () => {
    expect(literal("'hello'")).toBe('hello');
    expect(literal("''")).toBe('');
    expect(literal(`'say "hi"'`)).toBe('say "hi"');
    expect(literal("'Hello\nWorld'")).toBe('Hello\nWorld');
  });

  it('unescapes the four legal escapes and keeps the raw text', () => {
    const [arg] = args("States.Array('it\\'s \\{\\} \\\\ done')");
    expect(arg).toEqual({ kind: 'literal', value: "it's {} \\ done", raw: "it\\'s \\{\\} \\\\ done" });
  });

  it('rejects every other escape, including \\" (conformance illegal_escapes)', () => {
    for (const bad of ['\\"', '\\n', '\\t', '\\u0041', '\\x']) {
      const error = syntaxError(`States.StringToJson('a${bad}')`);
      expect(error.message).toMatch(/invalid escape/);
      expect(error.offset).toBe("States.StringToJson('a".length);
    }
    expect(syntaxError('States.StringToJson(\'{"text":"An \\"q\\" here"}\')').message).toMatch(/invalid escape '\\"'/);
  });

  it('rejects an unterminated string and a backslash at the very end', () => {
    expect(syntaxError("States.Array('abc").message).toMatch(/unterminated string/);
    expect(syntaxError("States.Array('abc\\").message).toMatch(/invalid escape end of input/);
  });

  it('reads very long strings', () => {
    const long = 'x'.repeat(1_000_000);
    expect(literal(`'${long}'`)).toBe(long);
  });
});

describe('parseIntrinsic: numbers and keywords', () => {
  it('reads JSON numbers', () => {
    expect(literal('0')).toBe(0);
    expect(literal('-1')).toBe(-1);
    expect(literal('12.5')).toBe(12.5);
    expect(literal('1e3')).toBe(1000);
    expect(literal('-2.5E-2')).toBe(-0.025);
    expect(Object.is(literal('-0'), 0)).toBe(true);
  });

  it('rejects malformed and non-finite numbers', () => {
    for (const bad of ['1.', '.5', '01', '-', '1e', '1e+', '+1', '1x', '1.2.3']) {
      expect(() => parseIntrinsic(`States.Array(${bad})`), bad).toThrow(IntrinsicSyntaxError);
    }
    expect(syntaxError('States.Array(1e999)').message).toMatch(/out of range/);
    expect(syntaxError('States.Array(-1e999)').offset).toBe('States.Array('.length);
  });

  it('reads true, false and null but not words that start with them', () => {
    expect(literal('true')).toBe(true);
    expect(literal('false')).toBe(false);
    expect(literal('null')).toBeNull();
    for (const bad of ['truex', 'nullable', 'True', 'undefined', 'NaN']) {
      expect(() => parseIntrinsic(`States.Array(${bad})`), bad).toThrow(IntrinsicSyntaxError);
    }
  });
});

describe('parseIntrinsic: path arguments', () => {
  const pathSource = (text: string): string => {
    const [arg] = args(`States.Array(${text})`);
    if (arg?.kind !== 'path') throw new Error('not a path');
    return arg.path.source;
  };

  it('reads input, context and variable paths', () => {
    expect(pathSource('$')).toBe('$');
    expect(pathSource('$.a.b')).toBe('$.a.b');
    expect(pathSource("$['a b']")).toBe("$['a b']");
    expect(pathSource('$[0]')).toBe('$[0]');
    expect(pathSource('$$.Execution.Id')).toBe('$$.Execution.Id');
    const [, variable] = args('States.Array($, $var.x)');
    expect(variable?.kind === 'path' && variable.path.root).toBe('variable');
  });

  it('ends a path at a top-level comma, parenthesis or space, not inside brackets or quotes', () => {
    expect(pathSource("$['a,b)']")).toBe("$['a,b)']");
    expect(pathSource('$.items[?(@.price < 10)]')).toBe('$.items[?(@.price < 10)]');
    expect(pathSource("$.items[?(@.name == 'x, y')].id")).toBe("$.items[?(@.name == 'x, y')].id");
    expect(pathSource("$['it\\'s']")).toBe("$['it\\'s']");
    const parsed = args('States.Array($.a ,$[1],  $.c)');
    expect(parsed.map((a) => a.kind === 'path' && a.path.source)).toEqual(['$.a', '$[1]', '$.c']);
  });

  it('rejects broken paths with the offset of the path', () => {
    expect(syntaxError('States.Array(1, $.a[0').message).toMatch(/unclosed bracket/);
    expect(syntaxError('States.Array(1, $.a[0)').message).toMatch(/unmatched '\)' in a path/);
    expect(syntaxError("States.Array($['a)").message).toMatch(/unterminated quote/);
    const error = syntaxError('States.Array(1, $.a.)');
    expect(error.offset).toBe('States.Array(1, '.length);
    expect(error.message).toMatch(/invalid path/);
    expect(syntaxError('States.Array($.a $.b)').message).toMatch(/expected ',' or '\)'/);
  });
});

describe('parseIntrinsic: syntax errors', () => {
  const cases: [string, RegExp, number][] = [
    ['States.Nope()', /unknown intrinsic function 'States.Nope'/, 0],
    ['States.format()', /unknown intrinsic function/, 0],
    ['States.Array', /expected '\('/, 12],
    ['States.(1)', /expected a function name/, 7],
    ['Foo.Array()', /expected 'States.'/, 0],
    ['States.Array(', /missing '\)'/, 13],
    ['States.Array(1', /missing '\)'/, 14],
    ['States.Array(1,', /missing '\)'/, 15],
    ['States.Array(1,)', /expected an argument/, 15],
    ['States.Array(,1)', /expected an argument/, 13],
    ['States.Array(1 2)', /expected ',' or '\)' but found '2'/, 15],
    ['States.Array([1,2])', /unexpected '\['/, 13],
    ['States.Array({})', /unexpected '\{'/, 13],
    ['States.Array("a")', /unexpected '"'/, 13],
    ['States.Array($.a) trailing', /after the closing '\)'/, 18],
    ['States.Array())', /after the closing '\)'/, 14],
    ['States.Array(States.Nope())', /unknown intrinsic function 'States.Nope'/, 13],
    ['States.Array(States.)', /expected a function name/, 20],
  ];
  for (const [text, message, offset] of cases) {
    it(`rejects ${JSON.stringify(text)}`, () => {
      const error = syntaxError(text);
      expect(error.message).toMatch(message);
      expect(error.offset).toBe(offset);
      expect(error.text).toBe(text);
    });
  }

  it('accepts trailing whitespace after the call', () => {
    expect(() => parseIntrinsic('States.UUID()  \n')).not.toThrow();
  });

  it('rejects a non-string input without crashing', () => {
    expect(() => parseIntrinsic(null as unknown as string)).toThrow(IntrinsicSyntaxError);
  });
});
