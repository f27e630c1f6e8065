import { describe, expect, it } from 'vitest';
import { parseCaseFile } from './case-file.js';

const valid = { definition: 'm.asl.json', cases: [{ name: 'one', input: {}, expect: { output: {} } }] };
const withCase = (testCase: object) => ({
  definition: 'm.asl.json',
  cases: [{ name: 'one', expect: {}, ...testCase }],
});

/** The UsageError a value is rejected with. */
function rejection(value: unknown, definition?: string): { code: string; message: string } {
  try {
    parseCaseFile(value, 'cases.json', definition);
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected the case file to be rejected');
}

describe('parseCaseFile', () => {
  it('accepts the object form and the array form with a sibling definition', () => {
    expect(parseCaseFile(valid, 'cases.json')).toBe(valid);
    expect(parseCaseFile(valid.cases, 'x.cases.json', 'x.asl.json')).toEqual({
      definition: 'x.asl.json',
      cases: valid.cases,
    });
  });

  it.each([
    [42, 'must be an object with "definition" and "cases"'],
    [{ cases: valid.cases }, '"definition": must be the path of the state machine definition'],
    [{ ...valid, extra: 1 }, 'unknown field "extra"'],
    [{ ...valid, cases: [] }, '"cases": must be a non-empty array of cases'],
    [{ ...valid, seed: {} }, '"seed": must be a string or a number'],
    [{ ...valid, handlers: 'x.mjs' }, '"handlers": must map Lambda function names or ARNs'],
    [withCase({ name: '' }), 'cases[0].name: must be a non-empty string'],
    [withCase({ expect: undefined }), 'cases[0] ("one"): needs "expect"'],
    [withCase({ expect: { outptu: 1 } }), 'cases[0] ("one").expect: unknown field "outptu"'],
    [
      withCase({ expect: { status: 'DONE' } }),
      'cases[0] ("one").expect.status: must be one of SUCCEEDED, FAILED, TIMED_OUT, ABORTED',
    ],
    [withCase({ expect: { output: 1, error: 'E' } }), 'a run has an output or an error, not both'],
    [withCase({ expect: { path: ['A', 1] } }), 'cases[0] ("one").expect.path: must be an array of strings'],
    [withCase({ input: {}, inputFile: 'in.json' }), 'give "input" or "inputFile", not both'],
    [withCase({ mocks: { Charge: [{ retrun: 1 }] } }), 'cases[0] ("one").mocks."Charge"[0]: unknown field "retrun"'],
    [
      withCase({ mocks: { Charge: [{ return: 1, throw: {} }] } }),
      'needs exactly one of "return", "throw" or "timeout"',
    ],
    [withCase({ mocks: { Charge: [{ throw: { error: 1 } }] } }), '"throw.error" must be a string'],
    [
      withCase({ mocks: { Charge: [{ return: 1, delaySeconds: -1 }] } }),
      '"delaySeconds" must be a number of seconds, 0 or more',
    ],
    [withCase({ mocks: { Charge: { return: 1 } } }), 'must be a list of responses, one per call'],
    [withCase({ mockConfigTestCase: 'HappyPath' }), '"mockConfigTestCase" needs a "mockConfig" file at the top level'],
    [
      {
        definition: 'm',
        cases: [
          { name: 'a', expect: {} },
          { name: 'a', expect: {} },
        ],
      },
      'the name "a" is used twice',
    ],
  ])('rejects %j', (value, problem) => {
    const error = rejection(value);
    expect(error.code).toBe('ASLKIT_INVALID_CASES');
    expect(error.message).toContain('cases.json: ');
    expect(error.message).toContain(problem);
  });

  it('keeps hostile keys in mocks as data', () => {
    const value = JSON.parse(
      '{"definition":"m","cases":[{"name":"a","expect":{},"mocks":{"__proto__":[{"return":1}]}}]}',
    ) as unknown;
    const spec = parseCaseFile(value, 'cases.json');
    const mocks = spec.cases[0]!.mocks!;
    expect(Object.keys(mocks)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(mocks)).toBe(Object.prototype);
  });
});
