import { describe, expect, it } from 'vitest';
import { StateMachine, TaskError } from '../src/index.js';
import { run, START, types } from './helpers.js';

const parallel = {
  StartAt: 'P',
  States: {
    P: {
      Type: 'Parallel',
      Branches: [
        {
          StartAt: 'A',
          States: { A: { Type: 'Wait', Seconds: 10, Next: 'A2' }, A2: { Type: 'Pass', Result: 'a', End: true } },
        },
        { StartAt: 'B', States: { B: { Type: 'Pass', Result: 'b', End: true } } },
      ],
      End: true,
    },
  },
};

describe('Parallel', () => {
  it('outputs branch results in declaration order and waits in virtual time', async () => {
    const result = await run(parallel);
    expect(result.output).toEqual(['a', 'b']);
    expect(result.history.at(-1)!.timestamp).toBe('2026-01-01T00:00:10.000Z');
    const started = result.history.find((e) => e.type === 'ParallelStateStarted')!;
    const firstInBranches = result.history.filter(
      (e) =>
        e.type === 'WaitStateEntered' ||
        (e.type === 'PassStateEntered' && 'stateEnteredEventDetails' in e && e.stateEnteredEventDetails.name === 'B'),
    );
    for (const event of firstInBranches) expect(event.previousEventId).toBe(started.id);
  });

  it('fails with the failing branch error and aborts the others', async () => {
    const result = await run(
      {
        StartAt: 'P',
        States: {
          P: {
            Type: 'Parallel',
            Branches: [
              {
                StartAt: 'Slow',
                States: { Slow: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', End: true } },
              },
              { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'Broken', Cause: 'branch 2' } } },
            ],
            End: true,
          },
        },
      },
      {},
      {
        resolvers: {
          '*': async (_i, ctx) => {
            await ctx.clock.sleep(100_000);
            return 1;
          },
        },
      },
    );
    expect(result).toMatchObject({ status: 'FAILED', error: 'Broken', cause: 'branch 2' });
    expect(types(result)).toContain('TaskStateAborted');
    expect(types(result)).toContain('ParallelStateFailed');
  });
});

describe('Map', () => {
  const map = (extra: object = {}) => ({
    StartAt: 'M',
    States: {
      M: {
        Type: 'Map',
        ItemsPath: '$.items',
        ItemSelector: { 'value.$': '$$.Map.Item.Value', 'index.$': '$$.Map.Item.Index', 'tag.$': '$.tag' },
        ItemProcessor: {
          StartAt: 'Double',
          States: {
            Double: {
              Type: 'Pass',
              Parameters: { 'i.$': '$.index', 'v.$': 'States.MathAdd($.value, $.value)', 't.$': '$.tag' },
              End: true,
            },
          },
        },
        End: true,
        ...extra,
      },
    },
  });

  it('runs every item and keeps item order', async () => {
    const result = await run(map(), { items: [1, 2, 3], tag: 'x' });
    expect(result.output).toEqual([
      { i: 0, v: 2, t: 'x' },
      { i: 1, v: 4, t: 'x' },
      { i: 2, v: 6, t: 'x' },
    ]);
    const started = result.history.find((e) => e.type === 'MapStateStarted');
    expect(started && 'mapStateStartedEventDetails' in started && started.mapStateStartedEventDetails.length).toBe(3);
  });

  it('returns [] for no items', async () => {
    const result = await run(map(), { items: [], tag: 'x' });
    expect(result.output).toEqual([]);
  });

  it('fails with States.Runtime when ItemsPath is not an array', async () => {
    const result = await run(map(), { items: 5, tag: 'x' });
    expect(result.error).toBe('States.Runtime');
    expect(result.cause).toContain('Reference path "$.items" must point to array.');
  });

  it('propagates the first iteration failure and aborts the rest', async () => {
    const result = await run(
      {
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            MaxConcurrency: 2,
            Iterator: {
              StartAt: 'T',
              States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } },
            },
            End: true,
          },
        },
      },
      [1, 2, 3, 4],
      {
        resolvers: {
          '*': async (input, ctx) => {
            if (input === 2) throw new TaskError('Bad', 'item 2');
            await ctx.clock.sleep(1000);
            return input;
          },
        },
      },
    );
    expect(result).toMatchObject({ status: 'FAILED', error: 'Bad', cause: 'item 2' });
    expect(types(result)).toContain('MapIterationFailed');
    expect(types(result)).toContain('MapIterationAborted');
    expect(types(result)).toContain('MapStateFailed');
  });

  it('validates MaxConcurrencyPath values with AWS messages', async () => {
    const result = await run(map({ MaxConcurrencyPath: '$.mc' }), { items: [1], tag: 'x', mc: 'NoNumber' });
    expect(result.cause).toContain(
      'The MaxConcurrencyPath field refers to value "NoNumber" which is not a valid integer: $.mc',
    );
  });
});

describe('determinism', () => {
  const definition = {
    StartAt: 'M',
    States: {
      M: {
        Type: 'Map',
        ItemProcessor: {
          StartAt: 'T',
          States: {
            T: {
              Type: 'Task',
              Resource: 'arn:aws:states:::lambda:invoke',
              Parameters: { 'id.$': 'States.UUID()', 'v.$': '$' },
              Next: 'W',
            },
            W: { Type: 'Wait', Seconds: 1, End: true },
          },
        },
        End: true,
      },
    },
  };

  it('gives byte-identical histories for the same seed and start time, whatever the real latency', async () => {
    const machine = StateMachine.from(definition);
    const latency = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const once = async (delays: number[]) =>
      JSON.stringify(
        (
          await machine.run([0, 1, 2, 3], {
            seed: 'same',
            startTime: START,
            resolvers: {
              '*': async (input) => {
                await latency(delays[(input as { v: number }).v]!);
                return input;
              },
            },
          })
        ).history,
      );
    const first = await once([30, 1, 15, 0]);
    const second = await once([0, 25, 2, 20]);
    expect(second).toBe(first);
  });

  it('differs with another seed', async () => {
    const machine = StateMachine.from(definition);
    const a = await machine.run([0], { seed: 'a', startTime: START, resolvers: { '*': (i) => i } });
    const b = await machine.run([0], { seed: 'b', startTime: START, resolvers: { '*': (i) => i } });
    expect(JSON.stringify(a.output)).not.toBe(JSON.stringify(b.output));
  });
});

describe('many concurrent iterations', () => {
  it('wait on one Map signal without Node warning about abort listeners', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const machine = StateMachine.from({
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            ItemProcessor: {
              StartAt: 'T',
              States: {
                T: {
                  Type: 'Task',
                  Resource: 'arn:aws:lambda:us-east-1:123456789012:function:f',
                  TimeoutSeconds: 5,
                  HeartbeatSeconds: 2,
                  Next: 'W',
                },
                W: { Type: 'Wait', Seconds: 1, End: true },
              },
            },
            End: true,
          },
        },
      });
      const resolvers = { find: () => async (input: unknown) => input };
      const result = await machine.run(
        Array.from({ length: 45 }, (_, i) => i),
        { resolvers, startTime: START },
      );
      expect(result.output).toEqual(Array.from({ length: 45 }, (_, i) => i));
      // Node emits warnings on the next turn.
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning')).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
