// `aslkit serve --data` killed with SIGKILL mid-run and started again on the same directory: every
// execution ends with the output and history (ids, order, types, details) of a service never
// killed. Runs the built CLI as the child (`npm run build:packages` first), driven through the
// real HTTP API by @aws-sdk/client-sfn.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListStateMachinesCommand,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, ROLE } from './service-harness.js';

const BIN = join(import.meta.dirname, '..', '..', 'cli', 'dist', 'bin.js');
const DEFINITION = readFileSync(join(FIXTURES, 'durable.asl.json'), 'utf8');
const MOCK_CONFIG = join(FIXTURES, 'durable.mock-config.json');
const dirs: string[] = [];
const children = new Set<ChildProcess>();
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** 20 executions: Waits of 1 to 3 s, a callback each (every fifth one refused), Maps of 1 to 3 items. */
const WORKLOAD = Array.from({ length: 20 }, (_, i) => ({
  name: `run-${i}`,
  wait: 1 + (i % 3),
  input: { n: i, wait: 1 + (i % 3), items: Array.from({ length: 1 + (i % 3) }, (_, k) => k) },
  refuse: i % 5 === 4,
}));

interface Service {
  child: ChildProcess;
  sfn: SFNClient;
  stdout: string;
}

/** `aslkit serve` in a child process; resolves once it prints its address. */
function serve(args: string[]): Promise<Service> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--mock-config', MOCK_CONFIG, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`aslkit serve exited (${code}) before listening: ${stderr}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /API and console at (http:\S+)/.exec(stdout)?.[1];
      if (!url || !stdout.includes('Press Ctrl+C')) return;
      const sfn = new SFNClient({
        endpoint: url,
        region: 'us-east-1',
        credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' },
        maxAttempts: 1,
      });
      resolve({ child, sfn, stdout });
    });
  });
}

function kill(service: Service): Promise<void> {
  return new Promise((resolve) => {
    service.child.removeAllListeners('exit');
    service.child.once('exit', () => resolve());
    service.child.kill('SIGKILL');
    children.delete(service.child);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function history(sfn: SFNClient, executionArn: string): Promise<HistoryEvent[]> {
  const { events = [] } = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
  return events;
}

/** The approval token of an execution waiting in Approve, or undefined while it has not got there. */
async function tokenOf(sfn: SFNClient, executionArn: string): Promise<string | undefined> {
  const scheduled = (await history(sfn, executionArn)).find((event) => event.type === 'TaskScheduled');
  if (!scheduled) return undefined;
  return (JSON.parse(scheduled.taskScheduledEventDetails!.parameters!) as { MessageBody: { token: string } })
    .MessageBody.token;
}

async function answer(sfn: SFNClient, index: number, token: string): Promise<void> {
  const job = WORKLOAD[index]!;
  if (job.refuse)
    await sfn.send(new SendTaskFailureCommand({ taskToken: token, error: 'Refused', cause: `order ${index} refused` }));
  else await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ approvedBy: index }) }));
}

/** Answers the callbacks of those of `waiting` that are at Approve now, and takes them out of it. */
async function answerReady(sfn: SFNClient, arns: string[], waiting: Set<number>): Promise<void> {
  for (const index of [...waiting]) {
    const token = await tokenOf(sfn, arns[index]!);
    if (token === undefined) continue;
    await answer(sfn, index, token);
    waiting.delete(index);
  }
}

/** Answers the callbacks of `indexes` as each gets to Approve, until all are answered. */
async function answerAll(sfn: SFNClient, arns: string[], indexes: Iterable<number>): Promise<void> {
  const waiting = new Set(indexes);
  while (waiting.size > 0) {
    await answerReady(sfn, arns, waiting);
    await sleep(50);
  }
}

async function untilEnded(sfn: SFNClient, arns: string[]): Promise<void> {
  for (const executionArn of arns)
    while ((await sfn.send(new DescribeExecutionCommand({ executionArn }))).status === 'RUNNING') await sleep(50);
}

interface Outcome {
  name: string;
  status?: string;
  output?: string;
  error?: string;
  cause?: string;
  events: HistoryEvent[];
}

/**
 * Runs the workload. With `crash`, the service is killed twice: once the executions with a
 * one-second Wait and an even index are answered and ended (the others are then in their Wait,
 * due after the restart, or wait on a callback answered only after it), and again right after the
 * callbacks ready after the restart are answered (acknowledged answers must survive).
 */
async function run(crash: boolean): Promise<{ outcomes: Outcome[]; restartOutput?: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'aslkit-serve-data-'));
  dirs.push(dir);
  const args = crash ? ['--data', dir] : ['--memory'];
  let service = await serve(args);
  const { stateMachineArn } = await service.sfn.send(
    new CreateStateMachineCommand({ name: 'Durable', definition: DEFINITION, roleArn: ROLE }),
  );
  const arns: string[] = [];
  for (const job of WORKLOAD) {
    const started = await service.sfn.send(
      new StartExecutionCommand({
        stateMachineArn: `${stateMachineArn!}#Mocked`,
        name: job.name,
        input: JSON.stringify(job.input),
      }),
    );
    arns.push(started.executionArn!);
  }
  const early = WORKLOAD.flatMap((job, index) => (job.wait === 1 && index % 2 === 0 ? [index] : []));
  await answerAll(service.sfn, arns, early);
  await untilEnded(
    service.sfn,
    early.map((index) => arns[index]!),
  );
  let restartOutput: string | undefined;
  if (crash) {
    await kill(service);
    service = await serve(args);
    restartOutput = service.stdout;
  }
  const late = new Set(WORKLOAD.map((_, index) => index).filter((index) => !early.includes(index)));
  await answerReady(service.sfn, arns, late);
  if (crash) {
    await kill(service);
    service = await serve(args);
  }
  await answerAll(service.sfn, arns, late);
  await untilEnded(service.sfn, arns);
  const outcomes: Outcome[] = [];
  for (const [index, executionArn] of arns.entries()) {
    const described = await service.sfn.send(new DescribeExecutionCommand({ executionArn }));
    outcomes.push({
      name: WORKLOAD[index]!.name,
      ...(described.status === undefined ? {} : { status: described.status }),
      ...(described.output === undefined ? {} : { output: described.output }),
      ...(described.error === undefined ? {} : { error: described.error }),
      ...(described.cause === undefined ? {} : { cause: described.cause }),
      events: await history(service.sfn, executionArn),
    });
  }
  if (crash) {
    // The machine survived too.
    const { stateMachines = [] } = await service.sfn.send(new ListStateMachinesCommand({}));
    expect(stateMachines.map((machine) => machine.name)).toEqual(['Durable']);
  }
  await kill(service);
  return { outcomes, ...(restartOutput === undefined ? {} : { restartOutput }) };
}

/**
 * What two runs share exactly: everything but the timestamps (real time) and the task tokens
 * (drawn from each execution's random seed, different in each run).
 */
function comparable(outcome: Outcome, token: string | undefined) {
  return {
    ...outcome,
    events: outcome.events.map(({ timestamp: _timestamp, ...event }) =>
      JSON.parse(token === undefined ? JSON.stringify(event) : JSON.stringify(event).replaceAll(token, '<token>')),
    ),
  };
}

const tokenIn = (events: HistoryEvent[]): string | undefined => {
  const scheduled = events.find((event) => event.type === 'TaskScheduled');
  return (
    scheduled &&
    (JSON.parse(scheduled.taskScheduledEventDetails!.parameters!) as { MessageBody: { token: string } }).MessageBody
      .token
  );
};

describe.skipIf(!existsSync(BIN))('aslkit serve --data after SIGKILL (needs npm run build:packages)', () => {
  it('ends every execution as a service never killed does', { timeout: 55_000 }, async () => {
    const [reference, crashed] = await Promise.all([run(false), run(true)]);
    expect(crashed.restartOutput).toMatch(/resumed 16 running execution\(s\)/);
    expect(crashed.outcomes.map((outcome) => outcome.status)).toEqual(
      WORKLOAD.map((job) => (job.refuse ? 'FAILED' : 'SUCCEEDED')),
    );
    for (const [index, outcome] of crashed.outcomes.entries()) {
      const expected = reference.outcomes[index]!;
      // Started, Pass, Wait, callback Task, Map of 1 to 3 Tasks, Succeed or Fail: never fewer than 24 events.
      expect(expected.events.length).toBeGreaterThanOrEqual(WORKLOAD[index]!.refuse ? 11 : 24);
      expect(comparable(outcome, tokenIn(outcome.events))).toEqual(comparable(expected, tokenIn(expected.events)));
      // Each event once, in order; times never go back, and each Wait lasted its seconds across the crash.
      expect(outcome.events.map((event) => event.id)).toEqual(outcome.events.map((_, i) => i + 1));
      const times = outcome.events.map((event) => event.timestamp!.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      const entered = outcome.events.find((event) => event.type === 'WaitStateEntered')!.timestamp!.getTime();
      const exited = outcome.events.find((event) => event.type === 'WaitStateExited')!.timestamp!.getTime();
      expect(exited - entered).toBeGreaterThanOrEqual(WORKLOAD[index]!.wait * 1000);
    }
  });
});
