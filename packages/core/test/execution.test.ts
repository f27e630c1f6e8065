import { describe, expect, it } from 'vitest';
import { awaitCallback, DefinitionError, StateMachine, UsageError, type HistoryEvent } from '../src/index.js';
import { run, START, types } from './helpers.js';

const waitLong = {
  StartAt: 'W',
  States: { W: { Type: 'Wait', Seconds: 86_400, Next: 'P' }, P: { Type: 'Pass', End: true } },
};

describe('Execution', () => {
  it('streams events live through events() and subscribe()', async () => {
    const execution = StateMachine.from(waitLong).start({}, { startTime: START });
    const seen: string[] = [];
    execution.subscribe((event) => seen.push(event.type));
    const streamed: HistoryEvent[] = [];
    for await (const event of execution.events()) streamed.push(event);
    expect(streamed.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'WaitStateEntered',
      'WaitStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
    expect(seen).toEqual(streamed.map((e) => e.type));
    expect(streamed.map((e) => e.id)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(streamed.map((e) => e.previousEventId)).toEqual([0, 0, 2, 3, 4, 5]);
    expect(streamed[2]!.timestamp).toBe('2026-01-02T00:00:00.000Z');
  });

  it('stops with stop(): ExecutionAborted with the given error and cause', async () => {
    const execution = StateMachine.from(waitLong).start({}, { realTime: true });
    execution.subscribe((event) => event.type === 'WaitStateEntered' && execution.stop('Operator', 'changed my mind'));
    const result = await execution.result;
    expect(result).toMatchObject({ status: 'ABORTED', error: 'Operator', cause: 'changed my mind' });
    expect(types(result).at(-1)).toBe('ExecutionAborted');
  });

  it('times out the whole execution with TimeoutSeconds', async () => {
    const result = await run({ ...waitLong, TimeoutSeconds: 60 });
    expect(result).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    expect(result.history.at(-1)!.timestamp).toBe('2026-01-01T00:01:00.000Z');
  });

  it('fails at AWS history limit, and can lift it', async () => {
    const loop = {
      StartAt: 'Init',
      States: {
        Init: { Type: 'Pass', Result: 0, ResultPath: '$.n', Next: 'Add' },
        Add: { Type: 'Pass', Parameters: { 'n.$': 'States.MathAdd($.n, 1)' }, Next: 'Check' },
        Check: {
          Type: 'Choice',
          Choices: [{ Variable: '$.n', NumericLessThan: 20_000, Next: 'Add' }],
          Default: 'Done',
        },
        Done: { Type: 'Succeed' },
      },
    };
    const limited = await run(loop);
    expect(limited).toMatchObject({
      status: 'FAILED',
      error: 'States.Runtime',
      cause: 'The execution reached the maximum number of history events (25000).',
    });
    // As AWS numbers it: the failure is event 25,000 and follows the last state event.
    expect(limited.history).toHaveLength(25_000);
    expect(limited.history.at(-1)).toMatchObject({ id: 25_000, previousEventId: 24_999, type: 'ExecutionFailed' });
    const lifted = await run(loop, {}, { history: { maxEvents: Infinity, record: false } });
    expect(lifted).toMatchObject({ status: 'SUCCEEDED', output: { n: 20_000 } });
    expect(lifted.history).toEqual([]);
  });

  it('guards run-away loops with limits.stateTransitions', async () => {
    const forever = {
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Next: 'B' },
        B: { Type: 'Choice', Choices: [{ Variable: '$.again', IsPresent: true, Next: 'A' }], Default: 'Done' },
        Done: { Type: 'Succeed' },
      },
    };
    const result = await run(
      forever,
      { again: true },
      { history: { maxEvents: Infinity, record: false }, limits: { stateTransitions: 5_000 } },
    );
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });

  it('waits for a task token and resumes on sendTaskSuccess', async () => {
    const machine = StateMachine.from({
      StartAt: 'Ask',
      States: {
        Ask: {
          Type: 'Task',
          Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
          Parameters: { 'token.$': '$$.Task.Token' },
          HeartbeatSeconds: 60,
          End: true,
        },
      },
    });
    let token = '';
    const execution = machine.start({}, { startTime: START, resolvers: { '*': () => awaitCallback() } });
    // A worker sees the token in the parameters the task sent, as it would in the SQS message.
    execution.subscribe((event) => {
      if (event.type === 'TaskScheduled')
        token = (JSON.parse(event.taskScheduledEventDetails.parameters) as { token: string }).token;
      if (event.type === 'TaskSubmitted') execution.sendTaskSuccess(token, { approved: true });
    });
    const result = await execution.result;
    expect(result.output).toEqual({ approved: true });
    expect(types(result)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    expect(() => execution.sendTaskSuccess(token, {})).toThrow(UsageError);
  });

  it('stops a callback task that waits without any timeout', async () => {
    const execution = StateMachine.from({
      StartAt: 'Ask',
      States: { Ask: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', End: true } },
    }).start({}, { startTime: START, resolvers: { '*': () => awaitCallback() } });
    execution.subscribe((event) => event.type === 'TaskSubmitted' && execution.stop('Cancelled', 'no answer'));
    const result = await execution.result;
    expect(result).toMatchObject({ status: 'ABORTED', error: 'Cancelled' });
    expect(types(result)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskStateAborted',
      'ExecutionAborted',
    ]);
  });

  it('aborts cleanly when a resolver stops its own execution and then sleeps', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const execution = StateMachine.from({
        StartAt: 'Work',
        States: { Work: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } },
      }).start(
        {},
        {
          startTime: START,
          resolvers: {
            '*': async (_input, context) => {
              execution.stop('Cancelled', 'by the resolver');
              await context.clock.sleep(1_000);
              return 'never';
            },
          },
        },
      );
      const result = await execution.result;
      expect(result).toMatchObject({ status: 'ABORTED', error: 'Cancelled' });
      for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setTimeout(resolve, 0));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('fails a callback task whose heartbeat expires with States.Timeout', async () => {
    const result = await run(
      {
        StartAt: 'Ask',
        States: {
          Ask: {
            Type: 'Task',
            Resource: 'arn:aws:states:::sns:publish.waitForTaskToken',
            HeartbeatSeconds: 5,
            TimeoutSeconds: 600,
            End: true,
          },
        },
      },
      {},
      { resolvers: { '*': () => awaitCallback() } },
    );
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    expect(types(result)).toContain('TaskTimedOut');
    // As AWS records it (conformance timeouts__heartbeat_*): States.Timeout, not the documented
    // States.HeartbeatTimeout, and no cause.
    const timedOut = result.history.find((event) => event.type === 'TaskTimedOut');
    expect(timedOut).toMatchObject({
      taskTimedOutEventDetails: { error: 'States.Timeout', resource: 'publish.waitForTaskToken', resourceType: 'sns' },
    });
    expect(timedOut).not.toHaveProperty('taskTimedOutEventDetails.cause');
  });

  it.each([['States.Timeout'], ['States.ALL']])('catches an expired heartbeat with %s', async (name) => {
    const result = await run(
      {
        StartAt: 'Ask',
        States: {
          Ask: {
            Type: 'Task',
            Resource: 'arn:aws:states:::sns:publish.waitForTaskToken',
            HeartbeatSeconds: 5,
            Catch: [{ ErrorEquals: [name], Next: 'Caught' }],
            End: true,
          },
          Caught: { Type: 'Pass', End: true },
        },
      },
      {},
      { resolvers: { '*': () => awaitCallback() } },
    );
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { Error: 'States.Timeout' } });
  });
});

describe('bad definitions', () => {
  it('reports malformed JSON with line and column', () => {
    try {
      StateMachine.from('{\n  "StartAt": "A",\n  "States": { ]\n}');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DefinitionError);
      const [diagnostic] = (error as DefinitionError).diagnostics;
      expect(diagnostic).toMatchObject({ code: 'INVALID_JSON_DESCRIPTION', line: 3 });
    }
  });

  it('names the state and pointer of a broken transition', () => {
    try {
      StateMachine.from({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nowhere' } } });
      expect.unreachable();
    } catch (error) {
      expect((error as DefinitionError).diagnostics).toContainEqual(
        expect.objectContaining({ code: 'MISSING_TRANSITION_TARGET', path: '/States/A/Next', stateName: 'A' }),
      );
    }
  });

  it('never crashes on hostile shapes', () => {
    const hostile: unknown[] = [
      null,
      42,
      [],
      'x',
      { StartAt: 1, States: [] },
      { StartAt: 'A', States: { A: null } },
      JSON.parse('{"StartAt":"__proto__","States":{"__proto__":{"Type":"Pass","End":true}}}'),
    ];
    let deep: Record<string, unknown> = { Type: 'Pass', End: true };
    for (let i = 0; i < 200; i++)
      deep = { Type: 'Parallel', End: true, Branches: [{ StartAt: `S${i}`, States: { [`S${i}`]: deep } }] };
    hostile.push({ StartAt: 'Top', States: { Top: deep } });
    for (const definition of hostile) {
      try {
        StateMachine.from(definition as object);
      } catch (error) {
        expect(error).toBeInstanceOf(DefinitionError);
      }
    }
  });
});
