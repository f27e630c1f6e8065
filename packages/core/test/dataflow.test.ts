// The data flow in AWS's order, intrinsic functions in Parameters and paths that find nothing are
// data: fixtures/states/data-flow.test.json (run by packages/node/test/fixtures.test.ts).
import { describe, expect, it } from 'vitest';
import { run } from './helpers.js';

describe('JSONPath data flow', () => {
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
