/** Whole executions in JSONata mode: history events, variable scopes, errors, determinism. */
import { describe, it, expect } from 'vitest';
import type { Json } from '../json.js';
import type { HistoryEvent } from '../history/events.js';
import { StateMachine, type StartOptions } from '../runtime/state-machine.js';

const START = { seed: 'jsonata', startTime: '2024-01-01T00:00:00.000Z' } satisfies StartOptions;

const run = (definition: object, input: Json = {}, options: StartOptions = {}) =>
  StateMachine.from(definition).run(input, { ...START, ...options });

const types = (history: readonly HistoryEvent[]) => history.map((event) => event.type);
const details = (history: readonly HistoryEvent[], type: string) =>
  history
    .filter((event) => event.type === type)
    .map((event) => Object.entries(event).find(([key]) => key.endsWith('EventDetails'))?.[1]);

const pass = (fields: object = {}) => ({ Type: 'Pass', End: true, ...fields });

describe('EvaluationFailed', () => {
  it('is recorded before ExecutionFailed with error, cause, location and state (conformance assign__undefined_reference-*)', async () => {
    const result = await run({
      QueryLanguage: 'JSONata',
      StartAt: 'State0',
      States: { State0: pass({ Output: { result: '{% $doesNotExist %}' } }) },
    });
    const cause =
      "An error occurred while executing the state 'State0' (entered at the event id #2). The JSONata expression '$doesNotExist' specified for the field 'Output/result' returned nothing (undefined).";
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.QueryEvaluationError', cause });
    expect(types(result.history)).toEqual([
      'ExecutionStarted',
      'PassStateEntered',
      'EvaluationFailed',
      'ExecutionFailed',
    ]);
    expect(details(result.history, 'EvaluationFailed')).toEqual([
      { error: 'States.QueryEvaluationError', cause, location: 'Output/result', state: 'State0' },
    ]);
  });

  it('leaves location out when the error is not tied to a field', async () => {
    const result = await run(
      {
        QueryLanguage: 'JSONata',
        StartAt: 'M',
        States: { M: { Type: 'Map', ItemProcessor: { StartAt: 'P', States: { P: pass() } }, End: true } },
      },
      1,
    );
    expect(result.cause).toBe(
      "An error occurred while executing the state 'M' (entered at the event id #2). Map state input must be an array but was: 1",
    );
    expect(details(result.history, 'EvaluationFailed')).toEqual([
      { error: 'States.QueryEvaluationError', cause: result.cause, state: 'M' },
    ]);
  });

  it('is recorded once, by the inner state, inside a Map iteration', async () => {
    const result = await run({
      QueryLanguage: 'JSONata',
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          Items: [1],
          ItemProcessor: { StartAt: 'P', States: { P: pass({ Output: '{% $nope %}' }) } },
          End: true,
        },
      },
    });
    expect(types(result.history)).toEqual([
      'ExecutionStarted',
      'MapStateEntered',
      'MapStateStarted',
      'MapIterationStarted',
      'PassStateEntered',
      'EvaluationFailed',
      'MapIterationFailed',
      'MapStateFailed',
      'ExecutionFailed',
    ]);
  });

  it('is a state error that Catch can handle, with $states.errorOutput', async () => {
    const result = await run({
      QueryLanguage: 'JSONata',
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Arguments: { FunctionName: '{% $missing %}' },
          Catch: [
            { ErrorEquals: ['States.QueryEvaluationError'], Output: '{% $states.errorOutput.Error %}', Next: 'Done' },
          ],
          End: true,
        },
        Done: { Type: 'Succeed' },
      },
    });
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: 'States.QueryEvaluationError' });
    expect(types(result.history)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'EvaluationFailed',
      'TaskStateExited',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
  });
});

describe('catcher Output', () => {
  it('failing fails the state with the located cause and an EvaluationFailed event', async () => {
    const result = await run(
      {
        QueryLanguage: 'JSONata',
        StartAt: 'T',
        States: {
          T: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Arguments: { FunctionName: 'f' },
            Catch: [{ ErrorEquals: ['States.ALL'], Output: '{% $nope %}', Next: 'Done' }],
            End: true,
          },
          Done: { Type: 'Succeed' },
        },
      },
      {},
      { mocks: { T: [{ throw: { error: 'Boom', cause: 'c' } }] } },
    );
    expect(result.cause).toBe(
      "An error occurred while executing the state 'T' (entered at the event id #2). The JSONata expression '$nope' specified for the field 'Output' returned nothing (undefined).",
    );
    expect(types(result.history)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskFailed',
      'EvaluationFailed',
      'ExecutionFailed',
    ]);
  });
});

describe('variables', () => {
  it('are assigned from the state snapshot and visible from the next state (Output sees the old value)', async () => {
    const result = await run({
      QueryLanguage: 'JSONata',
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Assign: { x: 1 }, Next: 'B' },
        B: { Type: 'Pass', Assign: { x: '{% $x + 1 %}', y: '{% $x %}' }, Output: { x: '{% $x %}' }, Next: 'C' },
        C: pass({ Output: { x: '{% $x %}', y: '{% $y %}' } }),
      },
    });
    expect(result.output).toEqual({ x: 2, y: 1 });
    expect(details(result.history, 'PassStateExited')).toEqual([
      {
        name: 'A',
        output: '{}',
        outputDetails: { truncated: false },
        assignedVariables: { x: '1' },
        assignedVariablesDetails: { truncated: false },
      },
      {
        name: 'B',
        output: '{"x":1}',
        outputDetails: { truncated: false },
        assignedVariables: { x: '2', y: '1' },
        assignedVariablesDetails: { truncated: false },
      },
      { name: 'C', output: '{"x":2,"y":1}', outputDetails: { truncated: false } },
    ]);
  });

  it('pass between JSONPath and JSONata states (conformance arguments__base_cases-BASE_LAMBDA_EXPRESSION)', async () => {
    const result = await run(
      {
        StartAt: 'Init',
        States: {
          Init: { Type: 'Pass', Assign: { 'fromPath.$': '$.v', constant: 1 }, Next: 'Ata' },
          Ata: { QueryLanguage: 'JSONata', Type: 'Pass', Assign: { sum: '{% $fromPath + $constant %}' }, Next: 'Path' },
          Path: { Type: 'Pass', Parameters: { 'sum.$': '$sum' }, End: true },
        },
      },
      { v: 41 },
    );
    expect(result.output).toEqual({ sum: 42 });
  });

  it('of the outer scope are readable in Parallel branches; branch variables stay in their branch', async () => {
    const branch = (name: string) => ({
      StartAt: name,
      States: { [name]: pass({ Assign: { inner: name }, Output: { outer: '{% $outer %}' } }) },
    });
    const result = await run({
      QueryLanguage: 'JSONata',
      StartAt: 'Set',
      States: {
        Set: { Type: 'Pass', Assign: { outer: 'o' }, Next: 'Par' },
        Par: { Type: 'Parallel', Branches: [branch('B1'), branch('B2')], Next: 'After' },
        After: pass({ Output: { result: '{% $states.input %}', inner: '{% $exists($inner) %}' } }),
      },
    });
    expect(result.output).toEqual({ result: [{ outer: 'o' }, { outer: 'o' }], inner: false });
  });

  it('assigned in a sibling Parallel branch cannot be read', async () => {
    const result = await run({
      QueryLanguage: 'JSONata',
      StartAt: 'Par',
      States: {
        Par: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'W', States: { W: pass({ Assign: { shared: 1 } }) } },
            {
              StartAt: 'Wait',
              States: { Wait: { Type: 'Wait', Seconds: 5, Next: 'R' }, R: pass({ Output: '{% $shared %}' }) },
            },
          ],
          End: true,
        },
      },
    });
    expect(result.status).toBe('FAILED');
    expect(result.cause).toContain(
      "The JSONata expression '$shared' specified for the field 'Output' returned nothing (undefined).",
    );
  });

  it('of one Map iteration are invisible to the others and to the outer scope', async () => {
    const result = await run({
      QueryLanguage: 'JSONata',
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          Items: [1, 2, 3],
          MaxConcurrency: 1,
          ItemProcessor: {
            StartAt: 'Read',
            States: {
              Read: {
                Type: 'Pass',
                Output: { seen: '{% $exists($mine) %}', item: '{% $states.input %}' },
                Assign: { mine: '{% $states.input %}' },
                Next: 'Check',
              },
              Check: pass({ Output: { seen: '{% $states.input.seen %}', mine: '{% $mine %}' } }),
            },
          },
          Next: 'After',
        },
        After: pass({ Output: { all: '{% $states.input %}', leaked: '{% $exists($mine) %}' } }),
      },
    });
    expect(result.output).toEqual({
      all: [
        { seen: false, mine: 1 },
        { seen: false, mine: 2 },
        { seen: false, mine: 3 },
      ],
      leaked: false,
    });
  });

  it('over 256 KiB in one Assign fail the state with States.DataLimitExceeded', async () => {
    const result = await run({
      QueryLanguage: 'JSONata',
      StartAt: 'A',
      States: { A: pass({ Assign: { big: "{% $pad('', 262145, 'x') %}" } }) },
    });
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('States.DataLimitExceeded');
    expect(types(result.history)).toEqual(['ExecutionStarted', 'PassStateEntered', 'ExecutionFailed']);
  });
});

describe('Task data flow (conformance query_language__task_dataflow_to_state)', () => {
  it('evaluates Arguments into TaskScheduled.parameters, then Assign and Output from the result', async () => {
    const result = await run(
      {
        QueryLanguage: 'JSONata',
        StartAt: 'T',
        States: {
          T: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Arguments: { FunctionName: 'f', Payload: { q: '{% $states.input.q %}' } },
            Assign: { answer: '{% $states.result.Payload.a %}' },
            Output: { result: '{% $states.result.Payload %}' },
            Next: 'Read',
          },
          Read: pass({ Output: '{% $answer %}' }),
        },
      },
      { q: 'life' },
      { mocks: { T: [{ return: { Payload: { a: 42 } } }] } },
    );
    expect(result.output).toBe(42);
    expect(details(result.history, 'TaskScheduled')[0]).toMatchObject({
      parameters: '{"FunctionName":"f","Payload":{"q":"life"}}',
    });
    expect(details(result.history, 'TaskStateExited')[0]).toMatchObject({
      output: '{"result":{"a":42}}',
      assignedVariables: { answer: '42' },
    });
  });
});

describe('determinism', () => {
  it('replays $uuid, $random and $shuffle from the seed, across Map iterations', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          Items: [1, 2, 3, 4],
          ItemProcessor: {
            StartAt: 'P',
            States: {
              P: pass({ Output: { id: '{% $uuid() %}', r: '{% $random() %}', s: '{% $shuffle([1,2,3,4]) %}' } }),
            },
          },
          End: true,
        },
      },
    };
    const a = await run(definition);
    const b = await run(definition);
    expect(a.status).toBe('SUCCEEDED');
    expect(JSON.stringify(b.history)).toBe(JSON.stringify(a.history));
    const c = await run(definition, {}, { seed: 'other' });
    expect(c.output).not.toEqual(a.output);
  });
});
