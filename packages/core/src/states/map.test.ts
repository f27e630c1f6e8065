import { describe, expect, it } from 'vitest';
import { StateMachine } from '../runtime/state-machine.js';
import { TaskError } from '../resolvers/resolver.js';
import type { HistoryEvent } from '../history/events.js';

const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:f';

describe('Map: a failed iteration', () => {
  it("points MapStateFailed at the failed iteration's last event, not at the aborted siblings recorded after it", async () => {
    const machine = StateMachine.from({
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          ItemProcessor: { StartAt: 'T', States: { T: { Type: 'Task', Resource: LAMBDA, End: true } } },
          End: true,
        },
      },
    });
    const items = Array.from({ length: 300 }, (_, i) => i);
    const result = await machine.run(items, {
      seed: 's',
      startTime: 0,
      resolvers: {
        [LAMBDA]: async (input, context) => {
          if (input === 45) throw new TaskError('Bad', 'item 45');
          await context.clock.sleep(1_000);
          return input;
        },
      },
    });
    expect(result).toMatchObject({ status: 'FAILED', error: 'Bad', cause: 'item 45' });
    const byType = (type: string): HistoryEvent[] => result.history.filter((e) => e.type === type);
    const iterationFailed = byType('MapIterationFailed');
    expect(iterationFailed).toHaveLength(1);
    // The first 40 finished (and were let go); the 39 running beside item 45 are aborted after it failed.
    expect(byType('MapIterationSucceeded')).toHaveLength(40);
    const aborted = byType('MapIterationAborted');
    expect(aborted).toHaveLength(39);
    expect(aborted.every((e) => e.id > iterationFailed[0]!.id)).toBe(true);
    // The failed iteration's last inner event: MapIterationFailed sits outside the chain (history-events.md §4e).
    expect(byType('MapStateFailed')[0]!.previousEventId).toBe(iterationFailed[0]!.previousEventId);
  });
});

describe('Map and Parallel under Retry (docs/research/history-events.md §4c, §4e)', () => {
  const retry = [{ ErrorEquals: ['States.ALL'], MaxAttempts: 2, IntervalSeconds: 1 }];
  const types = (history: readonly HistoryEvent[]) => history.map((e) => e.type);

  it('records MapStateFailed once, after the last attempt; a retry goes MapIterationFailed -> MapStateStarted', async () => {
    const result = await StateMachine.from({
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          Retry: retry,
          ItemProcessor: { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'E' } } },
          End: true,
        },
      },
    }).run([1], { seed: 's', startTime: 0 });
    const attempt = ['MapStateStarted', 'MapIterationStarted', 'FailStateEntered', 'MapIterationFailed'];
    expect(types(result.history)).toEqual([
      'ExecutionStarted',
      'MapStateEntered',
      ...attempt,
      ...attempt,
      ...attempt,
      'MapStateFailed',
      'ExecutionFailed',
    ]);
    // The retry's MapStateStarted follows the failing inner event, not MapIterationFailed.
    const restarted = result.history.filter((e) => e.type === 'MapStateStarted')[1]!;
    const failState = result.history.filter((e) => e.type === 'FailStateEntered')[0]!;
    expect(restarted.previousEventId).toBe(failState.id);
    const failed = result.history.find((e) => e.type === 'MapStateFailed')!;
    expect(failed.previousEventId).toBe(result.history.filter((e) => e.type === 'FailStateEntered')[2]!.id);
  });

  it('records ParallelStateFailed once; a retry goes FailStateEntered -> ParallelStateStarted', async () => {
    const result = await StateMachine.from({
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Retry: retry,
          Branches: [{ StartAt: 'F', States: { F: { Type: 'Fail', Error: 'E' } } }],
          End: true,
        },
      },
    }).run({}, { seed: 's', startTime: 0 });
    expect(types(result.history)).toEqual([
      'ExecutionStarted',
      'ParallelStateEntered',
      'ParallelStateStarted',
      'FailStateEntered',
      'ParallelStateStarted',
      'FailStateEntered',
      'ParallelStateStarted',
      'FailStateEntered',
      'ParallelStateFailed',
      'ExecutionFailed',
    ]);
    const ids = result.history.map((e) => [e.id, e.previousEventId]);
    // 5(4) ParallelStateStarted, 9(8) ParallelStateFailed, 10(9) ExecutionFailed, as AWS recorded them.
    expect(ids.slice(4)).toEqual([
      [5, 4],
      [6, 5],
      [7, 6],
      [8, 7],
      [9, 8],
      [10, 9],
    ]);
  });

  it('records MapStateFailed before the catcher exits the state', async () => {
    const result = await StateMachine.from({
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Done' }],
          ItemProcessor: { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'E' } } },
          Next: 'Done',
        },
        Done: { Type: 'Succeed' },
      },
    }).run([1], { seed: 's', startTime: 0 });
    expect(types(result.history).slice(-6)).toEqual([
      'MapIterationFailed',
      'MapStateFailed',
      'MapStateExited',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('records MapStateFailed after EvaluationFailed when a JSONata Items is not an array', async () => {
    const result = await StateMachine.from({
      QueryLanguage: 'JSONata',
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          Items: '{% $states.input.n %}',
          ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
          End: true,
        },
      },
    }).run({ n: 1 }, { seed: 's', startTime: 0 });
    expect(result.error).toBe('States.QueryEvaluationError');
    expect(types(result.history)).toEqual([
      'ExecutionStarted',
      'MapStateEntered',
      'EvaluationFailed',
      'MapStateFailed',
      'ExecutionFailed',
    ]);
  });
});
