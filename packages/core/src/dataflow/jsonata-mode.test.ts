import { describe, it, expect } from 'vitest';
import { hasOwn, type Json, type JsonObject } from '../json.js';
import type { State } from '../definition/types.js';
import type { Diagnostic } from '../definition/diagnostics.js';
import { StatesError } from '../errors/states-error.js';
import { createRandom } from '../runtime/random.js';
import { evaluationFailure } from '../query/jsonata/errors.js';
import { compileJsonataFlow } from './jsonata-mode.js';
import type { StepEnv } from './pipeline.js';

const CONTEXT: JsonObject = {
  Execution: { StartTime: '2024-01-01T00:00:00.000Z' },
  State: { Name: 'S', EnteredTime: '2024-01-02T03:04:05.678Z' },
};

function env(variables: Record<string, Json> = {}, context: Json = CONTEXT): StepEnv {
  return {
    context,
    variables: {
      get: (name) => (hasOwn(variables, name) ? { found: true, value: variables[name]! } : { found: false }),
    },
    random: createRandom('test'),
  };
}

function flowOf(state: Record<string, unknown>) {
  const diagnostics: Diagnostic[] = [];
  const flow = compileJsonataFlow(state as unknown as State, '/States/S', diagnostics);
  return { flow, diagnostics };
}

async function rejection(promise: unknown): Promise<StatesError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(StatesError);
    expect((error as StatesError).error).toBe('States.QueryEvaluationError');
    return error as StatesError;
  }
  throw new Error('expected a rejection');
}

describe('input: Arguments', () => {
  it('builds the Task input from $states.input, the context and variables', async () => {
    const { flow } = flowOf({
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Arguments: {
        FunctionName: '{% $fn %}',
        Payload: { n: '{% $states.input.n * 2 %}', state: '{% $states.context.State.Name %}' },
      },
      End: true,
    });
    const { effective, taskInput } = await flow.input({ n: 21 }, env({ fn: 'f' }));
    expect(effective).toEqual({ n: 21 });
    expect(taskInput).toEqual({ FunctionName: 'f', Payload: { n: 42, state: 'S' } });
  });

  it('may be one expression (conformance assign__undefined_reference-BASE_UNDEFINED_ARGUMENTS)', async () => {
    const { flow } = flowOf({ Type: 'Parallel', Arguments: '{% $doesNotExist %}', Branches: [], End: true });
    const error = await rejection(flow.input({}, env()));
    expect(error.causeText).toBe(
      "The JSONata expression '$doesNotExist' specified for the field 'Arguments' returned nothing (undefined).",
    );
    expect(evaluationFailure(error)).toEqual({ location: 'Arguments' });
  });

  it('defaults to the raw input', async () => {
    const { flow } = flowOf({ Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:1:function:f', End: true });
    expect((await flow.input([1, 2], env())).taskInput).toEqual([1, 2]);
  });
});

describe('output: Output and Assign', () => {
  it('defaults to the result for Task, Parallel and Map', async () => {
    const { flow } = flowOf({ Type: 'Task', Resource: 'r', End: true });
    expect(await flow.output({ in: 1 }, { out: 2 }, env())).toEqual({ output: { out: 2 } });
  });

  it('sees $states.input and $states.result (conformance outputdecl__base_lambda)', async () => {
    const { flow } = flowOf({
      Type: 'Task',
      Resource: 'r',
      Output: { input: '{% $states.input %}', result: '{% $states.result.x %}', v: '{% $v %}' },
      End: true,
    });
    expect(await flow.output({ a: 1 }, { x: 2 }, env({ v: 3 }))).toEqual({
      output: { input: { a: 1 }, result: 2, v: 3 },
    });
  });

  it('has no $states.result in states without a result', async () => {
    const { flow } = flowOf({ Type: 'Pass', Output: '{% $states.result %}', End: true });
    const error = await rejection(flow.output({}, {}, env()));
    expect(error.causeText).toContain("for the field 'Output' returned nothing");
  });

  it('accepts any JSON as Output, literal or computed (conformance outputdecl__base_output_any_non_dict-*)', async () => {
    for (const output of [0, 0.1, null, [], 'string literal', {}]) {
      const { flow } = flowOf({ Type: 'Pass', Output: output, End: true });
      expect((await flow.output({ x: 1 }, { x: 1 }, env())).output).toEqual(output);
    }
  });

  it('evaluates Assign against the values from state entry, next to Output', async () => {
    const { flow } = flowOf({
      Type: 'Task',
      Resource: 'r',
      Assign: { count: '{% $count + 1 %}', copy: '{% $count %}', fromResult: '{% $states.result.v %}' },
      Output: '{% $count %}',
      End: true,
    });
    expect(await flow.output({}, { v: 'r' }, env({ count: 1 }))).toEqual({
      output: 1,
      assigned: { count: 2, copy: 1, fromResult: 'r' },
    });
  });

  it('names the failing Assign entry (conformance assign__undefined_reference-BASE_UNDEFINED_ASSIGN)', async () => {
    const { flow } = flowOf({ Type: 'Pass', Assign: { result: '{% $doesNotExist %}' }, End: true });
    const error = await rejection(flow.output({}, {}, env()));
    expect(error.causeText).toBe(
      "The JSONata expression '$doesNotExist' specified for the field 'Assign/result' returned nothing (undefined).",
    );
  });

  it("uses a matched Choice rule's own Assign and Output, and the state's on Default", async () => {
    const { flow } = flowOf({
      Type: 'Choice',
      Choices: [
        { Condition: '{% $states.input.go %}', Next: 'A', Assign: { who: 'rule' }, Output: 'rule output' },
        { Condition: true, Next: 'B' },
      ],
      Default: 'C',
      Assign: { who: 'state' },
      Output: 'state output',
    });
    expect(await flow.output({ go: true }, { go: true }, env(), { kind: 'rule', index: 0 })).toEqual({
      output: 'rule output',
      assigned: { who: 'rule' },
    });
    // A rule without Output/Assign passes its input on (LocalStack's reading of AWS; outputdecl__output_in_choice).
    expect(await flow.output({ go: false }, { go: false }, env(), { kind: 'rule', index: 1 })).toEqual({
      output: { go: false },
    });
    expect(await flow.output({ go: false }, { go: false }, env())).toEqual({
      output: 'state output',
      assigned: { who: 'state' },
    });
  });
});

describe('catchOutput', () => {
  it('defaults to the error output', async () => {
    const { flow } = flowOf({
      Type: 'Task',
      Resource: 'r',
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'X' }],
      End: true,
    });
    expect(await flow.catchOutput(0, { in: 1 }, { Error: 'E', Cause: 'C' }, env())).toEqual({
      output: { Error: 'E', Cause: 'C' },
    });
  });

  it('sees $states.errorOutput and $states.input in Output and Assign', async () => {
    const { flow } = flowOf({
      Type: 'Task',
      Resource: 'r',
      Catch: [
        {
          ErrorEquals: ['States.ALL'],
          Next: 'X',
          Output: { in: '{% $states.input %}', err: '{% $states.errorOutput.Error %}' },
          Assign: { cause: '{% $states.errorOutput.Cause %}' },
        },
      ],
      End: true,
    });
    expect(await flow.catchOutput(0, { in: 1 }, { Error: 'E', Cause: 'C' }, env())).toEqual({
      output: { in: { in: 1 }, err: 'E' },
      assigned: { cause: 'C' },
    });
  });
});

describe('Map: items and itemInput', () => {
  it('iterates the input when there is no Items', async () => {
    const { flow } = flowOf({ Type: 'Map', ItemProcessor: {}, End: true });
    expect(await flow.items([1, 'two', true], env())).toEqual([1, 'two', true]);
  });

  it('refuses a non-array input with AWS text and no location (conformance map_state_items_input_types-*)', async () => {
    const { flow } = flowOf({ Type: 'Map', ItemProcessor: {}, End: true });
    const error = await rejection(flow.items('string', env()));
    expect(error.causeText).toBe('Map state input must be an array but was: "string"');
    expect(evaluationFailure(error)).toEqual({});
  });

  it('evaluates Items expressions and checks for an array (conformance map_state_items_eval_jsonata_fail-object)', async () => {
    expect(
      await flowOf({ Type: 'Map', Items: '{% $states.input.list %}', End: true }).flow.items({ list: [1, 2] }, env()),
    ).toEqual([1, 2]);
    const { flow } = flowOf({ Type: 'Map', Items: "{% {'foo': 'bar'} %}", End: true });
    const error = await rejection(flow.items({}, env()));
    expect(error.causeText).toBe(
      "The JSONata expression '{'foo': 'bar'}' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was 'object' for value: {\"foo\":\"bar\"}",
    );
  });

  it('evaluates expressions inside a literal Items array (conformance evaluate_jsonata__base_map-ITEMS)', async () => {
    const { flow } = flowOf({ Type: 'Map', Items: [1, '{% $number("2") %}', 3], End: true });
    expect(await flow.items({}, env())).toEqual([1, 2, 3]);
  });

  it('builds each iteration input with ItemSelector and $states.context.Map.Item', async () => {
    const { flow } = flowOf({
      Type: 'Map',
      ItemSelector: {
        value: '{% $states.context.Map.Item.Value %}',
        index: '{% $states.context.Map.Item.Index %}',
        all: '{% $states.input %}',
      },
      End: true,
    });
    const context = { ...CONTEXT, Map: { Item: { Index: 1, Value: 'b' } } };
    expect(await flow.itemInput(['a', 'b'], 'b', env({}, context))).toEqual({ value: 'b', index: 1, all: ['a', 'b'] });
    expect(await flowOf({ Type: 'Map', End: true }).flow.itemInput([], 'item', env())).toBe('item');
  });
});

describe('field', () => {
  it('passes literals through and evaluates expressions', async () => {
    const { flow } = flowOf({
      Type: 'Task',
      Resource: 'r',
      TimeoutSeconds: 5,
      HeartbeatSeconds: '{% $states.input.hb %}',
      End: true,
    });
    expect(await flow.field('TimeoutSeconds', {}, env())).toEqual({ found: true, value: 5 });
    expect(await flow.field('HeartbeatSeconds', { hb: 2 }, env())).toEqual({ found: true, value: 2 });
    expect(await flow.field('Seconds', {}, env())).toBeUndefined();
  });

  it('accepts a binding expression (conformance evaluate_jsonata__base_map-MAX_CONCURRENCY)', async () => {
    const { flow } = flowOf({ Type: 'Map', MaxConcurrency: '{% $variable := 1 %}', End: true });
    expect(await flow.field('MaxConcurrency', {}, env())).toEqual({ found: true, value: 1 });
  });

  it('checks the JSON type of an evaluated field', async () => {
    const { flow } = flowOf({ Type: 'Wait', Seconds: "{% 'ten' %}", End: true });
    const error = await rejection(flow.field('Seconds', {}, env()));
    expect(error.causeText).toBe(
      "The JSONata expression ''ten'' specified for the field 'Seconds' returned an unexpected result type. Expected 'number', but was 'string' for value: \"ten\"",
    );
  });

  it('refuses an unparsable Timestamp with AWS text (conformance wait_timestamp_jsonata-*)', async () => {
    const { flow } = flowOf({ Type: 'Wait', Timestamp: '{% $states.input.t %}', End: true });
    expect(await flow.field('Timestamp', { t: '2016-12-05T21:29:29Z' }, env())).toEqual({
      found: true,
      value: '2016-12-05T21:29:29Z',
    });
    const error = await rejection(flow.field('Timestamp', { t: '2016-12-05 21:29:29Z' }, env()));
    expect(error.causeText).toBe(
      'The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: 2016-12-05 21:29:29Z',
    );
    expect(evaluationFailure(error)).toEqual({ location: 'Timestamp' });
  });

  it('evaluates Fail Error and Cause (conformance scenarios__fail_error_jsonata)', async () => {
    const { flow } = flowOf({ Type: 'Fail', Error: '{% $states.input.error %}', Cause: 'literal' });
    expect(await flow.field('Error', { error: 'Exception' }, env())).toEqual({ found: true, value: 'Exception' });
    expect(await flow.field('Cause', {}, env())).toEqual({ found: true, value: 'literal' });
  });
});

describe('choose: Condition', () => {
  it('returns the first rule that holds, or -1', async () => {
    const { flow } = flowOf({
      Type: 'Choice',
      Choices: [
        { Condition: "{% $states.input.type = 'Public' %}", Next: 'A' },
        { Condition: '{% $states.input.value >= 20 and $states.input.value < 30 %}', Next: 'B' },
        { Condition: false, Next: 'C' },
      ],
    });
    expect(await flow.choose({ type: 'Public', value: 0 }, env())).toBe(0);
    expect(await flow.choose({ type: 'Private', value: 22 }, env())).toBe(1);
    expect(await flow.choose({ type: 'Private', value: 0 }, env())).toBe(-1);
  });

  it('takes literal true (conformance scenarios__choice_condition_constant_jsonata)', async () => {
    expect(await flowOf({ Type: 'Choice', Choices: [{ Condition: true, Next: 'A' }] }).flow.choose({}, env())).toBe(0);
  });

  it('refuses a non-boolean condition', async () => {
    const { flow } = flowOf({ Type: 'Choice', Choices: [{ Condition: '{% $states.input.n %}', Next: 'A' }] });
    const error = await rejection(flow.choose({ n: 1 }, env()));
    expect(error.causeText).toContain(
      "for the field 'Condition' returned an unexpected result type. Expected 'boolean', but was 'number'",
    );
  });

  it('reads variables', async () => {
    const { flow } = flowOf({ Type: 'Choice', Choices: [{ Condition: "{% $status = 'completed' %}", Next: 'A' }] });
    expect(await flow.choose({}, env({ status: 'completed' }))).toBe(0);
    expect(await flow.choose({}, env({ status: 'running' }))).toBe(-1);
  });
});

describe('$now and $millis', () => {
  it('report the state entry time', async () => {
    const { flow } = flowOf({ Type: 'Pass', Output: { now: '{% $now() %}', millis: '{% $millis() %}' }, End: true });
    expect((await flow.output({}, {}, env())).output).toEqual({
      now: '2024-01-02T03:04:05.678Z',
      millis: 1704164645678,
    });
  });
});

describe('compile-time diagnostics', () => {
  it('reports syntax errors at their JSON pointer', () => {
    const { diagnostics } = flowOf({
      Type: 'Task',
      Resource: 'r',
      Arguments: { a: '{% $sum( %}' },
      Credentials: { RoleArn: '{% ( %}' },
      End: true,
    });
    expect(diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['INVALID_JSONATA', '/States/S/Arguments/a'],
      ['INVALID_JSONATA', '/States/S/Credentials/RoleArn'],
    ]);
  });

  it('reports Choice rules without a Condition, non-object Assign and non-array Items', () => {
    expect(
      flowOf({ Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'A' }] }).diagnostics[0]?.path,
    ).toBe('/States/S/Choices/0/Condition');
    expect(flowOf({ Type: 'Pass', Assign: '{% 1 %}', End: true }).diagnostics[0]?.path).toBe('/States/S/Assign');
    expect(flowOf({ Type: 'Map', Items: { a: 1 }, End: true }).diagnostics[0]?.path).toBe('/States/S/Items');
    expect(
      flowOf({
        Type: 'Task',
        Resource: 'r',
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'X', Output: '{% ) %}' }],
        End: true,
      }).diagnostics[0]?.path,
    ).toBe('/States/S/Catch/0/Output');
  });
});
