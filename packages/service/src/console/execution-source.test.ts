import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ViewerMessage } from '@aslkit/core/debug';
import { ServiceRuntime } from '../engine/service-runtime.js';
import { MemoryServiceStore } from '../store/memory-store.js';
import type { MachineRecord } from '../store/service-store.js';
import { executionSource } from './execution-source.js';

const machine: MachineRecord = {
  arn: 'arn:aws:states:us-east-1:123456789012:stateMachine:Slow',
  name: 'Slow',
  type: 'STANDARD',
  definition: JSON.stringify({
    StartAt: 'Pause',
    States: { Pause: { Type: 'Wait', Seconds: 1, Next: 'Done' }, Done: { Type: 'Succeed' } },
  }),
  roleArn: 'arn:aws:iam::123456789012:role/r',
  creationDate: 0,
  revisionId: 'r1',
  loggingConfiguration: {},
  tracingConfiguration: {},
};

describe('executionSource', () => {
  it('replays a running execution, follows its events live, and reports how it ended', async () => {
    const store = new MemoryServiceStore();
    const runtime = new ServiceRuntime({ region: 'us-east-1', accountId: '123456789012', store });
    store.putMachine(machine);
    const { record, execution } = runtime.start(machine, { input: '{}', name: 'live' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const messages: ViewerMessage[] = [];
    const source = executionSource({ record, store, execution: execution! });
    source.connect((message) => messages.push(message));
    expect(messages.map((message) => message.type)).toEqual(['init', 'events', 'session']);
    expect(messages[2]).toEqual({ type: 'session', session: { state: 'running' } });
    await execution!.result;
    await new Promise((resolve) => setTimeout(resolve, 20));
    const events = messages.flatMap((message) => (message.type === 'events' ? message.events : []));
    expect(events.map((event) => event.type)).toEqual([
      'ExecutionStarted',
      'WaitStateEntered',
      'WaitStateExited',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
    expect(messages.at(-1)).toEqual({ type: 'session', session: { state: 'done', result: { status: 'SUCCEEDED' } } });
    await expect(source.send({ type: 'pause' })).rejects.toThrow(/run in real time/);
  });

  it("sends a distributed Map's run and answers for its children while the execution is in memory", async () => {
    const store = new MemoryServiceStore();
    const runtime = new ServiceRuntime({ region: 'us-east-1', accountId: '123456789012', store });
    const fixtures = new URL('../../../../fixtures/states/', import.meta.url);
    const tolerant: MachineRecord = {
      ...machine,
      arn: 'arn:aws:states:us-east-1:123456789012:stateMachine:Tolerant',
      name: 'Tolerant',
      definition: readFileSync(new URL('distributed-map-failures.asl.json', fixtures), 'utf8'),
    };
    const input = (
      JSON.parse(readFileSync(new URL('distributed-map-failures.test.json', fixtures), 'utf8')) as {
        cases: { input: unknown }[];
      }
    ).cases[0]!.input;
    store.putMachine(tolerant);
    const { record, execution } = runtime.start(tolerant, { input: JSON.stringify(input), name: 'tolerant' });
    await execution!.result;
    const messages: ViewerMessage[] = [];
    const source = executionSource({ record, store, execution: execution! });
    source.connect((message) => messages.push(message));
    expect(messages.map((message) => message.type)).toEqual(['init', 'events', 'mapRuns', 'session']);
    const runs = messages.flatMap((message) => (message.type === 'mapRuns' ? message.mapRuns : []));
    expect(runs[0]!.itemCounts).toMatchObject({ succeeded: 4, failed: 2, total: 6 });
    const page = await source.query!({ type: 'mapRunChildren', mapRunArn: runs[0]!.mapRunArn, status: 'FAILED' });
    const child = await source.query!({ type: 'childExecution', executionArn: page.children[0]!.executionArn });
    expect(child.events!.at(-1)!.type).toBe('ExecutionFailed');
    // Reopened from the store alone, the execution has no children to list.
    expect(executionSource({ record, store }).query).toBeUndefined();
  });
});
