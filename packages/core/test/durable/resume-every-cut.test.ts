// A crash after any event: the execution resumed from the events stored so far ends with the
// same output and the same history, byte for byte, as the run that was never interrupted, and
// the store holds each event once.
import { describe, expect, it } from 'vitest';
import {
  MemoryExecutionStore,
  resumeExecution,
  StateMachine,
  type Execution,
  type ExecutionResult,
  type Json,
  type StartOptions,
  type TaskResolver,
} from '../../src/index.js';
import { START } from '../helpers.js';
import { answerOpenTokens, callbackResolvers, MACHINES } from './machines.js';
import { configurations } from '../concurrent-order/configurations.js';

const SLOW: Record<string, TaskResolver> = {
  'arn:aws:states:::lambda:invoke': async (_input, context) => {
    await context.clock.sleep(10_000);
    return {};
  },
};

function resolversFor(executionOf: () => Execution | undefined, extra?: StartOptions['resolvers']) {
  return [callbackResolvers(executionOf), SLOW, ...(extra ? [extra] : [])];
}

/** On the real clock, events recorded after the cut are recorded at a new time: all else must match. */
const digest = (result: ExecutionResult, liveAfter = Infinity) =>
  JSON.stringify({
    status: result.status,
    output: result.output,
    error: result.error,
    cause: result.cause,
    history: result.history.map((event) => (event.id > liveAfter ? { ...event, timestamp: '' } : event)),
  });

async function uninterrupted(definition: object, input: Json, options: StartOptions) {
  const store = new MemoryExecutionStore();
  let execution: Execution | undefined;
  const machine = StateMachine.from(definition);
  // Declared before it is assigned: the resolvers' closure reads it (a const would be in its TDZ).
  // eslint-disable-next-line prefer-const
  execution = machine.start(input, {
    seed: 7,
    startTime: START,
    ...options,
    resolvers: resolversFor(() => execution, options.resolvers),
    store,
  });
  const result = await execution.result;
  return { machine, store, result, arn: execution.executionArn };
}

/** The store as a crash after `cut` events leaves it, resumed. */
async function resumeAt(
  base: Awaited<ReturnType<typeof uninterrupted>>,
  cut: number,
  options: StartOptions,
): Promise<{ result: ExecutionResult; store: MemoryExecutionStore }> {
  const store = new MemoryExecutionStore();
  const { stopDate: _stopDate, ...record } = base.store.getExecution(base.arn)!;
  store.createExecution({ ...record, status: 'RUNNING' });
  store.appendEvents(base.arn, base.result.history.slice(0, cut));
  let execution: Execution | undefined;
  // eslint-disable-next-line prefer-const -- the resolvers' closure reads it
  execution = resumeExecution(store, base.arn, { resolvers: resolversFor(() => execution, options.resolvers) });
  void answerOpenTokens(execution);
  return { result: await execution.result, store };
}

async function checkEveryCut(definition: object, input: Json, options: StartOptions = {}, step = 1) {
  const base = await uninterrupted(definition, input, options);
  const failures: number[] = [];
  for (let cut = 0; cut <= base.result.history.length; cut += step) {
    const { result, store } = await resumeAt(base, cut, options);
    const liveAfter = options.realTime ? cut : Infinity;
    const stored = digest({ ...result, history: store.loadEvents(base.arn) }, liveAfter);
    const expected = digest(base.result, liveAfter);
    if (digest(result, liveAfter) !== expected || stored !== expected) failures.push(cut);
    else expect(store.getExecution(base.arn)!.status).toBe(base.result.status);
  }
  return { base, failures };
}

describe('resuming after a crash at every event', () => {
  for (const [name, { definition, input }] of Object.entries(MACHINES)) {
    it(`${name}: same output and history from every cut`, async () => {
      const { base, failures } = await checkEveryCut(definition, input);
      expect(base.result.history.length).toBeGreaterThan(5);
      expect(failures).toEqual([]);
    }, 60_000);
  }

  it('keeps the history of the run on the real clock', async () => {
    const { definition, input } = MACHINES['caught']!;
    const { base, failures } = await checkEveryCut(definition, input, { realTime: true });
    expect(base.result.status).toBe('SUCCEEDED');
    expect(failures).toEqual([]);
  });

  it('mocks are called again while replaying, so later calls get their later entries', async () => {
    const definition = {
      StartAt: 'A',
      States: {
        A: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:getItem', Next: 'W' },
        W: { Type: 'Wait', Seconds: 1, Next: 'B' },
        B: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:getItem', End: true },
      },
    };
    const mocks = { '*': [{ return: 'first' }, { return: 'second' }] };
    const { base, failures } = await checkEveryCut(definition, {}, { mocks });
    expect(base.result.output).toBe('second');
    expect(failures).toEqual([]);
  });
});

describe('resuming the concurrent-order configurations', () => {
  // Every body, synchronous and asynchronous resolvers, on the 7-child fan-outs, all at once or three
  // at a time (a cut every 4th event: the suite stays fast). Not the "mixed" resolvers: one of them sleeps 0 ms on the execution's clock, which
  // moves its result to a later round without moving its time, and the history cannot tell
  // (docs/guide/durable-executions.md, "What a replay cannot see").
  const picked = configurations().filter(
    (config) => config.name.includes('/n7/') && !config.name.includes('/mixed/') && !config.name.includes('/c1/'),
  );
  it.each(picked.map((config) => [config.name, config] as const))(
    '%s',
    async (_name, config) => {
      const { failures } = await checkEveryCut(config.definition, config.input, config.options, 4);
      expect(failures).toEqual([]);
    },
    60_000,
  );
});
