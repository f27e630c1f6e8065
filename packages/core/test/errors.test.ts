// Catch after Retry, States.Runtime never caught, Fail and NoChoiceMatched are data:
// fixtures/states/retry-catch.test.json and choice-and-fail.test.json (packages/node/test/fixtures.test.ts).
import { describe, expect, it } from 'vitest';
import { DefinitionError, StateMachine, TaskError, type Json } from '../src/index.js';
import { run, types } from './helpers.js';

const task = (extra: object = {}) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Parameters: { FunctionName: 'f' },
  ...extra,
});

describe('Retry and Catch', () => {
  it('retries with backoff on the virtual clock, then succeeds', async () => {
    let calls = 0;
    const result = await run(
      {
        StartAt: 'T',
        States: {
          T: task({
            Retry: [{ ErrorEquals: ['Busy'], IntervalSeconds: 3, BackoffRate: 1.5, MaxAttempts: 3 }],
            End: true,
          }),
        },
      },
      {},
      {
        resolvers: {
          '*': () => {
            if (++calls < 3) throw new TaskError('Busy', 'try later');
            return 'ok';
          },
        },
      },
    );
    expect(result.output).toBe('ok');
    expect(calls).toBe(3);
    const scheduled = result.history.filter((e) => e.type === 'TaskScheduled').map((e) => e.timestamp);
    // 3 s, then 4.5 s: the waits happen in virtual time.
    expect(scheduled).toEqual(['2026-01-01T00:00:00.000Z', '2026-01-01T00:00:03.000Z', '2026-01-01T00:00:07.500Z']);
  });

  it('uses only the first matching retrier and exposes RetryCount', async () => {
    const seen: number[] = [];
    const result = await run(
      {
        StartAt: 'T',
        States: {
          T: task({
            Parameters: { 'n.$': '$$.State.RetryCount' },
            Retry: [
              { ErrorEquals: ['A'], MaxAttempts: 1 },
              { ErrorEquals: ['A'], MaxAttempts: 5 },
            ],
            End: true,
          }),
        },
      },
      {},
      {
        resolvers: {
          '*': (input) => {
            seen.push((input as { n: number }).n);
            throw new TaskError('A', 'x');
          },
        },
      },
    );
    expect(result).toMatchObject({ status: 'FAILED', error: 'A', cause: 'x' });
    expect(seen).toEqual([0, 1]);
  });

  it('times out a task on the virtual clock (States.Timeout, TaskTimedOut)', async () => {
    const result = await run(
      {
        StartAt: 'T',
        States: {
          T: task({ TimeoutSeconds: 5, Catch: [{ ErrorEquals: ['States.Timeout'], Next: 'H' }], End: true }),
          H: { Type: 'Pass', End: true },
        },
      },
      {},
      {
        resolvers: {
          '*': async (_input, ctx) => {
            await ctx.clock.sleep(60_000);
            return 'late';
          },
        },
      },
    );
    expect(result.output).toEqual({ Error: 'States.Timeout', Cause: '' });
    const timedOut = result.history.find((e) => e.type === 'TaskTimedOut')!;
    expect(timedOut.timestamp).toBe('2026-01-01T00:00:05.000Z');
  });

  it('maps a thrown Error the way Lambda reports a function error', async () => {
    const result = await run(
      { StartAt: 'T', States: { T: task({ End: true }) } },
      {},
      {
        resolvers: {
          '*': () => {
            throw new RangeError('out of stock');
          },
        },
      },
    );
    expect(result).toMatchObject({
      status: 'FAILED',
      error: 'RangeError',
      cause: '{"errorMessage":"out of stock","errorType":"RangeError"}',
    });
  });

  it('fails clearly when no resolver is registered', async () => {
    const result = await run({ StartAt: 'T', States: { T: task({ End: true }) } });
    expect(result.status).toBe('FAILED');
    expect(result.cause).toContain("No task resolver for resource 'arn:aws:states:::lambda:invoke' (state 'T')");
    expect(result.cause).toContain("'mocks' option");
  });

  it('lets the host word the failure of a Task nothing answers', async () => {
    const result = await run(
      { StartAt: 'T', States: { T: task({ End: true }) } },
      {},
      {
        missingResolverMessage: (resource, stateName) => `pass --mocks for ${stateName} (${resource.resourceType})`,
      },
    );
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(result.cause).toContain('pass --mocks for T (lambda)');
  });

  it('answers from the "*" mock only what no mock key and no resolver answers', async () => {
    const definition = {
      StartAt: 'A',
      States: {
        A: task({ Next: 'B', ResultPath: '$.a' }),
        B: { ...task({ Next: 'C', ResultPath: '$.b' }), Resource: 'arn:aws:states:::sqs:sendMessage' },
        C: { ...task({ End: true, ResultPath: '$.c' }), Resource: 'arn:aws:states:::sns:publish' },
      },
    };
    const result = await run(
      definition,
      {},
      {
        mocks: { A: [{ return: 'mock' }], '*': [{ return: 'star', repeat: true }] },
        resolvers: { 'arn:aws:states:::sqs:sendMessage': () => 'resolver' },
      },
    );
    expect(result.output).toEqual({ a: 'mock', b: 'resolver', c: 'star' });
  });

  it('refuses a malformed mocks option, naming the key and entry', () => {
    const machine = StateMachine.from({ StartAt: 'T', States: { T: task({ End: true }) } });
    expect(() => machine.start({}, { mocks: { T: [{ retrun: 1 }] } as never })).toThrow(
      expect.objectContaining({ code: 'ASLKIT_INVALID_MOCKS', message: 'mocks: "T"[0]: unknown field "retrun"' }),
    );
  });
});

describe('activities', () => {
  it('records Activity* events and passes the task token to the worker', async () => {
    const result = await run(
      {
        StartAt: 'A',
        States: { A: { Type: 'Task', Resource: 'arn:aws:states:us-east-1:123456789012:activity:review', End: true } },
      },
      { doc: 1 },
      {
        resolvers: {
          'arn:aws:states:*:*:activity:review': (input, ctx) => ({ reviewed: input, token: typeof ctx.taskToken }),
        },
      },
    );
    expect(result.output).toEqual({ reviewed: { doc: 1 }, token: 'string' });
    expect(types(result)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'ActivityScheduled',
      'ActivityStarted',
      'ActivitySucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
  });
});

describe('task timeouts from paths', () => {
  it('reads TimeoutSecondsPath and HeartbeatSecondsPath from the effective input', async () => {
    const result = await run(
      {
        StartAt: 'T',
        States: { T: task({ TimeoutSecondsPath: '$.timeout', HeartbeatSecondsPath: '$.beat', End: true }) },
      },
      { timeout: 30, beat: 10 },
      {
        resolvers: {
          '*': async (_i, ctx) => {
            await ctx.clock.sleep(15_000);
            return 1;
          },
        },
      },
    );
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    const scheduled = result.history.find((e) => e.type === 'TaskScheduled');
    expect(scheduled && 'taskScheduledEventDetails' in scheduled && scheduled.taskScheduledEventDetails).toMatchObject({
      timeoutInSeconds: 30,
      heartbeatInSeconds: 10,
    });
    expect(result.history.at(-1)!.timestamp).toBe('2026-01-01T00:00:10.000Z');
  });

  it('keeps a task alive with heartbeats from the resolver', async () => {
    const result = await run(
      { StartAt: 'T', States: { T: task({ HeartbeatSeconds: 10, End: true }) } },
      {},
      {
        resolvers: {
          '*': async (_i, ctx) => {
            for (let i = 0; i < 3; i++) {
              await ctx.clock.sleep(8_000);
              ctx.heartbeat();
            }
            return 'done';
          },
        },
      },
    );
    expect(result.output).toBe('done');
  });

  it('fails with States.Runtime when TimeoutSecondsPath does not resolve', async () => {
    const result = await run(
      { StartAt: 'T', States: { T: task({ TimeoutSecondsPath: '$.nope', End: true }) } },
      {},
      { resolvers: { '*': () => 1 } },
    );
    expect(result.cause).toBe(
      "An error occurred while executing the state 'T' (entered at the event id #2). Invalid path '$.nope' : No results for path: $['nope']",
    );
  });
});

describe('hostile input', () => {
  it('refuses an input nested too deeply to write as JSON, with a usage error instead of a stack overflow', () => {
    let input: Json = 0;
    for (let depth = 0; depth < 200_000; depth++) input = [input];
    const machine = StateMachine.from({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } });
    expect(() => machine.start(input)).toThrow(
      expect.objectContaining({
        code: 'InvalidExecutionInput',
        message: 'The execution input is nested too deeply to be written as JSON',
      }),
    );
  });

  it('refuses a filter that calls a method, as AWS (Jayway) has no method calls', () => {
    const definition = {
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Parameters: { 'x.$': "$..[?(@.constructor.constructor('return process')())]" }, End: true },
      },
    };
    expect(() => StateMachine.from(definition)).toThrow(DefinitionError);
    expect(() => StateMachine.from(definition)).toThrow(/'x\.\$' must be a valid JSONPath/);
  });
});
