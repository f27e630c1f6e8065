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
    expect(byType('MapStateFailed')[0]!.previousEventId).toBe(iterationFailed[0]!.id);
  });
});
