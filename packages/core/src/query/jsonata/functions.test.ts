import { describe, it, expect } from 'vitest';
import { hasOwn, type Json, type JsonObject } from '../../json.js';
import { createRandom } from '../../runtime/random.js';
import { StatesError } from '../../errors/states-error.js';
import { compileJsonata } from './compile.js';
import { evaluateJsonataField, type JsonataScope } from './evaluate.js';

const NOW = 1_700_000_000_000; // 2023-11-14T22:13:20.000Z

function scope(input: Json = {}, seed = 'seed', variables: Record<string, Json> = {}): JsonataScope {
  const states: JsonObject = { input, context: {} };
  return {
    states,
    variables: {
      get: (name) => (hasOwn(variables, name) ? { found: true, value: variables[name]! } : { found: false }),
    },
    runtime: { random: createRandom(seed), nowMillis: NOW },
  };
}

const run = (body: string, s: JsonataScope = scope()) => evaluateJsonataField(compileJsonata(body), s, 'Output');

async function causeOf(body: string, s: JsonataScope = scope()): Promise<string> {
  try {
    await run(body, s);
  } catch (error) {
    expect(error).toBeInstanceOf(StatesError);
    expect((error as StatesError).error).toBe('States.QueryEvaluationError');
    return (error as StatesError).causeText ?? '';
  }
  throw new Error(`expected '${body}' to fail`);
}

describe('$partition', () => {
  it('splits into chunks of the size, the last one shorter (AWS docs example)', async () => {
    expect(await run('$partition([1, 2, 3, 4, 5, 6, 7, 8, 9], 3)')).toEqual([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    expect(await run('$partition([0, 1, 2, 3], 3)')).toEqual([[0, 1, 2], [3]]);
  });

  it('keeps a single chunk nested (conformance intrinsic_functions__array_partition__h0)', async () => {
    expect(await run('$partition([0], 1)')).toEqual([[0]]);
    expect(await run('$partition([0, 1, 2], 5)')).toEqual([[0, 1, 2]]);
  });

  it('gives [] for an empty array', async () => {
    expect(await run('$partition([], 2)')).toEqual([]);
  });

  it('refuses a size that is not a positive integer', async () => {
    expect(await causeOf('$partition([1, 2], 0)')).toContain('positive integer');
    expect(await causeOf('$partition([1, 2], 1.5)')).toContain('positive integer');
    expect(await causeOf('$partition([1, 2], -1)')).toContain('threw an error during evaluation');
  });

  it('refuses a non-number size through its signature (T0410)', async () => {
    expect(await causeOf("$partition([1], 'x')")).toContain('T0410');
  });
});

describe('$range', () => {
  it('includes the end when a step lands on it (conformance array_range__h1, h3)', async () => {
    expect(await run('$range(0, 10, 3)')).toEqual([0, 3, 6, 9]);
    expect(await run('$range(1, 9, 2)')).toEqual([1, 3, 5, 7, 9]);
    expect(await run('$range(0, 10, 2)')).toEqual([0, 2, 4, 6, 8, 10]);
  });

  it('collapses a one-item range to the item, as AWS does (conformance array_range__h2)', async () => {
    expect(await run('$range(1, 9, 9)')).toBe(1);
  });

  it('counts down with a negative step', async () => {
    expect(await run('$range(5, 1, -2)')).toEqual([5, 3, 1]);
  });

  it('returns nothing for an empty range', async () => {
    expect(await causeOf('$range(5, 1, 1)')).toMatch(/returned nothing \(undefined\)\.$/);
  });

  it('refuses a zero step and absurd sizes', async () => {
    expect(await causeOf('$range(1, 5, 0)')).toContain('must not be 0');
    expect(await causeOf('$range(0, 1e12, 1)')).toContain('more than');
  });
});

describe('$hash', () => {
  it('hashes UTF-8 text to lowercase hex with each algorithm', async () => {
    expect(await run("$hash('input data', 'MD5')")).toBe('812f45842bc6d66ee14572ce20db8e86');
    expect(await run("$hash('abc', 'SHA-1')")).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(await run("$hash('abc', 'SHA-256')")).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(String(await run("$hash('abc', 'SHA-384')"))).toHaveLength(96);
    expect(String(await run("$hash('abc', 'SHA-512')"))).toHaveLength(128);
    expect(await run("$hash('é', 'MD5')")).toBe('66ddcd97cfdeabb2f6fb8a999b4bc76f');
  });

  it('refuses other algorithms, including inherited property names', async () => {
    expect(await causeOf("$hash('a', 'SHA-224')")).toContain("'SHA-224' is not supported");
    expect(await causeOf("$hash('a', 'constructor')")).toContain('is not supported');
    expect(await causeOf("$hash('a', '__proto__')")).toContain('is not supported');
  });
});

describe('$random', () => {
  it('draws from the execution seed: same seed, same values', async () => {
    const a = await run('[$random(), $random()]', scope({}, 'one'));
    const b = await run('[$random(), $random()]', scope({}, 'one'));
    const c = await run('[$random(), $random()]', scope({}, 'two'));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    for (const value of a as number[]) expect(value >= 0 && value < 1).toBe(true);
  });

  it('with a seed depends on the seed only (java.util.Random nextDouble)', async () => {
    const a = await run('$random(42)', scope({}, 'one'));
    const b = await run('$random(42)', scope({}, 'two'));
    expect(a).toBe(b);
    // new java.util.Random(42).nextDouble()
    expect(a).toBeCloseTo(0.7275636800328681, 15);
    expect(await run('$random(43)')).not.toBe(a);
  });
});

describe('$uuid', () => {
  it('gives seeded v4 UUIDs', async () => {
    const a = await run('$uuid()', scope({}, 'x'));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await run('$uuid()', scope({}, 'x'))).toBe(a);
    expect(await run('$uuid() = $uuid()')).toBe(false);
  });
});

describe('$parse', () => {
  it('parses JSON text (conformance intrinsic_functions__parse__h*)', async () => {
    expect(await run("$parse('1')")).toBe(1);
    expect(await run("$parse('-0')")).toBe(-0);
    expect(await run("$parse('true')")).toBe(true);
    expect(await run('$parse(\'"HelloWorld"\')')).toBe('HelloWorld');
    expect(await run('$parse(\'[1, 2, "HelloWorld"]\')')).toEqual([1, 2, 'HelloWorld']);
    expect(await run('$parse(\'{"Arg1": 1, "Arg2": []}\')')).toEqual({ Arg1: 1, Arg2: [] });
  });

  it('keeps a "__proto__" key as data', async () => {
    const value = (await run('$parse(\'{"__proto__": {"polluted": true}}\')')) as JsonObject;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('fails on invalid JSON', async () => {
    expect(await causeOf("$parse('{nope')")).toContain('not valid JSON');
  });
});

describe('functions AWS removes or pins down', () => {
  it('refuses $eval like an unknown function (AWS: "$eval is not available")', async () => {
    expect(await causeOf("$eval('1 + 1')")).toBe(
      "The JSONata expression '$eval('1 + 1')' specified for the field 'Output' threw an error during evaluation. T1006: Attempted to invoke a non-function",
    );
  });

  it('reports unknown functions with T1006 (conformance intrinsic_functions__math_random_seeded)', async () => {
    expect(await causeOf('$randomSeeded(1)')).toBe(
      "The JSONata expression '$randomSeeded(1)' specified for the field 'Output' threw an error during evaluation. T1006: Attempted to invoke a non-function",
    );
  });

  it('takes $now() and $millis() from the execution, not the host clock', async () => {
    expect(await run('$millis()')).toBe(NOW);
    expect(await run('$now()')).toBe('2023-11-14T22:13:20.000Z');
    expect(await run("$now('[Y0001]-[M01]-[D01]')")).toBe('2023-11-14');
    expect(await run("$now('[H01]:[m01]', '+0100')")).toBe('23:13');
  });

  it('fails $now() cleanly when a variable shadows $fromMillis', async () => {
    expect(await causeOf('$now() & $string($fromMillis)', scope({}, 'seed', { fromMillis: 1 }))).toContain(
      '$now needs the built-in $fromMillis',
    );
  });

  it('shuffles with the execution seed', async () => {
    const a = await run('$shuffle([1, 2, 3, 4, 5, 6, 7, 8])', scope({}, 'k'));
    expect(await run('$shuffle([1, 2, 3, 4, 5, 6, 7, 8])', scope({}, 'k'))).toEqual(a);
    expect([...(a as number[])].sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('keeps the JSONata built-ins', async () => {
    expect(await run("$sum([1, 2, 3]) & $uppercase('x')")).toBe('6X');
    expect(await run('$merge([{"a": 1}, {"b": 2}])')).toEqual({ a: 1, b: 2 });
    expect(await run('$contains("hello$world", /^hello\\$/)')).toBe(true);
  });
});
