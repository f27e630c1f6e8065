import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateActivityCommand,
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetActivityTaskCommand,
  GetExecutionHistoryCommand,
  SendTaskSuccessCommand,
  ListActivitiesCommand,
  ListTagsForResourceCommand,
  SendTaskHeartbeatCommand,
  type SFNClient,
  StartExecutionCommand,
  StartSyncExecutionCommand,
} from '@aws-sdk/client-sfn';
import { SqliteExecutionStore } from '@aslkit/sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { openDataDir } from '../durable.js';
import { startService, type RunningService } from '../service.js';
import { SqliteServiceStore } from './sqlite-service-store.js';
import { clientOf, waitForEvent } from '../../test/service-harness.js';

const ROLE = 'arn:aws:iam::123456789012:role/service-role/tests';
const dirs: string[] = [];
const services: RunningService[] = [];
afterEach(async () => {
  for (const service of services.splice(0)) await service.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'aslkit-service-store-'));
  dirs.push(dir);
  return dir;
}

async function open(dir: string): Promise<{ service: RunningService; sfn: SFNClient }> {
  const service = await startService({ port: 0, store: openDataDir(dir) });
  services.push(service);
  return { service, sfn: clientOf(service) };
}

async function reopen(dir: string, service: RunningService) {
  await service.close();
  services.splice(services.indexOf(service), 1);
  return open(dir);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

const machine = (states: object) => JSON.stringify({ StartAt: 'First', States: states });

describe('SqliteServiceStore', () => {
  it('keeps machines, activities and tags across a restart', async () => {
    const dir = dataDir();
    const first = await open(dir);
    const { stateMachineArn } = await first.sfn.send(
      new CreateStateMachineCommand({
        name: 'Kept',
        definition: machine({ First: { Type: 'Pass', End: true } }),
        roleArn: ROLE,
        tags: [{ key: 'team', value: 'orders' }],
      }),
    );
    await first.sfn.send(new CreateActivityCommand({ name: 'approve' }));
    const second = await reopen(dir, first.service);
    const { tags } = await second.sfn.send(new ListTagsForResourceCommand({ resourceArn: stateMachineArn }));
    expect(tags).toEqual([{ key: 'team', value: 'orders' }]);
    const { activities = [] } = await second.sfn.send(new ListActivitiesCommand({}));
    expect(activities.map((activity) => activity.name)).toEqual(['approve']);
  });

  it('leaves running executions to the next start when it closes, and they end there', async () => {
    const dir = dataDir();
    const first = await open(dir);
    const { stateMachineArn } = await first.sfn.send(
      new CreateStateMachineCommand({
        name: 'Sleepy',
        definition: machine({ First: { Type: 'Wait', Seconds: 1, End: true } }),
        roleArn: ROLE,
      }),
    );
    const { executionArn } = await first.sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{"a":1}' }));
    const second = await reopen(dir, first.service);
    expect(second.service.resumed).toMatchObject({ resumed: 1, failures: [] });
    while ((await second.sfn.send(new DescribeExecutionCommand({ executionArn }))).status === 'RUNNING')
      await new Promise((resolve) => setTimeout(resolve, 50));
    const described = await second.sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(described).toMatchObject({ status: 'SUCCEEDED', output: '{"a":1}' });
    const { events = [] } = await second.sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(events.map((event) => event.type)).toEqual([
      'ExecutionStarted',
      'WaitStateEntered',
      'WaitStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it(
    'keeps heartbeats: a task times out after a restart counted from its last heartbeat, or lives on with more',
    { timeout: 15_000 },
    async () => {
      const dir = dataDir();
      const first = await open(dir);
      const { stateMachineArn } = await first.sfn.send(
        new CreateStateMachineCommand({
          name: 'Beating',
          definition: machine({
            First: {
              Type: 'Task',
              Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
              HeartbeatSeconds: 3,
              Parameters: {
                QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/q',
                MessageBody: { 't.$': '$$.Task.Token' },
              },
              End: true,
            },
          }),
          roleArn: ROLE,
        }),
      );
      const tokens: string[] = [];
      const arns: string[] = [];
      for (const name of ['quiet', 'alive']) {
        const { executionArn } = await first.sfn.send(new StartExecutionCommand({ stateMachineArn, name }));
        await waitForEvent(first.sfn, executionArn!, (event) => event.type === 'TaskSubmitted');
        const { events = [] } = await first.sfn.send(new GetExecutionHistoryCommand({ executionArn }));
        const parameters = events.find((event) => event.type === 'TaskScheduled')!.taskScheduledEventDetails!
          .parameters!;
        tokens.push((JSON.parse(parameters) as { MessageBody: { t: string } }).MessageBody.t);
        arns.push(executionArn!);
      }
      await sleep(1200);
      const beat = Date.now();
      for (const taskToken of tokens) await first.sfn.send(new SendTaskHeartbeatCommand({ taskToken }));
      await sleep(300);
      // The file is closed before the executions stop: they are left running in it, as a crash leaves them.
      const second = await reopen(dir, first.service);
      expect(second.service.resumed).toMatchObject({ resumed: 2, failures: [] });
      // Past the attempts' first deadline (3 s after they began, 1.8 s after the heartbeat): alive on the
      // heartbeat kept before the restart. One more keeps `alive` alive past the first heartbeat's deadline.
      await sleep(2200 - (Date.now() - beat));
      await second.sfn.send(new SendTaskHeartbeatCommand({ taskToken: tokens[1]! }));
      await sleep(3500 - (Date.now() - beat));
      await second.sfn.send(new SendTaskSuccessCommand({ taskToken: tokens[1]!, output: '"done"' }));
      const ended = async (executionArn: string) => {
        for (;;) {
          const described = await second.sfn.send(new DescribeExecutionCommand({ executionArn }));
          if (described.status !== 'RUNNING') return described;
          await sleep(50);
        }
      };
      expect(await ended(arns[1]!)).toMatchObject({ status: 'SUCCEEDED', output: '"done"' });
      expect(await ended(arns[0]!)).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
      const { events = [] } = await second.sfn.send(new GetExecutionHistoryCommand({ executionArn: arns[0] }));
      expect(events.map((event) => event.type)).toEqual([
        'ExecutionStarted',
        'TaskStateEntered',
        'TaskScheduled',
        'TaskStarted',
        'TaskSubmitted',
        'TaskTimedOut',
        'ExecutionFailed',
      ]);
      const timedOut = events.find((event) => event.type === 'TaskTimedOut')!.timestamp!.getTime();
      expect(timedOut - beat).toBeGreaterThanOrEqual(2990);
    },
  );

  it('hands an activity task out again after a restart, and takes the answer to the token handed out before', async () => {
    const dir = dataDir();
    const first = await open(dir);
    const { activityArn } = await first.sfn.send(new CreateActivityCommand({ name: 'approve' }));
    const { stateMachineArn } = await first.sfn.send(
      new CreateStateMachineCommand({
        name: 'Worked',
        definition: machine({ First: { Type: 'Task', Resource: activityArn, End: true } }),
        roleArn: ROLE,
      }),
    );
    const { executionArn } = await first.sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{"n":1}' }));
    const before = await first.sfn.send(new GetActivityTaskCommand({ activityArn, workerName: 'w1' }));
    const second = await reopen(dir, first.service);
    const again = await second.sfn.send(new GetActivityTaskCommand({ activityArn, workerName: 'w2' }));
    expect(again).toEqual({ ...before, $metadata: again.$metadata });
    await second.sfn.send(new SendTaskSuccessCommand({ taskToken: before.taskToken, output: '{"ok":true}' }));
    while ((await second.sfn.send(new DescribeExecutionCommand({ executionArn }))).status === 'RUNNING')
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await second.sfn.send(new DescribeExecutionCommand({ executionArn }))).toMatchObject({
      status: 'SUCCEEDED',
      output: '{"ok":true}',
    });
  });

  it('closes at start-up a record whose execution ended just before a crash, from its last event', async () => {
    const dir = dataDir();
    const first = await open(dir);
    const { stateMachineArn } = await first.sfn.send(
      new CreateStateMachineCommand({
        name: 'Quick',
        definition: machine({ First: { Type: 'Pass', Result: { done: true }, End: true } }),
        roleArn: ROLE,
      }),
    );
    const { executionArn } = await first.sfn.send(new StartExecutionCommand({ stateMachineArn }));
    while ((await first.sfn.send(new DescribeExecutionCommand({ executionArn }))).status === 'RUNNING')
      await new Promise((resolve) => setTimeout(resolve, 20));
    // The process died after the engine wrote the last batch, before the service closed its record.
    const ended = first.service.store.getExecution(executionArn!)!;
    const { stopDate: _stopDate, output: _output, ...running } = ended;
    first.service.store.putExecution({ ...running, status: 'RUNNING' });
    const second = await reopen(dir, first.service);
    expect(second.service.resumed).toMatchObject({ resumed: 0, closed: 1 });
    expect(await second.sfn.send(new DescribeExecutionCommand({ executionArn }))).toMatchObject({
      status: 'SUCCEEDED',
      output: '{"done":true}',
      stopDate: new Date(ended.stopDate!),
    });
  });

  it('aborts at start-up an express execution the process stopped: they are not durable', async () => {
    const dir = dataDir();
    const first = await open(dir);
    const { stateMachineArn } = await first.sfn.send(
      new CreateStateMachineCommand({
        name: 'Fast',
        type: 'EXPRESS',
        definition: machine({ First: { Type: 'Wait', Seconds: 30, End: true } }),
        roleArn: ROLE,
      }),
    );
    const pending = first.sfn.send(new StartSyncExecutionCommand({ stateMachineArn })).catch(() => undefined);
    while (first.service.store.allExecutions().length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    const [record] = first.service.store.allExecutions();
    const second = await reopen(dir, first.service);
    await pending;
    expect(second.service.resumed).toMatchObject({ resumed: 0, aborted: 1 });
    expect(second.service.store.getExecution(record!.arn)).toMatchObject({
      status: 'ABORTED',
      error: 'States.Runtime',
    });
  });

  it('brings a file of the first service schema to the current one, its records kept', () => {
    const dir = dataDir();
    const engine = new SqliteExecutionStore(join(dir, 'v1.db'));
    const machine = {
      arn: 'arn:aws:states:us-east-1:123456789012:stateMachine:Old',
      name: 'Old',
      type: 'STANDARD' as const,
      definition: '{}',
      roleArn: ROLE,
      creationDate: 1,
      revisionId: 'r1',
      loggingConfiguration: {},
      tracingConfiguration: {},
    };
    new SqliteServiceStore(engine).putMachine(machine);
    // As the first layout left it: no Map Run table.
    engine.db.exec('DROP TABLE service_map_runs; UPDATE service_schema_version SET version = 1');
    const store = new SqliteServiceStore(engine);
    expect(store.getMachine(machine.arn)).toEqual(machine);
    expect(store.storedMapRuns()).toEqual([]);
    expect(engine.db.prepare('SELECT version FROM service_schema_version').get()).toEqual({ version: 2 });
    engine.close();
  });

  it('refuses a file whose service tables a later aslkit wrote', () => {
    const dir = dataDir();
    const file = join(dir, 'later.db');
    const engine = new SqliteExecutionStore(file);
    new SqliteServiceStore(engine);
    engine.db.prepare('UPDATE service_schema_version SET version = 99').run();
    expect(() => new SqliteServiceStore(engine)).toThrow(/later aslkit \(service schema version 99/);
    engine.close();
  });
});
