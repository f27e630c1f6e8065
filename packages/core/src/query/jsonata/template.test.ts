import { describe, it, expect } from 'vitest';
import { hasOwn, type Json, type JsonObject } from '../../json.js';
import { createRandom } from '../../runtime/random.js';
import { StatesError } from '../../errors/states-error.js';
import type { Diagnostic } from '../../definition/diagnostics.js';
import type { JsonataScope } from './evaluate.js';
import { compileJsonataTemplate, containsExpression } from './template.js';

function scope(input: Json = {}, variables: Record<string, Json> = {}): JsonataScope {
  const states: JsonObject = { input, context: {} };
  return {
    states,
    variables: {
      get: (name) => (hasOwn(variables, name) ? { found: true, value: variables[name]! } : { found: false }),
    },
    runtime: { random: createRandom('t'), nowMillis: 0 },
  };
}

function compile(
  template: Json,
  location = 'Output',
): { run: (s?: JsonataScope) => Promise<Json>; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const compiled = compileJsonataTemplate(template, location, `/States/S/${location}`, diagnostics);
  return { run: async (s = scope()) => compiled(s), diagnostics };
}

describe('compileJsonataTemplate', () => {
  it('returns static templates as they are, without copying', async () => {
    const template = { a: [1, { b: 'text {% not an expression' }] };
    const { run, diagnostics } = compile(template);
    expect(await run()).toBe(template);
    expect(diagnostics).toEqual([]);
    expect(containsExpression(template)).toBe(false);
  });

  it('replaces expressions at any depth, in arrays and objects', async () => {
    const { run } = compile({ list: [1, '{% $states.input.n + 1 %}', { deep: '{% $v %}' }], literal: 'x', n: 0.1 });
    expect(await run(scope({ n: 1 }, { v: [true] }))).toEqual({ list: [1, 2, { deep: [true] }], literal: 'x', n: 0.1 });
  });

  it('keeps the definition order of keys', async () => {
    const { run } = compile({ z: '{% 1 %}', a: 2, m: '{% 3 %}' });
    expect(Object.keys((await run()) as object)).toEqual(['z', 'a', 'm']);
  });

  it('evaluates in document order, so random draws repeat', async () => {
    const { run } = compile({ a: '{% $random() %}', b: ['{% $uuid() %}', '{% $random() %}'] });
    expect(await run()).toEqual(await run());
  });

  it('names the failing leaf with / between segments (AWS "Output/result", "Arguments/FunctionName")', async () => {
    const { run } = compile({ result: '{% $doesNotExist %}' });
    await expect(run()).rejects.toThrow(
      "The JSONata expression '$doesNotExist' specified for the field 'Output/result' returned nothing (undefined).",
    );
    const nested = compile({ Payload: { list: [0, '{% $nope %}'] } }, 'Arguments');
    await expect(nested.run()).rejects.toThrow("for the field 'Arguments/Payload/list/1'");
  });

  it('reports the first failure in document order', async () => {
    const { run } = compile({ a: '{% $first %}', b: '{% $second %}' });
    const error = await run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StatesError);
    expect((error as StatesError).causeText).toContain("'Output/a'");
  });

  it('keeps a "__proto__" key as data', async () => {
    const template = JSON.parse('{"__proto__": "{% 1 %}"}') as Json;
    const value = (await compile(template).run()) as JsonObject;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  it('collects syntax errors as INVALID_JSONATA diagnostics at the value', () => {
    const { diagnostics } = compile({ a: { 'b/c': '{% $sum( %}' } });
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      code: 'INVALID_JSONATA',
      severity: 'ERROR',
      path: '/States/S/Output/a/b~1c',
    });
    expect(diagnostics[0]!.message).toContain("'$sum('");
  });

  it('refuses empty expressions and $ / $$ at the top level', () => {
    expect(compile('{%  %}').diagnostics[0]?.message).toContain('empty');
    expect(compile('{% $.a %}').diagnostics[0]?.message).toContain("uses '$'");
    expect(compile('{% $$.Execution %}').diagnostics[0]?.message).toContain("uses '$$'");
    expect(compile('{% $states.input.items[$.price > 1] %}').diagnostics).toEqual([]);
  });
});
