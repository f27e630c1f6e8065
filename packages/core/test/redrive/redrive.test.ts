import { describe, expect, it } from 'vitest';
import { StateMachine } from '../../src/runtime/state-machine.js';
import { awaitCallback, TaskError, type TaskResolver } from '../../src/resolvers/resolver.js';
import type { Execution } from '../../src/runtime/execution.js';
import { ErrorCode } from '../../src/errors/error-codes.js';
import type { HistoryEvent } from '../../src/history/events.js';
import type { Json } from '../../src/json.js';
import { buildGraph, END_NODE_ID } from '../../src/graph/model.js';
import { foldHistory } from '../../src/graph/fold.js';
import { traceExecution } from '../../src/coverage/trace.js';

const START = '2026-03-01T00:00:00.000Z';
const LATER = '2026-03-02T00:00:00.000Z';
const ARN = (name: string): string => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

/** A resolver that fails while `broken` holds its input, and records every call. */
function flaky(calls: Json[], broken: (input: Json) => boolean): TaskResolver {
  return (input) => {
    calls.push(input);
    if (broken(input)) throw new TaskError('Broken', `cannot do ${JSON.stringify(input)}`);
    return { done: input };
  };
}

const brief = (history: readonly HistoryEvent[]): string[] =>
  history.map((e) => `${e.id}<${e.previousEventId} ${e.type}`);

const passThenTask = {
  StartAt: 'Prepare',
  States: {
    Prepare: { Type: 'Pass', Result: { n: 1 }, Next: 'Work' },
    Work: {
      Type: 'Task',
      Resource: ARN('work'),
      Retry: [{ ErrorEquals: ['Broken'], MaxAttempts: 1, IntervalSeconds: 1 }],
      End: true,
    },
  },
};

describe('redriving a failed Task', () => {
  it('keeps the ARN, goes on after ExecutionRedriven, re-enters the failed state with its input, retries afresh', async () => {
    const machine = StateMachine.from(passThenTask, { name: 'Orders' });
    const calls: Json[] = [];
    const first = machine.start(
      { id: 7 },
      { seed: 1, startTime: START, name: 'run-1', resolvers: { [ARN('work')]: flaky(calls, () => true) } },
    );
    const failed = await first.result;
    expect(failed.status).toBe('FAILED');
    expect(calls).toHaveLength(2);

    const redriven = first.redrive({
      seed: 2,
      redriveTime: LATER,
      resolvers: { [ARN('work')]: flaky(calls, () => false) },
    });
    expect(redriven.executionArn).toBe(first.executionArn);
    const result = await redriven.result;
    expect(result).toMatchObject({
      status: 'SUCCEEDED',
      output: { done: { n: 1 } },
      executionArn: first.executionArn,
      startDate: failed.startDate,
      redriveCount: 1,
      redriveDate: LATER,
    });
    // Prepare ran once, Work's retrier starts over: one more call, which succeeds.
    expect(calls).toHaveLength(3);
    const prior = failed.history.length;
    expect(result.history.slice(0, prior)).toEqual(failed.history);
    expect(brief(result.history.slice(prior))).toEqual([
      `${prior + 1}<${prior} ExecutionRedriven`,
      `${prior + 2}<${prior + 1} TaskStateEntered`,
      `${prior + 3}<${prior + 2} LambdaFunctionScheduled`,
      `${prior + 4}<${prior + 3} LambdaFunctionStarted`,
      `${prior + 5}<${prior + 4} LambdaFunctionSucceeded`,
      `${prior + 6}<${prior + 5} TaskStateExited`,
      `${prior + 7}<${prior + 6} ExecutionSucceeded`,
    ]);
    const redrivenEvent = result.history[prior]!;
    expect(redrivenEvent).toMatchObject({ timestamp: LATER, executionRedrivenEventDetails: { redriveCount: 1 } });
    const entered = result.history[prior + 1]!;
    expect(entered).toMatchObject({ stateEnteredEventDetails: { name: 'Work', input: '{"n":1}' } });
  });

  it('shows RedriveCount and RedriveTime in $$, and StartTime stays the first start', async () => {
    const machine = StateMachine.from({
      StartAt: 'Work',
      States: {
        Work: {
          Type: 'Task',
          Resource: ARN('work'),
          Parameters: { 'execution.$': '$$.Execution' },
          End: true,
        },
      },
    });
    const seen: Json[] = [];
    const first = machine.start(
      {},
      { seed: 1, startTime: START, resolvers: { [ARN('work')]: flaky(seen, () => true) } },
    );
    await first.result;
    const once = first.redrive({ redriveTime: LATER });
    await once.result;
    const twice = once.redrive({
      redriveTime: '2026-03-03T00:00:00.000Z',
      resolvers: { [ARN('work')]: (input) => input },
    });
    const result = await twice.result;
    const context = (i: number): Json => (seen[i] as { execution: Json }).execution;
    expect(context(0)).toMatchObject({ RedriveCount: 0, StartTime: START });
    expect(context(0)).not.toHaveProperty('RedriveTime');
    expect(context(1)).toMatchObject({ RedriveCount: 1, RedriveTime: LATER, StartTime: START, Id: first.executionArn });
    expect(result).toMatchObject({ status: 'SUCCEEDED', redriveCount: 2 });
    expect(result.output).toMatchObject({
      execution: { RedriveCount: 2, RedriveTime: '2026-03-03T00:00:00.000Z', StartTime: START },
    });
    expect(result.history.filter((e) => e.type === 'ExecutionRedriven')).toHaveLength(2);
  });

  it('gives the same history byte for byte for the same redrive', async () => {
    const machine = StateMachine.from(passThenTask);
    const run = async (): Promise<string> => {
      const first = machine.start(
        {},
        { seed: 5, startTime: START, resolvers: { [ARN('work')]: flaky([], () => true) } },
      );
      await first.result;
      const result = await first.redrive({
        seed: 9,
        redriveTime: LATER,
        resolvers: { [ARN('work')]: flaky([], () => false) },
      }).result;
      return JSON.stringify(result.history);
    };
    expect(await run()).toBe(await run());
  });
});

describe('redriving a Parallel', () => {
  it('runs again only the branch that failed (and the ones it stopped)', async () => {
    const machine = StateMachine.from({
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'A', States: { A: { Type: 'Task', Resource: ARN('a'), End: true } } },
            {
              StartAt: 'B1',
              States: {
                B1: { Type: 'Task', Resource: ARN('b1'), Next: 'B2' },
                B2: { Type: 'Task', Resource: ARN('b2'), End: true },
              },
            },
          ],
          Next: 'Done',
        },
        Done: { Type: 'Pass', End: true },
      },
    });
    const calls: string[] = [];
    let b2Broken = true;
    const resolvers: Record<string, TaskResolver> = {
      [ARN('a')]: () => (calls.push('a'), 'A'),
      [ARN('b1')]: () => (calls.push('b1'), 'B1'),
      [ARN('b2')]: (input) => {
        calls.push(`b2:${JSON.stringify(input)}`);
        if (b2Broken) throw new TaskError('Broken', 'b2');
        return 'B2';
      },
    };
    const first = machine.start({ x: 1 }, { seed: 1, startTime: START, resolvers });
    expect((await first.result).status).toBe('FAILED');
    expect(calls).toEqual(['a', 'b1', 'b2:"B1"']);
    b2Broken = false;
    const result = await first.redrive({ redriveTime: LATER }).result;
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toEqual(['A', 'B2']);
    // Only B2 ran again, with the input B1 gave it the first time.
    expect(calls).toEqual(['a', 'b1', 'b2:"B1"', 'b2:"B1"']);
    const after = result.history.slice(result.history.findIndex((e) => e.type === 'ExecutionRedriven'));
    expect(after.map((e) => e.type)).toEqual([
      'ExecutionRedriven',
      'ParallelStateEntered',
      'ParallelStateStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'ParallelStateSucceeded',
      'ParallelStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
  });
});

describe('redriving an inline Map', () => {
  it('runs again only the iterations that did not succeed', async () => {
    const machine = StateMachine.from({
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemsPath: '$.items',
          MaxConcurrency: 1,
          ItemProcessor: { StartAt: 'Do', States: { Do: { Type: 'Task', Resource: ARN('do'), End: true } } },
          End: true,
        },
      },
    });
    const calls: Json[] = [];
    const broken = new Set<Json>([2]);
    const first = machine.start(
      { items: [1, 2, 3, 4] },
      { seed: 1, startTime: START, resolvers: { [ARN('do')]: flaky(calls, (input) => broken.has(input)) } },
    );
    expect((await first.result).status).toBe('FAILED');
    // One at a time: 1 succeeded, 2 failed, 3 and 4 never started.
    expect(calls).toEqual([1, 2]);
    broken.clear();
    const result = await first.redrive({ redriveTime: LATER }).result;
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toEqual([{ done: 1 }, { done: 2 }, { done: 3 }, { done: 4 }]);
    expect(calls).toEqual([1, 2, 2, 3, 4]);
    const after = result.history.slice(result.history.findIndex((e) => e.type === 'ExecutionRedriven'));
    const started = after.filter((e) => e.type === 'MapIterationStarted');
    expect(started.map((e) => e.type === 'MapIterationStarted' && e.mapIterationStartedEventDetails.index)).toEqual([
      1, 2, 3,
    ]);
  });
});

describe('what cannot be redriven', () => {
  const machine = StateMachine.from(passThenTask);

  it('refuses a SUCCEEDED execution, with AWS reason', async () => {
    const done = machine.start({}, { seed: 1, startTime: START, resolvers: { [ARN('work')]: () => 1 } });
    await done.result;
    expect(() => done.redrive()).toThrow(
      expect.objectContaining({
        code: ErrorCode.ExecutionNotRedrivable,
        message: 'Execution is SUCCEEDED and cannot be redriven',
      }),
    );
  });

  it('refuses a RUNNING execution', () => {
    const running = machine.start({}, { seed: 1, startTime: START, resolvers: { [ARN('work')]: () => 1 } });
    expect(() => running.redrive()).toThrow(
      expect.objectContaining({
        code: ErrorCode.ExecutionNotRedrivable,
        message: 'Execution is RUNNING and cannot be redriven',
      }),
    );
  });

  it('refuses an Express execution', async () => {
    const express = StateMachine.from(passThenTask, { type: 'EXPRESS' });
    const failed = express.start(
      {},
      { seed: 1, startTime: START, resolvers: { [ARN('work')]: flaky([], () => true) } },
    );
    expect((await failed.result).status).toBe('FAILED');
    expect(() => failed.redrive()).toThrow(expect.objectContaining({ code: ErrorCode.ExecutionNotRedrivable }));
  });

  it('refuses after the 14 days AWS allows', async () => {
    const failed = machine.start(
      {},
      { seed: 1, startTime: START, resolvers: { [ARN('work')]: flaky([], () => true) } },
    );
    await failed.result;
    expect(() => failed.redrive({ redriveTime: '2026-03-20T00:00:00.000Z' })).toThrow(
      expect.objectContaining({
        code: ErrorCode.ExecutionNotRedrivable,
        message: 'Execution redrivable period exceeded',
      }),
    );
  });

  it('refuses an execution redriven 1,000 times already (AWS hard limit), and takes one redriven 999 times', async () => {
    const failed = await machine.start(
      {},
      { seed: 1, startTime: START, resolvers: { [ARN('work')]: flaky([], () => true) } },
    ).result;
    /** The failed history followed by `count` redrives that each failed at once. */
    const redrivenTimes = (count: number): HistoryEvent[] => {
      const history = [...failed.history];
      const failure = history[history.length - 1]!;
      for (let redrive = 1; redrive <= count; redrive++) {
        const id = history.length + 1;
        history.push(
          {
            id,
            previousEventId: id - 1,
            timestamp: LATER,
            type: 'ExecutionRedriven',
            executionRedrivenEventDetails: { redriveCount: redrive },
          } as HistoryEvent,
          { ...failure, id: id + 1, previousEventId: id, timestamp: LATER },
        );
      }
      return history;
    };
    const resolvers = { [ARN('work')]: () => 1 };
    expect(() =>
      machine.redrive({ ...failed, history: redrivenTimes(1000) }, { redriveTime: LATER, resolvers }),
    ).toThrow(
      expect.objectContaining({
        code: ErrorCode.ExecutionNotRedrivable,
        message: 'Execution redrive count limit exceeded',
      }),
    );
    const last = await machine.redrive({ ...failed, history: redrivenTimes(999) }, { redriveTime: LATER, resolvers })
      .result;
    expect(last).toMatchObject({ status: 'SUCCEEDED', redriveCount: 1000 });
  });

  it('refuses an execution whose history was not kept', async () => {
    const failed = machine.start(
      {},
      { seed: 1, startTime: START, history: { record: false }, resolvers: { [ARN('work')]: flaky([], () => true) } },
    );
    await failed.result;
    expect(() => failed.redrive({ redriveTime: LATER })).toThrow(/its history was not kept/);
  });

  it("refuses another machine's execution", async () => {
    const other = StateMachine.from(passThenTask, { name: 'Other' });
    const failed = await other.start(
      {},
      { seed: 1, startTime: START, resolvers: { [ARN('work')]: flaky([], () => true) } },
    ).result;
    expect(() => machine.redrive(failed, { redriveTime: LATER })).toThrow(/is not an execution of state machine/);
  });
});

describe('redriving a distributed Map', () => {
  const distributed = (type: 'STANDARD' | 'EXPRESS') =>
    StateMachine.from(
      {
        StartAt: 'Each',
        States: {
          Each: {
            Type: 'Map',
            ItemProcessor: {
              ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: type },
              StartAt: 'Prepare',
              States: {
                Prepare: { Type: 'Pass', Next: 'Do' },
                Do: { Type: 'Task', Resource: ARN('do'), End: true },
              },
            },
            End: true,
          },
        },
      },
      { name: 'Batch' },
    );

  it('redrives its Map Run: MapRunRedriven with the same ARN, only the children that failed run again', async () => {
    const calls: Json[] = [];
    const broken = new Set<Json>([2, 3]);
    const first = distributed('STANDARD').start([1, 2, 3, 4], {
      seed: 1,
      startTime: START,
      resolvers: { [ARN('do')]: flaky(calls, (input) => broken.has(input)) },
    });
    const failed = await first.result;
    expect(failed.status).toBe('FAILED');
    const [run] = first.mapRuns;
    const failedChild = run!.children[1]!;
    expect(failedChild.status).toBe('FAILED');
    const ran = calls.length;
    broken.clear();

    const redriven = first.redrive({ seed: 2, redriveTime: LATER, mapRuns: { childHistories: 'all' } });
    const result = await redriven.result;
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toEqual([{ done: 1 }, { done: 2 }, { done: 3 }, { done: 4 }]);
    // Only the children that did not succeed ran again.
    expect(calls.slice(ran).sort()).toEqual([2, 3]);
    const after = result.history.slice(failed.history.length);
    expect(after.map((e) => e.type)).toEqual([
      'ExecutionRedriven',
      'MapStateEntered',
      'MapStateStarted',
      'MapRunRedriven',
      'MapRunSucceeded',
      'MapStateSucceeded',
      'MapStateExited',
      'ExecutionSucceeded',
    ]);
    expect(after[3]).toMatchObject({
      mapRunRedrivenEventDetails: { mapRunArn: run!.mapRunArn, redriveCount: 1 },
    });
    const [again] = redriven.mapRuns;
    expect(again).toMatchObject({ mapRunArn: run!.mapRunArn, status: 'SUCCEEDED', startDate: run!.startDate });
    // A STANDARD child is redriven itself: same ARN, its history goes on, Prepare does not run again.
    const child = again!.children[1]!;
    expect(child).toMatchObject({ executionArn: failedChild.executionArn, status: 'SUCCEEDED', redriveCount: 1 });
    expect(child).not.toHaveProperty('error');
    expect(child.startDate).toBe(failedChild.startDate);
    expect(again!.children[0]).toEqual(run!.children[0]);
    const childTypes = child.history!.map((e) => e.type);
    expect(childTypes.slice(0, failedChild.history!.length)).toEqual(failedChild.history!.map((e) => e.type));
    expect(childTypes.slice(failedChild.history!.length)).toEqual([
      'ExecutionRedriven',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('starts again the EXPRESS children that failed, and reruns every child without the Map Run records', async () => {
    const calls: Json[] = [];
    const broken = new Set<Json>([2]);
    const machine = distributed('EXPRESS');
    const first = machine.start([1, 2, 3], {
      seed: 1,
      startTime: START,
      resolvers: { [ARN('do')]: flaky(calls, (input) => broken.has(input)) },
    });
    const failed = await first.result;
    broken.clear();
    const ran = calls.length;
    const redriven = first.redrive({ redriveTime: LATER });
    const result = await redriven.result;
    expect(result.status).toBe('SUCCEEDED');
    expect(calls.slice(ran)).toEqual([2]);
    // AWS starts a failed EXPRESS child again with StartExecution: a new execution, new name and ARN,
    // not redriven; the children that succeeded are the same executions.
    const [before] = first.mapRuns;
    const [after] = redriven.mapRuns;
    expect(after!.mapRunArn).toBe(before!.mapRunArn);
    expect(after!.children[1]!.name).not.toBe(before!.children[1]!.name);
    expect(after!.children[1]!.executionArn).not.toBe(before!.children[1]!.executionArn);
    expect(after!.children[1]!.executionArn).toContain(`:${after!.children[1]!.name}`);
    expect(after!.children[1]).toMatchObject({ status: 'SUCCEEDED', input: 2 });
    expect(after!.children[1]!.redriveCount).toBeUndefined();
    for (const index of [0, 2]) expect(after!.children[index]).toEqual(before!.children[index]);
    // From the history alone (a saved execution), the Map Run is redriven with every child.
    const fromHistory = await machine.redrive(failed, {
      redriveTime: LATER,
      resolvers: { [ARN('do')]: flaky(calls, () => false) },
    }).result;
    expect(fromHistory.status).toBe('SUCCEEDED');
    expect(fromHistory.history.some((e) => e.type === 'MapRunRedriven')).toBe(true);
  });
});

describe('redriving twice', () => {
  it('keeps what each redrive finished: a branch that succeeded before the first one does not run again', async () => {
    const machine = StateMachine.from({
      StartAt: 'All',
      States: {
        All: {
          Type: 'Parallel',
          Branches: ['a', 'b', 'c'].map((name) => ({
            StartAt: name,
            States: { [name]: { Type: 'Task', Resource: ARN(name), End: true } },
          })),
          End: true,
        },
      },
    });
    const calls: string[] = [];
    const failing = new Set(['b', 'c']);
    const resolvers = Object.fromEntries(
      ['a', 'b', 'c'].map((name) => [
        ARN(name),
        (() => {
          calls.push(name);
          if (failing.has(name)) throw new TaskError('Broken', name);
          return name.toUpperCase();
        }) as TaskResolver,
      ]),
    );
    const first = machine.start({}, { seed: 1, startTime: START, resolvers });
    await first.result;
    failing.delete('b');
    const second = first.redrive({ redriveTime: LATER });
    expect((await second.result).status).toBe('FAILED');
    failing.clear();
    const third = await second.redrive({ redriveTime: '2026-03-03T00:00:00.000Z' }).result;
    expect(third).toMatchObject({ status: 'SUCCEEDED', output: ['A', 'B', 'C'], redriveCount: 2 });
    // a ran once; b until it succeeded (in the first redrive, unless the failure of c stopped it first); c three times.
    expect(calls.filter((name) => name === 'a')).toHaveLength(1);
    expect(calls.filter((name) => name === 'c')).toHaveLength(3);
  });
});

describe('a redriven history in the viewer and coverage', () => {
  it("folds to the redrive's outcome, with the failed state visited twice", async () => {
    const machine = StateMachine.from(passThenTask);
    const first = machine.start({}, { seed: 1, startTime: START, resolvers: { [ARN('work')]: flaky([], () => true) } });
    await first.result;
    const redriven = first.redrive({ redriveTime: LATER, resolvers: { [ARN('work')]: () => 'ok' } });
    const result = await redriven.result;
    const model = buildGraph(machine.definition);
    const halfway = foldHistory(model, result.history, first.history.length + 1);
    expect(halfway.status).toBe('RUNNING');
    const snapshot = foldHistory(model, result.history);
    expect(snapshot.status).toBe('SUCCEEDED');
    const stopped = foldHistory(model, result.history, first.history.length);
    expect(stopped.statuses['Work']).toBe('failed');
    expect(stopped.statuses[END_NODE_ID]).toBe('failed');
    // Each visit keeps its own status; the node shows how the redrive left it, and so does the end.
    expect(snapshot.visits['Work']!.map((visit) => visit.status)).toEqual(['failed', 'succeeded']);
    expect(snapshot.statuses['Work']).toBe('succeeded');
    expect(snapshot.statuses[END_NODE_ID]).toBe('succeeded');
    expect(snapshot.output).toBe('ok');
    const trace = traceExecution(result.history, machine.definition);
    expect(trace.visits.map((visit) => visit.name)).toEqual(['Prepare', 'Work', 'Work']);
  });
});

describe('variables on a redrive', () => {
  it('are those the finished states assigned', async () => {
    const machine = StateMachine.from({
      QueryLanguage: 'JSONata',
      StartAt: 'Remember',
      States: {
        Remember: { Type: 'Pass', Assign: { customer: 'Ada', tries: 1 }, Next: 'Work' },
        Work: {
          Type: 'Task',
          Resource: ARN('work'),
          Arguments: { who: '{% $customer %}', n: '{% $tries %}' },
          End: true,
        },
      },
    });
    const calls: Json[] = [];
    const first = machine.start(
      {},
      { seed: 1, startTime: START, resolvers: { [ARN('work')]: flaky(calls, () => true) } },
    );
    await first.result;
    const result = await first.redrive({ redriveTime: LATER, resolvers: { [ARN('work')]: flaky(calls, () => false) } })
      .result;
    expect(result.output).toEqual({ done: { who: 'Ada', n: 1 } });
    expect(calls).toEqual([
      { who: 'Ada', n: 1 },
      { who: 'Ada', n: 1 },
    ]);
  });
});

describe('determinism of redrives with concurrent children', () => {
  it('gives the same history byte for byte for a Parallel of Maps redriven twice', async () => {
    const machine = StateMachine.from({
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          Branches: ['x', 'y'].map((name) => ({
            StartAt: name,
            States: {
              [name]: {
                Type: 'Map',
                ItemsPath: '$.items',
                ItemProcessor: {
                  StartAt: `${name}Do`,
                  States: {
                    [`${name}Do`]: {
                      Type: 'Task',
                      Resource: ARN('do'),
                      Retry: [{ ErrorEquals: ['Broken'], MaxAttempts: 1, JitterStrategy: 'FULL' }],
                      End: true,
                    },
                  },
                },
                End: true,
              },
            },
          })),
          End: true,
        },
      },
    });
    const run = async (): Promise<string> => {
      const broken = new Set<Json>([2, 5]);
      const resolvers = { [ARN('do')]: flaky([], (input) => broken.has(input)) };
      const first = machine.start({ items: [1, 2, 3, 4, 5, 6] }, { seed: 3, startTime: START, resolvers });
      await first.result;
      broken.delete(2);
      const second = first.redrive({ seed: 4, redriveTime: LATER });
      await second.result;
      broken.clear();
      const third = await second.redrive({ seed: 5, redriveTime: '2026-03-03T00:00:00.000Z' }).result;
      expect(third.status).toBe('SUCCEEDED');
      return JSON.stringify(third.history);
    };
    expect(await run()).toBe(await run());
  });
});

describe('redriving ABORTED and TIMED_OUT executions', () => {
  const CALLBACK = 'arn:aws:states:::sqs:sendMessage.waitForTaskToken';
  const callback = StateMachine.from({
    TimeoutSeconds: 10,
    StartAt: 'Prepare',
    States: {
      Prepare: { Type: 'Pass', Result: 'ready', Next: 'Ask' },
      Ask: { Type: 'Task', Resource: CALLBACK, Parameters: { 'token.$': '$$.Task.Token' }, End: true },
    },
  });
  const onCallback = { [CALLBACK]: () => awaitCallback() };

  /** Answers the execution's callback as soon as its task is submitted. */
  const answerWith = (execution: Execution, output: Json): void => {
    execution.subscribe((event) => {
      if (event.type === 'TaskSubmitted')
        queueMicrotask(() => execution.sendTaskSuccess(execution.openTaskTokens()[0]!, output));
    });
  };

  it('re-enters the task a stop interrupted', async () => {
    const first = callback.start({}, { seed: 1, startTime: START, resolvers: onCallback });
    first.subscribe((event) => {
      if (event.type === 'TaskSubmitted') queueMicrotask(() => first.stop('Operator', 'paused'));
    });
    expect(await first.result).toMatchObject({ status: 'ABORTED', error: 'Operator' });
    const redriven = first.redrive({ redriveTime: LATER });
    answerWith(redriven, 'yes');
    const result = await redriven.result;
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: 'yes', redriveCount: 1 });
    const after = result.history.slice(first.history.length);
    expect(after[1]).toMatchObject({
      type: 'TaskStateEntered',
      stateEnteredEventDetails: { name: 'Ask', input: '"ready"' },
    });
  });

  it('counts the execution timeout afresh from the redrive', async () => {
    const first = callback.start({}, { seed: 1, startTime: START, resolvers: onCallback });
    const timedOut = await first.result;
    expect(timedOut).toMatchObject({ status: 'TIMED_OUT', stopDate: '2026-03-01T00:00:10.000Z' });
    // Nobody answers again: the redrive times out 10 seconds after it started, not at once.
    const again = await first.redrive({ redriveTime: LATER }).result;
    expect(again).toMatchObject({ status: 'TIMED_OUT', stopDate: '2026-03-02T00:00:10.000Z', redriveCount: 1 });
    const answered = first.redrive({ redriveTime: LATER });
    answerWith(answered, 'late');
    expect(await answered.result).toMatchObject({ status: 'SUCCEEDED', output: 'late' });
  });
});
