// One life of the crash test's service: runs the workload's executions on a SQLite file, resuming
// what the file holds as RUNNING and starting what it lacks, and kills itself with SIGKILL while
// writing its Nth event batch or set of batches (before or after the commit, by the seed) when
// told to. Runs the published builds (`npm run build:packages` first). Prints one JSON line when
// all have ended.
import { readFileSync } from 'node:fs';
import { setTimeout } from 'node:timers';
import { awaitCallback, resumeAll, StateMachine, TaskError } from '@aslkit/core';
import { SqliteExecutionStore } from '@aslkit/sqlite';

const [file, killAtText = '0', killBeforeText = '0'] = process.argv.slice(2);
const killAt = Number(killAtText);
const machines = JSON.parse(
  readFileSync(new URL('../../../../fixtures/durable/machines.json', import.meta.url), 'utf8'),
);
const WORK = 'arn:aws:lambda:us-east-1:123456789012:function:work';
const CALLBACK = 'arn:aws:states:::sqs:sendMessage.waitForTaskToken';

const store = new SqliteExecutionStore(file);
let batches = 0;
/** Counts the store's writes, and dies at the chosen one, before or after its commit. */
const killing =
  (write) =>
  (...args) => {
    batches++;
    if (batches === killAt && killBeforeText === '1') process.kill(process.pid, 'SIGKILL');
    write(...args);
    if (batches === killAt) process.kill(process.pid, 'SIGKILL');
  };
store.appendEvents = killing(store.appendEvents.bind(store));
store.appendBatches = killing(store.appendBatches.bind(store));

/** The workload: 50 executions of the three machines, named and seeded by their index. */
export const WORKLOAD = Array.from({ length: 50 }, (_, i) => {
  const machine = ['everything', 'caught', 'timedOut'][i % 3];
  const { input } = machines[machine];
  const items = Array.from({ length: 2 + (i % 4) }, (_, k) => k + 1);
  return { machine, name: `run-${i}`, seed: i, input: { ...input, n: 1 + (i % 5), ...(input.items ? { items } : {}) } };
});

const executions = new Map();

function answer(arn, token, input) {
  const execution = executions.get(arn);
  if (!execution || !execution.openTaskTokens().includes(token)) return;
  if (input.fail === true) execution.sendTaskFailure(token, 'Rejected', `no for ${JSON.stringify(input.n)}`);
  else execution.sendTaskSuccess(token, { answered: input.n ?? null });
}

const resolversFor = (arn) => ({
  [WORK]: async (input) => {
    if (typeof input.retry === 'number' && input.retry < 2) throw new TaskError('Flaky', `attempt ${input.retry}`);
    return { n: input.n ?? null, doubled: typeof input.n === 'number' ? input.n * 2 : 0 };
  },
  [CALLBACK]: (input, context) => {
    setTimeout(() => answer(arn, context.taskToken, input), 0);
    return awaitCallback({ MessageId: `m-${JSON.stringify(input).length}` });
  },
  'arn:aws:states:::lambda:invoke': async (_input, context) => {
    await context.clock.sleep(10_000);
    return {};
  },
});

/** After a restart the worker still holds the tokens it was given: it answers those still open. */
async function answerOpenTokens(execution) {
  await execution.replayed;
  const inputs = new Map();
  for (const event of execution.history) {
    if (event.type !== 'TaskScheduled') continue;
    const parameters = JSON.parse(event.taskScheduledEventDetails.parameters);
    if (typeof parameters.token === 'string') inputs.set(parameters.token, parameters);
  }
  for (const token of execution.openTaskTokens())
    if (inputs.has(token)) setTimeout(() => answer(execution.executionArn, token, inputs.get(token)), 0);
}

const { executions: resumed, failures } = resumeAll(store, (record) => ({
  resolvers: resolversFor(record.executionArn),
}));
if (failures.length > 0) throw new Error(`could not resume: ${failures.map((f) => f.error.message).join('; ')}`);
for (const execution of resumed) {
  executions.set(execution.executionArn, execution);
  void answerOpenTokens(execution);
}
const built = new Map();
for (const run of WORKLOAD) {
  const machine = built.get(run.machine) ?? StateMachine.from(machines[run.machine].definition, { name: run.machine });
  built.set(run.machine, machine);
  const arn = `${machine.arn.replace(':stateMachine:', ':execution:')}:${run.name}`;
  if (store.getExecution(arn)) continue;
  const execution = machine.start(run.input, {
    name: run.name,
    seed: run.seed,
    startTime: '2026-01-01T00:00:00.000Z',
    resolvers: resolversFor(arn),
    store,
  });
  executions.set(arn, execution);
}
const results = await Promise.all([...executions.values()].map((execution) => execution.result));
store.close();
process.stdout.write(`${JSON.stringify({ resumed: resumed.length, ended: results.length, batches })}\n`);
