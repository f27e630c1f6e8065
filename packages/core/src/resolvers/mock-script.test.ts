import { describe, expect, it } from 'vitest';
import { parseMockScript } from './mock-script.js';

const problem = (value: unknown): string => {
  try {
    parseMockScript(value, 'mocks.json');
  } catch (error) {
    expect(error).toMatchObject({ code: 'ASLKIT_INVALID_MOCKS' });
    return (error as Error).message;
  }
  throw new Error('expected the script to be rejected');
};

describe('parseMockScript', () => {
  it('accepts every response form, with input, delaySeconds and repeat', () => {
    const script = {
      Pay: [
        { return: { ok: true } },
        { return: null },
        { throw: { error: 'E', cause: 'c' } },
        { throw: { error: 'E', cause: { json: 'cause' } } },
        { throw: {} },
        { timeout: true },
        { return: 1, input: { id: 1 }, delaySeconds: 2.5 },
        { return: 2, input: { id: 2 }, repeat: true },
        { return: 3, repeat: true },
        { return: 4, input: { id: 4 } },
      ],
      '*': [{ return: {}, repeat: true }],
      'arn:aws:lambda:us-east-1:123456789012:function:f': [],
    };
    expect(parseMockScript(script, 'mocks.json')).toBe(script);
  });

  it.each([
    ['not an object', [], /^mocks\.json: must be an object mapping state names/],
    ['a key whose value is not a list', { Pay: { return: 1 } }, /^mocks\.json: "Pay": must be a list/],
    ['an entry that is not an object', { Pay: [{ return: 1 }, 'oops'] }, /^mocks\.json: "Pay"\[1\]: must be an object/],
    ['a misspelt field', { Pay: [{ retrun: 1 }] }, /"Pay"\[0\]: unknown field "retrun"/],
    ['no outcome', { Pay: [{ input: {} }] }, /"Pay"\[0\]: needs exactly one of/],
    ['two outcomes', { Pay: [{ return: 1, timeout: true }] }, /"Pay"\[0\]: needs exactly one of/],
    ['timeout other than true', { Pay: [{ timeout: 5 }] }, /"Pay"\[0\]: "timeout" must be true/],
    ['throw that is not an object', { Pay: [{ throw: 'Boom' }] }, /"Pay"\[0\]: "throw" must be an object/],
    ['an unknown throw field', { Pay: [{ throw: { Error: 'E' } }] }, /"throw" has an unknown field "Error"/],
    ['a non-string error', { Pay: [{ throw: { error: 1 } }] }, /"throw\.error" must be a string/],
    ['a negative delay', { Pay: [{ return: 1, delaySeconds: -1 }] }, /"delaySeconds" must be/],
    [
      'a repeat that is not a boolean',
      { Pay: [{ return: 1, repeat: 'yes' }] },
      /"Pay"\[0\]: "repeat" must be true or false/,
    ],
    [
      'an entry behind a repeating one',
      { Pay: [{ return: 1, repeat: true }, { return: 2 }] },
      /"Pay"\[1\]: is never used: entry 0 repeats for every call/,
    ],
  ])('rejects %s', (_, value, message) => {
    expect(problem(value)).toMatch(message);
  });

  it('treats hostile keys as data', () => {
    const parsed = JSON.parse('{"__proto__": [{"return": 1}], "constructor": "x"}') as unknown;
    expect(problem(parsed)).toContain('"constructor": must be a list');
    const ok = JSON.parse('{"__proto__": [{"return": 1}]}') as unknown;
    expect(Object.getPrototypeOf(parseMockScript(ok, 'm.json'))).toBe(Object.prototype);
  });

  it('quotes keys with odd characters so the message stays one line', () => {
    expect(problem({ 'a\nb': 1 })).toContain('"a\\nb": must be a list');
  });
});
