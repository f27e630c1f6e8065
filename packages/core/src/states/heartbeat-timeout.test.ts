import { describe, expect, it } from 'vitest';
import { StateMachine } from '../runtime/state-machine.js';

const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:slow';
const machine = (handlers: { Catch?: object[]; Retry?: object[] }) =>
  StateMachine.from({
    StartAt: 'Work',
    States: {
      Work: { Type: 'Task', Resource: LAMBDA, TimeoutSeconds: 60, HeartbeatSeconds: 5, End: true, ...handlers },
      ...(handlers.Catch ? { Caught: { Type: 'Pass', End: true } } : {}),
    },
  });
/** A call that runs `seconds` on the virtual clock without heartbeating. */
const slow = (seconds: number) =>
  ({
    [LAMBDA]: async (_input: unknown, context: { clock: { sleep(ms: number): Promise<void> } }) => {
      await context.clock.sleep(seconds * 1000);
      return 'done';
    },
  }) as const;

describe('a heartbeat expiry (AWS: error States.Timeout, also matched by States.HeartbeatTimeout)', () => {
  it('is recorded as States.Timeout', async () => {
    const result = await machine({}).run({}, { startTime: 0, resolvers: slow(30) });
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('States.Timeout');
    const timedOut = result.history.find((e) => e.type === 'LambdaFunctionTimedOut') as {
      lambdaFunctionTimedOutEventDetails: { error: string };
    };
    expect(timedOut.lambdaFunctionTimedOutEventDetails.error).toBe('States.Timeout');
    expect(result.stopDate).toBe('1970-01-01T00:00:05.000Z');
  });

  it('is caught by States.HeartbeatTimeout and by States.Timeout, not by States.TaskFailed', async () => {
    const catching = (name: string) => machine({ Catch: [{ ErrorEquals: [name], Next: 'Caught' }] });
    for (const name of ['States.HeartbeatTimeout', 'States.Timeout', 'States.ALL']) {
      const result = await catching(name).run({}, { startTime: 0, resolvers: slow(30) });
      expect(result.status, name).toBe('SUCCEEDED');
      expect(result.output, name).toEqual({ Error: 'States.Timeout', Cause: '' });
    }
    const uncaught = await catching('States.TaskFailed').run({}, { startTime: 0, resolvers: slow(30) });
    expect(uncaught.status).toBe('FAILED');
  });

  it('is retried by a States.HeartbeatTimeout retrier', async () => {
    const retried = machine({ Retry: [{ ErrorEquals: ['States.HeartbeatTimeout'], MaxAttempts: 1 }] });
    const result = await retried.run({}, { startTime: 0, resolvers: slow(30) });
    expect(result.history.filter((e) => e.type === 'LambdaFunctionTimedOut')).toHaveLength(2);
    expect(result.error).toBe('States.Timeout');
  });

  it('leaves a TimeoutSeconds expiry to States.Timeout: States.HeartbeatTimeout does not match it', async () => {
    const noHeartbeat = StateMachine.from({
      StartAt: 'Work',
      States: {
        Work: {
          Type: 'Task',
          Resource: LAMBDA,
          TimeoutSeconds: 3,
          End: true,
          Catch: [{ ErrorEquals: ['States.HeartbeatTimeout'], Next: 'Caught' }],
        },
        Caught: { Type: 'Pass', End: true },
      },
    });
    const result = await noHeartbeat.run({}, { startTime: 0, resolvers: slow(30) });
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('States.Timeout');
  });

  it("reaches an enclosing Parallel by its name only: the Parallel's States.HeartbeatTimeout does not match", async () => {
    const parallel = StateMachine.from({
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'Work', States: { Work: { Type: 'Task', Resource: LAMBDA, HeartbeatSeconds: 5, End: true } } },
          ],
          Catch: [
            { ErrorEquals: ['States.HeartbeatTimeout'], Next: 'Heartbeat' },
            { ErrorEquals: ['States.Timeout'], Next: 'Caught' },
          ],
          End: true,
        },
        Heartbeat: { Type: 'Pass', Result: 'heartbeat', End: true },
        Caught: { Type: 'Pass', Result: 'timeout', End: true },
      },
    });
    const result = await parallel.run({}, { startTime: 0, resolvers: slow(30) });
    expect(result.output).toBe('timeout');
  });
});
