import { describe, expect, it } from 'vitest';
import { StateMachine } from '../runtime/state-machine.js';
import { activityWorkerResolver, awaitCallback, TaskError } from '../resolvers/resolver.js';
import type { Execution, ExecutionResult } from '../runtime/execution.js';
import { ErrorCode } from '../errors/error-codes.js';
import type { HistoryEvent } from '../history/events.js';
import type { ExecutionStore } from './execution-store.js';
import { MemoryExecutionStore } from './memory-store.js';
import { resumeAll, resumeExecution } from './resume.js';

const START = '2026-01-01T00:00:00.000Z';
const CALLBACK = 'arn:aws:states:::sqs:sendMessage.waitForTaskToken';
const waitThenPass = {
  StartAt: 'W',
  States: { W: { Type: 'Wait', Seconds: 60, Next: 'P' }, P: { Type: 'Pass', Result: 'done', End: true } },
};
const callback = {
  StartAt: 'Ask',
  States: { Ask: { Type: 'Task', Resource: CALLBACK, Parameters: { 'token.$': '$$.Task.Token' }, End: true } },
};
const onCallback = { [CALLBACK]: () => awaitCallback() };

/** A store holding the first `cut` events of an execution (what a crash leaves). */
function crashedCopy(store: MemoryExecutionStore, arn: string, cut: number): MemoryExecutionStore {
  const copy = new MemoryExecutionStore();
  const { stopDate: _stopDate, ...record } = store.getExecution(arn)!;
  copy.createExecution({ ...record, status: 'RUNNING' });
  copy.appendEvents(arn, store.loadEvents(arn).slice(0, cut));
  return copy;
}

describe('a stored execution', () => {
  it('keeps its record and events, and its status once it ends', async () => {
    const store = new MemoryExecutionStore();
    const execution = StateMachine.from(waitThenPass).start(
      { a: 1 },
      { seed: 3, startTime: START, store, storeMeta: { tag: 'x' } },
    );
    const result = await execution.result;
    const record = store.getExecution(execution.executionArn)!;
    expect(record).toMatchObject({ status: 'SUCCEEDED', input: '{"a":1}', meta: { tag: 'x' }, start: { seed: '3' } });
    expect(record.stopDate).toBe(result.stopDate);
    expect(store.loadEvents(execution.executionArn)).toEqual(result.history);
    expect(store.listExecutions({ status: 'RUNNING' })).toEqual([]);
  });

  it('writes the batches of executions recorded together in one call, and each alone when it fails', async () => {
    const store: MemoryExecutionStore & { appendBatches?: ExecutionStore['appendBatches'] } =
      new MemoryExecutionStore();
    const sizes: number[] = [];
    store.appendBatches = (batches) => {
      sizes.push(batches.length);
      if (sizes.length === 1) throw new Error('busy');
      for (const batch of batches) store.appendEvents(batch.executionArn, batch.events, batch.end);
    };
    const machine = StateMachine.from(waitThenPass);
    const executions = ['a', 'b', 'c'].map((name) => machine.start({}, { name, seed: 1, startTime: START, store }));
    const results = await Promise.all(executions.map((execution) => execution.result));
    expect(sizes[0]).toBe(3);
    for (const result of results) {
      expect(result.status).toBe('SUCCEEDED');
      expect(store.loadEvents(result.executionArn)).toEqual(result.history);
    }
  });

  it('refuses a second execution with the same ARN, as StartExecution does', () => {
    const store = new MemoryExecutionStore();
    const machine = StateMachine.from(waitThenPass);
    machine.start({}, { name: 'once', store });
    expect(() => machine.start({}, { name: 'once', store })).toThrow(
      expect.objectContaining({ code: ErrorCode.ExecutionAlreadyExists }),
    );
  });

  it('is stopped when the store fails, and nothing more is written', async () => {
    const store = new MemoryExecutionStore();
    let writes = 0;
    const append = store.appendEvents.bind(store);
    store.appendEvents = (arn, events, end) => {
      if (++writes === 2) throw new Error('disk full');
      append(arn, events, end);
    };
    const result = await StateMachine.from(waitThenPass).run({}, { seed: 1, startTime: START, store });
    expect(result).toMatchObject({ status: 'ABORTED', error: 'States.Runtime' });
    expect(result.cause).toContain('disk full');
    expect(store.listExecutions()[0]!.status).toBe('RUNNING');
  });
});

describe('resuming', () => {
  it('replays an activity handed to a worker, ActivityStarted and its worker name included, after a crash anywhere', async () => {
    const ACTIVITY = 'arn:aws:states:us-east-1:123456789012:activity:approve';
    const definition = {
      StartAt: 'Approve',
      States: { Approve: { Type: 'Task', Resource: ACTIVITY, End: true } },
    };
    let calls = 0;
    // As a service's GetActivityTask does: a worker takes the task a moment later, then answers.
    const worker = activityWorkerResolver(async (input, context) => {
      calls++;
      await Promise.resolve();
      context.workerStarted!('worker-1');
      await Promise.resolve();
      return { approved: input };
    });
    const store = new MemoryExecutionStore();
    const options = { seed: 3, startTime: START, resolvers: { [ACTIVITY]: worker } };
    const first = StateMachine.from(definition).start({ n: 1 }, { ...options, store });
    const expected = await first.result;
    expect(expected.history.map((event) => event.type)).toContain('ActivityStarted');
    for (let cut = 1; cut < expected.history.length; cut++) {
      calls = 0;
      const copy = crashedCopy(store, first.executionArn, cut);
      const resumed = resumeExecution(copy, first.executionArn, { resolvers: { [ACTIVITY]: worker } });
      const result = await resumed.result;
      expect(result.history, `cut after event ${cut}`).toEqual(expected.history);
      expect(copy.loadEvents(first.executionArn)).toEqual(expected.history);
      // Started again while no outcome is stored (at-least-once), never once it is.
      const outcome = expected.history.findIndex((event) => event.type === 'ActivitySucceeded') + 1;
      expect(calls, `cut after event ${cut}`).toBe(cut < outcome ? 1 : 0);
    }
  });

  it('answers a callback after the restart with the token handed out before it', async () => {
    const store = new MemoryExecutionStore();
    const first = StateMachine.from(callback).start({}, { seed: 5, startTime: START, resolvers: onCallback, store });
    const token = await new Promise<string>((resolve) =>
      first.subscribe((event) => event.type === 'TaskSubmitted' && resolve(first.openTaskTokens()[0]!)),
    );
    await Promise.resolve();
    const copy = crashedCopy(store, first.executionArn, store.loadEvents(first.executionArn).length);
    first.stop();
    const resumed = resumeExecution(copy, first.executionArn, { resolvers: onCallback });
    await resumed.replayed;
    expect(resumed.openTaskTokens()).toEqual([token]);
    resumed.sendTaskSuccess(token, { ok: true });
    const result = await resumed.result;
    expect(result.output).toEqual({ ok: true });
    expect(copy.getExecution(first.executionArn)!.status).toBe('SUCCEEDED');
    expect(copy.loadEvents(first.executionArn).map((e: HistoryEvent) => e.id)).toEqual(result.history.map((e) => e.id));
  });

  it('fails in memory, and leaves the store as it was, when the machine changed', async () => {
    const store = new MemoryExecutionStore();
    const first = StateMachine.from(waitThenPass).start({}, { seed: 2, startTime: START, store });
    await first.result;
    const copy = crashedCopy(store, first.executionArn, 3);
    const changed = StateMachine.from({
      StartAt: 'W',
      States: { W: { Type: 'Wait', Seconds: 61, Next: 'P' }, P: { Type: 'Pass', End: true } },
    });
    const result = await changed.resume(copy, first.executionArn).result;
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(result.cause).toMatch(/^The resumed execution did not replay its stored history: event 3 was/);
    expect(copy.loadEvents(first.executionArn)).toHaveLength(3);
    expect(copy.getExecution(first.executionArn)!.status).toBe('RUNNING');
  });

  it('resumes every running execution, and lists the ones it cannot', async () => {
    const store = new MemoryExecutionStore();
    const machine = StateMachine.from(callback);
    for (const name of ['a', 'b'])
      machine.start({}, { name, seed: name, startTime: START, resolvers: onCallback, store });
    await new Promise((resolve) => setTimeout(resolve, 0));
    const broken = {
      ...store.getExecution(`${machine.arn.replace(':stateMachine:', ':execution:')}:a`)!,
      executionArn: 'x',
      definition: '{',
    };
    store.createExecution(broken);
    const { executions, failures } = resumeAll(store, { resolvers: onCallback });
    expect(executions.map((e) => e.name)).toEqual(['a', 'b']);
    expect(failures.map((f) => f.executionArn)).toEqual(['x']);
    for (const execution of executions) execution.stop();
  });

  it('fires a real-time Wait at its due time, counted from before the restart', async () => {
    const store = new MemoryExecutionStore();
    const machine = StateMachine.from({
      StartAt: 'W',
      States: { W: { Type: 'Wait', Seconds: 2, End: true } },
    });
    const first = machine.start({}, { seed: 9, realTime: true, store });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const copy = crashedCopy(store, first.executionArn, 3);
    first.stop();
    const result = await resumeExecution(copy, first.executionArn).result;
    const at = (type: string) => Date.parse(result.history.find((e) => e.type === type)!.timestamp);
    // Due 2 s after it was entered, not 2 s after the resume (which would be about 3 s).
    expect(at('WaitStateExited') - at('WaitStateEntered')).toBeGreaterThanOrEqual(2000);
    expect(at('WaitStateExited') - at('WaitStateEntered')).toBeLessThan(2900);
    expect(result.status).toBe('SUCCEEDED');
  });
});

describe('a redrive kept in the store', () => {
  const STEP = 'arn:aws:lambda:us-east-1:123456789012:function:step';
  const definition = {
    StartAt: 'Step',
    States: {
      Step: { Type: 'Task', Resource: STEP, Next: 'Ask' },
      Ask: { Type: 'Task', Resource: CALLBACK, Parameters: { 'token.$': '$$.Task.Token' }, Next: 'W' },
      W: { Type: 'Wait', Seconds: 60, Next: 'P' },
      P: {
        Type: 'Pass',
        Parameters: { 'redrives.$': '$$.Execution.RedriveCount', 'uuid.$': 'States.UUID()' },
        End: true,
      },
    },
  };
  const fixed = { [STEP]: () => ({ fixed: true }), ...onCallback };
  /** Answers the execution's callback once it is asked, replayed or live. */
  async function answering(execution: Execution): Promise<ExecutionResult> {
    const answer = () => {
      for (const token of execution.openTaskTokens()) execution.sendTaskSuccess(token, 'yes');
    };
    execution.subscribe((event) => event.type === 'TaskSubmitted' && queueMicrotask(answer));
    await execution.replayed;
    answer();
    return execution.result;
  }

  it('is resumed after a crash anywhere in it with the history it would have had', async () => {
    const store = new MemoryExecutionStore();
    const machine = StateMachine.from(definition);
    const broken = {
      [STEP]: () => {
        throw new TaskError('Boom', 'the first run fails');
      },
    };
    const first = machine.start({ n: 1 }, { seed: 4, startTime: START, resolvers: broken, store });
    const failed = await first.result;
    expect(failed.status).toBe('FAILED');
    const redriven = first.redrive({ resolvers: fixed, redriveTime: '2026-01-02T00:00:00.000Z' });
    expect(store.getExecution(first.executionArn)).toMatchObject({
      status: 'RUNNING',
      redrive: { priorEvents: failed.history.length, time: Date.parse('2026-01-02T00:00:00.000Z') },
    });
    const expected = await answering(redriven);
    expect(expected.status).toBe('SUCCEEDED');
    expect(expected.output).toMatchObject({ redrives: 1 });
    expect(store.getExecution(first.executionArn)!.status).toBe('SUCCEEDED');
    expect(store.loadEvents(first.executionArn)).toEqual(expected.history);
    for (let cut = failed.history.length; cut < expected.history.length; cut++) {
      const copy = crashedCopy(store, first.executionArn, cut);
      const [running] = resumeAll(copy, { resolvers: fixed }).executions;
      const result = await answering(running!);
      expect(result.history, `cut after event ${cut}`).toEqual(expected.history);
      expect(copy.loadEvents(first.executionArn), `cut after event ${cut}`).toEqual(expected.history);
      expect(copy.getExecution(first.executionArn)!.status).toBe('SUCCEEDED');
    }
  });
});

describe('heartbeats kept in the store', () => {
  const heartbeating = StateMachine.from({
    StartAt: 'Ask',
    States: {
      Ask: {
        Type: 'Task',
        Resource: CALLBACK,
        HeartbeatSeconds: 2,
        Parameters: { 'token.$': '$$.Task.Token' },
        End: true,
      },
    },
  });
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('count HeartbeatSeconds from the latest heartbeat before the restart, not from the attempt', async () => {
    const store = new MemoryExecutionStore();
    const first = heartbeating.start({}, { seed: 6, realTime: true, resolvers: onCallback, store });
    await new Promise<void>((resolve) => first.subscribe((event) => event.type === 'TaskSubmitted' && resolve()));
    await sleep(1200);
    const token = first.openTaskTokens()[0]!;
    first.sendTaskHeartbeat(token);
    const beat = store.getExecution(first.executionArn)!.heartbeats![token]!;
    expect(Math.abs(beat - Date.now())).toBeLessThan(50);
    await sleep(300);
    const copy = crashedCopy(store, first.executionArn, store.loadEvents(first.executionArn).length);
    first.stop();
    const result = await resumeExecution(copy, first.executionArn, { resolvers: onCallback }).result;
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    const timedOut = Date.parse(result.history.find((event) => event.type === 'TaskTimedOut')!.timestamp);
    // Due 2 s after the heartbeat (about 3.2 s after the attempt began), not 2 s after the attempt began.
    expect(timedOut - beat).toBeGreaterThanOrEqual(2000);
    expect(timedOut - beat).toBeLessThan(2900);
    expect(result.history.map((event) => event.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskTimedOut',
      'ExecutionFailed',
    ]);
  });

  it('keep a task alive across the restart while they go on', async () => {
    const store = new MemoryExecutionStore();
    const first = heartbeating.start({}, { seed: 7, realTime: true, resolvers: onCallback, store });
    await new Promise<void>((resolve) => first.subscribe((event) => event.type === 'TaskSubmitted' && resolve()));
    await sleep(1500);
    const token = first.openTaskTokens()[0]!;
    first.sendTaskHeartbeat(token);
    const copy = crashedCopy(store, first.executionArn, store.loadEvents(first.executionArn).length);
    first.stop();
    const resumed = resumeExecution(copy, first.executionArn, { resolvers: onCallback });
    await resumed.replayed;
    // 1.5 s after the heartbeat, 3 s after the attempt began: alive, and kept so past the first deadline too.
    await sleep(1500);
    resumed.sendTaskHeartbeat(token);
    await sleep(1000);
    resumed.sendTaskSuccess(token, 'done');
    const result = await resumed.result;
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: 'done' });
  });
});
