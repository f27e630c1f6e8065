// RedriveExecution through @aws-sdk/client-sfn: the refusals are AWS's errors, a redriven
// execution keeps its ARN and goes on in the same history, DescribeExecution tells the truth.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  RedriveExecutionCommand,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  type HistoryEvent,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startService, type RunningService } from '../src/index.js';
import { openDataDir } from '../src/durable.js';
import { clientOf, ROLE, serviceWithClient, waitForEvent } from './service-harness.js';

let service: RunningService;
let sfn: SFNClient;

const CALLBACK = {
  StartAt: 'Prepare',
  States: {
    Prepare: { Type: 'Pass', Result: { order: 1 }, Next: 'Approve' },
    Approve: {
      Type: 'Task',
      Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
      Parameters: {
        QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/q',
        MessageBody: { 'token.$': '$$.Task.Token' },
      },
      End: true,
    },
  },
};

async function create(name: string, definition: object, client = sfn): Promise<string> {
  const command = new CreateStateMachineCommand({ name, definition: JSON.stringify(definition), roleArn: ROLE });
  return (await client.send(command)).stateMachineArn!;
}

async function finished(executionArn: string, client = sfn) {
  for (;;) {
    const described = await client.send(new DescribeExecutionCommand({ executionArn }));
    if (described.status !== 'RUNNING') return described;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The token of the `n`th TaskScheduled event (1-based) of the execution. */
async function token(executionArn: string, n: number, client = sfn): Promise<string> {
  let seen = 0;
  const scheduled = await waitForEvent(client, executionArn, (event) => event.type === 'TaskScheduled' && ++seen === n);
  return (JSON.parse(scheduled.taskScheduledEventDetails!.parameters!) as { MessageBody: { token: string } })
    .MessageBody.token;
}

async function history(executionArn: string): Promise<HistoryEvent[]> {
  return (await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }))).events!;
}

beforeAll(async () => {
  ({ service, sfn } = await serviceWithClient({ activityPollMs: 2_000 }));
});
afterAll(async () => {
  sfn?.destroy();
  await service?.close();
});

describe('RedriveExecution', () => {
  it('redrives a failed execution: same ARN, its history goes on, only the failed state runs again', async () => {
    const machineArn = await create('Approvals', CALLBACK);
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: machineArn, name: 'order-1' }),
    );
    await sfn.send(
      new SendTaskFailureCommand({ taskToken: await token(executionArn!, 1), error: 'Rejected', cause: 'no' }),
    );
    const failed = await finished(executionArn!);
    expect(failed).toMatchObject({ status: 'FAILED', error: 'Rejected', redriveCount: 0, redriveStatus: 'REDRIVABLE' });
    expect(failed.redriveStatusReason).toBeUndefined();
    const before = await history(executionArn!);

    const { redriveDate } = await sfn.send(new RedriveExecutionCommand({ executionArn }));
    expect(redriveDate).toBeInstanceOf(Date);
    const running = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(running).toMatchObject({ status: 'RUNNING', redriveCount: 1, redriveStatus: 'NOT_REDRIVABLE' });
    expect(running.redriveStatusReason).toBe('Execution is RUNNING and cannot be redriven');
    expect(running.redriveDate).toEqual(redriveDate);
    expect(running.stopDate).toBeUndefined();

    await sfn.send(
      new SendTaskSuccessCommand({ taskToken: await token(executionArn!, 2), output: '{"approved":true}' }),
    );
    const done = await finished(executionArn!);
    expect(done).toMatchObject({ status: 'SUCCEEDED', output: '{"approved":true}', redriveCount: 1 });
    expect(done.redriveStatusReason).toBe('Execution is SUCCEEDED and cannot be redriven');
    const after = await history(executionArn!);
    expect(after.slice(0, before.length)).toEqual(before);
    const added = after.slice(before.length);
    expect(added[0]).toMatchObject({
      type: 'ExecutionRedriven',
      id: before.length + 1,
      previousEventId: before.length,
      executionRedrivenEventDetails: { redriveCount: 1 },
    });
    expect(added[1]).toMatchObject({
      type: 'TaskStateEntered',
      stateEnteredEventDetails: { name: 'Approve', input: '{"order":1}' },
    });
    expect(added.map((event) => event.type)).not.toContain('PassStateEntered');
    const { executions } = await sfn.send(new ListExecutionsCommand({ stateMachineArn: machineArn }));
    expect(executions![0]).toMatchObject({ executionArn, redriveCount: 1, redriveDate });
  });

  it("refuses what AWS refuses, with AWS's errors", async () => {
    const machineArn = await create('Approvals2', CALLBACK);
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: machineArn }));
    await expect(sfn.send(new RedriveExecutionCommand({ executionArn }))).rejects.toMatchObject({
      name: 'ExecutionNotRedrivable',
      message: 'Execution is RUNNING and cannot be redriven',
    });
    await sfn.send(new SendTaskSuccessCommand({ taskToken: await token(executionArn!, 1), output: '1' }));
    await finished(executionArn!);
    await expect(sfn.send(new RedriveExecutionCommand({ executionArn }))).rejects.toMatchObject({
      name: 'ExecutionNotRedrivable',
      message: 'Execution is SUCCEEDED and cannot be redriven',
    });
    await expect(
      sfn.send(new RedriveExecutionCommand({ executionArn: `${executionArn!.slice(0, -3)}zzz` })),
    ).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
  });
});

describe('RedriveExecution past AWS limits', () => {
  it('refuses an execution redriven 1,000 times already, and DescribeExecution says why', async () => {
    const machineArn = await create('Approvals3', CALLBACK);
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: machineArn }));
    await sfn.send(new SendTaskFailureCommand({ taskToken: await token(executionArn!, 1), error: 'Rejected' }));
    await finished(executionArn!);
    // As if it had been redriven 1,000 times, each redrive failing at once.
    const stored = service.store.events(executionArn!);
    const failure = stored[stored.length - 1]!;
    const more: (typeof stored)[number][] = [];
    for (let redrive = 1; redrive <= 1000; redrive++) {
      const id = stored.length + more.length + 1;
      const at = failure.timestamp;
      more.push(
        {
          id,
          previousEventId: id - 1,
          timestamp: at,
          type: 'ExecutionRedriven',
          executionRedrivenEventDetails: { redriveCount: redrive },
        } as (typeof stored)[number],
        { ...failure, id: id + 1, previousEventId: id },
      );
    }
    service.store.appendEvents(executionArn!, more);
    const reason = 'Execution redrive count limit exceeded';
    expect(await sfn.send(new DescribeExecutionCommand({ executionArn }))).toMatchObject({
      redriveStatus: 'NOT_REDRIVABLE',
      redriveStatusReason: reason,
    });
    await expect(sfn.send(new RedriveExecutionCommand({ executionArn }))).rejects.toMatchObject({
      name: 'ExecutionNotRedrivable',
      message: reason,
    });
  });
});

describe('RedriveExecution with --data', () => {
  it('stores the redriven events with the first ones: after a restart the history holds both', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aslkit-redrive-'));
    try {
      const first = await startService({ port: 0, store: openDataDir(dir) });
      const client = clientOf(first);
      let executionArn: string;
      try {
        const machineArn = await create('Durable', CALLBACK, client);
        ({ executionArn } = (await client.send(new StartExecutionCommand({ stateMachineArn: machineArn }))) as {
          executionArn: string;
        });
        await client.send(
          new SendTaskFailureCommand({ taskToken: await token(executionArn, 1, client), error: 'Rejected' }),
        );
        await finished(executionArn, client);
        await client.send(new RedriveExecutionCommand({ executionArn }));
        await client.send(
          new SendTaskSuccessCommand({ taskToken: await token(executionArn, 2, client), output: '"ok"' }),
        );
        expect(await finished(executionArn, client)).toMatchObject({ status: 'SUCCEEDED', redriveCount: 1 });
      } finally {
        client.destroy();
        await first.close();
      }
      const second = await startService({ port: 0, store: openDataDir(dir) });
      const again = clientOf(second);
      try {
        expect(await again.send(new DescribeExecutionCommand({ executionArn }))).toMatchObject({
          status: 'SUCCEEDED',
          output: '"ok"',
          redriveCount: 1,
        });
        const { events } = await again.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
        const types = events!.map((event) => event.type);
        expect(types.filter((type) => type === 'ExecutionRedriven')).toHaveLength(1);
        expect(types.at(-1)).toBe('ExecutionSucceeded');
        expect(events!.map((event) => event.id)).toEqual(events!.map((_, index) => index + 1));
      } finally {
        again.destroy();
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('resumes a redrive that was running when the service stopped: its callback answers with the same token', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aslkit-redrive-'));
    try {
      const first = await startService({ port: 0, store: openDataDir(dir) });
      const client = clientOf(first);
      let executionArn: string;
      let redriveToken: string;
      let before: HistoryEvent[];
      try {
        const machineArn = await create('Durable', CALLBACK, client);
        ({ executionArn } = (await client.send(
          new StartExecutionCommand({ stateMachineArn: machineArn, name: 'held' }),
        )) as { executionArn: string });
        await client.send(
          new SendTaskFailureCommand({ taskToken: await token(executionArn, 1, client), error: 'Rejected' }),
        );
        await finished(executionArn, client);
        await client.send(new RedriveExecutionCommand({ executionArn }));
        redriveToken = await token(executionArn, 2, client);
        before = (await client.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }))).events!;
      } finally {
        client.destroy();
        // Closes the file first: the redrive is left running in it, as a crash leaves it.
        await first.close();
      }
      const second = await startService({ port: 0, store: openDataDir(dir) });
      const again = clientOf(second);
      try {
        expect(second.resumed).toMatchObject({ resumed: 1, failures: [] });
        expect(await again.send(new DescribeExecutionCommand({ executionArn }))).toMatchObject({
          status: 'RUNNING',
          redriveCount: 1,
        });
        await again.send(new SendTaskSuccessCommand({ taskToken: redriveToken, output: '"ok"' }));
        expect(await finished(executionArn, again)).toMatchObject({
          status: 'SUCCEEDED',
          output: '"ok"',
          redriveCount: 1,
        });
        const { events } = await again.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
        // What was read before the stop is there unchanged, and the redrive went on after it.
        expect(events!.slice(0, before.length)).toEqual(before);
        const types = events!.map((event) => event.type);
        expect(types.filter((type) => type === 'ExecutionRedriven')).toHaveLength(1);
        expect(types.slice(before.length)).toEqual(['TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
        expect(events!.map((event) => event.id)).toEqual(events!.map((_, index) => index + 1));
      } finally {
        again.destroy();
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
