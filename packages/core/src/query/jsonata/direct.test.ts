import { describe, expect, it } from 'vitest';
import { hasOwn, type Json, type JsonObject } from '../../json.js';
import { createRandom } from '../../runtime/random.js';
import { compileJsonata, type CompiledJsonata } from './compile.js';
import { NOT_DIRECT } from './direct.js';
import { evaluateJsonataField, type JsonataScope } from './evaluate.js';

function scope(input: Json, variables: Record<string, Json> = {}, budgets = {}): JsonataScope {
  return {
    states: { input, context: { Execution: { Name: 'e' } } } as JsonObject,
    variables: {
      get: (name) => (hasOwn(variables, name) ? { found: true, value: variables[name]! } : { found: false }),
    },
    runtime: { random: createRandom('s'), nowMillis: 0, budgets },
    synchronous: true,
  };
}

/** The field's outcome, value or error text, through JSONata alone or with the direct evaluator. */
async function outcome(compiled: CompiledJsonata, s: JsonataScope): Promise<unknown> {
  try {
    return { value: await evaluateJsonataField(compiled, s, 'Output') };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

const withoutDirect = (compiled: CompiledJsonata): CompiledJsonata => ({ ...compiled, direct: undefined });

const EXPRESSIONS = [
  '$states.input.i + 1',
  '$states.input.i - $states.input.n',
  '$states.input.i * 2.5',
  '$states.input.i / $states.input.n',
  '$states.input.i % 3',
  '$states.input.i < $states.input.n',
  '$states.input.i <= 3',
  '$states.input.s > "b"',
  '$states.input.s >= $states.input.t',
  '$states.input.s = "abc"',
  '$states.input.i != $states.input.n',
  '$states.input.flag and $states.input.i < 3',
  '$states.input.flag or $states.input.missing',
  '$states.input.nested.deep.value',
  '$states.input.list.x',
  '$states.input.obj',
  '$states.input.missing',
  '$states.input.nothing.below',
  '$states.context.Execution.Name',
  '$v + 1',
  '$v.field',
  '$unbound',
  '$string',
  '"text"',
  '42',
  'true',
  'null',
  '$states.input.i + $states.input.s',
  '$states.input.huge * $states.input.huge',
  '$states.input.flag < 1',
  '$states.input.constructor',
  '$states.input.__proto__',
];

const INPUTS: Json[] = [
  {
    i: 1,
    n: 5,
    s: 'abc',
    t: 'abd',
    flag: true,
    nested: { deep: { value: 'ok' } },
    list: [{ x: 1 }, { x: 2 }],
    obj: { a: 1 },
  },
  { i: 7, n: 5, s: 'b', t: 'a', flag: false, nested: { deep: null }, list: [], obj: [], huge: 1e308 },
  { i: 'one', n: null, s: 3, flag: 'yes', nested: 'flat', huge: 10 },
  [{ i: 1 }, { i: 2 }],
  'just text',
  JSON.parse('{"__proto__": 5, "i": 0, "n": 0}') as Json,
];

const VARIABLES: Record<string, Json>[] = [{}, { v: 3 }, { v: { field: 'f' } }];

describe('the direct evaluator', () => {
  it('answers exactly as JSONata does, value or error, wherever it answers at all', async () => {
    let answered = 0;
    for (const body of EXPRESSIONS) {
      const compiled = compileJsonata(body);
      for (const input of INPUTS) {
        for (const variables of VARIABLES) {
          const s = scope(input, variables);
          if (compiled.direct && compiled.direct(s) !== NOT_DIRECT) answered++;
          expect(await outcome(compiled, s), `${body} on ${JSON.stringify(input)}`).toEqual(
            await outcome(withoutDirect(compiled), s),
          );
        }
      }
    }
    // It must actually take the common cases, or it is only overhead.
    expect(answered).toBeGreaterThan(200);
  });

  it('is built only for paths, literals, arithmetic, comparisons, equality and and/or', () => {
    for (const body of ['$states.input.i + 1', '$x = "a" and $y', '$states.input.a.b.c']) {
      expect(compileJsonata(body).direct, body).toBeDefined();
    }
    for (const body of ['$count($states.input.list)', '$states.input.list[0]', '$states.input.a & "x"', '-$x', '$']) {
      expect(compileJsonata(body).direct, body).toBeUndefined();
    }
  });

  it('leaves fields to JSONata when the host set budgets small enough to matter', () => {
    const compiled = compileJsonata('$states.input.i + 1');
    expect(compiled.direct!(scope({ i: 1 }))).toBe(2);
    expect(compiled.direct!(scope({ i: 1 }, {}, { jsonataSteps: 3 }))).toBe(NOT_DIRECT);
  });

  it('answers synchronously, and only where the scope allows it (not in Parallel branches or Map iterations)', async () => {
    const compiled = compileJsonata('$states.input.i + 1');
    expect(evaluateJsonataField(compiled, scope({ i: 1 }), 'Output')).toBe(2);
    const concurrent = evaluateJsonataField(compiled, { ...scope({ i: 1 }), synchronous: false }, 'Output');
    expect(concurrent).toBeInstanceOf(Promise);
    expect(await concurrent).toBe(2);
  });
});
