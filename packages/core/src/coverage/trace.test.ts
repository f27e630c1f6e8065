import { describe, expect, it } from 'vitest';
import { StateMachine } from '../runtime/state-machine.js';
import type { StartOptions } from '../runtime/state-machine.js';
import type { Json } from '../json.js';
import type { HistoryEvent } from '../history/events.js';
import { traceExecution } from './trace.js';

const run = (definition: object, input: Json = {}, options: StartOptions = {}) =>
  StateMachine.from(definition).run(input, { seed: 1, startTime: '2026-01-01T00:00:00Z', ...options });

const lambda = 'arn:aws:lambda:us-east-1:123456789012:function:work';

describe('traceExecution', () => {
  it('follows a linear machine: path, from/next and outcomes', async () => {
    const definition = {
      StartAt: 'A',
      States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'C' }, C: { Type: 'Succeed' } },
    };
    const trace = traceExecution((await run(definition)).history, definition);
    expect(trace.path).toEqual(['A', 'B', 'C']);
    expect(trace.visits.map((v) => [v.name, v.from, v.next, v.status])).toEqual([
      ['A', undefined, 'B', 'succeeded'],
      ['B', 'A', 'C', 'succeeded'],
      ['C', 'B', undefined, 'succeeded'],
    ]);
    expect(trace.input).toBe('{}');
  });

  it('counts attempts through retries and records each error', async () => {
    const definition = {
      StartAt: 'Work',
      States: {
        Work: { Type: 'Task', Resource: lambda, Retry: [{ ErrorEquals: ['Busy'], IntervalSeconds: 1 }], End: true },
      },
    };
    const mocks = {
      Work: [
        { throw: { error: 'Busy', cause: 'one' } },
        { throw: { error: 'Busy', cause: 'two' } },
        { return: 'done' },
      ],
    };
    const trace = traceExecution((await run(definition, {}, { mocks })).history, definition);
    const [work] = trace.visits;
    expect(work?.attempts).toEqual([
      { failed: true, error: 'Busy', cause: 'one' },
      { failed: true, error: 'Busy', cause: 'two' },
      { failed: false },
    ]);
    expect(work?.status).toBe('succeeded');
  });

  it('marks a caught visit and fills an uncaught failure from ExecutionFailed', async () => {
    const definition = {
      StartAt: 'Work',
      States: {
        Work: { Type: 'Task', Resource: lambda, Catch: [{ ErrorEquals: ['Boom'], Next: 'Oops' }], Next: 'Done' },
        Oops: { Type: 'Pass', Parameters: { 'bad.$': '$.missing' }, Next: 'Done' },
        Done: { Type: 'Succeed' },
      },
    };
    const result = await run(definition, {}, { mocks: { Work: [{ throw: { error: 'Boom' } }] } });
    const trace = traceExecution(result.history, definition);
    expect(trace.visits.map((v) => [v.name, v.status])).toEqual([
      ['Work', 'caught'],
      ['Oops', 'failed'],
    ]);
    expect(trace.visits[1]?.attempts.at(-1)).toMatchObject({ failed: true, error: 'States.Runtime' });
  });

  it('separates interleaved Parallel branches and takes a failed branch error from its Fail state', async () => {
    const definition = {
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          Branches: [
            {
              StartAt: 'Slow',
              States: { Slow: { Type: 'Wait', Seconds: 5, Next: 'SlowDone' }, SlowDone: { Type: 'Pass', End: true } },
            },
            {
              StartAt: 'Check',
              States: {
                Check: { Type: 'Pass', Next: 'Nope' },
                Nope: { Type: 'Fail', ErrorPath: '$.kind', Cause: 'no' },
              },
            },
          ],
          Catch: [
            { ErrorEquals: ['Other'], Next: 'A' },
            { ErrorEquals: ['Bad'], Next: 'B' },
          ],
          End: true,
        },
        A: { Type: 'Pass', End: true },
        B: { Type: 'Pass', End: true },
      },
    };
    const trace = traceExecution((await run(definition, { kind: 'Bad' })).history, definition);
    const both = trace.visits.find((v) => v.name === 'Both')!;
    expect(both.status).toBe('caught');
    expect(both.attempts).toEqual([{ failed: true, error: 'Bad', cause: 'no' }]);
    expect(both.next).toBe('B');
    const branches = both.children.map((id) => trace.chains[id]!);
    expect(branches.map((f) => [f.kind, f.branch, f.visits.map((v) => trace.visits[v]!.name)])).toEqual([
      ['branch', 0, ['Slow']],
      ['branch', 1, ['Check', 'Nope']],
    ]);
    expect(trace.path).toEqual(['Both', 'B']);
  });

  it('gives each Map iteration its fiber, nested Maps included', async () => {
    const definition = {
      StartAt: 'Outer',
      States: {
        Outer: {
          Type: 'Map',
          ItemsPath: '$.rows',
          ItemProcessor: {
            StartAt: 'Inner',
            States: {
              Inner: {
                Type: 'Map',
                ItemProcessor: { StartAt: 'Cell', States: { Cell: { Type: 'Wait', Seconds: 1, End: true } } },
                End: true,
              },
            },
          },
          End: true,
        },
      },
    };
    const trace = traceExecution((await run(definition, { rows: [[1, 2], [3], []] })).history, definition);
    const outer = trace.visits.find((v) => v.name === 'Outer')!;
    expect(outer.children).toHaveLength(3);
    const inners = trace.visits.filter((v) => v.name === 'Inner');
    // Each row's Map gets its own cells, though aslkit's iteration events point at the last event of any Map.
    expect(inners.map((v) => [JSON.parse(v.input), v.children.length])).toEqual([
      [[1, 2], 2],
      [[3], 1],
      [[], 0],
    ]);
    for (const inner of inners) {
      expect(trace.chains[inner.chain]).toMatchObject({ kind: 'iteration', parent: 0, owner: outer.index });
      for (const child of inner.children)
        expect(trace.chains[child]).toMatchObject({ kind: 'iteration', parent: inner.chain, owner: inner.index });
      expect(inner.status).toBe('succeeded');
    }
    expect(trace.visits.filter((v) => v.name === 'Cell')).toHaveLength(3);
  });

  it('tells States.ExceedToleratedFailureThreshold from the item error', async () => {
    const definition = {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ToleratedFailureCount: 0,
          ItemProcessor: { StartAt: 'Item', States: { Item: { Type: 'Fail', Error: 'ItemBad' } } },
          Catch: [{ ErrorEquals: ['States.ExceedToleratedFailureThreshold'], Next: 'Over' }],
          End: true,
        },
        Over: { Type: 'Pass', End: true },
      },
    };
    const result = await run(definition, [1]);
    const trace = traceExecution(result.history, definition);
    expect(trace.visits[0]).toMatchObject({
      outcome: 'caught',
      attempts: [{ failed: true, error: 'States.ExceedToleratedFailureThreshold' }],
    });
  });

  it("gives a Map's own JSONata failure after its join to the Map, not to the last state of an iteration", async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          Items: [1],
          ItemProcessor: { StartAt: 'Item', States: { Item: { Type: 'Pass', End: true } } },
          Assign: { missing: '{% $states.result.nothing %}' },
          End: true,
        },
      },
    };
    const result = await run(definition);
    expect(result.history.map((e) => e.type).slice(-3)).toEqual([
      'MapStateSucceeded',
      'EvaluationFailed',
      'ExecutionFailed',
    ]);
    const trace = traceExecution(result.history, definition);
    const [map, item] = trace.visits;
    expect(map).toMatchObject({
      outcome: 'failed',
      attempts: [{ failed: true, error: 'States.QueryEvaluationError' }],
    });
    expect(item).toMatchObject({ outcome: 'exited', attempts: [{ failed: false }] });
  });

  it('sees a catch the history hides (state output over the limit after the task succeeded) through the definition', async () => {
    const definition = {
      StartAt: 'Big',
      States: {
        Big: {
          Type: 'Task',
          Resource: lambda,
          ResultPath: '$.r',
          Catch: [{ ErrorEquals: ['States.DataLimitExceeded'], ResultPath: null, Next: 'Small' }],
          Next: 'Fine',
        },
        Small: { Type: 'Pass', End: true },
        Fine: { Type: 'Pass', End: true },
      },
    };
    const result = await run(
      definition,
      { pad: 'x'.repeat(70) },
      { mocks: { Big: [{ return: 'y'.repeat(40) }] }, limits: { payloadBytes: 100 } },
    );
    expect(result.history.map((e) => e.type)).toContain('LambdaFunctionSucceeded');
    expect(result.history.map((e) => e.type)).not.toContain('LambdaFunctionFailed');
    expect(traceExecution(result.history, definition).visits[0]?.status).toBe('caught');
    expect(traceExecution(result.history).visits[0]?.status).toBe('succeeded');
  });

  it('records timeouts as States.Timeout attempts', async () => {
    const definition = {
      StartAt: 'Slow',
      States: {
        Slow: {
          Type: 'Task',
          Resource: lambda,
          TimeoutSeconds: 2,
          Retry: [{ ErrorEquals: ['States.Timeout'], MaxAttempts: 1 }],
          End: true,
        },
      },
    };
    const result = await run(definition, {}, { mocks: { Slow: [{ timeout: true }, { timeout: true }] } });
    const [slow] = traceExecution(result.history, definition).visits;
    expect(slow?.attempts.map((a) => a.error)).toEqual(['States.Timeout', 'States.Timeout']);
    expect(slow?.status).toBe('failed');
  });

  it('keeps variables visible to Choice visits', async () => {
    const definition = {
      StartAt: 'Set',
      States: {
        Set: { Type: 'Pass', Assign: { limit: 3 }, Next: 'Pick' },
        Pick: {
          Type: 'Choice',
          Choices: [{ Variable: '$limit', NumericGreaterThan: 2, Next: 'Done' }],
          Default: 'Done',
        },
        Done: { Type: 'Succeed' },
      },
    };
    const trace = traceExecution((await run(definition)).history, definition);
    expect(trace.visits[1]?.variables).toEqual({ limit: '3' });
  });

  it('survives histories it did not come from: empty, unknown event types, dangling ids, hostile names', () => {
    expect(traceExecution([])).toMatchObject({ visits: [], path: [] });
    const hostile = [
      {
        id: 1,
        previousEventId: 0,
        timestamp: 't',
        type: 'ExecutionStarted',
        executionStartedEventDetails: { input: '{}' },
      },
      {
        id: 2,
        previousEventId: 0,
        timestamp: 't',
        type: 'PassStateEntered',
        stateEnteredEventDetails: { name: '__proto__', input: '{}' },
      },
      { id: 3, previousEventId: 99, timestamp: 't', type: 'SomethingNew' },
      {
        id: 4,
        previousEventId: 2,
        timestamp: 't',
        type: 'PassStateExited',
        stateExitedEventDetails: { name: '__proto__', output: '{}', assignedVariables: { __proto__: '1' } },
      },
      { id: 5, previousEventId: 4, timestamp: 't', type: 'ParallelStateSucceeded' },
    ] as unknown as HistoryEvent[];
    const trace = traceExecution(hostile);
    expect(trace.path).toEqual(['__proto__']);
    expect(trace.visits[0]?.status).toBe('succeeded');
  });

  it('keeps the names it had: fibers, fiber and outcome read the chains, chain and status', async () => {
    const definition = {
      StartAt: 'P',
      States: {
        P: { Type: 'Parallel', Branches: [{ StartAt: 'B', States: { B: { Type: 'Pass', End: true } } }], End: true },
      },
    };
    const trace = traceExecution((await run(definition)).history, definition);
    expect(trace.fibers).toBe(trace.chains);
    expect(trace.visits.map((v) => [v.name, v.fiber, v.outcome])).toEqual([
      ['P', 0, 'exited'],
      ['B', 1, 'exited'],
    ]);
    // Not copied, compared or serialized: the plain data is what it was, under the new names.
    expect(Object.keys(trace.visits[0]!)).not.toContain('outcome');
    expect(JSON.parse(JSON.stringify(trace)).fibers).toBeUndefined();
  });
});
