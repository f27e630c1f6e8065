import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../history/events.js';
import type { Json } from '../json.js';
import { StateMachine } from '../runtime/state-machine.js';
import { nestedExecutions } from './start-execution.js';

const CHILD_ARN = 'arn:aws:states:us-east-1:123456789012:stateMachine:Child';
const START = '2026-01-01T00:00:00.000Z';
const START_MS = Date.parse(START);

// Waits 10 virtual seconds, then answers with its input or fails when asked to.
const child = StateMachine.from(
  {
    StartAt: 'Nap',
    States: {
      Nap: { Type: 'Wait', Seconds: 10, Next: 'Decide' },
      Decide: {
        Type: 'Choice',
        Choices: [
          {
            And: [
              { Variable: '$.fail', IsPresent: true },
              { Variable: '$.fail', BooleanEquals: true },
            ],
            Next: 'Boom',
          },
        ],
        Default: 'Done',
      },
      Boom: { Type: 'Fail', Error: 'Child.Failed', Cause: 'child said no' },
      Done: { Type: 'Pass', Parameters: { 'got.$': '$' }, End: true },
    },
  },
  { name: 'Child' },
);

const parentOf = (resource: string, extra: Record<string, unknown> = {}, parameters: Record<string, unknown> = {}) =>
  StateMachine.from({
    StartAt: 'Start',
    States: {
      Start: {
        Type: 'Task',
        Resource: resource,
        // `undefined` removes a default field.
        Parameters: Object.fromEntries(
          Object.entries({ StateMachineArn: CHILD_ARN, 'Input.$': '$', ...parameters }).filter(
            ([, value]) => value !== undefined,
          ),
        ),
        ...extra,
        Next: 'After',
      },
      After: { Type: 'Pass', Parameters: { 'result.$': '$', 'enteredAt.$': '$$.State.EnteredTime' }, End: true },
    },
  });

const run = (parent: StateMachine, input: Json, nested = nestedExecutions({ machines: [child] })) =>
  nested.start(parent, input, { seed: 's', startTime: START }).result;

const types = (history: HistoryEvent[]) => history.map((event) => event.type);

describe('states:startExecution (request-response)', () => {
  it('returns the ExecutionArn, SDK metadata and StartDate, and leaves the child running', async () => {
    const nested = nestedExecutions({ machines: [child] });
    const result = await run(
      parentOf('arn:aws:states:::states:startExecution', {}, { Name: 'kid' }),
      { value: 1 },
      nested,
    );
    expect(result.status).toBe('SUCCEEDED');
    const output = (result.output as { result: Record<string, unknown> }).result;
    expect(Object.keys(output)).toEqual(['ExecutionArn', 'SdkHttpMetadata', 'SdkResponseMetadata', 'StartDate']);
    expect(output['ExecutionArn']).toBe('arn:aws:states:us-east-1:123456789012:execution:Child:kid');
    expect(output['StartDate']).toBe(START_MS);
    const metadata = output['SdkHttpMetadata'] as {
      AllHttpHeaders: Record<string, string[]>;
      HttpHeaders: Record<string, string>;
      HttpStatusCode: number;
    };
    expect(Object.keys(metadata.AllHttpHeaders)).toEqual([
      'x-amzn-RequestId',
      'connection',
      'Content-Length',
      'Date',
      'Content-Type',
    ]);
    expect(metadata.HttpHeaders.Date).toBe('Thu, 01 Jan 2026 00:00:00 GMT');
    expect(metadata.HttpHeaders['x-amzn-RequestId']).toBe(
      (output['SdkResponseMetadata'] as { RequestId: string }).RequestId,
    );
    expect(metadata.HttpStatusCode).toBe(200);
    // The parent did not wait for the child's 10 s.
    expect((result.output as { enteredAt: string }).enteredAt).toBe(START);
    expect(types(result.history)).toContain('TaskSucceeded');
    expect(types(result.history)).not.toContain('TaskSubmitted');
    const kid = await nested.children[0]!.result;
    expect(kid).toMatchObject({ status: 'SUCCEEDED', output: { got: { value: 1 } } });
  });
});

describe('states:startExecution.sync and .sync:2', () => {
  it('.sync returns DescribeExecution with Input and Output as JSON text, after the child time', async () => {
    const result = await run(parentOf('arn:aws:states:::states:startExecution.sync', {}, { Name: 'kid' }), {
      value: 'v',
    });
    expect(result.status).toBe('SUCCEEDED');
    const { result: described, enteredAt } = result.output as { result: Record<string, Json>; enteredAt: string };
    expect(described).toEqual({
      ExecutionArn: 'arn:aws:states:us-east-1:123456789012:execution:Child:kid',
      Input: '{"value":"v"}',
      InputDetails: { Included: true },
      Name: 'kid',
      Output: '{"got":{"value":"v"}}',
      OutputDetails: { Included: true },
      RedriveCount: 0,
      RedriveStatus: 'NOT_REDRIVABLE',
      RedriveStatusReason: 'Execution is SUCCEEDED and cannot be redriven',
      StartDate: START_MS,
      StateMachineArn: CHILD_ARN,
      Status: 'SUCCEEDED',
      StopDate: START_MS + 10_000,
    });
    expect(Object.keys(described)).toEqual(Object.keys(described).slice().sort());
    expect(enteredAt).toBe('2026-01-01T00:00:10.000Z');
    expect(types(result.history)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
    // TaskSubmitted shows StartExecution's response, as AWS records it.
    const submitted = result.history.find((event) => event.type === 'TaskSubmitted') as unknown as {
      taskSubmittedEventDetails: { output: string };
    };
    expect(JSON.parse(submitted.taskSubmittedEventDetails.output)).toMatchObject({
      ExecutionArn: 'arn:aws:states:us-east-1:123456789012:execution:Child:kid',
      SdkHttpMetadata: { HttpStatusCode: 200 },
    });
  });

  it('.sync:2 gives Input and Output as JSON; a null Input starts the child with {}', async () => {
    const parent = parentOf(
      'arn:aws:states:::states:startExecution.sync:2',
      {},
      { 'Input.$': '$.missing', Name: 'TestStartTarget' },
    );
    const result = await run(parent, { missing: null });
    const described = (result.output as { result: Record<string, Json> }).result;
    expect(described['Input']).toEqual({});
    expect(described['Output']).toEqual({ got: {} });
    expect(described['Status']).toBe('SUCCEEDED');
  });

  it('a failed child fails the task with States.TaskFailed and its description as cause; Retry and Catch see it', async () => {
    const parent = parentOf('arn:aws:states:::states:startExecution.sync', {
      Retry: [{ ErrorEquals: ['States.TaskFailed'], MaxAttempts: 1, IntervalSeconds: 1 }],
      Catch: [{ ErrorEquals: ['States.TaskFailed'], ResultPath: '$.error', Next: 'After' }],
    });
    const nested = nestedExecutions({ machines: [child] });
    const result = await run(parent, { fail: true }, nested);
    expect(result.status).toBe('SUCCEEDED');
    const error = (result.output as { result: { error: { Error: string; Cause: string } } }).result.error;
    expect(error.Error).toBe('States.TaskFailed');
    const cause = JSON.parse(error.Cause) as Record<string, Json>;
    expect(Object.keys(cause)).toEqual([
      'Cause',
      'Error',
      'ExecutionArn',
      'Input',
      'InputDetails',
      'Name',
      'RedriveCount',
      'RedriveStatus',
      'StartDate',
      'StateMachineArn',
      'Status',
      'StopDate',
    ]);
    expect(cause).toMatchObject({
      Cause: 'child said no',
      Error: 'Child.Failed',
      Input: '{"fail":true}',
      RedriveStatus: 'REDRIVABLE',
      Status: 'FAILED',
    });
    // One retry: two children, with distinct generated names.
    expect(nested.children).toHaveLength(2);
    expect(nested.children[0]!.name).not.toBe(nested.children[1]!.name);
  });

  it('a parent TimeoutSeconds shorter than the child fails the parent with States.Timeout', async () => {
    // Virtual time: the child runs to its end first, then the parent's clock catches up past its timeout.
    const result = await run(parentOf('arn:aws:states:::states:startExecution.sync', { TimeoutSeconds: 5 }), {});
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
  });

  it('in real time, stops the child when the parent task times out', async () => {
    const slow = StateMachine.from(
      { StartAt: 'Nap', States: { Nap: { Type: 'Wait', Seconds: 5, End: true } } },
      { name: 'Child' },
    );
    const nested = nestedExecutions({ machines: [slow], childOptions: { realTime: true } });
    const parent = parentOf('arn:aws:states:::states:startExecution.sync', { TimeoutSeconds: 1 });
    const result = await nested.start(parent, {}, { realTime: true }).result;
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    expect(await nested.children[0]!.result).toMatchObject({ status: 'ABORTED' });
  });

  it('is deterministic: the same seed gives the same parent and child histories', async () => {
    const once = async () => {
      const nested = nestedExecutions({ machines: [child] });
      const parent = await run(parentOf('arn:aws:states:::states:startExecution.sync:2'), { value: 3 }, nested);
      const kid = await nested.children[0]!.result;
      return JSON.stringify([parent.history, kid.history]);
    };
    expect(await once()).toBe(await once());
  });
});

describe('states:startExecution.waitForTaskToken', () => {
  const replier = StateMachine.from(
    {
      StartAt: 'Think',
      States: {
        Think: { Type: 'Wait', Seconds: 30, Next: 'Route' },
        Route: { Type: 'Choice', Choices: [{ Variable: '$.reject', BooleanEquals: true, Next: 'No' }], Default: 'Yes' },
        Yes: {
          Type: 'Task',
          Resource: 'arn:aws:states:::aws-sdk:sfn:sendTaskSuccess',
          Parameters: { 'TaskToken.$': '$.token', 'Output.$': 'States.JsonToString($.answer)' },
          End: true,
        },
        No: {
          Type: 'Task',
          Resource: 'arn:aws:states:::aws-sdk:sfn:sendTaskFailure',
          Parameters: { 'TaskToken.$': '$.token', Error: 'Rejected', Cause: 'not today' },
          End: true,
        },
      },
    },
    { name: 'Child' },
  );
  const parent = (extra: Record<string, unknown> = {}) =>
    parentOf(
      'arn:aws:states:::states:startExecution.waitForTaskToken',
      { TimeoutSeconds: 300, ...extra },
      {
        'Input.$': undefined,
        Input: { 'token.$': '$$.Task.Token', 'answer.$': '$.answer', 'reject.$': '$.reject' },
      },
    );
  const nested = () => nestedExecutions({ machines: [replier] });

  it('resumes with the output the child sends, at the child time it was sent', async () => {
    const result = await run(parent(), { answer: { ok: true }, reject: false }, nested());
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toEqual({ result: { ok: true }, enteredAt: '2026-01-01T00:00:30.000Z' });
    expect(types(result.history)).toContain('TaskSubmitted');
  });

  it('fails with the error and cause the child sends', async () => {
    const result = await run(parent(), { answer: null, reject: true }, nested());
    expect(result).toMatchObject({ status: 'FAILED', error: 'Rejected', cause: 'not today' });
  });

  it('times out when the answer comes after TimeoutSeconds', async () => {
    const result = await run(parent({ TimeoutSeconds: 10 }), { answer: 1, reject: false }, nested());
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
  });

  it('a callback to a token nobody holds fails with Sfn.TaskDoesNotExistException', async () => {
    const orphan = StateMachine.from({
      StartAt: 'Send',
      States: {
        Send: {
          Type: 'Task',
          Resource: 'arn:aws:states:::aws-sdk:sfn:sendTaskSuccess',
          Parameters: { TaskToken: 'AQBnope', Output: '{}' },
          End: true,
        },
      },
    });
    const result = await nestedExecutions({ machines: [] }).start(orphan, {}).result;
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('Sfn.TaskDoesNotExistException');
    expect(result.cause).toMatch(/^Task Does Not Exist \(Service: Sfn, Status Code: 400, Request ID: [0-9a-f-]{36}\)$/);
  });
});

describe('startExecution errors', () => {
  it('an unknown state machine is StepFunctions.StateMachineDoesNotExistException, catchable', async () => {
    const missing = 'arn:aws:states:us-east-1:123456789012:stateMachine:Nope';
    const parent = parentOf(
      'arn:aws:states:::states:startExecution.sync',
      { Catch: [{ ErrorEquals: ['StepFunctions.StateMachineDoesNotExistException'], Next: 'After' }] },
      { StateMachineArn: missing },
    );
    const result = await run(parent, {});
    const caught = (result.output as { result: { Error: string; Cause: string } }).result;
    expect(caught.Error).toBe('StepFunctions.StateMachineDoesNotExistException');
    expect(caught.Cause).toMatch(
      new RegExp(
        `^State Machine Does Not Exist: '${missing}' \\(Service: AWSStepFunctions; Status Code: 400; Error Code: StateMachineDoesNotExist; Request ID: [0-9a-f-]{36}; Proxy: null\\)$`,
      ),
    );
  });

  it('finds machines by versioned ARN or by name, and by a map key', async () => {
    const byName = parentOf(
      'arn:aws:states:::states:startExecution.sync:2',
      {},
      { StateMachineArn: 'arn:aws:states:eu-west-1:999999999999:stateMachine:Child:3' },
    );
    expect((await run(byName, { value: 1 })).status).toBe('SUCCEEDED');
    const mapped = nestedExecutions({ machines: { 'arn:aws:states:us-east-1:1:stateMachine:Other': child } });
    const byKey = parentOf(
      'arn:aws:states:::states:startExecution.sync:2',
      {},
      { StateMachineArn: 'arn:aws:states:us-east-1:1:stateMachine:Other' },
    );
    expect((await run(byKey, { value: 1 }, mapped)).status).toBe('SUCCEEDED');
  });

  it('a reused name with other input is ExecutionAlreadyExists', async () => {
    const twice = StateMachine.from({
      StartAt: 'A',
      States: {
        A: {
          Type: 'Task',
          Resource: 'arn:aws:states:::states:startExecution',
          Parameters: { StateMachineArn: CHILD_ARN, Name: 'same', Input: { n: 1 } },
          Next: 'B',
        },
        B: {
          Type: 'Task',
          Resource: 'arn:aws:states:::states:startExecution',
          Parameters: { StateMachineArn: CHILD_ARN, Name: 'same', Input: { n: 2 } },
          End: true,
        },
      },
    });
    const result = await run(twice, {});
    expect(result.error).toBe('StepFunctions.ExecutionAlreadyExistsException');
    expect(result.cause).toContain(
      "Execution Already Exists: 'arn:aws:states:us-east-1:123456789012:execution:Child:same'",
    );
  });

  it('rejects Input text that is not JSON, and fields the API does not take', async () => {
    const badInput = await run(
      parentOf('arn:aws:states:::states:startExecution', {}, { 'Input.$': undefined, Input: '{not json' }),
      {},
    );
    expect(badInput.error).toBe('StepFunctions.InvalidExecutionInputException');
    const extra = await run(parentOf('arn:aws:states:::states:startExecution', {}, { Bogus: 1 }), {});
    expect(extra).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(extra.cause).toContain("The field 'Bogus' is not supported");
  });
});
