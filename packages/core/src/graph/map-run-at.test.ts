import { describe, expect, it } from 'vitest';
import { StateMachine } from '../runtime/state-machine.js';
import { TaskError } from '../resolvers/resolver.js';
import { mapRunAt } from './map-run-at.js';
import { mapRunView, pageOfChildren } from './map-run-view.js';

const START = '2026-03-01T00:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(START) + seconds * 1000).toISOString();
const WORK = 'arn:aws:lambda:us-east-1:123456789012:function:work';

/** Three items one at a time, each child waiting 10 s: they end at +10, +20 and +30 s. */
const slow = StateMachine.from({
  StartAt: 'Each',
  States: {
    Each: {
      Type: 'Map',
      MaxConcurrency: 1,
      ItemProcessor: {
        ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
        StartAt: 'Wait',
        States: {
          Wait: { Type: 'Wait', Seconds: 10, Next: 'Work' },
          Work: { Type: 'Task', Resource: WORK, End: true },
        },
      },
      End: true,
    },
  },
});

describe('mapRunAt: a Map Run at a position of the parent history', () => {
  it('is not started before MapRunStarted, running up to its end, as now from its end on', async () => {
    const execution = slow.start([1, 2, 3], { seed: 1, startTime: START, resolvers: { [WORK]: (input) => input } });
    const { history } = await execution.result;
    const run = mapRunView(execution.mapRuns[0]!);
    const index = (type: string) => history.findIndex((event) => event.type === type);
    const started = index('MapRunStarted');
    const ended = index('MapRunSucceeded');
    expect(mapRunAt(run, history, started)).toEqual({ phase: 'not-started' });
    const running = mapRunAt(run, history, started + 1);
    expect(running).toMatchObject({ phase: 'running', at: START, run: { status: 'RUNNING' } });
    expect(running.phase === 'running' ? Object.keys(running.run) : []).not.toContain('stopDate');
    expect(mapRunAt(run, history, ended + 1)).toEqual({ phase: 'now', run });
    expect(mapRunAt(run, history, history.length)).toEqual({ phase: 'now', run });
  });

  it('lists the children as they were at a time of the run: ended, running, not started', async () => {
    const execution = slow.start([1, 2, 3], { seed: 1, startTime: START, resolvers: { [WORK]: (input) => input } });
    await execution.result;
    const record = execution.mapRuns[0]!;
    const page = pageOfChildren(record, { at: at(15) });
    expect(page.children.map((child) => child.status)).toEqual(['SUCCEEDED', 'RUNNING', 'PENDING']);
    expect(page.itemCounts).toMatchObject({ succeeded: 1, running: 1, pending: 1, total: 3 });
    expect(pageOfChildren(record, { at: at(15), status: 'PENDING' }).children.map((c) => c.index)).toEqual([2]);
    // At the start, on the virtual clock, the first child has started and nothing has ended.
    expect(pageOfChildren(record, { at: START }).itemCounts).toMatchObject({ running: 1, pending: 2 });
    // Without `at`: as the records are now, with no counts on the page.
    const now = pageOfChildren(record);
    expect(now.children.every((child) => child.status === 'SUCCEEDED')).toBe(true);
    expect(now.itemCounts).toBeUndefined();
  });

  it('shows how a run ended before a redrive took it up again, from the events', async () => {
    let broken = true;
    const execution = slow.start([1, 2], {
      seed: 1,
      startTime: START,
      resolvers: {
        [WORK]: (input) => {
          if (broken && input === 2) throw new TaskError('Broken', 'down');
          return input;
        },
      },
    });
    await execution.result;
    broken = false;
    const redriven = execution.redrive({ redriveTime: at(3600) });
    const { history } = await redriven.result;
    const run = mapRunView(redriven.mapRuns[0]!);
    expect(run.status).toBe('SUCCEEDED');
    const failedAt = history.findIndex((event) => event.type === 'MapRunFailed');
    const seen = mapRunAt(run, history, failedAt + 1);
    expect(seen).toMatchObject({
      phase: 'ended-before-redrive',
      run: {
        status: 'FAILED',
        error: 'States.ExceedToleratedFailureThreshold',
        stopDate: history[failedAt]!.timestamp,
      },
    });
    const redrivenAt = history.findIndex((event) => event.type === 'MapRunRedriven');
    expect(mapRunAt(run, history, redrivenAt + 1)).toMatchObject({ phase: 'running', run: { status: 'RUNNING' } });
  });
});
