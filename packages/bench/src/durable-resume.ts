/**
 * `npm run bench:resume`: how long a restarted host takes to resume executions that wait on
 * callbacks. A first process starts N executions on a SQLite file (Pass → a `.waitForTaskToken`
 * Task → Pass, real time), waits until every one has submitted its task, and exits without
 * ending them, as a crash would. A second process, timed, opens the file and resumes them all
 * (`resumeAll`) until each has replayed its history and waits live; then answers every token and
 * waits for the ends. Writes docs/benchmarks-durable.md (not with `--no-write`).
 *
 * Flags: `--count n` (default 10,000), `--out file.md`, `--no-write`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { awaitCallback, resumeAll, StateMachine, type Execution } from '@aslkit/core';
import { SqliteExecutionStore } from '@aslkit/sqlite';
import { REPO_ROOT } from './fixtures.js';
import { machineInfo } from './machine-info.js';
import { markdownTable } from './markdown-table.js';

const CALLBACK = 'arn:aws:states:::sqs:sendMessage.waitForTaskToken';
const DEFINITION = {
  StartAt: 'Prepare',
  States: {
    Prepare: { Type: 'Pass', Parameters: { 'order.$': '$.order', 'id.$': 'States.UUID()' }, Next: 'Approve' },
    Approve: {
      Type: 'Task',
      Resource: CALLBACK,
      Parameters: { 'token.$': '$$.Task.Token', 'order.$': '$.order' },
      ResultPath: '$.approval',
      Next: 'Done',
    },
    Done: { Type: 'Pass', End: true },
  },
};
const resolvers = { [CALLBACK]: () => awaitCallback({ MessageId: 'm' }) };

const { values } = parseArgs({
  options: {
    phase: { type: 'string' },
    file: { type: 'string' },
    count: { type: 'string', default: '10000' },
    out: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
  },
  strict: true,
});
const count = Number(values.count);
if (!Number.isSafeInteger(count) || count < 1)
  throw new Error(`--count must be a positive integer, got ${values.count}`);

const ms = (from: bigint): number => Number(process.hrtime.bigint() - from) / 1e6;

/** Phase 1 (its own process): start `count` executions and leave them waiting. */
async function startPhase(file: string): Promise<void> {
  const store = new SqliteExecutionStore(file);
  const machine = StateMachine.from(DEFINITION, { name: 'Approvals' });
  const submitted: Promise<void>[] = [];
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    const execution = machine.start({ order: i }, { name: `order-${i}`, seed: i, realTime: true, resolvers, store });
    submitted.push(
      new Promise((done) => {
        const stop = execution.subscribe((event) => event.type === 'TaskSubmitted' && (stop(), done()));
      }),
    );
  }
  await Promise.all(submitted);
  // Let the last batches reach the file, then go as a crash would: nothing ends.
  await new Promise((done) => setImmediate(done));
  process.stdout.write(`${JSON.stringify({ startMs: ms(started) })}\n`);
  process.exit(0);
}

/** Phase 2 (timed, its own process): resume everything, then answer everything. */
async function resumePhase(file: string): Promise<void> {
  const before = process.memoryUsage().rss;
  const started = process.hrtime.bigint();
  const store = new SqliteExecutionStore(file);
  const { executions, failures } = resumeAll(store, { resolvers });
  if (failures.length > 0) throw new Error(`${failures.length} executions could not be resumed`);
  await Promise.all(executions.map((execution) => execution.replayed));
  const resumeMs = ms(started);
  const rss = process.memoryUsage().rss;
  const answered = process.hrtime.bigint();
  const open = executions.filter((execution) => execution.openTaskTokens().length === 1);
  for (const execution of executions) answer(execution);
  const results = await Promise.all(executions.map((execution) => execution.result));
  const answerMs = ms(answered);
  const succeeded = results.filter((result) => result.status === 'SUCCEEDED').length;
  store.close();
  process.stdout.write(
    `${JSON.stringify({ resumed: executions.length, open: open.length, resumeMs, answerMs, succeeded, rssMb: (rss - before) / 2 ** 20, peakRssMb: rss / 2 ** 20 })}\n`,
  );
  process.exit(0);
}

function answer(execution: Execution): void {
  for (const token of execution.openTaskTokens()) execution.sendTaskSuccess(token, { approved: true });
}

function child(phase: string, file: string): Record<string, number> {
  const script = fileURLToPath(import.meta.url);
  const run = spawnSync(process.execPath, [script, '--phase', phase, '--file', file, '--count', String(count)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (run.status !== 0) throw new Error(`${phase} phase failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Record<string, number>;
}

if (values.phase === 'start') await startPhase(values.file!);
else if (values.phase === 'resume') await resumePhase(values.file!);
else {
  const dir = mkdtempSync(join(tmpdir(), 'aslkit-resume-bench-'));
  try {
    const file = join(dir, 'executions.db');
    const loadBefore = loadavg()[0]!;
    const start = child('start', file);
    const fileMb = (statSync(file).size + (statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0)) / 2 ** 20;
    const resumed = child('resume', file);
    const info = machineInfo();
    const n = (value: number, digits = 0) =>
      value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    const report = [
      '# Benchmarks: resuming durable executions',
      '',
      `Generated by \`npm run bench:resume\` on ${new Date().toISOString()}. Do not edit by hand.`,
      `Machine: ${info.cores} cores, ${info.cpuModel}, Node ${info.node}, ${info.os}; load average (1 min) ${loadBefore.toFixed(2)} before, ${loadavg()[0]!.toFixed(2)} after.`,
      '',
      `${n(count)} executions of a Pass → \`.waitForTaskToken\` Task → Pass machine (real time) were started on a SQLite`,
      'file (`@aslkit/sqlite`, WAL, synchronous NORMAL) until each had submitted its task; that process then exited',
      'without ending them. A new process opened the file and resumed them all with `resumeAll` (each replays its',
      'stored history: 7 events, no resolver call), then answered every task token and waited for every end.',
      '',
      markdownTable(
        ['Step', 'Executions', 'ms', 'µs per execution'],
        [
          ['start and submit (first process)', n(count), n(start['startMs']!), n((start['startMs']! * 1000) / count)],
          [
            'open the file, resume, replay until live',
            n(resumed['resumed']!),
            n(resumed['resumeMs']!),
            n((resumed['resumeMs']! * 1000) / count),
          ],
          [
            'answer every token, run to the end',
            n(resumed['succeeded']!),
            n(resumed['answerMs']!),
            n((resumed['answerMs']! * 1000) / count),
          ],
        ],
      ),
      '',
      `Executions waiting on their token after the resume: ${n(resumed['open']!)}; succeeded after the answers: ${n(resumed['succeeded']!)}.`,
      `Store file: ${n(fileMb, 1)} MB. Resuming process: ${n(resumed['peakRssMb']!, 0)} MB RSS once all were live (${n(resumed['rssMb']!, 0)} MB more than at its start).`,
      '',
    ].join('\n');
    process.stdout.write(`${report}\n`);
    const out = values['no-write']
      ? undefined
      : values.out === undefined
        ? join(REPO_ROOT, 'docs', 'benchmarks-durable.md')
        : resolve(values.out);
    if (out) writeFileSync(out, report);
    if (resumed['succeeded'] !== count || resumed['open'] !== count) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
