import { describe, expect, it } from 'vitest';
import { StateMachine, UsageError, type Execution, type HistoryEvent } from '@aslkit/core';
import { lambdaResolvers, type LambdaHandler } from '../src/index.js';

// A human-approval step: the function gets the token and hands it on; the answer comes by callback.
const approval = (state: Record<string, unknown> = {}) =>
  StateMachine.from({
    StartAt: 'Ask',
    States: {
      Ask: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Parameters: { FunctionName: 'ask-approver', Payload: { 'token.$': '$$.Task.Token', 'order.$': '$.order' } },
        Catch: [{ ErrorEquals: ['Human.Rejected'], ResultPath: '$.rejection', Next: 'Rejected' }],
        End: true,
        ...state,
      },
      Rejected: { Type: 'Pass', End: true },
    },
  });

/** Starts an execution whose handler passes each token it gets to the test. */
function start(
  machine: StateMachine,
  options: { realTime?: boolean; answer?: (execution: Execution, token: string) => void } = {},
) {
  const tokens: string[] = [];
  let arrived: (token: string) => void = () => undefined;
  const nextToken = () => new Promise<string>((resolve) => (arrived = resolve));
  let execution: Execution | undefined;
  const handler: LambdaHandler = async (event: { token: string }) => {
    tokens.push(event.token);
    options.answer?.(execution!, event.token);
    arrived(event.token);
  };
  const firstToken = nextToken();
  execution = machine.start(
    { order: 7 },
    {
      resolvers: lambdaResolvers({ handlers: { 'ask-approver': handler } }),
      seed: 1,
      startTime: '2026-01-01T00:00:00Z',
      realTime: options.realTime ?? false,
    },
  );
  return { execution, firstToken, tokens };
}

const types = (history: readonly HistoryEvent[]) => history.map((event) => event.type);
const code = (action: () => void): string | undefined => {
  try {
    action();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as UsageError).code;
  }
};

describe('lambda:invoke.waitForTaskToken with a local handler', () => {
  it('waits for SendTaskSuccess and returns its output', async () => {
    const { execution, firstToken } = start(approval());
    execution.sendTaskSuccess(await firstToken, { approved: true });
    const result = await execution.result;
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { approved: true } });
    expect(types(result.history)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('fails with the error and cause of SendTaskFailure, which Catch sees', async () => {
    const { execution, firstToken } = start(approval());
    execution.sendTaskFailure(await firstToken, 'Human.Rejected', 'too expensive');
    const result = await execution.result;
    expect(result.output).toEqual({ order: 7, rejection: { Error: 'Human.Rejected', Cause: 'too expensive' } });
  });

  it('a used, unknown or empty token is refused like AWS (TaskDoesNotExist, InvalidToken)', async () => {
    const { execution, firstToken } = start(approval());
    const token = await firstToken;
    execution.sendTaskSuccess(token, 1);
    await execution.result;
    expect(code(() => execution.sendTaskSuccess(token, 2))).toBe('TaskDoesNotExist');
    expect(code(() => execution.sendTaskFailure('AQBnot-a-token', 'E'))).toBe('TaskDoesNotExist');
    expect(code(() => execution.sendTaskHeartbeat('AQBnot-a-token'))).toBe('TaskDoesNotExist');
    expect(code(() => execution.sendTaskSuccess('', 1))).toBe('InvalidToken');
  });

  it('TimeoutSeconds applies: with no answer the task times out, and its token is closed', async () => {
    const { execution, firstToken } = start(approval({ TimeoutSeconds: 30 }));
    const result = await execution.result;
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Timeout', stopDate: '2026-01-01T00:00:30.000Z' });
    expect(types(result.history)).toContain('TaskTimedOut');
    await expect(firstToken.then((token) => execution.sendTaskSuccess(token, 1))).rejects.toMatchObject({
      code: 'TaskDoesNotExist',
    });
  });

  it('in virtual time, an answer sent while the function runs beats the timeout', async () => {
    const { execution } = start(approval({ TimeoutSeconds: 30 }), {
      answer: (run, token) => run.sendTaskSuccess(token, 'approved'),
    });
    expect(await execution.result).toMatchObject({
      status: 'SUCCEEDED',
      output: 'approved',
      stopDate: '2026-01-01T00:00:00.000Z',
    });
  });

  it('HeartbeatSeconds applies: heartbeats keep the task alive past it (real time)', async () => {
    const { execution, firstToken } = start(approval({ HeartbeatSeconds: 1 }), { realTime: true });
    const token = await firstToken;
    const started = Date.now();
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 450));
      execution.sendTaskHeartbeat(token);
    }
    execution.sendTaskSuccess(token, 'late but alive');
    const result = await execution.result;
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: 'late but alive' });
    expect(Date.now() - started).toBeGreaterThan(1200);
  });

  it('HeartbeatSeconds applies: without heartbeats the task times out (real time)', async () => {
    const { execution } = start(approval({ HeartbeatSeconds: 1 }), { realTime: true });
    const result = await execution.result;
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    expect(types(result.history)).toEqual(expect.arrayContaining(['TaskSubmitted', 'TaskTimedOut']));
  });
});
