// Issue 13: every path field that quotes Jayway's reason says `Missing property in path $['a']`
// when a property before the last is missing, and `No results for path: …` when the last is.
import { describe, expect, it } from 'vitest';
import { StateMachine, type Json } from '../src/index.js';

const prefix = "An error occurred while executing the state 'S' (entered at the event id #2). ";

async function cause(
  state: Record<string, Json>,
  input: Json = {},
  others: Record<string, Json> = {},
): Promise<string | undefined> {
  const machine = StateMachine.from({ StartAt: 'S', States: { S: state, ...others } });
  const result = await machine.run(input, { mocks: { 'arn:aws:states:::lambda:invoke': [{ return: {} }] } });
  expect(result.status).toBe('FAILED');
  return result.cause?.replace(prefix, '');
}

const task = { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: {}, End: true };

describe('causes of path fields that find nothing', () => {
  it.each<[string, Record<string, Json>]>([
    ['InputPath', { Type: 'Pass', InputPath: '$.a.b', End: true }],
    ['OutputPath', { Type: 'Pass', OutputPath: '$.a.b', End: true }],
    [
      'ItemsPath',
      {
        Type: 'Map',
        ItemsPath: '$.a.b',
        ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', End: true } } },
        End: true,
      },
    ],
    [
      'MaxConcurrencyPath',
      {
        Type: 'Map',
        ItemsPath: '$.list',
        MaxConcurrencyPath: '$.a.b',
        ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', End: true } } },
        End: true,
      },
    ],
    ['TimeoutSecondsPath', { ...task, TimeoutSecondsPath: '$.a.b' }],
    ['HeartbeatSecondsPath', { ...task, HeartbeatSecondsPath: '$.a.b' }],
  ])('%s', async (_field, state) => {
    expect(await cause(state, { list: [1] })).toBe("Invalid path '$.a.b' : Missing property in path $['a']");
    expect(await cause(state, { list: [1], a: {} })).toBe("Invalid path '$.a.b' : No results for path: $['a']['b']");
  });

  it('keeps AWS own texts for `.$` fields and Choice rules', async () => {
    expect(await cause({ Type: 'Pass', Parameters: { 'x.$': '$.a.b' }, End: true })).toBe(
      "The JSONPath '$.a.b' specified for the field 'x.$' could not be found in the input '{}'",
    );
    expect(
      await cause(
        { Type: 'Choice', Choices: [{ Variable: '$.a.b', IsNull: true, Next: 'Done' }], Default: 'Done' },
        {},
        { Done: { Type: 'Succeed' } },
      ),
    ).toBe("Invalid path '$.a.b': The choice state's condition path references an invalid value.");
  });
});
