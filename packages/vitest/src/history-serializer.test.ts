import { describe, expect, it } from 'vitest';
import { runMachine } from './run-machine.js';
import { formatHistoryLines, historySerializer, IdNormalizer } from './history-serializer.js';

const serialize = (value: unknown, indentation = '') =>
  historySerializer.serialize(value, { indent: '  ' }, indentation);

const uuidMachine = {
  StartAt: 'Id',
  States: {
    Id: { Type: 'Pass', Parameters: { 'id.$': 'States.UUID()', 'again.$': 'States.UUID()' }, Next: 'Later' },
    Later: { Type: 'Wait', Seconds: 90, Next: 'Both' },
    Both: {
      Type: 'Parallel',
      Branches: [
        { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } },
        { StartAt: 'B', States: { B: { Type: 'Pass', End: true } } },
      ],
      OutputPath: '$[0]',
      End: true,
    },
  },
};

describe('history serializer', () => {
  it('numbers UUIDs by first appearance, the same id always the same placeholder', () => {
    const ids = new IdNormalizer();
    const a = '0f8fad5b-d9cb-469f-a165-70867728950e';
    const b = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
    expect(ids.normalize(`${a} ${b} ${a.toUpperCase()}`)).toBe('<uuid-1> <uuid-2> <uuid-1>');
    expect(ids.normalize(`AQB${'ab'.repeat(32)}`)).toBe('<token-1>');
  });

  it('cuts Lambda stack traces, raw and inside escaped JSON, keeping the error and message', () => {
    const cause = JSON.stringify({
      errorMessage: 'no items',
      errorType: 'InvalidOrder',
      stackTrace: ['    at f (/home/me/x.mjs:1:2)', '    at g [as h] (/a/b.ts:3:4)'],
    });
    const ids = new IdNormalizer();
    expect(ids.normalize(cause)).toBe(
      '{"errorMessage":"no items","errorType":"InvalidOrder","stackTrace":["<stack>"]}',
    );
    expect(ids.normalize(`cause=${JSON.stringify(cause)}`)).toBe(
      `cause=${JSON.stringify('{"errorMessage":"no items","errorType":"InvalidOrder","stackTrace":["<stack>"]}')}`,
    );
    expect(ids.normalize(JSON.stringify({ Cause: JSON.stringify(cause) }))).not.toContain('x.mjs');
    expect(ids.normalize('{"stackTrace":[],"a":1}')).toBe('{"stackTrace":["<stack>"],"a":1}');
  });

  it('prints times as offsets, chain jumps as (after #n), and leaves out constant noise', async () => {
    const run = await runMachine(uuidMachine, { coverage: false });
    const lines = formatHistoryLines(run.history);
    expect(lines[0]).toBe('#1 ExecutionStarted +0s input={}');
    expect(lines[1]).toBe('#2 PassStateEntered +0s Id input={}');
    expect(lines[3]).toBe('#4 WaitStateEntered +0s Later input={"id":"<uuid-1>","again":"<uuid-2>"}');
    expect(lines[4]).toBe('#5 WaitStateExited +90s Later output={"id":"<uuid-1>","again":"<uuid-2>"}');
    // The second branch's first state follows ParallelStateStarted, not the event before it.
    expect(lines[9]).toBe('#10 PassStateEntered +90s (after #7) B input={"id":"<uuid-1>","again":"<uuid-2>"}');
    expect(lines.join('\n')).not.toContain('roleArn');
    expect(lines.join('\n')).not.toContain('truncated');
  });

  it('serializes a history array and a result, the same input giving the same text whatever the seed', async () => {
    const first = await runMachine(uuidMachine, { seed: 1, coverage: false });
    const second = await runMachine(uuidMachine, { seed: 2, startTime: '2030-06-01T00:00:00Z', coverage: false });
    expect(serialize(first)).toBe(serialize(second));
    expect(serialize(first.history)).toBe(serialize(second.history));
    const text = serialize(first, '    ');
    expect(text.split('\n').slice(0, 4)).toEqual([
      'Execution SUCCEEDED',
      '    output: {"id":"<uuid-1>","again":"<uuid-2>"}',
      '    path: Id → Later → Both {A | B}',
      '    history:',
    ]);
    expect(serialize(first.history).startsWith('History [\n  #1 ExecutionStarted +0s input={}\n')).toBe(true);
  });

  it('shows error and cause for a failed run', async () => {
    const run = await runMachine(
      { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'E', Cause: 'why' } } },
      { coverage: false },
    );
    expect(serialize(run).split('\n').slice(0, 4)).toEqual([
      'Execution FAILED',
      'error: E',
      'cause: why',
      'path: F [failed: E]',
    ]);
  });

  it('only claims histories and results', async () => {
    const run = await runMachine(uuidMachine, { coverage: false });
    expect(historySerializer.test(run)).toBe(true);
    expect(historySerializer.test(run.history)).toBe(true);
    expect(historySerializer.test([])).toBe(false);
    expect(historySerializer.test([{ id: 1 }])).toBe(false);
    expect(historySerializer.test({ status: 'SUCCEEDED' })).toBe(false);
    expect(historySerializer.test('History')).toBe(false);
  });
});
