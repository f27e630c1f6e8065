import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectLinearGrowth } from '../../test/growth.js';
import type { ChoiceRule, ChoiceState, PassState, StateMachineDefinition } from '../definition/types.js';
import { DefinitionError } from '../errors/aslkit-error.js';
import { StatesError } from '../errors/states-error.js';
import { hasOwn, jsonEquals, type Json, type JsonObject } from '../json.js';
import type { PathData } from '../query/jsonpath.js';
import { parseTimestamp } from '../query/timestamp.js';
import { compileChoiceRule, missingPathCause } from './choice-rules.js';

const AT = '/States/Check/Choices/0';

function data(input: Json, variables: JsonObject = {}, context: Json = { Execution: { Name: 'run-1' } }): PathData {
  return {
    input,
    context,
    variables: {
      get: (name) => (hasOwn(variables, name) ? { found: true, value: variables[name]! } : { found: false }),
    },
  };
}

const holds = (rule: ChoiceRule, input: Json, variables?: JsonObject): boolean =>
  compileChoiceRule(rule, AT)(data(input, variables));

/** The diagnostics a rule fails to compile with, as `code path` strings. */
function compileErrors(rule: unknown): string[] {
  try {
    compileChoiceRule(rule as ChoiceRule, AT);
  } catch (error) {
    if (error instanceof DefinitionError) return error.diagnostics.map((d) => `${d.code} ${d.path}`);
    throw error;
  }
  return [];
}

function runtimeFailure(rule: ChoiceRule, input: Json): { error: string | undefined; cause: string | undefined } {
  try {
    holds(rule, input);
  } catch (error) {
    if (error instanceof StatesError) return { error: error.error, cause: error.causeText };
    throw error;
  }
  throw new Error('the rule did not fail');
}

describe('comparison rules', () => {
  it.each<[string, Json, Json, boolean]>([
    ['StringEquals', 'a', 'a', true],
    ['StringEquals', 'a', 'b', false],
    ['StringLessThan', 'a', 'b', true],
    ['StringGreaterThan', 'a', 'b', false],
    ['StringLessThanEquals', 'b', 'b', true],
    ['StringGreaterThanEquals', 'a', 'b', false],
    ['StringMatches', 'invoice-42.pdf', 'invoice-*.pdf', true],
    ['StringMatches', 'invoice-42.txt', 'invoice-*.pdf', false],
    ['NumericEquals', 3, 3.0, true],
    ['NumericLessThan', 3, 2, false],
    ['NumericGreaterThan', 3, 2, true],
    ['NumericLessThanEquals', 2, 2, true],
    ['NumericGreaterThanEquals', 1, 2, false],
    ['BooleanEquals', false, false, true],
    ['BooleanEquals', false, true, false],
    ['TimestampEquals', '2024-01-01T01:00:00+01:00', '2024-01-01T00:00:00Z', true],
    ['TimestampLessThan', '2024-01-01T00:00:00Z', '2023-12-31T23:59:59Z', false],
    ['TimestampGreaterThan', '2024-01-01T00:00:00.5Z', '2024-01-01T00:00:00Z', true],
    ['TimestampLessThanEquals', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z', true],
    ['TimestampGreaterThanEquals', '2023-01-01T00:00:00Z', '2024-01-01T00:00:00Z', false],
  ])('%s: %j against %j is %s', (operator, value, operand, expected) => {
    expect(holds({ Variable: '$.v', [operator]: operand, Next: 'X' }, { v: value })).toBe(expected);
    // The Path form reads the operand from the data and agrees with the literal form.
    if (operator !== 'StringMatches')
      expect(holds({ Variable: '$.v', [`${operator}Path`]: '$.o', Next: 'X' }, { v: value, o: operand })).toBe(
        expected,
      );
  });

  it('is false, never an error, when the Variable has another type (no coercion)', () => {
    expect(holds({ Variable: '$.v', NumericEquals: 1 }, { v: '1' })).toBe(false);
    expect(holds({ Variable: '$.v', StringEquals: '1' }, { v: 1 })).toBe(false);
    expect(holds({ Variable: '$.v', BooleanEquals: true }, { v: 'true' })).toBe(false);
    expect(holds({ Variable: '$.v', TimestampEquals: '2024-01-01T00:00:00Z' }, { v: 1_704_067_200 })).toBe(false);
    expect(holds({ Variable: '$.v', StringEquals: 'a' }, { v: null })).toBe(false);
  });

  it('is false when a Path operand has another type', () => {
    expect(holds({ Variable: '$.v', NumericEqualsPath: '$.o' }, { v: 1, o: '1' })).toBe(false);
    expect(holds({ Variable: '$.v', StringEqualsPath: '$.o' }, { v: 'a', o: ['a'] })).toBe(false);
    expect(holds({ Variable: '$.v', TimestampEqualsPath: '$.o' }, { v: '2024-01-01T00:00:00Z', o: 'tomorrow' })).toBe(
      false,
    );
    expect(holds({ Variable: '$.v', BooleanEqualsPath: '$.o' }, { v: true, o: null })).toBe(false);
  });

  it('reads Variable and operand from the context object and from variables', () => {
    expect(holds({ Variable: '$$.Execution.Name', StringEquals: 'run-1' }, {})).toBe(true);
    expect(holds({ Variable: '$.name', StringEqualsPath: '$$.Execution.Name' }, { name: 'run-1' })).toBe(true);
    expect(holds({ Variable: '$limit', NumericGreaterThanPath: '$.n' }, { n: 3 }, { limit: 5 })).toBe(true);
    expect(holds({ Variable: '$.n', NumericLessThanPath: '$limit' }, { n: 7 }, { limit: 5 })).toBe(false);
    expect(holds({ Variable: '$cfg.mode', StringEquals: 'fast' }, {}, { cfg: { mode: 'fast' } })).toBe(true);
  });

  it('compares an indefinite Variable as the array of its matches', () => {
    const input = { items: [{ n: 1 }, { n: 2 }] };
    expect(holds({ Variable: '$.items[*].n', NumericEquals: 1 }, input)).toBe(false);
    expect(holds({ Variable: '$.items[*].n', IsNumeric: false }, input)).toBe(true);
    expect(holds({ Variable: '$.items[?(@.n > 1)]', IsPresent: true }, input)).toBe(true);
    expect(holds({ Variable: '$..n', IsString: true }, input)).toBe(false);
  });

  it('compiles once and evaluates against any number of inputs', () => {
    const condition = compileChoiceRule({ Variable: '$.n', NumericGreaterThan: 10, Next: 'Big' }, AT);
    expect([5, 10, 11, 1e9].map((n) => condition(data({ n })))).toEqual([false, false, true, true]);
  });

  it('matches hostile StringMatches patterns in time linear in their size', () => {
    const stars = (n: number) => ({ Variable: '$.s', StringMatches: `${'*'.repeat(n / 20)}x`, Next: 'X' });
    const starA = (n: number) => ({ Variable: '$.s', StringMatches: `${'*a'.repeat(n / 10)}*b`, Next: 'X' });
    expect(holds(stars(200_000), { s: 'a'.repeat(200_000) })).toBe(false);
    expect(holds(stars(200_000), { s: `${'a'.repeat(200_000)}x` })).toBe(true);
    expect(holds(starA(100_000), { s: 'a'.repeat(100_000) })).toBe(false);
    // Compiling and matching: a backtracking matcher would blow up here (the test's timeout stops a hang).
    expectLinearGrowth(
      (n) => [stars(n), { s: `${'a'.repeat(n)}x` }] as const,
      ([rule, s]) => holds(rule, s),
      20_000,
    );
    expectLinearGrowth(
      (n) => [starA(n), { s: 'a'.repeat(n) }] as const,
      ([rule, s]) => holds(rule, s),
      10_000,
    );
  });

  it('treats __proto__ in the data as an ordinary key', () => {
    const input = JSON.parse('{"__proto__": {"polluted": "yes"}}') as Json;
    expect(holds({ Variable: "$['__proto__'].polluted", StringEquals: 'yes' }, input)).toBe(true);
    expect(holds({ Variable: '$.constructor', IsPresent: true }, {})).toBe(false);
    expect(holds({ Variable: '$.toString', IsPresent: true }, { a: 1 })).toBe(false);
  });
});

describe('type tests and IsPresent', () => {
  it('honour a false operand as "is not"', () => {
    expect(holds({ Variable: '$.v', IsNull: true }, { v: null })).toBe(true);
    expect(holds({ Variable: '$.v', IsNull: false }, { v: null })).toBe(false);
    expect(holds({ Variable: '$.v', IsString: false }, { v: 1 })).toBe(true);
    expect(holds({ Variable: '$.v', IsBoolean: true }, { v: false })).toBe(true);
    expect(holds({ Variable: '$.v', IsNumeric: true }, { v: '1' })).toBe(false);
    expect(holds({ Variable: '$.v', IsTimestamp: true }, { v: '2024-01-01T00:00:00Z' })).toBe(true);
    expect(holds({ Variable: '$.v', IsTimestamp: false }, { v: '2024-01-01 00:00:00Z' })).toBe(true);
  });

  it('IsPresent alone tolerates a path that does not resolve', () => {
    expect(holds({ Variable: '$.missing', IsPresent: false }, {})).toBe(true);
    expect(holds({ Variable: '$.missing', IsPresent: true }, {})).toBe(false);
    expect(holds({ Variable: '$.v', IsPresent: true }, { v: null })).toBe(true);
    expect(holds({ Variable: '$.a.b.c', IsPresent: true }, { a: 'text' })).toBe(false);
    expect(holds({ Variable: '$.list[5]', IsPresent: true }, { list: [1] })).toBe(false);
    expect(holds({ Variable: '$undefinedVar', IsPresent: false }, {})).toBe(true);
  });
});

describe('paths that do not resolve', () => {
  it('fail with States.Runtime and AWS cause for the Variable, for every other operator', () => {
    const cause = "Invalid path '$.missing': The choice state's condition path references an invalid value.";
    for (const rule of [
      { Variable: '$.missing', StringEquals: 'a' },
      { Variable: '$.missing', IsNull: true },
      { Variable: '$.missing', IsString: false },
      { Variable: '$.missing', NumericEqualsPath: '$.n' },
      { Variable: '$.missing', StringMatches: '*' },
    ]) {
      expect(runtimeFailure(rule, { n: 1 })).toEqual({ error: 'States.Runtime', cause });
    }
    expect(missingPathCause('$.missing')).toBe(cause);
  });

  it('echo the path as written, for variables and operand paths too', () => {
    expect(runtimeFailure({ Variable: "$['a'].b", StringEquals: 'x' }, { a: {} }).cause).toBe(
      missingPathCause("$['a'].b"),
    );
    expect(runtimeFailure({ Variable: '$undefinedVariable', BooleanEquals: true }, {}).cause).toBe(
      missingPathCause('$undefinedVariable'),
    );
    expect(runtimeFailure({ Variable: '$.v', NumericEqualsPath: '$.right' }, { v: 1 }).cause).toBe(
      missingPathCause('$.right'),
    );
  });
});

describe('And, Or, Not', () => {
  const input = { n: 5, s: 'go', flag: true };

  it('combine nested rules', () => {
    expect(
      holds(
        {
          And: [
            { Variable: '$.n', NumericGreaterThan: 1 },
            { Variable: '$.s', StringEquals: 'go' },
          ],
          Next: 'X',
        },
        input,
      ),
    ).toBe(true);
    expect(
      holds(
        {
          And: [
            { Variable: '$.n', NumericGreaterThan: 1 },
            { Variable: '$.s', StringEquals: 'stop' },
          ],
        },
        input,
      ),
    ).toBe(false);
    expect(
      holds(
        {
          Or: [
            { Variable: '$.n', NumericLessThan: 1 },
            { Variable: '$.flag', BooleanEquals: true },
          ],
        },
        input,
      ),
    ).toBe(true);
    expect(
      holds(
        {
          Or: [
            { Variable: '$.n', NumericLessThan: 1 },
            { Variable: '$.flag', BooleanEquals: false },
          ],
        },
        input,
      ),
    ).toBe(false);
    expect(holds({ Not: { Variable: '$.s', StringEquals: 'stop' } }, input)).toBe(true);
    expect(holds({ Not: { Variable: '$.s', StringEquals: 'go' } }, input)).toBe(false);
  });

  it('nest to any depth', () => {
    const rule: ChoiceRule = {
      Or: [
        { And: [{ Variable: '$.n', NumericEquals: 0 }, { Not: { Variable: '$.flag', IsPresent: true } }] },
        {
          Not: {
            Not: {
              And: [
                { Variable: '$.s', StringMatches: 'g*' },
                {
                  Or: [
                    { Variable: '$.n', NumericLessThan: 0 },
                    { Variable: '$.n', NumericEquals: 5 },
                  ],
                },
              ],
            },
          },
        },
      ],
      Next: 'X',
    };
    expect(holds(rule, input)).toBe(true);
    expect(holds(rule, { ...input, n: 6 })).toBe(false);
    expect(holds(rule, { n: 0 })).toBe(true);
    let deep: ChoiceRule = { Variable: '$.n', NumericEquals: 5 };
    for (let i = 0; i < 200; i++) deep = { Not: deep };
    expect(holds(deep, input)).toBe(true);
  });

  it('short-circuit left to right, so a later missing path is not reached', () => {
    const missing = { Variable: '$.missing', StringEquals: 'x' };
    expect(holds({ And: [{ Variable: '$.n', NumericEquals: 0 }, missing] }, input)).toBe(false);
    expect(holds({ Or: [{ Variable: '$.n', NumericEquals: 5 }, missing] }, input)).toBe(true);
    expect(runtimeFailure({ And: [{ Variable: '$.n', NumericEquals: 5 }, missing] }, input).error).toBe(
      'States.Runtime',
    );
    expect(runtimeFailure({ Not: missing }, input).cause).toBe(missingPathCause('$.missing'));
  });
});

describe('compile errors', () => {
  it.each<[string, unknown, string[]]>([
    ['no operator', { Variable: '$.v', Next: 'X' }, [`SCHEMA_VALIDATION_FAILED ${AT}`]],
    [
      'two operators',
      { Variable: '$.v', StringEquals: 'a', StringLessThan: 'b' },
      [`SCHEMA_VALIDATION_FAILED ${AT}/StringLessThan`],
    ],
    ['an operator and And', { Variable: '$.v', IsNull: true, And: [] }, [`SCHEMA_VALIDATION_FAILED ${AT}/And`]],
    [
      'an unknown operator',
      { Variable: '$.v', StringContains: 'a' },
      [`SCHEMA_VALIDATION_FAILED ${AT}/StringContains`],
    ],
    ['a misspelt operator', { Variable: '$.v', stringEquals: 'a' }, [`SCHEMA_VALIDATION_FAILED ${AT}/stringEquals`]],
    [
      'StringMatchesPath, which AWS lacks',
      { Variable: '$.v', StringMatchesPath: '$.p' },
      [`SCHEMA_VALIDATION_FAILED ${AT}/StringMatchesPath`],
    ],
    ['a JSONata Condition', { Condition: '{% true %}', Next: 'X' }, [`SCHEMA_VALIDATION_FAILED ${AT}/Condition`]],
    [
      'a slash in an unknown key (escaped pointer)',
      { Variable: '$.v', 'a/b~c': 1 },
      [`SCHEMA_VALIDATION_FAILED ${AT}/a~1b~0c`],
    ],
    [
      'a number for StringEquals',
      { Variable: '$.v', StringEquals: 1 },
      [`SCHEMA_VALIDATION_FAILED ${AT}/StringEquals`],
    ],
    [
      'a number for StringMatches',
      { Variable: '$.v', StringMatches: 1 },
      [`SCHEMA_VALIDATION_FAILED ${AT}/StringMatches`],
    ],
    [
      'a string for NumericEquals',
      { Variable: '$.v', NumericEquals: '1' },
      [`SCHEMA_VALIDATION_FAILED ${AT}/NumericEquals`],
    ],
    [
      'a string for BooleanEquals',
      { Variable: '$.v', BooleanEquals: 'true' },
      [`SCHEMA_VALIDATION_FAILED ${AT}/BooleanEquals`],
    ],
    [
      'a bad timestamp literal',
      { Variable: '$.v', TimestampLessThan: '2016-12-05 21:29:29Z' },
      [`SCHEMA_VALIDATION_FAILED ${AT}/TimestampLessThan`],
    ],
    [
      'a number for a timestamp',
      { Variable: '$.v', TimestampEquals: 0 },
      [`SCHEMA_VALIDATION_FAILED ${AT}/TimestampEquals`],
    ],
    ['a string for IsNull', { Variable: '$.v', IsNull: 'true' }, [`SCHEMA_VALIDATION_FAILED ${AT}/IsNull`]],
    ['null for IsPresent', { Variable: '$.v', IsPresent: null }, [`SCHEMA_VALIDATION_FAILED ${AT}/IsPresent`]],
    [
      'a number for a Path operand',
      { Variable: '$.v', NumericEqualsPath: 1 },
      [`SCHEMA_VALIDATION_FAILED ${AT}/NumericEqualsPath`],
    ],
    [
      'a Path operand that is no path',
      { Variable: '$.v', StringEqualsPath: 'v' },
      [`INVALID_JSON_PATH ${AT}/StringEqualsPath`],
    ],
    [
      'an indefinite Path operand',
      { Variable: '$.v', StringEqualsPath: '$.list[*]' },
      [`INVALID_JSON_PATH ${AT}/StringEqualsPath`],
    ],
    ['no Variable', { StringEquals: 'a' }, [`SCHEMA_VALIDATION_FAILED ${AT}/Variable`]],
    ['a non-string Variable', { Variable: 1, StringEquals: 'a' }, [`SCHEMA_VALIDATION_FAILED ${AT}/Variable`]],
    ['a Variable that is no path', { Variable: 'v', StringEquals: 'a' }, [`INVALID_JSON_PATH ${AT}/Variable`]],
    ['a Variable with broken syntax', { Variable: '$.a[', StringEquals: 'a' }, [`INVALID_JSON_PATH ${AT}/Variable`]],
    [
      'Variable beside And',
      { Variable: '$.v', And: [{ Variable: '$.v', IsNull: true }] },
      [`SCHEMA_VALIDATION_FAILED ${AT}/Variable`],
    ],
    ['an empty And', { And: [] }, [`SCHEMA_VALIDATION_FAILED ${AT}/And`]],
    ['an Or that is no array', { Or: { Variable: '$.v', IsNull: true } }, [`SCHEMA_VALIDATION_FAILED ${AT}/Or`]],
    ['a Not that is an array', { Not: [{ Variable: '$.v', IsNull: true }] }, [`SCHEMA_VALIDATION_FAILED ${AT}/Not`]],
    ['a rule that is no object', 'StringEquals', [`SCHEMA_VALIDATION_FAILED ${AT}`]],
    ['a null rule', null, [`SCHEMA_VALIDATION_FAILED ${AT}`]],
  ])('rejects %s', (_label, rule, expected) => {
    expect(compileErrors(rule)).toEqual(expected);
  });

  it('reports every problem in nested rules, each at its own pointer', () => {
    const rule = {
      And: [
        { Variable: '$.a', NumericEquals: 'one' },
        {
          Or: [
            { Variable: '$.b', IsNull: true },
            { Variable: '$.c[', StringEquals: 'x' },
          ],
        },
        { Not: { Variable: '$.d', Bogus: 1 } },
      ],
      Next: 'X',
    };
    expect(compileErrors(rule)).toEqual([
      `SCHEMA_VALIDATION_FAILED ${AT}/And/0/NumericEquals`,
      `INVALID_JSON_PATH ${AT}/And/1/Or/1/Variable`,
      `SCHEMA_VALIDATION_FAILED ${AT}/And/2/Not/Bogus`,
    ]);
  });

  it('throws a DefinitionError with ERROR diagnostics and a readable message', () => {
    let thrown: unknown;
    try {
      compileChoiceRule({ Variable: '$.v', TimestampEquals: 'date' }, AT);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DefinitionError);
    const error = thrown as DefinitionError;
    expect(error.code).toBe('ASLKIT_INVALID_DEFINITION');
    expect(error.diagnostics).toEqual([
      {
        code: 'SCHEMA_VALIDATION_FAILED',
        severity: 'ERROR',
        message: 'String does not match RFC3339 timestamp',
        path: `${AT}/TimestampEquals`,
      },
    ]);
  });

  it('rejects hostile operator names without touching Object.prototype', () => {
    for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const rule = JSON.parse(`{"Variable": "$.v", ${JSON.stringify(key)}: true}`) as unknown;
      expect(compileErrors(rule)).toEqual([`SCHEMA_VALIDATION_FAILED ${AT}/${key}`]);
    }
  });

  it('ignores the fields that sit beside an operator', () => {
    expect(compileErrors({ Variable: '$.v', IsNull: true, Next: 'X', Comment: 'c', Assign: { x: 1 } })).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Conformance: every choice_operators__* case recorded against AWS, run through the evaluator.

const casesDir = join(import.meta.dirname, '..', '..', '..', '..', '..', 'shared', 'conformance', 'cases');
const caseNames = existsSync(casesDir)
  ? readdirSync(casesDir)
      .filter((name) => name.startsWith('choice_operators__'))
      .sort()
  : [];

// LocalStack's snapshot normaliser replaced every ISO timestamp in these recordings with the
// placeholder "date" (definitions, inputs and snapshots alike), so the values it hid are taken
// from the tests that made the recordings: tests/aws/services/stepfunctions/v2/choice_operators/
// utils.py (TYPE_COMPARISONS) and test_timestamp_operators.py, indexed by `recording: cases[N]`.
const T0 = '2012-10-09T19:00:55Z';
const T1 = '2012-10-09T19:00:56Z';
const BASE: [Json, Json][] = [
  [T0, T0],
  [T0, T1],
  [T1, T0],
];
const TIMESTAMP_VARIABLES: Json[] = [
  null,
  0,
  0.0,
  1,
  1.1,
  '',
  ' ',
  '2023-02-24 12:15:56.832957',
  [],
  [''],
  {},
  { A: 0 },
  false,
  true,
];
const timestampRecordings: Record<string, [Json, Json][]> = {
  test_timestamp_equals: [...TIMESTAMP_VARIABLES.map((v): [Json, Json] => [v, T0]), ...BASE],
  test_timestamp_equals_path: BASE,
  test_timestamp_greater_than: BASE,
  test_timestamp_greater_than_path: [[T0, T1]],
  test_timestamp_greater_than_equals: BASE,
  test_timestamp_greater_than_equals_path: [[T0, T1]],
  test_timestamp_less_than: BASE,
  test_timestamp_less_than_path: [[T1, T0]],
  test_timestamp_less_than_equals: BASE,
  test_timestamp_less_than_equals_path: [[T1, T0]],
};
const typeComparisonTimestamps: Record<number, string> = {
  18: T0,
  19: T0,
  20: '2012-10-09T19:00:55+01:00',
  21: '2012-10-09T19:00:55+01:00',
};

const PLACEHOLDER = 'date';
/** What the normaliser did to a value: any string AWS would read as a timestamp became "date". */
const mask = (value: Json): Json => (typeof value === 'string' && parseTimestamp(value) ? PLACEHOLDER : value);

interface LoadedCase {
  definition: StateMachineDefinition;
  input: JsonObject;
  expected: { status: string; output?: Json; error?: string; cause?: string };
}

function loadCase(name: string): LoadedCase {
  const read = (file: string): unknown => JSON.parse(readFileSync(join(casesDir, name, file), 'utf8'));
  const source = readFileSync(join(casesDir, name, 'source.txt'), 'utf8');
  const test = /::(\w+)\n/.exec(source)?.[1] ?? '';
  const index = Number(/recording: cases\[(\d+)\]/.exec(source)?.[1]);
  const loaded = {
    definition: read('definition.json'),
    input: read('input.json'),
    expected: read('expected.json'),
  } as LoadedCase;
  return restorePlaceholders(loaded, test, index);
}

function restorePlaceholders(loaded: LoadedCase, test: string, index: number): LoadedCase {
  const { input } = loaded;
  const recorded = timestampRecordings[test]?.[index];
  let variable: Json = input.Variable!;
  let value: Json = input.Value!;
  if (recorded) [variable, value] = recorded;
  else if (variable === PLACEHOLDER && typeComparisonTimestamps[index]) variable = typeComparisonTimestamps[index];
  // The restored pair must mask back to exactly what was recorded, or the table is wrong.
  expect([mask(variable), mask(value)]).toEqual([input.Variable, input.Value]);
  const definition = structuredClone(loaded.definition);
  for (const rule of (definition.States[definition.StartAt] as ChoiceState).Choices) {
    for (const key of Object.keys(rule)) if (rule[key] === PLACEHOLDER) rule[key] = value;
  }
  return { ...loaded, definition, input: { ...input, Variable: variable, Value: value } };
}

/** Runs the Choice at StartAt and the Pass state it leads to, as the engine would. */
function runChoice({
  definition,
  input,
}: LoadedCase): { output: Json } | { error: string | undefined; cause: string | undefined } {
  const choice = definition.States[definition.StartAt] as ChoiceState;
  const rules = choice.Choices.map((rule, i) => ({
    next: rule.Next,
    condition: compileChoiceRule(rule, `/States/${definition.StartAt}/Choices/${i}`),
  }));
  try {
    const next = rules.find((rule) => rule.condition(data(input, {}, {})))?.next ?? choice.Default;
    if (next === undefined) return { error: 'States.NoChoiceMatched', cause: undefined };
    return { output: (definition.States[next] as PassState).Result ?? input };
  } catch (error) {
    if (error instanceof StatesError) return { error: error.error, cause: error.causeText };
    throw error;
  }
}

describe.skipIf(caseNames.length === 0)('conformance: choice_operators', () => {
  it('has every recorded case', () => expect(caseNames).toHaveLength(334));

  it.each(caseNames)('%s', (name) => {
    const loaded = loadCase(name);
    const outcome = runChoice(loaded);
    if (loaded.expected.status === 'SUCCEEDED') {
      expect('output' in outcome && jsonEquals(outcome.output, loaded.expected.output!), JSON.stringify(outcome)).toBe(
        true,
      );
    } else {
      expect(outcome).toMatchObject({ error: loaded.expected.error });
      if (loaded.expected.cause)
        expect(loaded.expected.cause.endsWith((outcome as { cause: string }).cause)).toBe(true);
    }
  });
});
