// Map Runs through @aws-sdk/client-sfn: ListMapRuns, DescribeMapRun, ListExecutions by mapRunArn,
// DescribeExecution and GetExecutionHistory of a child, UpdateMapRun, and AWS's errors.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  DescribeMapRunCommand,
  DescribeStateMachineForExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListMapRunsCommand,
  RedriveExecutionCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  UpdateMapRunCommand,
  type DescribeMapRunCommandOutput,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { startService, type RunningService } from '../src/index.js';
import { openDataDir } from '../src/durable.js';
import { clientOf, FIXTURES, ROLE, serviceWithClient, waitForEvent } from './service-harness.js';

const DEFINITION = readFileSync(join(FIXTURES, 'map-run.asl.json'), 'utf8');
const UNKNOWN_RUN = 'arn:aws:states:us-east-1:123456789012:mapRun:Orders/Orders:00000000-0000-0000-0000-000000000000';

let service: RunningService;
let sfn: SFNClient;
let machineArn: string;

beforeAll(async () => {
  ({ service, sfn } = await serviceWithClient());
  const created = await sfn.send(
    new CreateStateMachineCommand({ name: 'Orders', definition: DEFINITION, roleArn: ROLE }),
  );
  machineArn = created.stateMachineArn!;
});
afterAll(() => service.close());

async function start(orders: object[]): Promise<string> {
  const input = JSON.stringify({ orders });
  return (await sfn.send(new StartExecutionCommand({ stateMachineArn: machineArn, input }))).executionArn!;
}

async function finished(executionArn: string) {
  for (;;) {
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (described.status !== 'RUNNING') return described;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function mapRunOf(executionArn: string): Promise<string> {
  const started = await waitForEvent(sfn, executionArn, (event) => event.type === 'MapRunStarted');
  return started.mapRunStartedEventDetails!.mapRunArn!;
}

/** DescribeMapRun, polled until `ready` says yes. */
async function describedWhen(
  mapRunArn: string,
  ready: (described: DescribeMapRunCommandOutput) => boolean,
  client = sfn,
) {
  for (;;) {
    const described = await client.send(new DescribeMapRunCommand({ mapRunArn }));
    if (ready(described)) return described;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a finished Map Run with a tolerated failure', () => {
  let executionArn: string;
  let mapRunArn: string;

  beforeAll(async () => {
    executionArn = await start([{ id: 1 }, { id: 2, fail: true }, { id: 3 }]);
    expect((await finished(executionArn)).status).toBe('SUCCEEDED');
    mapRunArn = await mapRunOf(executionArn);
  });

  it('is listed by ListMapRuns and described by DescribeMapRun', async () => {
    expect(mapRunArn).toMatch(/^arn:aws:states:us-east-1:123456789012:mapRun:Orders\/Orders:[0-9a-f-]{36}$/);
    const { mapRuns } = await sfn.send(new ListMapRunsCommand({ executionArn }));
    expect(mapRuns).toHaveLength(1);
    expect(mapRuns![0]).toMatchObject({
      executionArn,
      mapRunArn,
      stateMachineArn: `${machineArn}/Orders`,
    });
    expect(mapRuns![0]!.stopDate!.getTime()).toBeGreaterThanOrEqual(mapRuns![0]!.startDate!.getTime());

    const described = await sfn.send(new DescribeMapRunCommand({ mapRunArn }));
    const counts = {
      pending: 0,
      running: 0,
      succeeded: 2,
      failed: 1,
      timedOut: 0,
      aborted: 0,
      total: 3,
      resultsWritten: 0,
      // The run succeeded: its tolerated failure can never be redriven.
      failuresNotRedrivable: 1,
      pendingRedrive: 0,
    };
    expect(described).toMatchObject({
      mapRunArn,
      executionArn,
      status: 'SUCCEEDED',
      maxConcurrency: 2,
      toleratedFailurePercentage: 0,
      toleratedFailureCount: 1,
      itemCounts: counts,
      executionCounts: counts,
      redriveCount: 0,
    });
    expect(described.stopDate).toBeInstanceOf(Date);
    expect(described.redriveDate).toBeUndefined();
  });

  it("describes a child's state machine: the Map Run's, its ItemProcessor as the definition", async () => {
    const { executions } = await sfn.send(new ListExecutionsCommand({ mapRunArn }));
    const { $metadata: _m, ...described } = await sfn.send(
      new DescribeStateMachineForExecutionCommand({ executionArn: executions![0]!.executionArn! }),
    );
    const { $metadata: _p, ...parent } = await sfn.send(new DescribeStateMachineForExecutionCommand({ executionArn }));
    const definition = JSON.parse(DEFINITION) as { States: { Orders: { ItemProcessor: object } } };
    expect(described).toEqual({
      stateMachineArn: `${machineArn}/Orders`,
      name: 'Orders/Orders',
      definition: JSON.stringify(definition.States.Orders.ItemProcessor),
      roleArn: ROLE,
      updateDate: parent.updateDate,
      loggingConfiguration: parent.loggingConfiguration,
      tracingConfiguration: parent.tracingConfiguration,
      mapRunArn,
      label: 'Orders',
      revisionId: parent.revisionId,
    });
  });

  it('lists its children by ListExecutions with mapRunArn, filtered by status', async () => {
    const { executions } = await sfn.send(new ListExecutionsCommand({ mapRunArn }));
    expect(executions).toHaveLength(3);
    for (const execution of executions!)
      expect(execution).toMatchObject({ stateMachineArn: `${machineArn}/Orders`, mapRunArn, itemCount: 1 });
    expect(executions!.map((execution) => execution.status).sort()).toEqual(['FAILED', 'SUCCEEDED', 'SUCCEEDED']);

    const failed = await sfn.send(new ListExecutionsCommand({ mapRunArn, statusFilter: 'FAILED' }));
    expect(failed.executions).toHaveLength(1);
    const paged = await sfn.send(new ListExecutionsCommand({ mapRunArn, maxResults: 2 }));
    expect(paged.executions).toHaveLength(2);
    const rest = await sfn.send(new ListExecutionsCommand({ mapRunArn, maxResults: 2, nextToken: paged.nextToken }));
    expect(rest.executions).toHaveLength(1);
  });

  it('describes a child and gives its history', async () => {
    const { executions } = await sfn.send(new ListExecutionsCommand({ mapRunArn, statusFilter: 'FAILED' }));
    const childArn = executions![0]!.executionArn!;
    expect(childArn).toMatch(/^arn:aws:states:us-east-1:123456789012:execution:Orders\/Orders:[0-9a-f-]{36}$/);
    const child = await sfn.send(new DescribeExecutionCommand({ executionArn: childArn }));
    expect(child).toMatchObject({
      executionArn: childArn,
      stateMachineArn: `${machineArn}/Orders`,
      status: 'FAILED',
      input: JSON.stringify({ id: 2, fail: true }),
      error: 'Order.Rejected',
      cause: 'order refused',
      mapRunArn,
      redriveCount: 0,
      redriveStatus: 'REDRIVABLE_BY_MAP_RUN',
    });
    const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn: childArn }));
    expect(events!.map((event) => event.type)).toEqual([
      'ExecutionStarted',
      'ChoiceStateEntered',
      'ChoiceStateExited',
      'FailStateEntered',
      'ExecutionFailed',
    ]);
    const reversed = await sfn.send(new GetExecutionHistoryCommand({ executionArn: childArn, reverseOrder: true }));
    expect(reversed.events![0]!.type).toBe('ExecutionFailed');

    const { executions: shipped } = await sfn.send(new ListExecutionsCommand({ mapRunArn, statusFilter: 'SUCCEEDED' }));
    const succeeded = await sfn.send(new DescribeExecutionCommand({ executionArn: shipped![0]!.executionArn! }));
    expect(succeeded.output).toMatch(/^\{"shipped":[13]\}$/);
    expect(succeeded.redriveStatus).toBe('NOT_REDRIVABLE');
  });
});

describe('a running Map Run', () => {
  it('shows its running child, whose history grows, and ends once the child is answered', async () => {
    const executionArn = await start([{ id: 1, hold: true }, { id: 2 }, { id: 3 }]);
    const mapRunArn = await mapRunOf(executionArn);
    const running = await describedWhen(mapRunArn, (described) => described.itemCounts!.succeeded === 2);
    expect(running).toMatchObject({ status: 'RUNNING', itemCounts: { running: 1, succeeded: 2, total: 3 } });
    expect(running.stopDate).toBeUndefined();

    const { executions } = await sfn.send(new ListExecutionsCommand({ mapRunArn, statusFilter: 'RUNNING' }));
    expect(executions).toHaveLength(1);
    const childArn = executions![0]!.executionArn!;
    expect(executions![0]!.stopDate).toBeUndefined();
    const scheduled = await waitForEvent(sfn, childArn, (event) => event.type === 'TaskScheduled');
    const parameters = JSON.parse(scheduled.taskScheduledEventDetails!.parameters!) as {
      MessageBody: { token: string };
    };
    const { token } = parameters.MessageBody;
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn: childArn }))).status).toBe('RUNNING');

    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"id":1}' }));
    expect((await finished(executionArn)).status).toBe('SUCCEEDED');
    expect(await sfn.send(new DescribeMapRunCommand({ mapRunArn }))).toMatchObject({
      status: 'SUCCEEDED',
      itemCounts: { running: 0, succeeded: 3, total: 3 },
    });
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn: childArn }))).status).toBe('SUCCEEDED');
  });
});

describe('a Map Run redriven with its execution', () => {
  it('runs again only the children that failed, and counts the redrive', async () => {
    // Two failures where one is tolerated: the run fails, and the execution with it.
    const executionArn = await start([{ id: 1 }, { id: 2, fail: true }, { id: 3, fail: true }]);
    expect((await finished(executionArn)).status).toBe('FAILED');
    const mapRunArn = await mapRunOf(executionArn);
    const before = (await sfn.send(new ListExecutionsCommand({ mapRunArn }))).executions!;
    const shipped = before.find((execution) => execution.status === 'SUCCEEDED')!;

    await sfn.send(new RedriveExecutionCommand({ executionArn }));
    expect((await finished(executionArn)).status).toBe('FAILED');
    const described = await sfn.send(new DescribeMapRunCommand({ mapRunArn }));
    expect(described).toMatchObject({ status: 'FAILED', redriveCount: 1, itemCounts: { succeeded: 1, failed: 2 } });
    expect(described.redriveDate).toBeInstanceOf(Date);
    const after = (await sfn.send(new ListExecutionsCommand({ mapRunArn }))).executions!;
    // The same three children: the one that shipped kept its run, the failed ones were redriven.
    expect(after.map((execution) => execution.executionArn).sort()).toEqual(
      before.map((execution) => execution.executionArn).sort(),
    );
    expect(after.find((execution) => execution.executionArn === shipped.executionArn)).toEqual(shipped);
    for (const execution of after.filter((child) => child.status === 'FAILED')) expect(execution.redriveCount).toBe(1);
  });
});

describe('UpdateMapRun', () => {
  /** The task tokens of the running children's callbacks, once `count` children wait on one. */
  async function heldTokens(mapRunArn: string, count: number): Promise<string[]> {
    for (;;) {
      const { executions = [] } = await sfn.send(new ListExecutionsCommand({ mapRunArn, statusFilter: 'RUNNING' }));
      const tokens: string[] = [];
      for (const { executionArn } of executions) {
        const { events = [] } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
        const scheduled = events.find((event) => event.type === 'TaskScheduled');
        if (scheduled) tokens.push(JSON.parse(scheduled.taskScheduledEventDetails!.parameters!).MessageBody.token);
      }
      if (tokens.length === count) return tokens;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('raises the concurrency of a running Map Run: its pending children start', async () => {
    // MaxConcurrency 2: both places are held by callbacks, the other two orders wait.
    const executionArn = await start([{ id: 1, hold: true }, { id: 2, hold: true }, { id: 3 }, { id: 4 }]);
    const mapRunArn = await mapRunOf(executionArn);
    const tokens = await heldTokens(mapRunArn, 2);
    expect(await sfn.send(new DescribeMapRunCommand({ mapRunArn }))).toMatchObject({
      maxConcurrency: 2,
      itemCounts: { pending: 2, running: 2, succeeded: 0 },
    });

    await sfn.send(new UpdateMapRunCommand({ mapRunArn, maxConcurrency: 4, toleratedFailurePercentage: 50 }));
    expect(await describedWhen(mapRunArn, (described) => described.itemCounts!.succeeded === 2)).toMatchObject({
      status: 'RUNNING',
      maxConcurrency: 4,
      toleratedFailurePercentage: 50,
      toleratedFailureCount: 1,
      itemCounts: { pending: 0, running: 2, succeeded: 2 },
    });

    for (const taskToken of tokens) await sfn.send(new SendTaskSuccessCommand({ taskToken, output: '{"id":0}' }));
    expect((await finished(executionArn)).status).toBe('SUCCEEDED');
    await expect(sfn.send(new UpdateMapRunCommand({ mapRunArn, maxConcurrency: 1 }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: `Map Run is SUCCEEDED and cannot be updated: '${mapRunArn}'`,
    });
  });

  it("refuses limits out of AWS's ranges", async () => {
    const executionArn = await start([{ id: 1 }]);
    const mapRunArn = await mapRunOf(executionArn);
    await expect(
      sfn.send(new UpdateMapRunCommand({ mapRunArn, toleratedFailurePercentage: 101 })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    await finished(executionArn);
  });
});

describe('Map Runs with --data', () => {
  /** What the API shows of the Map Run `mapRunArn` of `executionArn`: the run, its children and their histories. */
  async function shown(client: SFNClient, executionArn: string, mapRunArn: string) {
    const { mapRuns } = await client.send(new ListMapRunsCommand({ executionArn }));
    const { $metadata: _run, ...run } = await client.send(new DescribeMapRunCommand({ mapRunArn }));
    const { executions = [] } = await client.send(new ListExecutionsCommand({ mapRunArn }));
    const children = [];
    for (const { executionArn: child } of executions) {
      const { $metadata: _described, ...described } = await client.send(
        new DescribeExecutionCommand({ executionArn: child }),
      );
      const { events } = await client.send(new GetExecutionHistoryCommand({ executionArn: child }));
      children.push({ described, events });
    }
    return { mapRuns, run, executions, children };
  }

  it('keep the parent history and the runs of ended executions across a restart; a resumed one starts again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aslkit-map-runs-'));
    try {
      const first = await startService({ port: 0, store: openDataDir(dir) });
      const client = clientOf(first);
      let ended: string;
      let held: string;
      let endedRun: string;
      let heldRun: string;
      let before: Awaited<ReturnType<typeof shown>>;
      try {
        const { stateMachineArn } = await client.send(
          new CreateStateMachineCommand({ name: 'Orders', definition: DEFINITION, roleArn: ROLE }),
        );
        const input = (orders: object[]) => JSON.stringify({ orders });
        ({ executionArn: ended } = (await client.send(
          new StartExecutionCommand({ stateMachineArn, input: input([{ id: 1 }, { id: 3, fail: true }]) }),
        )) as { executionArn: string });
        ({ executionArn: held } = (await client.send(
          new StartExecutionCommand({ stateMachineArn, input: input([{ id: 2, hold: true }]) }),
        )) as { executionArn: string });
        await waitForEvent(client, ended, (event) => event.type === 'ExecutionSucceeded');
        endedRun = (await waitForEvent(client, ended, (event) => event.type === 'MapRunStarted'))
          .mapRunStartedEventDetails!.mapRunArn!;
        heldRun = (await waitForEvent(client, held, (event) => event.type === 'MapRunStarted'))
          .mapRunStartedEventDetails!.mapRunArn!;
        await describedWhen(heldRun, (described) => described.itemCounts!.running === 1, client);
        before = await shown(client, ended, endedRun);
      } finally {
        client.destroy();
        await first.close();
      }
      const second = await startService({ port: 0, store: openDataDir(dir) });
      const again = clientOf(second);
      try {
        const { events } = await again.send(new GetExecutionHistoryCommand({ executionArn: ended }));
        expect(events!.map((event) => event.type)).toContain('MapRunSucceeded');
        // The ended execution's Map Run, its two children (one failed, tolerated) and their histories, as before.
        expect(before.run.status).toBe('SUCCEEDED');
        expect(before.run.executionCounts).toMatchObject({ succeeded: 1, failed: 1, total: 2 });
        expect(before.children.map((child) => child.events!.at(-1)!.type).sort()).toEqual([
          'ExecutionFailed',
          'ExecutionSucceeded',
        ]);
        expect(await shown(again, ended, endedRun)).toEqual(before);
        await expect(
          again.send(new UpdateMapRunCommand({ mapRunArn: endedRun, maxConcurrency: 1 })),
        ).rejects.toMatchObject({ name: 'ValidationException' });
        // The resumed execution replays to its Map Run, which starts again under the same ARN: its child
        // waits on a callback again, answerable with the token its new history shows.
        const resumed = await again.send(new ListMapRunsCommand({ executionArn: held }));
        expect(resumed.mapRuns!.map((run) => run.mapRunArn)).toEqual([heldRun]);
        await describedWhen(heldRun, (described) => described.itemCounts!.running === 1, again);
        const { executions } = await again.send(new ListExecutionsCommand({ mapRunArn: heldRun }));
        const scheduled = await waitForEvent(
          again,
          executions![0]!.executionArn!,
          (event) => event.type === 'TaskScheduled',
        );
        const parameters = JSON.parse(scheduled.taskScheduledEventDetails!.parameters!) as {
          MessageBody: { token: string };
        };
        await again.send(new SendTaskSuccessCommand({ taskToken: parameters.MessageBody.token, output: '{"id":2}' }));
        await waitForEvent(again, held, (event) => event.type === 'ExecutionSucceeded');
        // The resumed execution keeps its children's histories too.
        const child = await again.send(new GetExecutionHistoryCommand({ executionArn: executions![0]!.executionArn! }));
        expect(child.events!.at(-1)!.type).toBe('ExecutionSucceeded');
      } finally {
        again.destroy();
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("AWS's errors", () => {
  it('ResourceNotFound for an unknown Map Run', async () => {
    await expect(sfn.send(new DescribeMapRunCommand({ mapRunArn: UNKNOWN_RUN }))).rejects.toMatchObject({
      name: 'ResourceNotFound',
      message: `Resource not found: '${UNKNOWN_RUN}'`,
    });
    await expect(sfn.send(new ListExecutionsCommand({ mapRunArn: UNKNOWN_RUN }))).rejects.toMatchObject({
      name: 'ResourceNotFound',
    });
    await expect(
      sfn.send(new UpdateMapRunCommand({ mapRunArn: UNKNOWN_RUN, maxConcurrency: 1 })),
    ).rejects.toMatchObject({ name: 'ResourceNotFound' });
  });

  it('InvalidArn for what is no Map Run ARN, ExecutionDoesNotExist for ListMapRuns of an unknown execution', async () => {
    await expect(sfn.send(new DescribeMapRunCommand({ mapRunArn: machineArn }))).rejects.toMatchObject({
      name: 'InvalidArn',
    });
    const executionArn = machineArn.replace(':stateMachine:', ':execution:') + ':nobody';
    await expect(sfn.send(new ListMapRunsCommand({ executionArn }))).rejects.toMatchObject({
      name: 'ExecutionDoesNotExist',
    });
    await expect(
      sfn.send(
        new DescribeExecutionCommand({
          executionArn: `${machineArn.replace(':stateMachine:', ':execution:')}/Orders:x`,
        }),
      ),
    ).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
  });

  it('ValidationException when ListExecutions names both a state machine and a Map Run', async () => {
    await expect(
      sfn.send(new ListExecutionsCommand({ stateMachineArn: machineArn, mapRunArn: UNKNOWN_RUN })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });
});
