import { describe, expect, it } from 'vitest';
import { StateMachine } from '../runtime/state-machine.js';
import { TaskError, awaitCallback } from '../resolvers/resolver.js';

const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:f';
const loop = (extra: object = {}) =>
  StateMachine.from({
    StartAt: 'Call',
    States: {
      Call: { Type: 'Task', Resource: LAMBDA, ResultPath: '$.i', Next: 'Check', ...extra },
      Check: { Type: 'Choice', Choices: [{ Variable: '$.i', NumericLessThan: 3, Next: 'Call' }], Default: 'Done' },
      Done: { Type: 'Succeed' },
    },
  });
const run = (machine: StateMachine, resolve: (input: { i: number }) => unknown) =>
  machine.run(
    { i: 0 },
    { seed: 's', startTime: 0, resolvers: { [LAMBDA]: (input) => resolve(input as { i: number }) } },
  );
const shape = (result: Awaited<ReturnType<typeof run>>) => JSON.stringify({ ...result, history: result.history });

describe('Task with a synchronous resolver', () => {
  it('records the same history as an asynchronous resolver', async () => {
    const machine = loop({ Retry: [{ ErrorEquals: ['States.ALL'] }] });
    const sync = await run(machine, ({ i }) => i + 1);
    const async = await run(machine, async ({ i }) => i + 1);
    expect(sync.status).toBe('SUCCEEDED');
    expect(sync.output).toEqual({ i: 3 });
    expect(shape(sync)).toBe(shape(async));
    expect(sync.history.filter((e) => e.type === 'LambdaFunctionSucceeded')).toHaveLength(3);
  });

  it('retries a synchronous throw on the virtual clock, then catches, as for a rejection', async () => {
    const machine = loop({
      Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 2, MaxAttempts: 1 }],
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Done' }],
    });
    const fail = () => {
      throw new TaskError('Flaky', 'no');
    };
    const sync = await run(machine, fail);
    const async = await run(machine, async () => fail());
    expect(sync.status).toBe('SUCCEEDED');
    expect(sync.history.map((e) => e.type)).toContain('LambdaFunctionFailed');
    expect(sync.stopDate).toBe('1970-01-01T00:00:02.000Z');
    expect(shape(sync)).toBe(shape(async));
  });

  it('keeps results JSON-shaped: undefined is null, strings and numbers pass through, objects are copied', async () => {
    const machine = StateMachine.from({ StartAt: 'T', States: { T: { Type: 'Task', Resource: LAMBDA, End: true } } });
    const shared = { a: 1, nested: { b: [1, 2] } };
    const out = async (value: unknown) => (await machine.run({}, { resolvers: { [LAMBDA]: () => value } })).output;
    expect(await out(undefined)).toBeNull();
    expect(await out('text')).toBe('text');
    expect(await out(7.5)).toBe(7.5);
    expect(await out(Number.NaN)).toBeNull();
    const copied = await out(shared);
    expect(copied).toEqual(shared);
    expect(copied).not.toBe(shared);
  });

  it('still times out and heartbeats through the promise path when TimeoutSeconds is set', async () => {
    const machine = loop({ TimeoutSeconds: 5, Catch: [{ ErrorEquals: ['States.Timeout'], Next: 'Done' }] });
    const sync = await run(machine, ({ i }) => i + 1);
    expect(sync.output).toEqual({ i: 3 });
    const slowMachine = loop({ TimeoutSeconds: 5, Catch: [{ ErrorEquals: ['States.Timeout'], Next: 'Done' }] });
    const late = await slowMachine.run(
      { i: 0 },
      {
        startTime: 0,
        resolvers: { [LAMBDA]: async (_input, context) => (await context.clock.sleep(10_000), 1) },
      },
    );
    expect(late.status).toBe('SUCCEEDED');
    expect(late.history.map((e) => e.type)).toContain('LambdaFunctionTimedOut');
  });

  it('records a number result with its JSON text (exponents, negative zero, fractions)', async () => {
    const machine = StateMachine.from({ StartAt: 'T', States: { T: { Type: 'Task', Resource: LAMBDA, End: true } } });
    for (const value of [1e21, -0, 0.1, -12, 5e-7]) {
      const result = await machine.run({}, { resolvers: { [LAMBDA]: () => value } });
      const succeeded = result.history.find((e) => e.type === 'LambdaFunctionSucceeded') as {
        lambdaFunctionSucceededEventDetails: { output: string };
      };
      expect(succeeded.lambdaFunctionSucceededEventDetails.output).toBe(JSON.stringify(value));
    }
  });

  it('gives a synchronous resolver the clock, built on first read, and lets it sleep on virtual time', async () => {
    const machine = StateMachine.from({ StartAt: 'T', States: { T: { Type: 'Task', Resource: LAMBDA, End: true } } });
    const result = await machine.run(
      {},
      {
        startTime: 0,
        resolvers: {
          [LAMBDA]: (_input, context) => {
            if (context.clock !== context.clock) throw new Error('a new clock on every read');
            return context.clock.sleep(3_000).then(() => context.clock.now());
          },
        },
      },
    );
    expect(result.output).toBe(3_000);
    expect(result.stopDate).toBe('1970-01-01T00:00:03.000Z');
  });

  it('gives the context object to a resolver that asks for it', async () => {
    const machine = StateMachine.from({ StartAt: 'T', States: { T: { Type: 'Task', Resource: LAMBDA, End: true } } });
    const result = await machine.run(
      {},
      {
        startTime: 0,
        resolvers: { [LAMBDA]: (_input, context) => (context.contextObject as { State: unknown }).State },
      },
    );
    expect(result.output).toEqual({ EnteredTime: '1970-01-01T00:00:00.000Z', Name: 'T', RetryCount: 0 });
  });
});

describe('execution TimeoutSeconds and long synchronous loops', () => {
  it('does not time out a loop of thousands of synchronous states in zero virtual time', async () => {
    const machine = StateMachine.from({
      TimeoutSeconds: 60,
      StartAt: 'Call',
      States: {
        Call: { Type: 'Task', Resource: LAMBDA, ResultPath: '$.i', Next: 'Check' },
        Check: { Type: 'Choice', Choices: [{ Variable: '$.i', NumericLessThan: 3000, Next: 'Call' }], Default: 'Done' },
        Done: { Type: 'Succeed' },
      },
    });
    const result = await machine.run(
      { i: 0 },
      {
        startTime: 0,
        history: { maxEvents: Infinity },
        resolvers: { [LAMBDA]: (input) => (input as { i: number }).i + 1 },
      },
    );
    expect(result.status).toBe('SUCCEEDED');
    expect(result.stopDate).toBe('1970-01-01T00:00:00.000Z');
  });
});

describe('TaskSubmitted', () => {
  const submittedOf = (history: readonly { type: string }[]) =>
    history
      .filter((event) => event.type === 'TaskSubmitted')
      .map(
        (event) =>
          (event as unknown as { taskSubmittedEventDetails: { output: string } }).taskSubmittedEventDetails.output,
      );
  const single = (resource: string, extra: object = {}) =>
    StateMachine.from({ StartAt: 'T', States: { T: { Type: 'Task', Resource: resource, End: true, ...extra } } });

  it("records a callback task's submit response from awaitCallback(response), then waits for the answer", async () => {
    let token = '';
    const execution = single('arn:aws:states:::sqs:sendMessage.waitForTaskToken').start(
      {},
      {
        startTime: 0,
        resolvers: {
          '*': (_input, context) => {
            token = context.taskToken!;
            return awaitCallback({ MessageId: 'm-1', MD5OfMessageBody: 'abc' });
          },
        },
      },
    );
    execution.subscribe((event) => {
      if (event.type === 'TaskSubmitted') execution.sendTaskSuccess(token, { approved: true });
    });
    const result = await execution.result;
    expect(result.output).toEqual({ approved: true });
    expect(submittedOf(result.history)).toEqual(['{"MessageId":"m-1","MD5OfMessageBody":"abc"}']);
  });

  it('records what a .sync resolver submits, once, before its result', async () => {
    const result = await single('arn:aws:states:::glue:startJobRun.sync').run(
      {},
      {
        startTime: 0,
        resolvers: {
          '*': (_input, context) => {
            context.submit({ JobRunId: 'jr_1' });
            context.submit({ JobRunId: 'ignored' });
            return { JobRunState: 'SUCCEEDED' };
          },
        },
      },
    );
    expect(result.history.map((event) => event.type).slice(2, 6)).toEqual([
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
    ]);
    expect(submittedOf(result.history)).toEqual(['{"JobRunId":"jr_1"}']);
  });

  it('records {} for a resolver that never submits, before it fails or times out', async () => {
    const failed = await single('arn:aws:states:::ecs:runTask.sync').run(
      {},
      {
        startTime: 0,
        resolvers: {
          '*': () => {
            throw new TaskError('ECS.AccessDenied', 'no');
          },
        },
      },
    );
    expect(failed.history.map((event) => event.type).slice(2, 6)).toEqual([
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskFailed',
    ]);
    expect(submittedOf(failed.history)).toEqual(['{}']);
    const timedOut = await single('arn:aws:states:::ecs:runTask.sync', { TimeoutSeconds: 5 }).run(
      {},
      {
        startTime: 0,
        resolvers: { '*': async (_input, context) => context.clock.sleep(10_000) },
      },
    );
    expect(timedOut.history.map((event) => event.type).slice(2, 6)).toEqual([
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskTimedOut',
    ]);
  });

  it('records none for request-response tasks, Lambda functions and activities', async () => {
    const result = await single('arn:aws:states:::sqs:sendMessage').run(
      {},
      { startTime: 0, resolvers: { '*': (_input, context) => (context.submit({ x: 1 }), {}) } },
    );
    expect(submittedOf(result.history)).toEqual([]);
  });
});
