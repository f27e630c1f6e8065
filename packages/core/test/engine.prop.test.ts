// Property: whatever the definition and input, the engine either refuses the definition with a
// DefinitionError or ends the execution with a status; it never throws, crashes or hangs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DefinitionError, StateMachine, TaskError } from '../src/index.js';

const names = ['A', 'B', 'C', '__proto__'];
const paths = [
  '$',
  '$.a',
  '$.a.b',
  "$['__proto__']",
  '$.constructor',
  '$..*',
  '$.a[?(@.b > 1)]',
  '$$.Execution.Input',
  '$$.State',
  '$x',
  '$.a[-1]',
  '$[0]',
];
// Mostly valid paths (so machines run), sometimes ones that cannot compile.
const anyPath = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom(...paths) },
  { weight: 1, arbitrary: fc.constantFrom('bogus', '$.', "$['a'") },
);
const template = fc.dictionary(
  fc.constantFrom('k', 'k.$', '__proto__.$', 'n'),
  fc.oneof(
    anyPath,
    fc.constantFrom(
      "States.Format('{}', $.a)",
      'States.MathAdd($.a, 1)',
      'States.UUID()',
      'States.ArrayLength($.a)',
      'States.Nope()',
    ),
  ),
  { maxKeys: 3 },
);
const transition = fc.oneof(fc.record({ Next: fc.constantFrom(...names) }), fc.constant({ End: true }));

const state = fc.oneof(
  fc
    .record(
      {
        Type: fc.constant('Pass'),
        InputPath: fc.option(anyPath),
        Parameters: fc.option(template),
        ResultPath: fc.option(anyPath),
        OutputPath: fc.option(anyPath),
      },
      { requiredKeys: ['Type'] },
    )
    .chain((s) => transition.map((t) => ({ ...s, ...t }))),
  fc.record({
    Type: fc.constant('Choice'),
    Choices: fc.array(
      fc.record({ Variable: anyPath, NumericGreaterThan: fc.integer(), Next: fc.constantFrom(...names) }),
      { minLength: 1, maxLength: 2 },
    ),
    Default: fc.constantFrom(...names),
  }),
  fc.record({ Type: fc.constant('Wait'), SecondsPath: anyPath }).chain((s) => transition.map((t) => ({ ...s, ...t }))),
  fc.record({ Type: fc.constant('Fail'), ErrorPath: anyPath }),
  fc.constant({ Type: 'Succeed' }),
  fc
    .record(
      {
        Type: fc.constant('Task'),
        Resource: fc.constant('arn:aws:states:::lambda:invoke'),
        Parameters: fc.option(template),
        TimeoutSeconds: fc.option(fc.integer({ min: 1, max: 5 })),
        Retry: fc.option(fc.constant([{ ErrorEquals: ['States.ALL'], MaxAttempts: 2 }])),
      },
      { requiredKeys: ['Type', 'Resource'] },
    )
    .chain((s) => transition.map((t) => ({ ...s, ...t }))),
  fc
    .record(
      {
        Type: fc.constant('Map'),
        ItemsPath: anyPath,
        MaxConcurrencyPath: fc.option(anyPath),
        ItemProcessor: fc.constant({ StartAt: 'I', States: { I: { Type: 'Pass', End: true } } }),
      },
      { requiredKeys: ['Type', 'ItemsPath', 'ItemProcessor'] },
    )
    .chain((s) => transition.map((t) => ({ ...s, ...t }))),
);

const machine = fc
  .record({ A: state, B: state, C: state, proto: fc.option(state) })
  .map(({ A, B, C, proto }) => ({
    StartAt: 'A',
    States: JSON.parse(JSON.stringify({ A, B, C, ...(proto ? { ['__proto__']: proto } : {}) })),
  }));

describe('engine robustness', () => {
  it('refuses or finishes every random machine, quickly', async () => {
    const seen = { refused: 0, ran: 0 };
    await fc.assert(
      fc.asyncProperty(machine, fc.jsonValue({ maxDepth: 3 }), async (definition, input) => {
        let compiled: StateMachine;
        try {
          // Skip the validator: the engine itself must cope with what a validator would refuse.
          compiled = StateMachine.from(JSON.parse(JSON.stringify(definition)), { validate: false });
        } catch (error) {
          expect(error).toBeInstanceOf(DefinitionError);
          seen.refused++;
          return;
        }
        seen.ran++;
        const started = Date.now();
        const result = await compiled.run(input as never, {
          seed: 1,
          startTime: 0,
          limits: { stateTransitions: 500 },
          resolvers: {
            '*': (value, ctx) =>
              ctx.attempt === 0 && JSON.stringify(value).length % 2
                ? Promise.reject(new TaskError('Flaky', 'odd'))
                : value,
          },
        });
        expect(['SUCCEEDED', 'FAILED', 'TIMED_OUT']).toContain(result.status);
        if (result.status === 'FAILED')
          expect(typeof result.error === 'string' || result.error === undefined).toBe(true);
        expect(result.cause ?? '').not.toMatch(/aslkit internal error/);
        expect(Date.now() - started).toBeLessThan(2_000);
      }),
      { numRuns: 300, seed: 42 },
    );
    // The generator must exercise the engine, not only the compile step.
    expect(seen.ran).toBeGreaterThan(50);
  }, 60_000);
});
