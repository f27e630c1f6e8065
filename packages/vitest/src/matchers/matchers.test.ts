import { describe, expect, it } from 'vitest';
import { StateMachine, type Json } from '@aslkit/core';
import { runMachine, type RunOptions } from '../run-machine.js';
import { aslkitMatchers } from './index.js';
import '../matcher-types.js';

expect.extend(aslkitMatchers);

const lambda = 'arn:aws:lambda:us-east-1:123456789012:function:work';
const definition = {
  StartAt: 'Check',
  States: {
    Check: { Type: 'Choice', Choices: [{ Variable: '$.skip', BooleanEquals: true, Next: 'Done' }], Default: 'Work' },
    Work: {
      Type: 'Task',
      Resource: lambda,
      Retry: [{ ErrorEquals: ['Busy'], IntervalSeconds: 1, MaxAttempts: 2 }],
      Catch: [{ ErrorEquals: ['Bad'], Next: 'Handle' }],
      Next: 'Done',
    },
    Handle: { Type: 'Pass', Result: { handled: true }, Next: 'Done' },
    Done: { Type: 'Succeed' },
  },
};

const run = (mocks: RunOptions['mocks'], input: Json = { skip: false }) =>
  runMachine(definition, { input, mocks, coverage: false });
const ok = () => run({ Work: [{ return: { total: 3 } }] });
const retried = () => run({ Work: [{ throw: { error: 'Busy', cause: 'try later' } }, { return: { total: 3 } }] });
const caught = () => run({ Work: [{ throw: { error: 'Bad', cause: 'no good' } }] });
const failed = () => run({ Work: [{ throw: { error: 'Boom', cause: 'it broke' } }] });

/** The message of a failing assertion, without colours. */
function messageOf(assertion: () => void): string {
  try {
    assertion();
  } catch (error) {
    return (error as Error).message.replace(/\u001b\[[0-9;]*m/g, '');
  }
  throw new Error('the assertion passed, but it was expected to fail');
}

describe('toSucceed', () => {
  it('passes on a succeeded run, and .not on a failed one', async () => {
    expect(await ok()).toSucceed();
    expect(await failed()).not.toSucceed();
  });

  it('explains a failed run with its outcome, path and failure events', async () => {
    const result = await failed();
    const message = messageOf(() => expect(result).toSucceed());
    expect(message).toContain('expected the execution to succeed, but it ended FAILED');
    expect(message).toContain('Execution: FAILED with Boom: it broke');
    expect(message).toContain('Path: Check → Work [failed: Boom]');
    expect(message).toContain('Failure events:\n  #');
    expect(message).toMatch(/#\d+ LambdaFunctionFailed \(Work\) error="Boom" cause="it broke"/);
    expect(message).toMatch(/#\d+ ExecutionFailed error="Boom" cause="it broke"/);
  });

  it('says so when .not fails', async () => {
    const result = await ok();
    expect(messageOf(() => expect(result).not.toSucceed())).toContain(
      'expected the execution not to succeed, but it did',
    );
  });

  it('rejects values that are not runs, and hints at a missing await', async () => {
    expect(messageOf(() => expect(ok()).toSucceed())).toContain('Did you forget to await runMachine(...)?');
    expect(messageOf(() => expect({ status: 'SUCCEEDED' }).toSucceed())).toContain(
      'expected an aslkit execution result',
    );
    expect(messageOf(() => expect(null).toHaveVisited('Work'))).toContain('expected an aslkit execution result');
  });

  it('works on a plain result from the engine, traced from its history', async () => {
    const result = await StateMachine.from(definition).run(
      { skip: false },
      { mocks: { Work: [{ throw: { error: 'Bad' } }] } },
    );
    expect(result).toSucceed();
    expect(result).toHaveCaught('Work', 'Bad');
    expect(result).toHaveTakenPath(['Check', 'Work', 'Handle', 'Done']);
  });
});

describe('toSucceedWith', () => {
  it('compares the output, asymmetric matchers included', async () => {
    const result = await ok();
    expect(result).toSucceedWith({ total: 3 });
    expect(result).toSucceedWith(expect.objectContaining({ total: expect.any(Number) }));
    expect(result).not.toSucceedWith({ total: 4 });
  });

  it('shows a diff of the outputs', async () => {
    const result = await ok();
    const message = messageOf(() => expect(result).toSucceedWith({ total: 4 }));
    expect(message).toContain('the execution succeeded with a different output');
    expect(message).toMatch(/-\s+"total": 4/);
    expect(message).toMatch(/\+\s+"total": 3/);
    expect(message).toContain('Path: Check → Work → Done');
  });

  it('says the run did not succeed before comparing outputs', async () => {
    const result = await failed();
    expect(messageOf(() => expect(result).toSucceedWith({}))).toContain(
      'expected the execution to succeed, but it ended FAILED',
    );
  });
});

describe('toFailWith', () => {
  it('matches the error and cause as text, RegExp or asymmetric matcher', async () => {
    const result = await failed();
    expect(result).toFailWith('Boom');
    expect(result).toFailWith('Boom', 'it broke');
    expect(result).toFailWith(/^Bo/, expect.stringContaining('broke'));
    expect(result).not.toFailWith('Boom', 'something else');
  });

  it('marks which of error and cause matched', async () => {
    const result = await failed();
    const message = messageOf(() => expect(result).toFailWith('Boom', 'nope'));
    expect(message).toContain('expected the execution to fail with "Boom" and cause "nope"');
    expect(message).toContain('error (matches): "Boom"');
    expect(message).toContain('cause: "it broke"');
  });

  it('reports a run that succeeded', async () => {
    const result = await ok();
    expect(messageOf(() => expect(result).toFailWith('Boom'))).toContain(
      'expected the execution to fail with "Boom", but it ended SUCCEEDED',
    );
  });
});

describe('toHaveVisited / toHaveTakenPath / toHaveTransitioned', () => {
  it('counts visits', async () => {
    const result = await ok();
    expect(result).toHaveVisited('Work');
    expect(result).toHaveVisited('Work', 1);
    expect(result).not.toHaveVisited('Handle');
    const message = messageOf(() => expect(result).toHaveVisited('Work', 2));
    expect(message).toContain('expected "Work" to be visited 2 times, but it was visited 1 time');
    expect(message).toContain('States visited: Check ×1, Work ×1, Done ×1');
  });

  it('names the states there are when a name is unknown', async () => {
    const result = await ok();
    const message = messageOf(() => expect(result).toHaveVisited('Wrok'));
    expect(message).toContain('(the definition has no state named "Wrok"; it has: Check, Work, Handle, Done)');
  });

  it('compares the top-level path with a diff', async () => {
    const result = await caught();
    expect(result).toHaveTakenPath(['Check', 'Work', 'Handle', 'Done']);
    const message = messageOf(() => expect(result).toHaveTakenPath(['Check', 'Work', 'Done']));
    expect(message).toContain('the execution took a different top-level path');
    expect(message).toMatch(/\+\s+"Handle",/);
    expect(messageOf(() => expect(result).toHaveTakenPath('Check' as never))).toContain(
      'expected path must be an array of state names',
    );
  });

  it('finds transitions and says where the state went instead', async () => {
    const result = await caught();
    expect(result).toHaveTransitioned('Work', 'Handle');
    expect(result).not.toHaveTransitioned('Work', 'Done');
    expect(messageOf(() => expect(result).toHaveTransitioned('Work', 'Done'))).toContain(
      'expected a transition "Work" → "Done", but "Work" went to "Handle"',
    );
    const skipped = await run({}, { skip: true });
    expect(messageOf(() => expect(skipped).toHaveTransitioned('Work', 'Done'))).toContain(
      'but "Work" was never visited',
    );
    expect(messageOf(() => expect(result).not.toHaveTransitioned('Work', 'Handle'))).toContain(
      'expected no transition "Work" → "Handle", but it happened 1 time',
    );
  });
});

describe('toHaveRetried / toHaveCaught', () => {
  it('counts retries over all visits', async () => {
    const result = await retried();
    expect(result).toHaveRetried('Work');
    expect(result).toHaveRetried('Work', 1);
    expect(await ok()).not.toHaveRetried('Work');
  });

  it('lists each attempt and its error when the count is wrong', async () => {
    const result = await retried();
    const message = messageOf(() => expect(result).toHaveRetried('Work', 2));
    expect(message).toContain('expected "Work" to be retried 2 times, but it was retried 1 time');
    expect(message).toContain('visit 1: attempt 1 failed with Busy (try later), attempt 2 succeeded');
    expect(message).toMatch(/Failure events of "Work":\n {2}#\d+ LambdaFunctionFailed \(Work\) error="Busy"/);
    expect(messageOf(() => expect(result).toHaveRetried('Nope'))).toContain('(it was never visited)');
  });

  it("lists a branch state's own failures, not the Parallel's join that follows them", async () => {
    const parallel = {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'Work', States: { Work: { Type: 'Task', Resource: lambda, End: true } } }],
          End: true,
        },
      },
    };
    const result = await runMachine(parallel, {
      mocks: { Work: [{ throw: { error: 'Boom', cause: 'x' } }] },
      coverage: false,
    });
    const message = messageOf(() => expect(result).toHaveRetried('Work'));
    expect(message).toMatch(
      /Failure events of "Work":\n {2}#\d+ LambdaFunctionFailed \(Work\) error="Boom" cause="x"(\n|$)/,
    );
    expect(message.slice(message.indexOf('Failure events of "Work"'))).not.toContain('ParallelStateFailed');
  });

  it('finds catches, by error name when given', async () => {
    const result = await caught();
    expect(result).toHaveCaught('Work');
    expect(result).toHaveCaught('Work', 'Bad');
    expect(result).toHaveCaught('Work', /^B/);
    expect(result).not.toHaveCaught('Work', 'Busy');
    expect(await ok()).not.toHaveCaught('Work');
  });

  it('says what was caught, or that nothing was', async () => {
    const result = await caught();
    expect(messageOf(() => expect(result).toHaveCaught('Work', 'Busy'))).toContain(
      'expected "Work" to catch "Busy", but it caught "Bad"',
    );
    const plain = await ok();
    const message = messageOf(() => expect(plain).toHaveCaught('Work'));
    expect(message).toContain('expected "Work" to catch an error, but it caught nothing');
    expect(message).toContain('visit 1: attempt 1 succeeded');
    expect(messageOf(() => expect(result).not.toHaveCaught('Work'))).toContain(
      'expected "Work" not to catch an error, but it caught Bad',
    );
  });
});
