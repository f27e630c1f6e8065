import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../json.js';
import { createRandom } from '../../runtime/random.js';
import { ErrorName, StatesError } from '../../errors/states-error.js';
import { compileJsonata } from './compile.js';
import { evaluateJsonataField, type JsonataScope } from './evaluate.js';
import { DEFAULT_QUERY_BUDGETS, expandedSize, type QueryBudgets } from './budget.js';
import { repeatsWork } from './ast.js';
import jsonata from 'jsonata';

const scope = (input: JsonObject = {}, budgets?: Partial<QueryBudgets>): JsonataScope => ({
  states: { input },
  variables: { get: () => ({ found: false }) },
  runtime: { random: createRandom('s'), nowMillis: 0, ...(budgets ? { budgets } : {}) },
});

/** A time budget no loaded machine reaches, so the budget a test names is the one that runs out. */
const untimed = (budgets: Partial<QueryBudgets> = {}) => scope({}, { jsonataMilliseconds: 600_000, ...budgets });

const run = (body: string, s: JsonataScope = scope()) => evaluateJsonataField(compileJsonata(body), s, 'Output');

async function cause(body: string, s: JsonataScope = scope()): Promise<string> {
  try {
    await run(body, s);
  } catch (error) {
    expect(error).toBeInstanceOf(StatesError);
    expect((error as StatesError).error).toBe(ErrorName.QueryEvaluationError);
    return (error as StatesError).causeText ?? '';
  }
  throw new Error(`expected '${body}' to fail`);
}

describe('JSONata budgets', () => {
  it('stops a nested range that would build gigabytes, naming the value budget', async () => {
    expect(await cause('[0..9999].([0..19999])', untimed())).toMatch(
      /budget of 5000000 characters and items.*jsonataValueSize/,
    );
  });

  it('refuses $pad to a width from the input before building it', async () => {
    expect(await cause("$pad('', $states.input.width, ' ')", scope({ width: 3e8 }))).toMatch(/jsonataValueSize/);
  });

  it('stops string doubling', async () => {
    expect(
      await cause("($f := function($s, $n){ $n = 0 ? $s : $f($s & $s, $n - 1) }; $f('x', 40))", untimed()),
    ).toMatch(/jsonataValueSize/);
  });

  it('stops shared-structure doubling', async () => {
    expect(
      await cause('($f := function($x, $n){ $n = 0 ? $x : $f([$x, $x], $n - 1) }; $f([1], 60))', untimed()),
    ).toMatch(/jsonataValueSize/);
  });

  it('refuses a $replace that would multiply its input', async () => {
    expect(await cause("$replace($pad('', 100000, 'a'), 'a', $pad('', 1000, 'b'))")).toMatch(/jsonataValueSize/);
  });

  it('counts steps', async () => {
    expect(await cause('$sum($map([1..1000000], function($v){ $v }))', untimed())).toMatch(
      /budget of 300000 JSONata steps.*jsonataSteps/,
    );
    expect(await cause('$sum([1..100])', scope({}, { jsonataSteps: 3 }))).toMatch(/budget of 3 JSONata steps/);
  });

  it('has a time budget', async () => {
    expect(await cause('$sum($map([1..10000], function($v){ $v }))', scope({}, { jsonataMilliseconds: -1 }))).toMatch(
      /budget of -1 ms.*jsonataMilliseconds/,
    );
  });

  it('leaves ordinary expressions alone', async () => {
    // The step and size budgets are the default ones; only the time budget is lifted, which a loaded
    // CI machine can exceed on [1..20000] (the time budget has its own test above).
    expect(await run("$join($map([1..1000], function($v){ $string($v) }), ',')", untimed())).toHaveLength(3892);
    expect(await run("$replace('a-b-c', '-', '+')", untimed())).toBe('a+b+c');
    expect(await run('$count($distinct([1..20000].($ % 7)))', untimed())).toBe(7);
  });

  it('matches regexes in linear time', async () => {
    const input = { s: 'a'.repeat(40) + 'c' };
    expect(await run('$contains($states.input.s, /(a+)+b/)', scope(input))).toBe(false);
    expect(await run("$replace('abcabc', /b(c)/, '[$1]')")).toBe('a[c]a[c]');
    expect(await run("$split('a1b22c', /[0-9]+/)")).toEqual(['a', 'b', 'c']);
    expect(await run("$match('x12y345', /[0-9]+/).match")).toEqual(['12', '345']);
  });

  it('fails a regex RE2 cannot run with a clear cause', async () => {
    expect(await cause("$contains('ab', /(?<=a)b/)")).toMatch(/linear-time engine \(RE2\)/);
  });

  it('accounts built values only where an expression can repeat work on its own results', () => {
    const repeats = (body: string) => repeatsWork(jsonata(body).ast());
    expect(repeats("{ 'a': $states.input.a, 'n': $count($states.input.items) & 'x' }")).toBe(false);
    expect(repeats('$states.input.items[price > 1].name')).toBe(false);
    expect(repeats('$map($states.input.items, function($v){ $v })')).toBe(true);
    expect(repeats('[1..$states.input.n]')).toBe(true);
    expect(repeats("$states.input.items.{ 'n': name }")).toBe(true);
    expect(repeats('$states.input.s ~> $uppercase')).toBe(true);
  });

  it('measures shared structure as written out', () => {
    const leaf = [1, 2];
    // Three items, each [1, 2] twice (2 items + 2 numbers) and 'abc' (3 characters).
    expect(expandedSize([leaf, leaf, 'abc'], 1000)).toBe(3 + 2 * 4 + 3);
    expect(DEFAULT_QUERY_BUDGETS.jsonataSteps).toBe(300_000);
  });
});
