import { describe, expect, it } from 'vitest';
import { StateMachine, activityWorkerResolver, awaitCallback, type TaskContext } from '../index.js';

const ACTIVITY = 'arn:aws:states:us-east-1:123456789012:activity:review';
const machine = (timeout?: number) =>
  StateMachine.from({
    StartAt: 'Review',
    States: {
      Review: { Type: 'Task', Resource: ACTIVITY, ...(timeout ? { TimeoutSeconds: timeout } : {}), End: true },
    },
  });

describe('activityWorkerResolver', () => {
  it('records ActivityStarted with the worker name when a worker takes the task, not when it is scheduled', async () => {
    let taken: TaskContext | undefined;
    const execution = machine().start(
      { doc: 1 },
      {
        seed: 1,
        // A worker answers in real time; on the virtual clock the execution would skip to its deadline.
        realTime: true,
        resolvers: {
          [ACTIVITY]: activityWorkerResolver((_input, context) => {
            taken = context;
            return awaitCallback();
          }),
        },
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(execution.history.map((event) => event.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'ActivityScheduled',
    ]);
    taken!.workerStarted!('worker-7');
    execution.sendTaskSuccess(taken!.taskToken!, { ok: true });
    const result = await execution.result;
    expect(result.output).toEqual({ ok: true });
    const started = result.history.find((event) => event.type === 'ActivityStarted');
    expect(started).toMatchObject({ activityStartedEventDetails: { workerName: 'worker-7' } });
    expect(result.history.map((event) => event.type).slice(2, 5)).toEqual([
      'ActivityScheduled',
      'ActivityStarted',
      'ActivitySucceeded',
    ]);
  });

  it('times a task no worker took out without ActivityStarted', async () => {
    const result = await machine(5).run(
      {},
      { seed: 1, resolvers: { [ACTIVITY]: activityWorkerResolver(() => awaitCallback()) } },
    );
    expect(result.history.map((event) => event.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'ActivityScheduled',
      'ActivityTimedOut',
      'ExecutionFailed',
    ]);
  });

  it('keeps ActivityStarted right after ActivityScheduled for plain resolvers', async () => {
    const result = await machine().run({}, { seed: 1, resolvers: { [ACTIVITY]: () => ({ done: true }) } });
    expect(result.history.map((event) => event.type).slice(2, 5)).toEqual([
      'ActivityScheduled',
      'ActivityStarted',
      'ActivitySucceeded',
    ]);
  });
});
