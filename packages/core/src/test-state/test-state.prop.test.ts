// Bad requests never crash testState: whatever the fields hold, it answers or refuses with a typed error.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { testState } from './test-state.js';
import { AslkitError } from '../errors/aslkit-error.js';
import type { TestStateRequest } from './types.js';

const anyJson = fc.jsonValue({ maxDepth: 3 });
const state = fc.oneof(
  fc.constant({ Type: 'Pass', End: true }),
  fc.constant({ Type: 'Task', Resource: 'arn:aws:states:::events:putEvents', End: true }),
  fc.constant({ Type: 'Map', ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true }),
  fc.constant({
    Type: 'Parallel',
    Branches: [{ StartAt: 'B', States: { B: { Type: 'Pass', End: true } } }],
    End: true,
  }),
  fc.constant({ Type: 'Choice', Choices: [{ Variable: '$.a', IsPresent: true, Next: 'X' }], Default: 'Y' }),
  fc.constant({ Type: 'Fail', ErrorPath: '$.e' }),
  anyJson,
);
const text = fc.oneof(
  anyJson.map((v) => JSON.stringify(v)),
  fc.string(),
  anyJson,
);
const request = fc.record(
  {
    definition: fc.oneof(
      state,
      state.map((s) => JSON.stringify(s)),
      fc.string(),
    ),
    stateName: fc.oneof(fc.string(), fc.constant('P')),
    input: text,
    inspectionLevel: fc.constantFrom('INFO', 'DEBUG', 'TRACE', 'nope'),
    variables: text,
    context: text,
    mock: fc.record(
      {
        result: text,
        errorOutput: fc.oneof(fc.record({ error: fc.string(), cause: fc.string() }), anyJson),
        fieldValidationMode: fc.constantFrom('STRICT', 'PRESENT', 'NONE', 'x'),
      },
      { requiredKeys: [] },
    ),
    stateConfiguration: fc.record(
      {
        retrierRetryCount: fc.oneof(fc.nat(10), anyJson),
        mapIterationFailureCount: fc.oneof(fc.nat(10), anyJson),
        mapItemReaderData: text,
      },
      { requiredKeys: [] },
    ),
    roleArn: fc.string(),
  },
  { requiredKeys: ['definition'] },
);

describe('testState on arbitrary requests', () => {
  it('answers with an AWS status or refuses with an aslkit error, never anything else', async () => {
    await fc.assert(
      fc.asyncProperty(request, async (generated) => {
        try {
          const answer = await testState(generated as unknown as TestStateRequest, { seed: 1, startTime: 0 });
          expect(['SUCCEEDED', 'FAILED', 'RETRIABLE', 'CAUGHT_ERROR']).toContain(answer.status);
        } catch (error) {
          expect(error).toBeInstanceOf(AslkitError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
