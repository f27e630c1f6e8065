import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Json } from '../json.js';
import type { HistoryEvent } from '../history/events.js';
import type { MockScript } from '../resolvers/mocks.js';
import { StateMachine, type StartOptions } from '../runtime/state-machine.js';
import { buildGraph } from './model.js';
import { createHistoryFolder, foldHistory, type ExecutionSnapshot } from './fold.js';

const fixtures = join(import.meta.dirname, '..', '..', '..', '..', 'fixtures');
const read = <T>(path: string) => JSON.parse(readFileSync(join(fixtures, path), 'utf8')) as T;
const options: StartOptions = { seed: 'fold', startTime: '2026-01-01T00:00:00Z' };

async function runFixture(path: string, input: Json, mocks?: MockScript) {
  const machine = StateMachine.from(readFileSync(join(fixtures, path), 'utf8'));
  const result = await machine.run(input, { ...options, mocks });
  return { graph: buildGraph(machine.definition), history: result.history, result };
}

const pipeline = {
  path: 'examples/order-pipeline.asl.json',
  input: read<Json>('examples/order-pipeline.input.json'),
  mocks: read<MockScript>('examples/order-pipeline.mocks.json'),
  cases: read<{ cases: { input: Json; mocks?: MockScript }[] }>('examples/order-pipeline.test.json').cases,
};
const VALID = new Set(['not-started', 'running', 'succeeded', 'failed', 'caught', 'retrying', 'aborted']);
const pick = (snapshot: ExecutionSnapshot, ...ids: string[]) =>
  Object.fromEntries(ids.map((id) => [id, snapshot.statuses[id]]));

describe('foldHistory over the order pipeline', () => {
  it('shows the Map running, then a retry, then the finished run', async () => {
    const { graph, history } = await runFixture(pipeline.path, pipeline.input, pipeline.mocks);
    // #20: both PriceLine iterations entered, one task answered.
    const mapRunning = foldHistory(graph, history, 20);
    expect(mapRunning.status).toBe('RUNNING');
    expect(pick(mapRunning, 'ValidateOrder', 'IsValid', 'PriceLines', 'PriceLines/PriceLine', 'Total')).toEqual({
      ValidateOrder: 'succeeded',
      IsValid: 'succeeded',
      PriceLines: 'running',
      'PriceLines/PriceLine': 'running',
      Total: 'not-started',
    });
    expect(mapRunning.mapProgress['PriceLines']).toEqual({ total: 2, succeeded: 0, failed: 0, running: 2, aborted: 0 });
    expect(mapRunning.visits['PriceLines/PriceLine']!.map((v) => [v.mapIndex, v.status, v.input])).toEqual([
      [0, 'running', { sku: 'kettle', qty: 1, line: 'line-0' }],
      [1, 'running', { sku: 'mug', qty: 4, line: 'line-1' }],
    ]);
    expect(mapRunning.edgesTaken).toEqual({ '__start__:start': 1, 'ValidateOrder:next': 1, 'IsValid:choice:0': 1 });

    // #37: Charge's first attempt failed with an error its Retry covers: retrying during the backoff.
    const retrying = foldHistory(graph, history, 37);
    expect(pick(retrying, 'Fulfil', 'Fulfil/0/ReserveStock', 'Fulfil/1/Charge')).toEqual({
      Fulfil: 'running',
      'Fulfil/0/ReserveStock': 'running',
      'Fulfil/1/Charge': 'retrying',
    });
    const charge = retrying.visits['Fulfil/1/Charge']![0]!;
    expect(charge).toMatchObject({
      branchIndex: 1,
      retries: 0,
      error: 'Payments.Unavailable',
      cause: 'gateway timeout',
      status: 'retrying',
    });
    expect(charge.failures).toEqual([
      { eventId: 37, at: '2026-01-01T00:00:00.000Z', error: 'Payments.Unavailable', cause: 'gateway timeout' },
    ]);

    // #40: the second attempt is scheduled (two virtual seconds later).
    const second = foldHistory(graph, history, 40);
    expect(second.visits['Fulfil/1/Charge']![0]).toMatchObject({ retries: 1, status: 'retrying' });
    expect(second.visits['Fulfil/1/Charge']![0]!.error).toBeUndefined();

    const done = foldHistory(graph, history);
    expect(done).toMatchObject({
      status: 'SUCCEEDED',
      lastEventId: 50,
      startedAt: '2026-01-01T00:00:00.000Z',
      stoppedAt: '2026-01-01T01:00:02.000Z',
    });
    expect(done.output).toEqual({ orderId: 'o-1001', total: 59, shippedAt: '2026-01-01T01:00:02.000Z' });
    expect(done.statuses).toEqual({
      __start__: 'succeeded',
      ValidateOrder: 'succeeded',
      IsValid: 'succeeded',
      PriceLines: 'succeeded',
      'PriceLines/PriceLine': 'succeeded',
      Total: 'succeeded',
      Fulfil: 'succeeded',
      'Fulfil/0/ReserveStock': 'succeeded',
      'Fulfil/1/Charge': 'succeeded',
      'Fulfil/1/Declined': 'not-started',
      WaitForCourier: 'succeeded',
      Ship: 'succeeded',
      Rejected: 'not-started',
      __end__: 'succeeded',
    });
    expect(done.edgesTaken).toEqual({
      '__start__:start': 1,
      'ValidateOrder:next': 1,
      'IsValid:choice:0': 1,
      'PriceLines:next': 1,
      'Total:next': 1,
      'Fulfil:next': 1,
      'WaitForCourier:next': 1,
      'Ship:end': 1,
    });
    expect(done.mapProgress['PriceLines']).toEqual({ total: 2, succeeded: 2, failed: 0, running: 0, aborted: 0 });
    expect(done.visits['WaitForCourier']![0]).toMatchObject({
      enteredAt: '2026-01-01T00:00:02.000Z',
      exitedAt: '2026-01-01T01:00:02.000Z',
      enteredEventId: 46,
      exitedEventId: 47,
    });
    expect(done.visits['Fulfil/1/Charge']![0]).toMatchObject({
      retries: 1,
      status: 'succeeded',
      output: { chargeId: 'ch-42', status: 'captured' },
    });
    expect(done.visits['Fulfil/1/Declined']).toEqual([]);
  });

  it('shows a caught error, the Fail state it leads to and the failed Parallel', async () => {
    const declined = pipeline.cases[2]!;
    const { graph, history } = await runFixture(pipeline.path, declined.input, declined.mocks);
    const snapshot = foldHistory(graph, history);
    expect(snapshot).toMatchObject({ status: 'FAILED', error: 'OrderDeclined', cause: 'The card was declined' });
    expect(
      pick(
        snapshot,
        'Fulfil',
        'Fulfil/0/ReserveStock',
        'Fulfil/1/Charge',
        'Fulfil/1/Declined',
        'WaitForCourier',
        '__end__',
      ),
    ).toEqual({
      Fulfil: 'failed',
      'Fulfil/0/ReserveStock': 'succeeded',
      'Fulfil/1/Charge': 'caught',
      'Fulfil/1/Declined': 'failed',
      WaitForCourier: 'not-started',
      __end__: 'failed',
    });
    expect(snapshot.visits['Fulfil/1/Charge']![0]).toMatchObject({
      error: 'Payments.Declined',
      cause: 'insufficient funds',
      exitedEventId: 39,
    });
    // The Parallel reports its failing branch's error (the static Error/Cause of the Fail state).
    expect(snapshot.visits['Fulfil']![0]).toMatchObject({
      status: 'failed',
      error: 'OrderDeclined',
      cause: 'The card was declined',
    });
    expect(snapshot.edgesTaken['Fulfil/1/Charge:catch:0']).toBe(1);
    // Between the failure and the catch, a view sees a failed attempt, not yet a caught one.
    expect(foldHistory(graph, history, 37).statuses['Fulfil/1/Charge']).toBe('failed');
  });

  it('follows the Choice Default to a Fail state and the End marker', async () => {
    const rejected = pipeline.cases[1]!;
    const { graph, history } = await runFixture(pipeline.path, rejected.input, rejected.mocks);
    const snapshot = foldHistory(graph, history);
    expect(snapshot.edgesTaken).toEqual({
      '__start__:start': 1,
      'ValidateOrder:next': 1,
      'IsValid:default': 1,
      'Rejected:end': 1,
    });
    expect(snapshot.visits['Rejected']![0]).toMatchObject({
      status: 'failed',
      error: 'OrderRejected',
      cause: 'no lines',
    });
  });
});

describe('foldHistory over the state fixtures', () => {
  it('places Map iterations inside a Parallel branch and counts a caught iteration failure', async () => {
    const { graph, history } = await runFixture('states/parallel-map.asl.json', { items: [3, 11, 2] });
    const snapshot = foldHistory(graph, history);
    expect(
      pick(
        snapshot,
        'Both',
        'Both/0/Count',
        'Both/1/Each',
        'Both/1/Each/Check',
        'Both/1/Each/TooBig',
        'Both/1/Each/Keep',
        'Both/1/Report',
      ),
    ).toEqual({
      Both: 'succeeded',
      'Both/0/Count': 'succeeded',
      'Both/1/Each': 'caught',
      'Both/1/Each/Check': 'succeeded',
      'Both/1/Each/TooBig': 'failed',
      'Both/1/Each/Keep': 'succeeded',
      'Both/1/Report': 'succeeded',
    });
    expect(snapshot.visits['Both/1/Each/Check']!.map((v) => [v.mapIndex, v.branchIndex, v.input])).toEqual([
      [0, 1, 3],
      [1, 1, 11],
    ]);
    expect(snapshot.visits['Both/1/Each/TooBig']![0]).toMatchObject({ mapIndex: 1, error: 'TooBig' });
    expect(snapshot.visits['Both/1/Each']![0]).toMatchObject({ status: 'caught', error: 'TooBig', exitedEventId: 20 });
    expect(snapshot.mapProgress['Both/1/Each']).toEqual({ total: 3, succeeded: 1, failed: 1, running: 0, aborted: 0 });
    expect(snapshot.edgesTaken).toMatchObject({
      'Both/1/Each/Check:default': 1,
      'Both/1/Each/Check:choice:0': 1,
      'Both/1/Each:catch:0': 1,
      'Both:end': 1,
    });
    // Mid-run (#17, TooBig entered): the failing iteration is visible before the Map reacts.
    const mid = foldHistory(graph, history, 17);
    expect(pick(mid, 'Both/1/Each', 'Both/1/Each/TooBig')).toEqual({
      'Both/1/Each': 'running',
      'Both/1/Each/TooBig': 'failed',
    });
    expect(mid.mapProgress['Both/1/Each']).toMatchObject({ succeeded: 1, running: 1 });
  });

  it('fails the state that raised a States.Runtime error without a failure event of its own', async () => {
    const { graph, history } = await runFixture('states/wait-and-choice.asl.json', { delay: -1 });
    const snapshot = foldHistory(graph, history);
    expect(snapshot.edgesTaken['Route:default']).toBe(1);
    expect(snapshot.visits['Later']![0]).toMatchObject({ status: 'failed', error: 'States.Runtime' });
    expect(snapshot.visits['Later']![0]!.cause).toContain('The SecondsPath parameter references a negative value');
  });

  it('marks the running state aborted when the execution is stopped', async () => {
    const machine = StateMachine.from(readFileSync(join(fixtures, 'states/wait-and-choice.asl.json'), 'utf8'));
    const execution = machine.start({ priority: 'high' }, options);
    execution.subscribe((event) => {
      if (event.type === 'WaitStateEntered') execution.stop('Manual', 'stopped by the test');
    });
    const { history } = await execution.result;
    const snapshot = foldHistory(buildGraph(machine.definition), history);
    expect(snapshot).toMatchObject({ status: 'ABORTED', error: 'Manual', cause: 'stopped by the test' });
    expect(pick(snapshot, 'Route', 'Soon', 'Done', '__end__')).toEqual({
      Route: 'succeeded',
      Soon: 'aborted',
      Done: 'not-started',
      __end__: 'aborted',
    });
  });

  it('marks the running state aborted when the execution times out', async () => {
    const machine = StateMachine.from({
      TimeoutSeconds: 5,
      StartAt: 'Nap',
      States: { Nap: { Type: 'Wait', Seconds: 60, End: true } },
    });
    const { history, status } = await machine.run({}, options);
    expect(status).toBe('TIMED_OUT');
    const snapshot = foldHistory(buildGraph(machine.definition), history);
    expect(snapshot).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    expect(snapshot.statuses['Nap']).toBe('aborted');
  });

  it('counts every retry of a task that finally fails, then fails the execution', async () => {
    const machine = StateMachine.from({
      StartAt: 'Flaky',
      States: {
        Flaky: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Retry: [{ ErrorEquals: ['Boom'], MaxAttempts: 2, IntervalSeconds: 1 }],
          End: true,
        },
      },
    });
    const { history } = await machine.run(
      {},
      { ...options, mocks: { Flaky: Array.from({ length: 3 }, () => ({ throw: { error: 'Boom', cause: 'c' } })) } },
    );
    const graph = buildGraph(machine.definition);
    const failures = history.filter((e) => e.type === 'TaskFailed').map((e) => e.id);
    expect(failures).toHaveLength(3);
    expect(foldHistory(graph, history, failures[1]).statuses['Flaky']).toBe('retrying');
    // The third failure exhausts MaxAttempts 2: failed, with no retry predicted.
    expect(foldHistory(graph, history, failures[2]).statuses['Flaky']).toBe('failed');
    const visit = foldHistory(graph, history).visits['Flaky']![0]!;
    expect(visit).toMatchObject({ retries: 2, status: 'failed', error: 'Boom', cause: 'c' });
    expect(visit.failures!.map((f) => f.eventId)).toEqual(failures);
  });
});

describe('createHistoryFolder', () => {
  it('gives, after every event, exactly what folding that prefix from scratch gives', async () => {
    for (const [input, mocks] of [
      [pipeline.input, pipeline.mocks],
      [pipeline.cases[2]!.input, pipeline.cases[2]!.mocks],
    ] as const) {
      const { graph, history } = await runFixture(pipeline.path, input, mocks);
      const folder = createHistoryFolder(graph);
      for (const event of history) {
        folder.apply(event);
        const live = folder.snapshot();
        expect(live).toEqual(foldHistory(graph, history, event.id));
        expect(Object.values(live.statuses).every((s) => VALID.has(s))).toBe(true);
      }
    }
  });

  it('reuses unchanged parts between snapshots and the same snapshot when nothing changed', async () => {
    const { graph, history } = await runFixture(pipeline.path, pipeline.input, pipeline.mocks);
    const folder = createHistoryFolder(graph);
    for (const event of history.slice(0, 30)) folder.apply(event);
    const first = folder.snapshot();
    expect(folder.snapshot()).toBe(first);
    folder.apply(history[30]!); // TaskStateEntered ReserveStock
    const second = folder.snapshot();
    expect(second).not.toBe(first);
    expect(second.visits['PriceLines/PriceLine']).toBe(first.visits['PriceLines/PriceLine']);
    expect(second.visits['Fulfil/0/ReserveStock']).not.toBe(first.visits['Fulfil/0/ReserveStock']);
    expect(Object.isFrozen(second.visits['Fulfil/0/ReserveStock'])).toBe(true);
  });

  it('maps events to the visit they belong to', async () => {
    const { graph, history } = await runFixture(pipeline.path, pipeline.input, pipeline.mocks);
    const folder = createHistoryFolder(graph);
    for (const event of history) folder.apply(event);
    const owner = (id: number) =>
      folder.visitOf(id) && [
        folder.visitOf(id)!.stateName,
        folder.visitOf(id)!.mapIndex ?? folder.visitOf(id)!.branchIndex,
      ];
    expect(owner(1)).toBeUndefined();
    expect(owner(13)).toEqual(['PriceLines', undefined]); // MapIterationStarted
    expect(owner(18)).toEqual(['PriceLine', 1]); // TaskStarted of iteration 1
    expect(owner(37)).toEqual(['Charge', 1]); // LambdaFunctionFailed in branch 1
    expect(owner(44)).toEqual(['Fulfil', undefined]); // ParallelStateSucceeded
  });

  it('ignores garbage, repeats and events of states the graph does not have', async () => {
    const { graph, history } = await runFixture(pipeline.path, pipeline.input, pipeline.mocks);
    const folder = createHistoryFolder(graph);
    const junk = [
      null,
      42,
      { type: 'TaskStateEntered' },
      { id: 'x', type: 'PassStateEntered' },
      {
        id: 100,
        previousEventId: 99,
        timestamp: 't',
        type: 'PassStateEntered',
        stateEnteredEventDetails: { name: '__proto__', input: '{' },
      },
      {
        id: 101,
        previousEventId: 5000,
        timestamp: 't',
        type: 'MapIterationStarted',
        mapIterationStartedEventDetails: { name: 'PriceLines', index: 'NaN' },
      },
      { id: 102, previousEventId: -1, timestamp: 't', type: 'TaskFailed', taskFailedEventDetails: null },
      { id: 103, previousEventId: 0, timestamp: 't', type: 'SomethingNew', somethingNewEventDetails: { x: 1 } },
      {
        id: 104,
        previousEventId: 0,
        timestamp: 't',
        type: 'PassStateExited',
        stateExitedEventDetails: { name: 'Total', output: 'not json' },
      },
    ] as unknown as HistoryEvent[];
    expect(() => junk.forEach((event) => folder.apply(event))).not.toThrow();
    expect(folder.snapshot().lastEventId).toBe(104);
    expect(Object.values(folder.snapshot().statuses).every((s) => s === 'not-started')).toBe(true);
    const clean = createHistoryFolder(graph);
    for (const event of [...history, ...history]) clean.apply(event);
    expect(clean.snapshot()).toEqual(foldHistory(graph, history));
  });

  it('folds 10,000 events incrementally', async () => {
    const machine = StateMachine.from(readFileSync(join(fixtures, 'bench/w2-inline-map.asl.json'), 'utf8'));
    const items = Array.from({ length: 2500 }, (_, id) => ({ id }));
    const { history } = await machine.run({ items }, { ...options, history: { maxEvents: Infinity } });
    expect(history.length).toBeGreaterThanOrEqual(10_000);
    const graph = buildGraph(machine.definition);
    const folder = createHistoryFolder(graph);
    const started = performance.now();
    history.forEach((event, i) => {
      folder.apply(event);
      if (i % 100 === 0) folder.snapshot(); // a view refreshing as the events stream in
    });
    const snapshot = folder.snapshot();
    const ms = performance.now() - started;
    console.log(`folded ${history.length} events (a snapshot every 100) in ${ms.toFixed(1)} ms`);
    expect(snapshot.status).toBe('SUCCEEDED');
    expect(snapshot.mapProgress['MapItems']).toEqual({
      total: 2500,
      succeeded: 2500,
      failed: 0,
      running: 0,
      aborted: 0,
    });
    expect(snapshot.visits['MapItems/Shape']).toHaveLength(2500);
    // 40 iterations run at once, so visits (in entry order) interleave; each keeps its own index.
    const last = snapshot.visits['MapItems/Shape']!.find((visit) => visit.mapIndex === 2499);
    expect(last).toMatchObject({ input: { id: 2499 }, output: { value: 2499 }, status: 'succeeded' });
    expect(new Set(snapshot.visits['MapItems/Shape']!.map((visit) => visit.mapIndex)).size).toBe(2500);
  });

  it('counts the edge of a Choice whose JSONata rules must be evaluated again once they have been', async () => {
    // ChooseShipping has two rules to Fulfil; the history says only that Fulfil came next.
    const recorded = read<{ definition: string; events: HistoryEvent[] }>(
      'histories/jsonata-order-coupon.history.json',
    );
    const graph = buildGraph(read(recorded.definition));
    const folder = createHistoryFolder(graph);
    for (const event of recorded.events) folder.apply(event);
    const taken = (snapshot: ExecutionSnapshot) =>
      Object.keys(snapshot.edgesTaken).filter((edge) => edge.startsWith('ChooseShipping:'));
    expect(taken(folder.snapshot())).toEqual([]);
    await folder.settled();
    // $total >= 100: the first rule held, as coverage finds too.
    expect(taken(folder.snapshot())).toEqual(['ChooseShipping:choice:0']);
    // The answer is kept for the same recorded data: folding again (time travel) has it at once.
    expect(taken(foldHistory(graph, recorded.events))).toEqual(['ChooseShipping:choice:0']);
  });
});
