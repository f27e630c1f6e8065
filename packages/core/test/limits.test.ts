// The limits of docs/reference/limits.md, on the hostile definitions of fixtures/hostile/ (their
// runnable cases are in *.test.json, run by packages/node/test/fixtures.test.ts) and on library-only scenarios:
// callbacks answered late or never, Express executions, real-time resolvers.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  awaitCallback,
  DefinitionError,
  MAX_JSON_DEPTH,
  StateMachine,
  UsageError,
  validate,
  type Execution,
  type HistoryEvent,
  type Json,
  type MockScript,
  type TaskContext,
} from '../src/index.js';
import { run, START, types } from './helpers.js';

const hostile = (name: string): string =>
  readFileSync(join(import.meta.dirname, '..', '..', '..', 'fixtures', 'hostile', name), 'utf8');

const definitionErrorOf = (make: () => unknown): DefinitionError => {
  try {
    make();
  } catch (error) {
    if (error instanceof DefinitionError) return error;
    throw error;
  }
  throw new Error('expected a DefinitionError');
};

describe('nesting depth (fixtures/hostile/deep-parameters.asl.json)', () => {
  const text = hostile('deep-parameters.asl.json');
  // The root, States, Deep and Parameters are four levels: the 997th `x` inside is the 1,001st.
  const pointer = `/States/Deep/Parameters${'/x'.repeat(MAX_JSON_DEPTH - 3)}`;

  it('validate reports TOO_DEEPLY_NESTED at the first value too deep, with its line and column', () => {
    expect(validate(text)).toEqual([
      {
        code: 'TOO_DEEPLY_NESTED',
        severity: 'ERROR',
        message: `The definition is nested more than ${MAX_JSON_DEPTH} levels deep`,
        path: pointer,
        line: 1,
        column: text.indexOf('"Parameters":') + '"Parameters":'.length + '{"x":'.length * (MAX_JSON_DEPTH - 3) + 1,
      },
    ]);
    expect(validate(JSON.parse(text)).map((d) => [d.code, d.path])).toEqual([['TOO_DEEPLY_NESTED', pointer]]);
  });

  it('StateMachine.from refuses it with the same diagnostic, validated or not, text or value', () => {
    for (const make of [
      () => StateMachine.from(text),
      () => StateMachine.from(JSON.parse(text) as object),
      () => StateMachine.from(JSON.parse(text) as object, { validate: false }),
    ]) {
      expect(definitionErrorOf(make).diagnostics.map((d) => [d.code, d.path])).toEqual([
        ['TOO_DEEPLY_NESTED', pointer],
      ]);
    }
  });

  it('locates text too deep even for JSON.parse, and malformed text too deep for the locating parser', () => {
    const deep = '{"StartAt":"A","States":{"A":{"Type":"Pass","End":true,"Result":' + '['.repeat(200_000);
    expect(validate(`${deep}${']'.repeat(200_000)}}}}`)[0]).toMatchObject({
      code: 'TOO_DEEPLY_NESTED',
      path: `/States/A/Result${'/0'.repeat(MAX_JSON_DEPTH - 3)}`,
      line: 1,
    });
    expect(validate(`${deep}x`)[0]).toMatchObject({ code: 'TOO_DEEPLY_NESTED', line: 1 });
  });

  it('a JSONata expression too deep for its parser is located at its field', () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'P',
      States: { P: { Type: 'Pass', Output: `{% ${Array(20_000).fill('1').join('+')} %}`, End: true } },
    };
    expect(validate(definition)).toMatchObject([{ code: 'TOO_DEEPLY_NESTED', path: '/States/P/Output' }]);
  });

  it('accepts nesting up to the limit', () => {
    let result: unknown = 1;
    for (let i = 0; i < MAX_JSON_DEPTH - 3; i++) result = [result];
    const definition = { StartAt: 'A', States: { A: { Type: 'Pass', Result: result, End: true } } };
    expect(validate(definition)).toEqual([]);
    expect(() => StateMachine.from(definition)).not.toThrow();
    const deeper = { StartAt: 'A', States: { A: { Type: 'Pass', Result: [result], End: true } } };
    expect(validate(deeper).map((d) => d.code)).toEqual(['TOO_DEEPLY_NESTED']);
  });
});

describe('payload sizes are measured before the text is written', () => {
  it('refuses a Parameters fanning a 200 KB input out 3,000 times (600 MB of text) at 256 KiB', async () => {
    const result = await StateMachine.from(hostile('parameters-fan-out.asl.json')).run(
      { text: 'x'.repeat(200_000) },
      { seed: 1, startTime: START },
    );
    expect(result).toMatchObject({
      status: 'FAILED',
      error: 'States.DataLimitExceeded',
      cause: "The state/task 'Fan' returned a result with a size exceeding the maximum number of bytes service limit.",
    });
  });

  it('applies the limit to the input of a Parallel branch made by Parameters', async () => {
    const result = await run(
      {
        StartAt: 'Both',
        States: {
          Both: {
            Type: 'Parallel',
            Parameters: { 'a.$': '$.text', 'b.$': '$.text' },
            Branches: [{ StartAt: 'Inside', States: { Inside: { Type: 'Pass', End: true } } }],
            End: true,
          },
        },
      },
      { text: 'x'.repeat(200_000) },
    );
    expect(result).toMatchObject({
      status: 'FAILED',
      error: 'States.DataLimitExceeded',
      cause: "The state/task 'Inside' has an input with a size exceeding the maximum number of bytes service limit.",
    });
  });

  it('refuses an execution input over the limit or nested too deeply, before the run starts', () => {
    const machine = StateMachine.from({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } });
    expect(() => machine.start({ text: 'é'.repeat(131_072) })).toThrow(UsageError);
    let deep: unknown = 1;
    for (let i = 0; i <= MAX_JSON_DEPTH; i++) deep = [deep];
    expect(() => machine.start(deep as never)).toThrow(
      'The execution input is nested too deeply to be written as JSON',
    );
  });
});

describe('the maximum execution duration', () => {
  const callback = {
    StartAt: 'Approve',
    States: {
      Approve: {
        Type: 'Task',
        Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
        Parameters: { QueueUrl: 'q', 'MessageBody.$': '$$.Task.Token' },
        End: true,
      },
    },
  };
  const submitted = (execution: Execution): Promise<string> =>
    new Promise((resolve) =>
      execution.subscribe((event: HistoryEvent) => {
        if (event.type !== 'TaskScheduled') return;
        resolve(JSON.parse(event.taskScheduledEventDetails.parameters).MessageBody as string);
      }),
    );
  const start = (input = {}) =>
    StateMachine.from(callback).start(input, { seed: 1, startTime: START, resolvers: { '*': () => awaitCallback() } });

  it('times out a callback nobody answers at one year, with the history AWS records', async () => {
    const result = await start().result;
    expect(result).toMatchObject({
      status: 'TIMED_OUT',
      error: 'States.Timeout',
      stopDate: '2027-01-02T00:00:00.000Z',
    });
    expect(result.history.slice(-3).map((e) => [e.type, e.previousEventId, e.timestamp])).toEqual([
      ['TaskSubmitted', 4, START],
      ['TaskStateAborted', 5, '2027-01-02T00:00:00.000Z'],
      ['ExecutionTimedOut', 0, '2027-01-02T00:00:00.000Z'],
    ]);
  });

  it('still takes an answer the host sends from a zero-delay timer, or after awaiting', async () => {
    for (const later of [
      (answer: () => void) => setTimeout(answer, 0),
      (answer: () => void) => setImmediate(answer),
      (answer: () => void) => void Promise.resolve().then(async () => answer()),
    ]) {
      const execution = start();
      const token = await submitted(execution);
      later(() => execution.sendTaskSuccess(token, { approved: true }));
      await expect(execution.result).resolves.toMatchObject({
        status: 'SUCCEEDED',
        output: { approved: true },
        stopDate: START,
      });
    }
  });

  it('waits for an answer after real I/O while the host holds the clock', async () => {
    const execution = start();
    const token = await submitted(execution);
    const release = execution.holdClock();
    await new Promise((resolve) => setTimeout(resolve, 30));
    execution.sendTaskSuccess(token, 'late but held');
    release();
    await expect(execution.result).resolves.toMatchObject({ status: 'SUCCEEDED', output: 'late but held' });
  });

  it("ends at the machine's TimeoutSeconds when it comes first, as AWS records it (three events for a Wait)", async () => {
    const result = await run({
      StartAt: 'W',
      TimeoutSeconds: 3,
      States: { W: { Type: 'Wait', Seconds: 25, End: true } },
    });
    expect(result.history.map((e) => [e.type, e.previousEventId])).toEqual([
      ['ExecutionStarted', 0],
      ['WaitStateEntered', 0],
      ['ExecutionTimedOut', 0],
    ]);
    expect(result.stopDate).toBe('2026-01-01T00:00:03.000Z');
  });

  it.each<[string, { input?: Json; mocks?: MockScript }]>([
    ['retry-backoff-overflow', {}],
    ['timeout-path-huge', { input: { timeout: 1e15 }, mocks: { Work: [{ timeout: true }] } }],
    ['express-long-wait', {}],
  ])('ends %s at one year (Standard) or five minutes (Express)', async (name, { input, mocks }) => {
    const machine = StateMachine.from(hostile(`${name}.asl.json`));
    const options = { seed: 1, startTime: START, ...(mocks ? { mocks } : {}) };
    const standard = await machine.run(input ?? {}, options);
    const express = await machine.run(input ?? {}, { ...options, type: 'EXPRESS' });
    if (name === 'express-long-wait')
      expect(standard).toMatchObject({ status: 'SUCCEEDED', stopDate: '2026-01-01T00:10:00.000Z' });
    else expect(standard).toMatchObject({ status: 'TIMED_OUT', stopDate: '2027-01-02T00:00:00.000Z' });
    expect(express).toMatchObject({
      status: 'TIMED_OUT',
      error: 'States.Timeout',
      stopDate: '2026-01-01T00:05:00.000Z',
    });
    expect(express.history.at(-1)).toMatchObject({ type: 'ExecutionTimedOut', previousEventId: 0 });
  });

  it('settles execution.result with a status, history recorded or not', async () => {
    const definition = JSON.parse(hostile('retry-backoff-overflow.asl.json')) as object;
    for (const record of [true, false]) {
      const result = await run(definition, {}, { history: { record } });
      expect(result).toMatchObject({ status: 'TIMED_OUT', stopDate: '2027-01-02T00:00:00.000Z' });
    }
  });

  it('refuses a start time that leaves no room for the maximum duration', () => {
    const machine = StateMachine.from({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } });
    expect(() => machine.start({}, { startTime: '+275760-09-01T00:00:00Z' })).toThrow(UsageError);
    expect(() => machine.start({}, { startTime: '+275760-09-01T00:00:00Z', type: 'EXPRESS' })).not.toThrow();
  });
});

describe('Express executions', () => {
  const split = {
    StartAt: 'Split',
    States: {
      Split: { Type: 'Pass', Parameters: { 'parts.$': "States.StringSplit($$.Execution.Id, ':')" }, End: true },
    },
  };

  it("have AWS's express ARN, which definitions split on ':'", async () => {
    const machine = StateMachine.from(split, { name: 'Orders', type: 'EXPRESS' });
    const result = await machine.run({}, { seed: 7, name: 'order-1', startTime: START });
    expect(result.executionArn).toMatch(
      /^arn:aws:states:us-east-1:123456789012:express:Orders:order-1:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect((result.output as { parts: string[] }).parts).toEqual(result.executionArn.split(':'));
    // The id comes from the seed: reruns are byte for byte the same.
    expect((await machine.run({}, { seed: 7, name: 'order-1', startTime: START })).executionArn).toBe(
      result.executionArn,
    );
    expect((await machine.run({}, { seed: 7, name: 'order-1', startTime: START, type: 'STANDARD' })).executionArn).toBe(
      'arn:aws:states:us-east-1:123456789012:execution:Orders:order-1',
    );
  });

  it('refuse .sync and .waitForTaskToken with the validator, at from() or at an EXPRESS start', () => {
    const callback = {
      StartAt: 'T',
      States: { T: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', End: true } },
    };
    const express = definitionErrorOf(() => StateMachine.from(callback, { type: 'EXPRESS' }));
    expect(express.diagnostics.map((d) => [d.path, d.message])).toEqual([
      ['/States/T/Resource', "Express state machine does not support '.waitForTaskToken' service integration "],
    ]);
    const standard = StateMachine.from(callback);
    expect(() => standard.start({}, { type: 'EXPRESS' })).toThrow(DefinitionError);
    expect(() => standard.start({}, { type: 'express' as never })).toThrow(UsageError);
  });
});

describe('resolvers that wait on the outside world (context.useRealTime)', () => {
  const task = (fields: object) => ({
    StartAt: 'Call',
    States: { Call: { Type: 'Task', Resource: 'arn:aws:states:::http:invoke', End: true, ...fields } },
  });
  const dead = (context: TaskContext) => {
    context.useRealTime();
    return new Promise(() => undefined);
  };

  it('TimeoutSeconds times a dead endpoint out in real time, at the virtual time AWS would show', async () => {
    const result = await run(
      task({ TimeoutSeconds: 1 }),
      {},
      { resolvers: { '*': (_input, context) => dead(context) } },
    );
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    expect(result.history.find((e) => e.type === 'TaskTimedOut')?.timestamp).toBe('2026-01-01T00:00:01.000Z');
  });

  it('HeartbeatSeconds does the same for an endpoint that stops sending heartbeats', async () => {
    const result = await run(
      task({ TimeoutSeconds: 600, HeartbeatSeconds: 1 }),
      {},
      {
        resolvers: { '*': (_input, context) => dead(context) },
      },
    );
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    expect(types(result)).toContain('TaskTimedOut');
  });

  it('an endpoint that answers in time succeeds, taking no virtual time', async () => {
    const slow = async (_input: unknown, context: TaskContext) => {
      context.useRealTime();
      await new Promise((resolve) => setTimeout(resolve, 20));
      return 'answered';
    };
    const result = await run(task({ TimeoutSeconds: 5 }), {}, { resolvers: { '*': slow } });
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: 'answered', stopDate: START });
  });
});
