// The service through @aws-sdk/client-sfn, a client nobody here wrote: what it sends and parses
// is AWS's protocol, so these tests hold the service to it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateActivityCommand,
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeActivityCommand,
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  DescribeStateMachineForExecutionCommand,
  GetActivityTaskCommand,
  GetExecutionHistoryCommand,
  ListActivitiesCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  ListTagsForResourceCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StartSyncExecutionCommand,
  StopExecutionCommand,
  TagResourceCommand,
  TestStateCommand,
  UntagResourceCommand,
  UpdateStateMachineCommand,
  ValidateStateMachineDefinitionCommand,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import type { RunningService } from '../src/index.js';
import { approvalToken, ORDER_DEFINITION, ROLE, serviceWithClient, waitForEvent } from './service-harness.js';

let service: RunningService;
let sfn: SFNClient;
let ordersArn: string;

const pass = (result: unknown = { ok: true }) =>
  JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', Result: result, End: true } } });

async function create(name: string, definition: string, type: 'STANDARD' | 'EXPRESS' = 'STANDARD'): Promise<string> {
  const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name, definition, roleArn: ROLE, type }));
  return stateMachineArn!;
}

async function finished(executionArn: string) {
  for (;;) {
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (described.status !== 'RUNNING') return described;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  ({ service, sfn } = await serviceWithClient({ activityPollMs: 2_000 }));
  ordersArn = await create('Orders', ORDER_DEFINITION);
});
afterAll(async () => {
  sfn?.destroy();
  await service?.close();
});

describe('state machines', () => {
  it('creates, describes, lists, updates and deletes them, with AWS ARNs and dates', async () => {
    expect(ordersArn).toBe('arn:aws:states:us-east-1:123456789012:stateMachine:Orders');
    const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: ordersArn }));
    expect(described).toMatchObject({ name: 'Orders', status: 'ACTIVE', type: 'STANDARD', roleArn: ROLE });
    expect(described.definition).toBe(ORDER_DEFINITION);
    expect(described.creationDate).toBeInstanceOf(Date);

    const arn = await create('Temp', pass());
    // The same request again is the same machine; another definition under the name is a conflict.
    expect(await create('Temp', pass())).toBe(arn);
    await expect(create('Temp', pass(2))).rejects.toMatchObject({ name: 'StateMachineAlreadyExists' });
    const updated = await sfn.send(new UpdateStateMachineCommand({ stateMachineArn: arn, definition: pass(3) }));
    expect(updated.updateDate).toBeInstanceOf(Date);
    const { stateMachines } = await sfn.send(new ListStateMachinesCommand({}));
    expect(stateMachines!.map((machine) => machine.name)).toEqual(expect.arrayContaining(['Orders', 'Temp']));
    await sfn.send(new DeleteStateMachineCommand({ stateMachineArn: arn }));
    await expect(sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }))).rejects.toMatchObject({
      name: 'StateMachineDoesNotExist',
      message: `State Machine Does Not Exist: '${arn}'`,
    });
  });

  it("refuses an invalid definition with AWS's InvalidDefinition message, and validates without creating", async () => {
    const definition = JSON.stringify({ StartAt: 'Missing', States: { A: { Type: 'Pass', End: true } } });
    const error = await create('Broken', definition).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ name: 'InvalidDefinition', $metadata: { httpStatusCode: 400 } });
    expect((error as Error).message).toMatch(/^Invalid State Machine Definition: '.*MISSING_TRANSITION_TARGET/);
    const validated = await sfn.send(new ValidateStateMachineDefinitionCommand({ definition }));
    expect(validated.result).toBe('FAIL');
    expect(validated.diagnostics![0]).toMatchObject({ severity: 'ERROR', code: 'MISSING_TRANSITION_TARGET' });
    expect(await sfn.send(new ValidateStateMachineDefinitionCommand({ definition: pass() }))).toMatchObject({
      result: 'OK',
      diagnostics: [],
    });
    await expect(create('bad name', pass())).rejects.toMatchObject({ name: 'InvalidName' });
  });
});

describe('executions', () => {
  it('runs the mocked Lambda, the Wait and the callback, end to end', async () => {
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: `${ordersArn}#HappyPath`,
        name: 'order-1',
        input: '{"orderId":"o-1"}',
      }),
    );
    expect(executionArn).toBe('arn:aws:states:us-east-1:123456789012:execution:Orders:order-1');
    const scheduled = await waitForEvent(
      sfn,
      executionArn!,
      (event) => event.type === 'TaskScheduled' && event.taskScheduledEventDetails?.resourceType === 'sqs',
    );
    const running = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(running.status).toBe('RUNNING');
    const token = approvalToken(scheduled);
    await sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"approved":true}' }));
    const done = await finished(executionArn!);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toEqual({ orderId: 'o-1', price: { total: 42 }, approval: { approved: true } });
    expect(done.stopDate!.getTime() - done.startDate!.getTime()).toBeGreaterThanOrEqual(1000);
    // The token is spent: its task can no longer be answered.
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }))).rejects.toMatchObject({
      name: 'TaskTimedOut',
    });

    const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(events!.map((event) => event.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'WaitStateEntered',
      'WaitStateExited',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
    expect(events![0]).toMatchObject({ id: 1, previousEventId: 0, timestamp: expect.any(Date) });
    const forMachine = await sfn.send(new DescribeStateMachineForExecutionCommand({ executionArn }));
    expect(forMachine).toMatchObject({ stateMachineArn: ordersArn, name: 'Orders', definition: ORDER_DEFINITION });
  });

  it('fails as the mock config test case says', async () => {
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: `${ordersArn}#PriceDown`, input: '{"orderId":"o-2"}' }),
    );
    const done = await finished(executionArn!);
    expect(done).toMatchObject({ status: 'FAILED', error: 'Lambda.ServiceException', cause: 'price service down' });
  });

  it('answers the same name and input with the same execution, and refuses other input (AWS idempotency)', async () => {
    const start = (input: string) =>
      sfn.send(new StartExecutionCommand({ stateMachineArn: `${ordersArn}#HappyPath`, name: 'twice', input }));
    const first = await start('{"orderId":"t"}');
    expect((await start('{"orderId":"t"}')).executionArn).toBe(first.executionArn);
    await expect(start('{"orderId":"other"}')).rejects.toMatchObject({
      name: 'ExecutionAlreadyExists',
      message: `Execution Already Exists: '${first.executionArn}'`,
    });
    const stopped = await sfn.send(
      new StopExecutionCommand({ executionArn: first.executionArn, error: 'Halt', cause: 'test' }),
    );
    expect(stopped.stopDate).toBeInstanceOf(Date);
    expect(await finished(first.executionArn!)).toMatchObject({ status: 'ABORTED', error: 'Halt', cause: 'test' });
    // Closed: the name stays taken whatever the input.
    await expect(start('{"orderId":"t"}')).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
  });

  it('lists executions newest first, by status, page by page', async () => {
    const arn = await create('Pager', pass());
    for (let i = 0; i < 5; i++) await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: `p${i}` }));
    for (let i = 0; i < 5; i++) await finished(`${arn.replace(':stateMachine:', ':execution:')}:p${i}`);
    const first = await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, maxResults: 2 }));
    expect(first.executions!.map((execution) => execution.name)).toEqual(['p4', 'p3']);
    const second = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn: arn, maxResults: 2, nextToken: first.nextToken }),
    );
    expect(second.executions!.map((execution) => execution.name)).toEqual(['p2', 'p1']);
    const running = await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, statusFilter: 'RUNNING' }));
    expect(running.executions).toEqual([]);
    await expect(
      sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, nextToken: 'not-a-token' })),
    ).rejects.toMatchObject({ name: 'InvalidToken' });
  });

  it('pages the history, in reverse, without execution data when asked', async () => {
    const executionArn = 'arn:aws:states:us-east-1:123456789012:execution:Pager:p0';
    const page = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn, maxResults: 2, reverseOrder: true, includeExecutionData: false }),
    );
    expect(page.events!.map((event) => event.type)).toEqual(['ExecutionSucceeded', 'PassStateExited']);
    expect(page.events![0]!.executionSucceededEventDetails).toEqual({ outputDetails: { truncated: false } });
    const rest = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn, maxResults: 2, reverseOrder: true, nextToken: page.nextToken }),
    );
    expect(rest.events!.map((event) => event.type)).toEqual(['PassStateEntered', 'ExecutionStarted']);
    expect(rest.nextToken).toBeUndefined();
  });

  it('runs Express machines synchronously and refuses StartSyncExecution on Standard ones', async () => {
    const arn = await create('Quick', pass({ fast: true }), 'EXPRESS');
    const result = await sfn.send(new StartSyncExecutionCommand({ stateMachineArn: arn, input: '{}' }));
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: '{"fast":true}', stateMachineArn: arn });
    expect(result.executionArn).toMatch(/^arn:aws:states:us-east-1:123456789012:express:Quick:/);
    await expect(sfn.send(new StartSyncExecutionCommand({ stateMachineArn: ordersArn }))).rejects.toMatchObject({
      name: 'StateMachineTypeNotSupported',
    });
  });

  it('starts nested executions of the same service (states:startExecution.sync:2)', async () => {
    const child = await create('Child', pass({ from: 'child' }));
    const parent = await create(
      'Parent',
      JSON.stringify({
        StartAt: 'Run',
        States: {
          Run: {
            Type: 'Task',
            Resource: 'arn:aws:states:::states:startExecution.sync:2',
            Parameters: { StateMachineArn: child, Input: { x: 1 } },
            OutputPath: '$.Output',
            End: true,
          },
        },
      }),
    );
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: parent }));
    expect(await finished(executionArn!)).toMatchObject({ status: 'SUCCEEDED', output: '{"from":"child"}' });
    const children = await sfn.send(new ListExecutionsCommand({ stateMachineArn: child }));
    expect(children.executions).toHaveLength(1);
  });

  it("lets a nested execution answer its parent's task token (aws-sdk:sfn:sendTaskSuccess)", async () => {
    const answering = await create(
      'Answering',
      JSON.stringify({
        StartAt: 'Answer',
        States: {
          Answer: {
            Type: 'Task',
            Resource: 'arn:aws:states:::aws-sdk:sfn:sendTaskSuccess',
            Parameters: { 'TaskToken.$': '$.token', Output: '{"answered":true}' },
            End: true,
          },
        },
      }),
    );
    const waiting = await create(
      'Waiting',
      JSON.stringify({
        StartAt: 'Ask',
        States: {
          Ask: {
            Type: 'Task',
            Resource: 'arn:aws:states:::states:startExecution.waitForTaskToken',
            Parameters: { StateMachineArn: answering, Input: { 'token.$': '$$.Task.Token' } },
            End: true,
          },
        },
      }),
    );
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: waiting }));
    expect(await finished(executionArn!)).toMatchObject({ status: 'SUCCEEDED', output: '{"answered":true}' });
  });

  it('fails a Task nothing answers with States.Runtime, naming what would answer it', async () => {
    const arn = await create(
      'Unanswered',
      JSON.stringify({
        StartAt: 'Get',
        States: { Get: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:getItem', End: true } },
      }),
    );
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn }));
    const done = await finished(executionArn!);
    expect(done).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(done.cause).toContain("aslkit serve has no answer for resource 'arn:aws:states:::dynamodb:getItem'");
    expect(done.cause).toContain('--mock-config');
  });

  it("names what does not exist with AWS's errors", async () => {
    await expect(
      sfn.send(
        new DescribeExecutionCommand({ executionArn: `${ordersArn.replace(':stateMachine:', ':execution:')}:nope` }),
      ),
    ).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
    await expect(sfn.send(new DescribeExecutionCommand({ executionArn: 'arn:nope' }))).rejects.toMatchObject({
      name: 'InvalidArn',
    });
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: 'AQB' + '0'.repeat(64), output: '{}' })),
    ).rejects.toMatchObject({
      name: 'TaskDoesNotExist',
    });
    await expect(sfn.send(new SendTaskFailureCommand({ taskToken: 'not a token!' }))).rejects.toMatchObject({
      name: 'InvalidToken',
    });
    await expect(
      sfn.send(new StartExecutionCommand({ stateMachineArn: `${ordersArn}#NoSuchCase` })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });
});

describe('activities', () => {
  it('hands tasks to workers by long polling, with ActivityStarted naming the worker', async () => {
    const { activityArn } = await sfn.send(new CreateActivityCommand({ name: 'review' }));
    expect(activityArn).toBe('arn:aws:states:us-east-1:123456789012:activity:review');
    expect(await sfn.send(new DescribeActivityCommand({ activityArn }))).toMatchObject({ name: 'review' });
    expect((await sfn.send(new ListActivitiesCommand({}))).activities).toHaveLength(1);
    const arn = await create(
      'Reviewed',
      JSON.stringify({ StartAt: 'Review', States: { Review: { Type: 'Task', Resource: activityArn, End: true } } }),
    );
    // A poll that waits for the task, started before the execution.
    const polled = sfn.send(new GetActivityTaskCommand({ activityArn, workerName: 'worker-1' }));
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input: '{"doc":7}' }));
    const task = await polled;
    expect(JSON.parse(task.input!)).toEqual({ doc: 7 });
    await sfn.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: '{"verdict":"ok"}' }));
    expect(await finished(executionArn!)).toMatchObject({ status: 'SUCCEEDED', output: '{"verdict":"ok"}' });
    const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(events!.map((event) => event.type).slice(2, 5)).toEqual([
      'ActivityScheduled',
      'ActivityStarted',
      'ActivitySucceeded',
    ]);
    expect(events![3]!.activityStartedEventDetails).toEqual({ workerName: 'worker-1' });
    // Nothing to hand out: the poll ends empty after its wait.
    const empty = await sfn.send(new GetActivityTaskCommand({ activityArn }));
    expect(empty.taskToken).toBeUndefined();
  });
});

describe('tags', () => {
  it('tags, lists and untags state machines', async () => {
    await sfn.send(
      new TagResourceCommand({
        resourceArn: ordersArn,
        tags: [
          { key: 'team', value: 'billing' },
          { key: 'env', value: 'dev' },
        ],
      }),
    );
    await sfn.send(new UntagResourceCommand({ resourceArn: ordersArn, tagKeys: ['env'] }));
    expect((await sfn.send(new ListTagsForResourceCommand({ resourceArn: ordersArn }))).tags).toEqual([
      { key: 'team', value: 'billing' },
    ]);
    await expect(sfn.send(new ListTagsForResourceCommand({ resourceArn: `${ordersArn}Nope` }))).rejects.toMatchObject({
      name: 'ResourceNotFound',
    });
  });
});

describe('TestState', () => {
  it('tests one state offline with a mock, and answers DEBUG with the stages AWS shows', async () => {
    const answer = await sfn.send(
      new TestStateCommand({
        definition: JSON.stringify({
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: 'charge', 'Payload.$': '$' },
          ResultSelector: { 'total.$': '$.Payload.total' },
          End: true,
        }),
        input: JSON.stringify({ orderId: 'o-1' }),
        inspectionLevel: 'DEBUG',
        // Lambda's model types Payload as a blob: NONE lets the mock give it as JSON, as the integration returns it.
        mock: { result: JSON.stringify({ StatusCode: 200, Payload: { total: 42 } }), fieldValidationMode: 'NONE' },
      }),
    );
    expect(answer.status).toBe('SUCCEEDED');
    expect(JSON.parse(answer.output!)).toEqual({ total: 42 });
    expect(JSON.parse(answer.inspectionData!.afterParameters!)).toEqual({
      FunctionName: 'charge',
      Payload: { orderId: 'o-1' },
    });
  });

  it("checks a mock against the called API's response shape by default (STRICT), as AWS does", async () => {
    const refused = sfn.send(
      new TestStateCommand({
        definition: JSON.stringify({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true }),
        mock: { result: JSON.stringify({ StatusCode: 200, Payload: { total: 42 } }) },
      }),
    );
    await expect(refused).rejects.toMatchObject({
      name: 'ValidationException',
      message: "Mock result schema validation error: Field 'Payload' must be a string",
    });
  });

  it("refuses a mock with both a result and an error, as AWS's ValidationException", async () => {
    const refused = sfn.send(
      new TestStateCommand({
        definition: JSON.stringify({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true }),
        mock: { result: '{}', errorOutput: { error: 'E', cause: 'C' } },
      }),
    );
    await expect(refused).rejects.toMatchObject({ name: 'ValidationException' });
  });
});
