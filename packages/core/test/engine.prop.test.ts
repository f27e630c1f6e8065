// Property: whatever the definition and input, the engine either refuses the definition with a
// DefinitionError or ends the execution with a status; it never throws, crashes or hangs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { awaitCallback, DefinitionError, StateMachine, TaskError } from '../src/index.js';

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

const machine = fc.record({ A: state, B: state, C: state, proto: fc.option(state) }).map(({ A, B, C, proto }) => ({
  StartAt: 'A',
  States: JSON.parse(JSON.stringify({ A, B, C, ...(proto ? { ['__proto__']: proto } : {}) })),
}));

// Loops end at this many state transitions (States.Runtime); the test's timeout stops a hang.
const TRANSITIONS = 500;

describe('engine robustness', () => {
  it('refuses or finishes every random machine, within its transition budget', async () => {
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
        const result = await compiled.run(input as never, {
          seed: 1,
          startTime: 0,
          limits: { stateTransitions: TRANSITIONS },
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
        // The work done is bounded by the engine's own budget, not by the machine's speed.
        const entered = result.history.filter((event) => event.type.endsWith('StateEntered')).length;
        expect(entered).toBeLessThanOrEqual(TRANSITIONS);
      }),
      { numRuns: 300, seed: 42 },
    );
    // The generator must exercise the engine, not only the compile step.
    expect(seen.ran).toBeGreaterThan(50);
  }, 60_000);
});

// Values and timers a definition or input can push past any sane bound: huge or absurd timeouts
// and waits, retries whose backoff overflows every date, values that fan one object out many
// times, callbacks nobody answers. With history recording off too, `result` settles with a status.
const hostileValue = fc.constantFrom(1, 59, 1e9, 1e15, 1e300, -1, 0.5, 'x', null, '+275760-09-13T00:00:00Z');
const hostileState = fc.oneof(
  fc.record({
    Type: fc.constant('Task'),
    Resource: fc.constantFrom('arn:aws:states:::lambda:invoke', 'arn:aws:states:::lambda:invoke.waitForTaskToken'),
    Parameters: fc.constantFrom(
      { 'FunctionName.$': '$.f' },
      { 'a.$': '$', 'b.$': '$', 'c.$': '$', 'token.$': '$$.Task.Token' },
    ),
    TimeoutSecondsPath: fc.constant('$.t'),
    Retry: fc.constant([
      { ErrorEquals: ['States.ALL'], MaxAttempts: 100, BackoffRate: 9.5, IntervalSeconds: 99_999_999 },
    ]),
    Next: fc.constantFrom('A', 'B'),
  }),
  fc.record({ Type: fc.constant('Wait'), SecondsPath: fc.constant('$.t'), Next: fc.constantFrom('A', 'B') }),
  fc.record({ Type: fc.constant('Wait'), TimestampPath: fc.constant('$.t'), Next: fc.constantFrom('A', 'B') }),
  fc.record({
    Type: fc.constant('Pass'),
    Parameters: fc.constant(Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}.$`, '$']))),
    Next: fc.constantFrom('A', 'B'),
  }),
  fc.record({
    Type: fc.constant('Pass'),
    Parameters: fc.constant({ 'inner.$': '$' }),
    Next: fc.constantFrom('A', 'B'),
  }),
);
const hostileMachine = fc.record({ A: hostileState, B: hostileState }).map(({ A, B }) => ({
  StartAt: 'A',
  States: { A, B, Done: { Type: 'Succeed' } },
}));

describe('engine robustness against hostile values, history off', () => {
  it('settles every execution with a status', async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileMachine,
        hostileValue,
        fc.constantFrom('STANDARD', 'EXPRESS'),
        fc.nat(3),
        async (definition, t, type, answer) => {
          const compiled = StateMachine.from(definition, { validate: false });
          const result = await compiled.run({ t, f: 'fn', text: 'x'.repeat(8_000) } as never, {
            seed: 1,
            startTime: 0,
            type: type as 'STANDARD' | 'EXPRESS',
            history: { record: false, maxEvents: 500 },
            resolvers: {
              '*': (input, context) =>
                [
                  () => Promise.reject(new TaskError('Flaky', 'again')),
                  // Never answers (the mocks' `timeout: true`); a resolver whose own promise never settles holds
                  // the clock by design, like any running host code.
                  () => context.clock.sleep(Infinity),
                  () => Array.from({ length: 1_000 }, () => input),
                  () => (context.taskToken ? awaitCallback() : input),
                ][answer]!(),
            },
          });
          expect(['SUCCEEDED', 'FAILED', 'TIMED_OUT']).toContain(result.status);
          expect(result.cause ?? '').not.toMatch(/aslkit internal error/);
          expect(result.stopDate).toMatch(/^\d{4}-/);
        },
      ),
      { numRuns: 60, seed: 15 },
    );
  }, 60_000);
});
