// `aslkit serve --data` killed with SIGKILL at seeded random points and started again on the same
// directory, four times: every one of 200 executions (a Wait, a callback, a Map each) ends with
// the status, output and history (ids, order, types, details) of a service never killed. Runs the
// built CLI as the child (`npm run build:packages` first), driven through the real HTTP API by
// @aws-sdk/client-sfn. The kill points come from ASLKIT_CRASH_SEED (default below), printed when
// the test fails; where each kill lands in the work also depends on the machine's speed.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  RedriveExecutionCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
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
const SEED = Number(process.env.ASLKIT_CRASH_SEED ?? 19);
const dirs: string[] = [];
const children = new Set<ChildProcess>();
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** mulberry32: a small seeded generator, so the kill points are the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 200 executions: Waits of 1 or 2 s, a callback each (every fifth one refused), Maps of 1 to 3 items. */
const WORKLOAD = Array.from({ length: 200 }, (_, i) => ({
  name: `run-${i}`,
  wait: 1 + (i % 2),
  input: JSON.stringify({ n: i, wait: 1 + (i % 2), items: Array.from({ length: 1 + (i % 3) }, (_, k) => k) }),
  refuse: i % 5 === 4,
}));

/** Requests at once: the SDK's default socket limit (50), so a kill finds that many in flight. */
const IN_FLIGHT = 50;

interface Service {
  child: ChildProcess;
  sfn: SFNClient;
  stdout: string;
  killed: boolean;
  /** Requests sent and not answered yet. */
  pending: number;
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
      const service: Service = { child, sfn, stdout, killed: false, pending: 0 };
      // Counts what is in flight, to show a kill landed among many requests.
      const send = sfn.send.bind(sfn) as (command: unknown) => Promise<unknown>;
      (sfn as { send: unknown }).send = async (command: unknown) => {
        service.pending++;
        try {
          return await send(command);
        } finally {
          service.pending--;
        }
      };
      resolve(service);
    });
  });
}

/** SIGKILL; resolves with the number of requests in flight at that moment once the process is gone. */
function kill(service: Service): Promise<number> {
  const inFlight = service.pending;
  service.killed = true;
  return new Promise((resolve) => {
    service.child.removeAllListeners('exit');
    service.child.once('exit', () => resolve(inFlight));
    service.child.kill('SIGKILL');
    children.delete(service.child);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `work` on each item, `limit` at a time. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  };
  await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, worker));
}

const tokenOf = (events: readonly HistoryEvent[]): string | undefined => {
  const scheduled = events.find((event) => event.type === 'TaskScheduled');
  return (
    scheduled &&
    (JSON.parse(scheduled.taskScheduledEventDetails!.parameters!) as { MessageBody: { token: string } }).MessageBody
      .token
  );
};

/** What the client has done so far, kept across the service's restarts. */
interface Progress {
  machineArn: string;
  /** Per execution: when its StartExecution was acknowledged (ms), once it was. */
  started: Map<number, number>;
  answered: Set<number>;
  /** Called after each acknowledged StartExecution: the burst kill counts them. */
  onStarted?: (count: number) => void;
}

/**
 * Drives the workload on `service` until every execution has ended or the service is killed:
 * starts the executions not acknowledged yet (again: StartExecution with the same name and input
 * returns the running one), and answers each callback once its TaskScheduled is in the history.
 * An answer in flight at a kill is sent again after the restart; its second delivery finds the
 * task ended (TaskDoesNotExist or TaskTimedOut) when the first one was stored.
 */
async function drive(service: Service, progress: Progress): Promise<void> {
  const { sfn } = service;
  const onKill = <T>(work: Promise<T>): Promise<T | undefined> =>
    work.catch((error: unknown) => {
      if (service.killed) return undefined;
      throw error;
    });
  const start = async (index: number) => {
    const job = WORKLOAD[index]!;
    const started = await onKill(
      sfn.send(
        new StartExecutionCommand({
          stateMachineArn: `${progress.machineArn}#Mocked`,
          name: job.name,
          input: job.input,
        }),
      ),
    );
    if (!started) return;
    progress.started.set(index, Date.now());
    progress.onStarted?.(progress.started.size);
  };
  const answer = async (index: number) => {
    const executionArn = `${progress.machineArn.replace(':stateMachine:', ':execution:')}:${WORKLOAD[index]!.name}`;
    const found = await onKill(sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 10 })));
    const token = found && tokenOf(found.events ?? []);
    if (token === undefined) return;
    const job = WORKLOAD[index]!;
    const sent = job.refuse
      ? sfn.send(new SendTaskFailureCommand({ taskToken: token, error: 'Refused', cause: `order ${index} refused` }))
      : sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ approvedBy: index }) }));
    const acknowledged = await onKill(
      sent.catch(async (error: unknown) => {
        // Sent before the last kill, not acknowledged, but stored: the task ended then.
        if (!(error instanceof Error && /TaskDoesNotExist|TaskTimedOut/.test(error.name))) throw error;
        const { events = [] } = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
        if (!events.some((event) => event.type === 'TaskSucceeded' || event.type === 'TaskFailed')) throw error;
        return {};
      }),
    );
    if (acknowledged) progress.answered.add(index);
  };
  for (;;) {
    const toStart = WORKLOAD.map((_, index) => index).filter((index) => !progress.started.has(index));
    await pool(toStart, IN_FLIGHT, start);
    const now = Date.now();
    const due = [...progress.started]
      .filter(([index, at]) => !progress.answered.has(index) && now >= at + WORKLOAD[index]!.wait * 1000)
      .map(([index]) => index);
    await pool(due, IN_FLIGHT, answer);
    if (service.killed) return;
    if (progress.answered.size === WORKLOAD.length) {
      const running = await onKill(
        sfn.send(
          new ListExecutionsCommand({
            stateMachineArn: progress.machineArn,
            statusFilter: 'RUNNING',
            maxResults: 1000,
          }),
        ),
      );
      if (service.killed) return;
      if (running?.executions?.length === 0) return;
    }
    await sleep(100);
  }
}

interface Outcome {
  name: string;
  status?: string;
  output?: string;
  error?: string;
  cause?: string;
  events: HistoryEvent[];
}

async function outcomes(sfn: SFNClient, machineArn: string): Promise<Outcome[]> {
  const result: Outcome[] = [];
  for (const job of WORKLOAD) {
    const executionArn = `${machineArn.replace(':stateMachine:', ':execution:')}:${job.name}`;
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    const { events = [] } = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
    result.push({
      name: job.name,
      ...(described.status === undefined ? {} : { status: described.status }),
      ...(described.output === undefined ? {} : { output: described.output }),
      ...(described.error === undefined ? {} : { error: described.error }),
      ...(described.cause === undefined ? {} : { cause: described.cause }),
      events,
    });
  }
  return result;
}

/** Where a kill lands: once `starts` StartExecutions are acknowledged (the rest in flight), or `ms` after a start. */
type Kill = { starts: number } | { ms: number };

interface CrashLog {
  /** Requests in flight at each kill. */
  inFlight: number[];
  /** What each restart printed about the executions it resumed. */
  resumed: number[];
}

/** Runs the workload, killing the service at each of `kills` and starting it again on the same data. */
async function run(kills: Kill[]): Promise<{ outcomes: Outcome[]; log: CrashLog }> {
  const dir = mkdtempSync(join(tmpdir(), 'aslkit-serve-data-'));
  dirs.push(dir);
  const args = kills.length > 0 ? ['--data', dir] : ['--memory'];
  let service = await serve(args);
  const { stateMachineArn } = await service.sfn.send(
    new CreateStateMachineCommand({ name: 'Durable', definition: DEFINITION, roleArn: ROLE }),
  );
  const progress: Progress = { machineArn: stateMachineArn!, started: new Map(), answered: new Set() };
  const log: CrashLog = { inFlight: [], resumed: [] };
  for (const at of kills) {
    const current = service;
    let killed: Promise<number> | undefined;
    const killNow = () => (killed ??= kill(current));
    let timer: NodeJS.Timeout | undefined;
    if ('starts' in at) progress.onStarted = (count) => count >= at.starts && void killNow();
    else timer = setTimeout(killNow, at.ms);
    await drive(service, progress);
    clearTimeout(timer);
    delete progress.onStarted;
    // Everything ended before this kill's time: kill it now (an idle service).
    log.inFlight.push(await killNow());
    service = await serve(args);
    log.resumed.push(Number(/resumed (\d+) running execution/.exec(service.stdout)?.[1]));
  }
  await drive(service, progress);
  const result = await outcomes(service.sfn, progress.machineArn);
  if (kills.length > 0) {
    // The machine survived too.
    const { stateMachines = [] } = await service.sfn.send(new ListStateMachinesCommand({}));
    expect(stateMachines.map((machine) => machine.name)).toEqual(['Durable']);
  }
  await kill(service);
  return { outcomes: result, log };
}

/**
 * What two runs share exactly: everything but the timestamps (real time) and the task tokens
 * (drawn from each execution's random seed, different in each run).
 */
function comparable(outcome: Outcome) {
  const token = tokenOf(outcome.events);
  return {
    ...outcome,
    events: outcome.events.map(({ timestamp: _timestamp, ...event }) =>
      JSON.parse(token === undefined ? JSON.stringify(event) : JSON.stringify(event).replaceAll(token, '<token>')),
    ),
  };
}

/**
 * The kills: one once a seeded number of the 200 StartExecutions (fired 50 at a time) are
 * acknowledged, then three at seeded times 0.3 to 2.5 s after each restart (in the Waits, among
 * the callbacks' answers, or in the Maps).
 */
function killPlan(seed: number): Kill[] {
  const random = seeded(seed);
  return [
    { starts: 40 + Math.floor(random() * 120) },
    ...Array.from({ length: 3 }, () => ({ ms: 300 + Math.floor(random() * 2200) })),
  ];
}

describe.skipIf(!existsSync(BIN))('aslkit serve --data after SIGKILL (needs npm run build:packages)', () => {
  it(`ends every execution as a service never killed does (seed ${SEED})`, { timeout: 120_000 }, async () => {
    const plan = killPlan(SEED);
    const [reference, crashed] = await Promise.all([run([]), run(plan)]);
    // The first kill landed among many requests in flight; each restart resumed what was running.
    expect(crashed.log.inFlight[0]).toBeGreaterThanOrEqual(10);
    expect(crashed.log.resumed[0]).toBeGreaterThan(0);
    expect(crashed.log.resumed.every((count) => count >= 0 && count <= WORKLOAD.length)).toBe(true);
    expect(crashed.outcomes.map((outcome) => outcome.status)).toEqual(
      WORKLOAD.map((job) => (job.refuse ? 'FAILED' : 'SUCCEEDED')),
    );
    for (const [index, outcome] of crashed.outcomes.entries()) {
      const expected = reference.outcomes[index]!;
      // Started, Pass, Wait, callback Task, Map of 1 to 3 Tasks, Succeed or Fail: never fewer than 24 events.
      expect(expected.events.length).toBeGreaterThanOrEqual(WORKLOAD[index]!.refuse ? 11 : 24);
      expect(comparable(outcome), `${outcome.name}, seed ${SEED}, kills ${JSON.stringify(plan)}`).toEqual(
        comparable(expected),
      );
      // Each event once, in order; times never go back, and each Wait lasted its seconds across the crashes.
      expect(outcome.events.map((event) => event.id)).toEqual(outcome.events.map((_, i) => i + 1));
      const times = outcome.events.map((event) => event.timestamp!.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      const entered = outcome.events.find((event) => event.type === 'WaitStateEntered')!.timestamp!.getTime();
      const exited = outcome.events.find((event) => event.type === 'WaitStateExited')!.timestamp!.getTime();
      expect(exited - entered).toBeGreaterThanOrEqual(WORKLOAD[index]!.wait * 1000);
    }
    console.info(
      `crash test: seed ${SEED}, kills ${JSON.stringify(plan)}, in flight ${crashed.log.inFlight.join('/')}, ` +
        `resumed ${crashed.log.resumed.join('/')}`,
    );
  });

  it('resumes a running redrive and keeps heartbeats across SIGKILL', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aslkit-serve-data-'));
    dirs.push(dir);
    let service = await serve(['--data', dir]);
    const { stateMachineArn } = await service.sfn.send(
      new CreateStateMachineCommand({
        name: 'Beating',
        roleArn: ROLE,
        definition: JSON.stringify({
          StartAt: 'Ask',
          States: {
            Ask: {
              Type: 'Task',
              Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
              HeartbeatSeconds: 5,
              Parameters: {
                QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/q',
                MessageBody: { 't.$': '$$.Task.Token' },
              },
              End: true,
            },
          },
        }),
      }),
    );
    /** The token of the execution's `n`th TaskSubmitted callback, once it is there. */
    const tokenAt = async (sfn: SFNClient, executionArn: string, n: number): Promise<string> => {
      for (;;) {
        const { events = [] } = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
        const submitted = events.filter((event) => event.type === 'TaskSubmitted');
        if (submitted.length >= n) {
          const scheduled = events.filter((event) => event.type === 'TaskScheduled')[n - 1]!;
          return (JSON.parse(scheduled.taskScheduledEventDetails!.parameters!) as { MessageBody: { t: string } })
            .MessageBody.t;
        }
        await sleep(50);
      }
    };
    const start = async (name: string) =>
      (await service.sfn.send(new StartExecutionCommand({ stateMachineArn, name }))).executionArn!;
    // `redriven` fails, is redriven, and waits on its second callback; both get a heartbeat.
    const redriven = await start('redriven');
    await service.sfn.send(
      new SendTaskFailureCommand({ taskToken: await tokenAt(service.sfn, redriven, 1), error: 'Refused' }),
    );
    while ((await service.sfn.send(new DescribeExecutionCommand({ executionArn: redriven }))).status === 'RUNNING')
      await sleep(50);
    await service.sfn.send(new RedriveExecutionCommand({ executionArn: redriven }));
    const redriveToken = await tokenAt(service.sfn, redriven, 2);
    const beating = await start('beating');
    const beatToken = await tokenAt(service.sfn, beating, 1);
    const began = Date.now();
    await sleep(1500);
    const beat = Date.now();
    for (const taskToken of [beatToken, redriveToken])
      await service.sfn.send(new SendTaskHeartbeatCommand({ taskToken }));
    await kill(service);
    service = await serve(['--data', dir]);
    expect(service.stdout).toMatch(/resumed 2 running execution/);
    // Past the attempt's own deadline (5 s after it began), alive on the heartbeat sent before the kill.
    await sleep(Math.max(0, began + 5500 - Date.now()));
    expect(Date.now() - beat).toBeLessThan(5000);
    await service.sfn.send(new SendTaskSuccessCommand({ taskToken: beatToken, output: '"alive"' }));
    await service.sfn.send(new SendTaskSuccessCommand({ taskToken: redriveToken, output: '"redriven"' }));
    for (const [executionArn, output] of [
      [beating, '"alive"'],
      [redriven, '"redriven"'],
    ] as const) {
      let described = await service.sfn.send(new DescribeExecutionCommand({ executionArn }));
      while (described.status === 'RUNNING') {
        await sleep(50);
        described = await service.sfn.send(new DescribeExecutionCommand({ executionArn }));
      }
      expect(described).toMatchObject({ status: 'SUCCEEDED', output });
    }
    const { events = [] } = await service.sfn.send(
      new GetExecutionHistoryCommand({ executionArn: redriven, maxResults: 1000 }),
    );
    expect(events.map((event) => event.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskFailed',
      'ExecutionFailed',
      'ExecutionRedriven',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    expect(events.map((event) => event.id)).toEqual(events.map((_, i) => i + 1));
    await kill(service);
  });
});
