import { describe, expect, it } from 'vitest';
import { awsLocation, formatInvalidDefinition, validate } from './validate.js';
import type { Diagnostic } from './diagnostics.js';

const valid = { Comment: 'ok', StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Succeed' } } };

describe('validate', () => {
  it('returns nothing for a valid definition, as object or text', () => {
    expect(validate(valid)).toEqual([]);
    expect(validate(JSON.stringify(valid, null, 2))).toEqual([]);
  });

  it('adds line, column and state name for text input (the JSDoc example)', () => {
    expect(validate('{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"}}}')).toEqual([
      {
        code: 'MISSING_TRANSITION_TARGET',
        severity: 'ERROR',
        message: "Missing 'Next' target: B",
        path: '/States/A/Next',
        stateName: 'A',
        line: 1,
        column: 45,
      },
      { code: 'MISSING_END_STATE', severity: 'ERROR', message: 'Workflow has no terminal state', path: '' },
    ]);
  });

  it('names the state of schema diagnostics, nested states included', () => {
    const definition = {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          End: true,
          Branches: [{ StartAt: 'X', States: { X: { Type: 'Pass', End: true, Bad: 1 } } }],
        },
      },
    };
    expect(validate(definition)).toEqual([
      {
        code: 'SCHEMA_VALIDATION_FAILED',
        severity: 'ERROR',
        message: "Field 'Bad' is not supported",
        path: '/States/P/Branches/0/States/X',
        stateName: 'X',
      },
    ]);
  });

  it('treats an empty text as "not a valid JSON object" with no location (AWS-observed)', () => {
    expect(validate('  ')).toEqual([
      {
        code: 'SCHEMA_VALIDATION_FAILED',
        severity: 'ERROR',
        message: 'Definition must be a valid JSON object',
        path: '',
      },
    ]);
  });

  it('reports malformed JSON text with its line and column', () => {
    const [diagnostic] = validate('{\n  "StartAt": "A",\n  "States": {,}\n}');
    expect(diagnostic).toMatchObject({ code: 'INVALID_JSON_DESCRIPTION', severity: 'ERROR', line: 3, column: 14 });
  });

  it('refuses values that are not JSON objects, without throwing', () => {
    const cyclic: Record<string, unknown> = { StartAt: 'A' };
    cyclic['States'] = cyclic;
    for (const input of ['[]', '1', 'null', '"text"', [], 42, null, undefined, () => 1, Symbol('s'), 10n, cyclic]) {
      expect(validate(input)).toEqual([
        expect.objectContaining({
          code: 'SCHEMA_VALIDATION_FAILED',
          message: 'Definition must be a valid JSON object',
          path: '',
        }),
      ]);
    }
  });

  it('survives objects whose getters or proxies throw', () => {
    const getter = Object.defineProperty({ StartAt: 'A' }, 'States', {
      enumerable: true,
      get: () => {
        throw new Error('boom');
      },
    });
    const proxy = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('boom');
        },
      },
    );
    for (const input of [getter, proxy])
      expect(validate(input).map((d) => d.code)).toEqual(['SCHEMA_VALIDATION_FAILED']);
  });

  it('drops what JSON cannot hold from object input, as sending it to AWS would', () => {
    expect(
      validate({
        ...valid,
        Comment: undefined,
        States: { ...valid.States, B: { Type: 'Succeed', toJSON: undefined } },
      }),
    ).toEqual([]);
  });

  it('refuses nesting beyond the limit with TOO_DEEPLY_NESTED', () => {
    let scope: Record<string, unknown> = { StartAt: 'L', States: { L: { Type: 'Succeed' } } };
    for (let i = 0; i < 300; i++)
      scope = { StartAt: `P${i}`, States: { [`P${i}`]: { Type: 'Parallel', Branches: [scope], End: true } } };
    const diagnostics = validate(scope);
    expect(diagnostics.map((d) => d.code)).toEqual(['TOO_DEEPLY_NESTED']);
  });

  it('applies EXPRESS-only rules when asked', () => {
    const definition = {
      StartAt: 'T',
      States: { T: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', End: true } },
    };
    expect(validate(definition)).toEqual([]);
    expect(validate(definition, { type: 'EXPRESS' }).map((d) => d.path)).toEqual(['/States/T/Resource']);
  });

  it('reports at most 1,000 problems, then says how many there were', () => {
    const states = Object.fromEntries(
      Array.from({ length: 1500 }, (_, i) => [`S${i}`, { Type: 'Pass', End: true, Bad: i }]),
    );
    const diagnostics = validate({ StartAt: 'S0', States: states });
    expect(diagnostics).toHaveLength(1001);
    expect(diagnostics[1000]).toEqual({
      code: 'DIAGNOSTICS_TRUNCATED',
      severity: 'WARNING',
      message: 'Only the first 1000 of 2999 problems are reported',
      path: '',
    });
  });

  it('reports every problem at once', () => {
    const definition = {
      StartAt: 'A',
      States: { A: { Type: 'Pass', Next: 'Gone', Extra: true }, B: { Type: 'Wait', Seconds: -1, End: true } },
    };
    expect(validate(definition).map((d) => d.code)).toEqual([
      'SCHEMA_VALIDATION_FAILED',
      'SCHEMA_VALIDATION_FAILED',
      'MISSING_TRANSITION_TARGET',
      'MISSING_TRANSITION_TARGET',
    ]);
  });
});

describe('awsLocation', () => {
  it('writes array indexes of ASL lists in brackets, as AWS does', () => {
    expect(awsLocation('/States/C/Choices/0/Next')).toBe('/States/C/Choices[0]/Next');
    expect(awsLocation('/States/P/Branches/1/States/X/Catch/0/Next')).toBe(
      '/States/P/Branches[1]/States/X/Catch[0]/Next',
    );
    expect(awsLocation('/States/0/Parameters/list/0')).toBe('/States/0/Parameters/list/0');
  });

  it('unescapes names and keeps the root and "no location" apart', () => {
    expect(awsLocation('/States/a~1b~0c')).toBe('/States/a/b~c');
    expect(awsLocation('/')).toBe('/');
    expect(awsLocation('')).toBeUndefined();
  });
});

describe('formatInvalidDefinition', () => {
  const diagnostic = (
    code: string,
    message: string,
    path: string,
    severity: 'ERROR' | 'WARNING' = 'ERROR',
  ): Diagnostic => ({ code, message, path, severity });

  it("builds CreateStateMachine's message from the errors only", () => {
    const text = formatInvalidDefinition([
      diagnostic('MISSING_TRANSITION_TARGET', "Missing 'Next' target: pass3", '/States/pass1/Next'),
      diagnostic('NO_DOLLAR', 'ignored', '/States/x', 'WARNING'),
      diagnostic('MISSING_TRANSITION_TARGET', 'State "pass2" is not reachable.', '/States/pass2'),
      diagnostic('MISSING_END_STATE', 'Workflow has no terminal state', ''),
    ]);
    expect(text).toBe(
      "Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: pass3 at /States/pass1/Next, MISSING_TRANSITION_TARGET: State \"pass2\" is not reachable. at /States/pass2, MISSING_END_STATE: Workflow has no terminal state'",
    );
  });
});
