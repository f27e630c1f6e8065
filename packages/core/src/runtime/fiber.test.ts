import { describe, expect, it } from 'vitest';
import { HistoryRecorder } from '../history/recorder.js';
import type { HistoryEvent } from '../history/events.js';
import { Fiber, type ExecutionEnv } from './fiber.js';
import { VariableScope } from './variables.js';

/** A root fiber over a fresh recorder; the linking methods read nothing else of the environment. */
function rootFiber(): { root: Fiber; events: HistoryEvent[] } {
  const recorder = new HistoryRecorder(() => 't', { record: true, maxEvents: Infinity });
  const env = { recorder } as Partial<ExecutionEnv> as ExecutionEnv;
  return { root: new Fiber(env, new VariableScope(), new AbortController().signal), events: recorder.events };
}

const links = (events: HistoryEvent[]) => events.map((e) => `${e.id}<-${e.previousEventId} ${e.type}`);
const signal = new AbortController().signal;

describe('Fiber: what each event follows', () => {
  it('chains its own events, and restarts at nothing for the execution start and interruptions', () => {
    const { root, events } = rootFiber();
    root.recordUnchained('ExecutionStarted', {
      executionStartedEventDetails: { input: '{}', inputDetails: { truncated: false }, roleArn: 'r' },
    });
    root.record('ParallelStateStarted', {});
    root.record('ParallelStateSucceeded', {});
    root.recordUnchained('ExecutionAborted', { executionAbortedEventDetails: {} });
    expect(links(events)).toEqual([
      '1<-0 ExecutionStarted',
      '2<-0 ParallelStateStarted',
      '3<-2 ParallelStateSucceeded',
      '4<-0 ExecutionAborted',
    ]);
  });

  it('starts a branch after the parent’s last event and an iteration after the latest event of the history', () => {
    const { root, events } = rootFiber();
    root.record('ParallelStateStarted', {});
    const first = root.branch(signal);
    const second = root.branch(signal);
    first.record('MapStateStarted', { mapStateStartedEventDetails: { length: 1 } });
    second.record('MapStateStarted', { mapStateStartedEventDetails: { length: 1 } });
    const iteration = first.iteration(signal, false);
    iteration.record('MapIterationStarted', { mapIterationStartedEventDetails: { name: 'M', index: 0 } });
    expect(links(events)).toEqual([
      '1<-0 ParallelStateStarted',
      '2<-1 MapStateStarted',
      '3<-1 MapStateStarted',
      '4<-3 MapIterationStarted',
    ]);
    expect(first.concurrent && iteration.concurrent && !root.concurrent).toBe(true);
  });

  it('gives an isolated iteration no outer variables, and an inline one a child scope', () => {
    const { root } = rootFiber();
    root.variables.assign({ outer: 1 });
    expect(root.iteration(signal, false).variables.get('outer')).toEqual({ found: true, value: 1 });
    expect(root.iteration(signal, true).variables.get('outer')).toEqual({ found: false });
  });

  it('records a failure after the failed child’s last event, and a join after the latest event, twice', () => {
    const { root, events } = rootFiber();
    root.record('ParallelStateStarted', {});
    const failed = root.branch(signal);
    const other = root.branch(signal);
    failed.record('FailStateEntered', {
      stateEnteredEventDetails: { name: 'F', input: '{}', inputDetails: { truncated: false } },
    });
    other.record('TaskStateAborted', {});
    root.recordAfter(failed, 'ParallelStateFailed', {});
    root.record('ParallelStateExited', {
      stateExitedEventDetails: { name: 'P', output: '{}', outputDetails: { truncated: false } },
    });
    root.recordJoined('MapStateSucceeded', {});
    root.record('MapStateExited', {
      stateExitedEventDetails: { name: 'M', output: '[]', outputDetails: { truncated: false } },
    });
    root.recordAfter(undefined, 'MapStateFailed', {});
    expect(links(events).slice(3)).toEqual([
      '4<-2 ParallelStateFailed',
      '5<-4 ParallelStateExited',
      '6<-5 MapStateSucceeded',
      '7<-5 MapStateExited',
      '8<-7 MapStateFailed',
    ]);
  });
});
