import { describe, expect, it } from 'vitest';
import { run, types } from './helpers.js';

describe('JSONPath data flow', () => {
  it('applies InputPath, Parameters, ResultSelector, ResultPath and OutputPath in order', async () => {
    const result = await run(
      {
        StartAt: 'T',
        States: {
          T: {
            Type: 'Task',
            Resource: 'arn:aws:lambda:us-east-1:1:function:f',
            InputPath: '$.order',
            Parameters: { 'id.$': '$.id', fixed: 'x', 'ctx.$': '$$.State.Name' },
            ResultSelector: { 'total.$': '$.total' },
            ResultPath: '$.result',
            OutputPath: '$.result',
            End: true,
          },
        },
      },
      { order: { id: 7 }, other: true },
      { resolvers: { 'arn:aws:lambda:us-east-1:1:function:f': (input) => ({ total: 10, echo: input }) } },
    );
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toEqual({ total: 10 });
    const scheduled = result.history.find((e) => e.type === 'LambdaFunctionScheduled');
    expect(
      scheduled &&
        'lambdaFunctionScheduledEventDetails' in scheduled &&
        JSON.parse(scheduled.lambdaFunctionScheduledEventDetails.input),
    ).toEqual({ id: 7, fixed: 'x', ctx: 'T' });
  });

  it('gives null InputPath/OutputPath the meaning {} and null ResultPath the raw input', async () => {
    const result = await run(
      {
        StartAt: 'A',
        States: {
          A: { Type: 'Pass', InputPath: null, Result: 1, ResultPath: null, Next: 'B' },
          B: { Type: 'Pass', OutputPath: null, End: true },
        },
      },
      { keep: 1 },
    );
    expect(result.output).toEqual({});
    const exitedA = result.history.find((e) => e.type === 'PassStateExited');
    expect(exitedA && 'stateExitedEventDetails' in exitedA && exitedA.stateExitedEventDetails.output).toBe(
      '{"keep":1}',
    );
  });

  it('fails with States.Runtime and AWS cause when a path matches nothing', async () => {
    const result = await run({
      StartAt: 'pass',
      States: { pass: { Type: 'Pass', InputPath: '$.NoSuchInputPath', End: true } },
    });
    expect(result).toMatchObject({
      status: 'FAILED',
      error: 'States.Runtime',
      cause:
        "An error occurred while executing the state 'pass' (entered at the event id #2). Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']",
    });
    expect(types(result)).toEqual(['ExecutionStarted', 'PassStateEntered', 'ExecutionFailed']);
  });

  it('names the field and the input when a Parameters path is missing', async () => {
    const result = await run(
      { StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'x.$': '$.missing' }, End: true } } },
      { a: 1 },
    );
    expect(result.cause).toBe(
      "An error occurred while executing the state 'P' (entered at the event id #2). The JSONPath '$.missing' specified for the field 'x.$' could not be found in the input '{\"a\":1}'",
    );
  });

  it('evaluates intrinsic functions in Parameters', async () => {
    const result = await run(
      {
        StartAt: 'P',
        States: {
          P: {
            Type: 'Pass',
            Parameters: { 'greeting.$': "States.Format('Hello, {}!', $.name)", 'n.$': 'States.MathAdd($.a, 2)' },
            End: true,
          },
        },
      },
      { name: 'Ada', a: 40 },
    );
    expect(result.output).toEqual({ greeting: 'Hello, Ada!', n: 42 });
  });

  it('keeps __proto__ keys as data end to end', async () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}');
    const result = await run({ StartAt: 'P', States: { P: { Type: 'Pass', ResultPath: '$.copy', End: true } } }, input);
    expect(result.status).toBe('SUCCEEDED');
    expect(Object.prototype.hasOwnProperty.call(result.output, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('fails with States.DataLimitExceeded past 256 KiB of output', async () => {
    const result = await run({ StartAt: 'P', States: { P: { Type: 'Pass', Result: 'x'.repeat(300_000), End: true } } });
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('States.DataLimitExceeded');
  });

  it('exposes the context object', async () => {
    const result = await run(
      { StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'ctx.$': '$$' }, End: true } } },
      { i: 1 },
      { name: 'exec-1' },
    );
    const ctx = (result.output as { ctx: Record<string, Record<string, unknown>> }).ctx;
    expect(ctx['Execution']).toMatchObject({ Name: 'exec-1', Input: { i: 1 }, StartTime: '2026-01-01T00:00:00.000Z' });
    expect(ctx['Execution']!['Id']).toMatch(/^arn:aws:states:us-east-1:123456789012:execution:StateMachine:exec-1$/);
    expect(ctx['State']).toEqual({ Name: 'P', EnteredTime: '2026-01-01T00:00:00.000Z' });
    expect(ctx['StateMachine']).toMatchObject({ Name: 'StateMachine' });
  });
});
