// validate() must never throw and never hang, whatever it is given: random JSON, ASL-shaped
// nonsense, real definitions with random mutations, and hand-made worst cases. A hang fails on
// the test's timeout; the worst cases also check that the time grows no faster than the input
// (expectLinearGrowth), which does not depend on the machine's speed as a time limit would.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectLinearGrowth } from '../../test/growth.js';
import { STATE_TYPES } from './types.js';
import { validate } from './validate.js';

// A hang fails on this timeout instead of running on; it is generous, so speed never decides a
// result (the growth checks below time each worst case about 100 times).
const BACKSTOP_MS = 120_000;

/** Runs validate on the value and on its text, checking the result's shape. */
function check(input: unknown): void {
  const forms: unknown[] = [input];
  try {
    const text = JSON.stringify(input);
    if (text !== undefined) forms.push(text);
  } catch {
    // Values JSON cannot write are checked as objects only.
  }
  for (const form of forms) {
    const diagnostics = validate(form);
    expect(Array.isArray(diagnostics)).toBe(true);
    for (const d of diagnostics) {
      expect(typeof d.code).toBe('string');
      expect(['ERROR', 'WARNING']).toContain(d.severity);
      expect(typeof d.message).toBe('string');
      expect(typeof d.path).toBe('string');
    }
  }
}

const FIELDS = [
  'Type',
  'Next',
  'End',
  'Resource',
  'Parameters',
  'Arguments',
  'Output',
  'Assign',
  'Result',
  'ResultPath',
  'ResultSelector',
  'InputPath',
  'OutputPath',
  'Choices',
  'Default',
  'Branches',
  'ItemProcessor',
  'Iterator',
  'ItemsPath',
  'Items',
  'ItemSelector',
  'Seconds',
  'Timestamp',
  'TimestampPath',
  'Retry',
  'Catch',
  'Error',
  'ErrorPath',
  'Cause',
  'QueryLanguage',
  'Variable',
  'StringEquals',
  'And',
  'Not',
  'Condition',
  'ErrorEquals',
  'MaxConcurrency',
  'Label',
  'Credentials',
  '__proto__',
  'constructor',
];
const TRICKY_STRINGS = [
  '$',
  '$.a[',
  '$$.Execution',
  '$var',
  'States.Format(',
  "States.Format('{}', $.a)",
  "States.Hash('a')",
  '{% a[1,2) %}',
  '{% phone %}',
  '{% $states.input %}',
  'arn:aws:states:::dynamodb:query',
  'arn:aws:lambda:us-east-1:1:function:f',
  '2016-13-05T21:29:29Z',
  'States.ALL',
  'JSONata',
  'JSONPath',
  'DISTRIBUTED',
  '__proto__',
  'A',
  'B',
];

const leaf = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(...TRICKY_STRINGS),
  fc.constantFrom(...STATE_TYPES),
);
const aslish: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  scope: fc.record(
    {
      StartAt: fc.constantFrom('A', 'B', 'C', 7),
      States: fc.dictionary(fc.constantFrom('A', 'B', 'C', '__proto__', ''), tie('state'), { maxKeys: 4 }),
    },
    { requiredKeys: [] },
  ),
  state: fc.oneof(
    {
      weight: 4,
      arbitrary: fc.dictionary(
        fc.constantFrom(...FIELDS),
        fc.oneof({ weight: 5, arbitrary: leaf }, { weight: 1, arbitrary: tie('nested') }),
        { maxKeys: 6 },
      ),
    },
    { weight: 1, arbitrary: leaf },
  ),
  nested: fc.oneof(fc.array(tie('scope'), { maxLength: 2 }), tie('scope'), fc.array(tie('state'), { maxLength: 3 })),
})).scope;

function setAt(root: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy: unknown = Array.isArray(root)
    ? [...root]
    : typeof root === 'object' && root !== null
      ? { ...(root as object) }
      : {};
  const [head, ...rest] = path;
  const container = copy as Record<string | number, unknown>;
  Object.defineProperty(container, head!, {
    value: setAt(container[head!], rest, value),
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return copy;
}

const casesDir = join(import.meta.dirname, '..', '..', '..', '..', '..', 'shared', 'conformance', 'cases');
const seeds: unknown[] = existsSync(casesDir)
  ? readdirSync(casesDir)
      .filter((name) => existsSync(join(casesDir, name, 'definition.json')))
      .filter((_, i) => i % 15 === 0)
      .map((name) => JSON.parse(readFileSync(join(casesDir, name, 'definition.json'), 'utf8')) as unknown)
  : [{ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }];

const mutated = fc
  .tuple(
    fc.constantFrom(...seeds),
    fc.array(
      fc.tuple(
        fc.array(fc.oneof(fc.constantFrom(...FIELDS, 'States', 'A', 'StartAt'), fc.nat(3)), { maxLength: 5 }),
        fc.option(leaf, { nil: undefined }),
      ),
      { minLength: 1, maxLength: 4 },
    ),
  )
  .map(([seed, edits]) => edits.reduce<unknown>((value, [path, replacement]) => setAt(value, path, replacement), seed));

describe('validate never throws or hangs', { timeout: BACKSTOP_MS }, () => {
  it('on random JSON values', () => {
    fc.assert(fc.property(fc.jsonValue(), check), { numRuns: 300 });
  });

  it('on random strings as definition text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), check), { numRuns: 300 });
  });

  it('on ASL-shaped random definitions', () => {
    fc.assert(fc.property(aslish, check), { numRuns: 500 });
  });

  it('on real definitions with random mutations', () => {
    fc.assert(fc.property(mutated, check), { numRuns: 500 });
  });
});

describe('validate on hostile inputs', { timeout: BACKSTOP_MS }, () => {
  const pass = { Type: 'Pass', End: true };

  it('Parallel branches nested 1,000 levels deep', () => {
    let scope: unknown = { StartAt: 'L', States: { L: pass } };
    for (let i = 0; i < 1000; i++)
      scope = { StartAt: `P${i}`, States: { [`P${i}`]: { Type: 'Parallel', Branches: [scope], End: true } } };
    check(scope);
    expect(validate(scope).map((d) => d.code)).toContain('TOO_DEEPLY_NESTED');
  });

  it('templates, arrays and choice rules nested 1,000 levels deep', () => {
    let template: unknown = { 'x.$': '$.x' };
    let array: unknown = [];
    let rule: unknown = { Variable: '$.x', IsPresent: true };
    for (let i = 0; i < 1000; i++) {
      template = { level: template };
      array = [array];
      rule = { Not: rule };
    }
    check({
      StartAt: 'P',
      States: {
        P: { Type: 'Pass', Parameters: template, Result: array, Next: 'C' },
        C: { Type: 'Choice', Choices: [{ ...(rule as object), Next: 'P' }] },
      },
    });
  });

  /**
   * Checks a worst case at `size`, and that validating its text grows about linearly from
   * `size / 100` to `size / 10` (timed many times, so smaller than the case itself).
   */
  const hostile = (make: (size: number) => unknown, size: number): void => {
    check(make(size));
    expectLinearGrowth((n) => JSON.stringify(make(n)), validate, size / 100);
  };

  it('huge arrays', () => {
    hostile(
      (n) => ({
        StartAt: 'C',
        States: {
          C: {
            Type: 'Choice',
            Choices: Array.from({ length: n }, (_, i) => ({ Variable: `$.v${i}`, NumericEquals: i, Next: 'Done' })),
          },
          Done: { Type: 'Succeed' },
        },
      }),
      20_000,
    );
    hostile(
      (n) => ({ StartAt: 'P', States: { P: { ...pass, Result: Array.from({ length: n }, (_, i) => i) } } }),
      200_000,
    );
    hostile((n) => {
      const states = Object.fromEntries(
        Array.from({ length: n }, (_, i) => [`S${i}`, { Type: 'Pass', Next: `S${i + 1}` }]),
      );
      return { StartAt: 'S0', States: { ...states, [`S${n}`]: { Type: 'Succeed' } } };
    }, 5_000);
    // One schema error per element.
    hostile(
      (n) => ({
        StartAt: 'T',
        States: {
          T: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Retry: [{ ErrorEquals: Array.from({ length: n }, () => 1) }],
            End: true,
          },
        },
      }),
      50_000,
    );
  });

  it('__proto__ and constructor keys everywhere', () => {
    const text =
      '{"__proto__":{"polluted":true},"StartAt":"__proto__","States":{"__proto__":{"Type":"Pass","__proto__":{"x":1},' +
      '"Parameters":{"__proto__.$":"$.a","constructor":{"prototype":1}},"Next":"constructor"},"constructor":{"Type":"Succeed"}}}';
    check(JSON.parse(text));
    expect(validate(text).map((d) => d.message)).toEqual([
      "Field '__proto__' is not supported",
      "Field '__proto__' is not supported",
    ]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('long strings', () => {
    const long = (n: number) => 'x'.repeat(n);
    hostile(
      (n) => ({ StartAt: long(n), States: { [long(n)]: { Type: 'Pass', Comment: long(n), Next: long(n) } } }),
      1_000_000,
    );
    hostile(
      (n) => ({
        StartAt: 'P',
        States: {
          P: {
            Type: 'Pass',
            Parameters: { 'a.$': `$.${'a.'.repeat(n / 20)}b`, 'b.$': `States.Format('${long(n)}')` },
            End: true,
          },
        },
      }),
      1_000_000,
    );
    hostile(
      (n) => ({
        QueryLanguage: 'JSONata',
        StartAt: 'P',
        States: { P: { Type: 'Pass', Output: `{% ${'1+'.repeat(n)}1 %}`, End: true } },
      }),
      20_000,
    );
    hostile((n) => `{"StartAt": "${'"'.repeat(n)}`, 100_000);
  });
});
