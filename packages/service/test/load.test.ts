// Bounded load on loopback: 1,000 executions started at once through the SDK, each through a
// Choice, a handler Task, a real-time Wait and a callback answered by the test. It asserts that
// every one ends right, with its own output and a whole history, and that listings see each once;
// how long it takes is the benchmark's business (packages/bench), not this test's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { startService, type RunningService } from '../src/index.js';
import { ROLE } from './service-harness.js';

const COUNT = 1_000;
const DOUBLE = 'arn:aws:lambda:us-east-1:123456789012:function:double';
const definition = JSON.stringify({
  StartAt: 'Route',
  States: {
    Route: {
      Type: 'Choice',
      Choices: [{ Variable: '$.n', NumericGreaterThanEquals: 0, Next: 'Double' }],
      Default: 'Reject',
    },
    Double: { Type: 'Task', Resource: DOUBLE, ResultPath: '$.doubled', Next: 'Pause' },
    Pause: { Type: 'Wait', Seconds: 1, Next: 'Confirm' },
    Confirm: {
      Type: 'Task',
      Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
      Parameters: {
        QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/confirm',
        MessageBody: { 'token.$': '$$.Task.Token' },
      },
      ResultPath: '$.confirmed',
      End: true,
    },
    Reject: { Type: 'Fail', Error: 'Negative' },
  },
});

let service: RunningService;
let sfn: SFNClient;

beforeAll(async () => {
  service = await startService({
    port: 0,
    resolvers: { [DOUBLE]: (input) => (input as { n: number }).n * 2 },
  });
  sfn = new SFNClient({
    endpoint: service.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' },
    // The SDK's options for its own Node handler: more sockets, and no warning when requests queue for one.
    requestHandler: { httpAgent: { maxSockets: 128 }, socketAcquisitionWarningTimeout: 120_000 },
    maxAttempts: 1,
  });
});
afterAll(async () => {
  sfn?.destroy();
  await service?.close();
});

async function history(executionArn: string) {
  const { events = [] } = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
  return events;
}

describe('1,000 concurrent executions through the SDK', () => {
  it('all end with their own output and whole history, and are listed once each', async () => {
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({ name: 'Load', definition, roleArn: ROLE }),
    );
    const inputs = Array.from({ length: COUNT }, (_, i) => (i % 10 === 9 ? -i : i));
    const started = await Promise.all(
      inputs.map((n, i) =>
        sfn.send(new StartExecutionCommand({ stateMachineArn, name: `load-${i}`, input: JSON.stringify({ n }) })),
      ),
    );
    expect(new Set(started.map((start) => start.executionArn)).size).toBe(COUNT);

    // Answer every callback: each token is in its own execution's Confirm TaskScheduled parameters.
    const accepted = inputs.filter((n) => n >= 0).length;
    const answered = new Set<string>();
    // Every callback task is scheduled after the one-second Wait: look once they can be there.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    while (answered.size < accepted) {
      await Promise.all(
        started.map(async ({ executionArn }, i) => {
          if (inputs[i]! < 0 || answered.has(executionArn!)) return;
          const scheduled = (await history(executionArn!)).find(
            (event) => event.type === 'TaskScheduled' && event.taskScheduledEventDetails?.resourceType === 'sqs',
          );
          if (!scheduled) return;
          const { MessageBody } = JSON.parse(scheduled.taskScheduledEventDetails!.parameters!) as {
            MessageBody: { token: string };
          };
          await sfn.send(new SendTaskSuccessCommand({ taskToken: MessageBody.token, output: JSON.stringify({ i }) }));
          answered.add(executionArn!);
        }),
      );
    }

    const described = await Promise.all(
      started.map(async ({ executionArn }) => {
        for (;;) {
          const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
          if (execution.status !== 'RUNNING') return execution;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }),
    );
    described.forEach((execution, i) => {
      const n = inputs[i]!;
      if (n < 0) expect(execution).toMatchObject({ status: 'FAILED', error: 'Negative' });
      else {
        expect(execution.status).toBe('SUCCEEDED');
        expect(JSON.parse(execution.output!)).toEqual({ n, doubled: n * 2, confirmed: { i } });
      }
    });

    // Whole histories: ids 1..N without gaps, each event after the one it follows.
    const histories = await Promise.all(started.map(({ executionArn }) => history(executionArn!)));
    histories.forEach((events, i) => {
      expect(events.map((event) => event.id)).toEqual(events.map((_, index) => index + 1));
      expect(events.at(-1)!.type).toBe(inputs[i]! < 0 ? 'ExecutionFailed' : 'ExecutionSucceeded');
      expect(events.filter((event) => event.type === 'ExecutionStarted')).toHaveLength(1);
    });

    const listed: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 100, nextToken }));
      listed.push(...page.executions!.map((execution) => execution.executionArn!));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(listed).toHaveLength(COUNT);
    expect(new Set(listed)).toEqual(new Set(started.map((start) => start.executionArn)));
  }, 180_000);
});
