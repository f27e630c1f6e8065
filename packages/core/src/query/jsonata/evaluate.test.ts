import { describe, it, expect } from 'vitest';
import { hasOwn, type Json, type JsonObject } from '../../json.js';
import { createRandom } from '../../runtime/random.js';
import { StatesError } from '../../errors/states-error.js';
import { compileJsonata, JsonataSyntaxError } from './compile.js';
import { evaluateJsonataField, type JsonataScope } from './evaluate.js';
import { evaluationFailure } from './errors.js';
import { expressionBody, isJsonataExpression } from './expression.js';

function scope(states: JsonObject = { input: {} }, variables: Record<string, Json> = {}): JsonataScope {
  return {
    states,
    variables: {
      get: (name) => (hasOwn(variables, name) ? { found: true, value: variables[name]! } : { found: false }),
    },
    runtime: { random: createRandom('s'), nowMillis: 0 },
  };
}

const run = (body: string, s: JsonataScope = scope(), field = 'Output') =>
  evaluateJsonataField(compileJsonata(body), s, field);

async function failure(body: string, s: JsonataScope = scope(), field = 'Output'): Promise<StatesError> {
  try {
    await run(body, s, field);
  } catch (error) {
    expect(error).toBeInstanceOf(StatesError);
    return error as StatesError;
  }
  throw new Error(`expected '${body}' to fail`);
}

describe('expression detection', () => {
  it('takes only strings that start with {% and end with %}', () => {
    expect(isJsonataExpression('{% 1 %}')).toBe(true);
    expect(isJsonataExpression('{%1%}')).toBe(true);
    expect(isJsonataExpression(' {% 1 %}')).toBe(false);
    expect(isJsonataExpression('{% 1 %} ')).toBe(false);
    expect(isJsonataExpression('{%}')).toBe(false);
    expect(isJsonataExpression('text {% 1 %}')).toBe(false);
    expect(isJsonataExpression(1)).toBe(false);
  });

  it('quotes the trimmed body, as AWS does in causes', () => {
    expect(expressionBody('{% $doesNotExist %}')).toBe('$doesNotExist');
    expect(expressionBody("{%\n  {'foo': 'bar'}\n%}")).toBe("{'foo': 'bar'}");
  });
});

describe('compileJsonata', () => {
  it('compiles each text once', () => {
    expect(compileJsonata('$a + 1')).toBe(compileJsonata('$a + 1'));
  });

  it('lists the variables an expression reads, function names included', () => {
    expect([...compileJsonata('$states.input.x + $count($items) + ($y := 1; $y)').variables].sort()).toEqual([
      'count',
      'items',
      'states',
      'y',
    ]);
  });

  it('finds $ and $$ at the top level only', () => {
    expect(compileJsonata('$').rootReference).toBe('$');
    expect(compileJsonata('$.a').rootReference).toBe('$');
    expect(compileJsonata('$$.a').rootReference).toBe('$$');
    expect(compileJsonata('$count($)').rootReference).toBe('$');
    expect(compileJsonata('1 + $$').rootReference).toBe('$$');
    expect(compileJsonata('$states.input.items[$.price > 10]').rootReference).toBeUndefined();
    expect(compileJsonata('$map($states.input, function($v) { $v.x })').rootReference).toBeUndefined();
    expect(compileJsonata('$states.input.a.($)').rootReference).toBeUndefined();
  });

  it('throws JsonataSyntaxError with the JSONata code and offset', () => {
    try {
      compileJsonata('$sum(');
      throw new Error('no error');
    } catch (error) {
      expect(error).toBeInstanceOf(JsonataSyntaxError);
      expect((error as JsonataSyntaxError).code).toMatch(/^S0\d{3}$/);
      expect((error as JsonataSyntaxError).position).toBeGreaterThan(0);
    }
  });
});

describe('evaluateJsonataField', () => {
  it('reads $states and variables', async () => {
    const s = scope({ input: { values: [1, 2, 3] }, context: { State: { Name: 'S' } } }, { one: 1 });
    expect(await run('$sum($states.input.values) + $one', s)).toBe(7);
    expect(await run('$states.context.State.Name', s)).toBe('S');
  });

  it('lets $states win over a variable of the same name', async () => {
    expect(await run('$states.input', scope({ input: 'real' }, { states: { input: 'fake' } }))).toBe('real');
  });

  it('binds a variable named __proto__ as a plain variable', async () => {
    const variables = JSON.parse('{"__proto__": {"a": 5}}') as Record<string, Json>;
    expect(await run('$__proto__.a', scope({ input: {} }, variables))).toBe(5);
  });

  it('reports an undefined result with AWS text and location', async () => {
    const error = await failure('$doesNotExist', scope(), 'Output/result');
    expect(error.causeText).toBe(
      "The JSONata expression '$doesNotExist' specified for the field 'Output/result' returned nothing (undefined).",
    );
    expect(evaluationFailure(error)).toEqual({ location: 'Output/result' });
  });

  it('reports JSONata errors as code: message', async () => {
    const error = await failure("1 + 'a'");
    expect(error.causeText).toBe(
      "The JSONata expression '1 + 'a'' specified for the field 'Output' threw an error during evaluation. T2002: The right side of the \"+\" operator must evaluate to a number",
    );
  });

  it('reports $error() messages', async () => {
    expect((await failure("$error('boom')")).causeText).toContain('threw an error during evaluation. D3137: boom');
  });

  it('refuses functions and regexes as results', async () => {
    expect((await failure('function($x) { $x }')).causeText).toBe(
      "The JSONata expression 'function($x) { $x }' specified for the field 'Output' returned an unsupported result type.",
    );
    expect((await failure('$sum')).causeText).toContain('returned an unsupported result type.');
    expect((await failure('{"f": function() { 1 }}')).causeText).toContain('returned an unsupported result type.');
    expect((await failure('/abc/')).causeText).toContain('returned an unsupported result type.');
  });

  it('returns plain JSON: sequences become plain arrays, object keys keep their order', async () => {
    const value = await run('$states.input.items.n', scope({ input: { items: [{ n: 3 }, { n: 9 }] } }));
    expect(value).toEqual([3, 9]);
    expect(Object.keys(value as object)).toEqual(['0', '1']);
    expect((value as unknown as { sequence?: boolean }).sequence).toBeUndefined();
    expect(Object.keys((await run("{'z': 1, 'a': 2}")) as object)).toEqual(['z', 'a']);
  });

  it('unwraps single-item paths as JSONata does (AWS returns the bare item too)', async () => {
    expect(await run('$states.input.items[n = 3]', scope({ input: { items: [{ n: 3 }, { n: 9 }] } }))).toEqual({
      n: 3,
    });
    expect(await run('$states.input.items[n = 3][]', scope({ input: { items: [{ n: 3 }, { n: 9 }] } }))).toEqual([
      { n: 3 },
    ]);
  });

  it('keeps "__proto__" keys of the data as data', async () => {
    const input = JSON.parse('{"__proto__": {"x": 1}}') as Json;
    const value = (await run('$states.input', scope({ input }))) as JsonObject;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  it("stops runaway recursion with JSONata's D1011 instead of exhausting the host", async () => {
    // The time budget is lifted: on a loaded machine it could run out first and give its own cause.
    const unhurried: JsonataScope = {
      ...scope(),
      runtime: { ...scope().runtime, budgets: { jsonataMilliseconds: 60_000 } },
    };
    const error = await failure('($f := function($n) { $n = 0 ? 0 : 1 + $f($n - 1) }; $f(1000000))', unhurried);
    expect(error.causeText).toContain('threw an error during evaluation. D1011: Stack overflow');
  });

  it('evaluates the same compiled expression concurrently without mixing scopes', async () => {
    const compiled = compileJsonata('$states.input.n * 2');
    const results = await Promise.all(
      [1, 2, 3].map((n) => evaluateJsonataField(compiled, scope({ input: { n } }), 'Output')),
    );
    expect(results).toEqual([2, 4, 6]);
  });
});

describe('the evaluation time', () => {
  it('is read from the clock once per evaluation, so every $now()/$millis() of one expression agree', async () => {
    let ticks = 0;
    const clocked: JsonataScope = {
      ...scope(),
      runtime: {
        random: createRandom('s'),
        get nowMillis() {
          return 1_000 * ++ticks;
        },
      },
    };
    expect(await run('[$millis(), $now(), $millis()]', clocked)).toEqual([1_000, '1970-01-01T00:00:01.000Z', 1_000]);
    // The next evaluation reads the clock again.
    expect(await run('$millis()', clocked)).toBe(2_000);
  });

  it('is not read at all by an expression that does not ask for it', async () => {
    let reads = 0;
    const clocked: JsonataScope = {
      ...scope(),
      runtime: {
        random: createRandom('s'),
        get nowMillis() {
          reads++;
          return 0;
        },
      },
    };
    expect(await run('1 + 1', clocked)).toBe(2);
    expect(reads).toBe(0);
  });
});
