import { describe, expect, it } from 'vitest';
import { validate } from '../validate.js';

const pass = (fields: Record<string, unknown>) => ({
  StartAt: 'P',
  States: { P: { Type: 'Pass', End: true, ...fields } },
});
const found = (definition: unknown) => validate(definition).map((d) => [d.code, d.severity, d.path]);

describe('payload templates', () => {
  it('accepts paths, variables and intrinsic calls in .$ fields at any depth', () => {
    const definition = pass({
      Parameters: {
        'a.$': '$.a',
        'ctx.$': '$$.Execution.Id',
        'v.$': '$myVar.x',
        nested: [{ 'id.$': "States.Format('{}-{}', $.a, States.UUID())" }],
        literal: 'plain text',
      },
      Assign: { 'x.$': 'States.ArrayLength($.list)' },
    });
    expect(found(definition)).toEqual([]);
  });

  it("rejects a .$ value that is neither a path nor a call, at the object holding it (AWS's location)", () => {
    const definition = pass({
      Parameters: { outer: { 'bad.$': 'not a path' }, 'num.$': 3, 'call.$': 'States.Nope()' },
    });
    const errors = validate(definition).filter((d) => d.severity === 'ERROR');
    expect(errors.map((d) => [d.message, d.path])).toEqual([
      [
        "The value for the field 'num.$' must be a valid JSONPath or a valid intrinsic function call",
        '/States/P/Parameters',
      ],
      [
        "The value for the field 'call.$' must be a valid JSONPath or a valid intrinsic function call",
        '/States/P/Parameters',
      ],
      [
        "The value for the field 'bad.$' must be a valid JSONPath or a valid intrinsic function call",
        '/States/P/Parameters/outer',
      ],
    ]);
  });

  it('rejects an escaped double quote inside an intrinsic string (AWS-observed)', () => {
    const definition = pass({
      Parameters: { 'parsed.$': 'States.StringToJson(\'{"text":"An \\"escaped\\" quote"}\')' },
    });
    expect(found(definition)).toEqual([['SCHEMA_VALIDATION_FAILED', 'ERROR', '/States/P/Parameters']]);
  });

  it('checks every template field: ResultSelector, ItemSelector, Credentials, Catch and Choice Assign', () => {
    const definition = {
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          ResultSelector: { 'r.$': 'bad' },
          Credentials: { 'RoleArn.$': 'bad' },
          Catch: [{ ErrorEquals: ['States.ALL'], Assign: { 'e.$': 'bad' }, Next: 'C' }],
          Next: 'C',
        },
        C: {
          Type: 'Choice',
          Choices: [{ Variable: '$.x', IsPresent: true, Assign: { 'c.$': 'bad' }, Next: 'M' }],
          Default: 'M',
        },
        M: {
          Type: 'Map',
          ItemSelector: { 'i.$': 'bad' },
          ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Succeed' } } },
          End: true,
        },
      },
    };
    expect(found(definition).map(([, , path]) => path)).toEqual([
      '/States/T/ResultSelector',
      '/States/T/Credentials',
      '/States/T/Catch/0/Assign',
      '/States/C/Choices/0/Assign',
      '/States/M/ItemSelector',
    ]);
  });

  it('warns when a plain key holds something that looks like a path or a call', () => {
    expect(
      found(
        pass({ Parameters: { a: '$.a', b: '$$.Task.Token', c: 'States.UUID()', d: '$notAPath', e: 'price in $' } }),
      ),
    ).toEqual([
      ['NO_DOLLAR', 'WARNING', '/States/P/Parameters/a'],
      ['NO_DOLLAR', 'WARNING', '/States/P/Parameters/b'],
      ['NO_DOLLAR', 'WARNING', '/States/P/Parameters/c'],
    ]);
  });

  it('warns about a call with the wrong number of arguments, which AWS fails only at run time', () => {
    const [warning] = validate(pass({ Parameters: { 'h.$': "States.Hash('a')" } }));
    expect(warning).toMatchObject({
      code: 'INVALID_INTRINSIC_FUNCTION',
      severity: 'WARNING',
      path: '/States/P/Parameters/h.$',
    });
  });

  it('warns that a Pass Result is static when it has .$ keys', () => {
    expect(found(pass({ Result: { deep: [{ 'x.$': '$.x' }] } }))).toEqual([
      ['PASS_RESULT_IS_STATIC', 'WARNING', '/States/P/Result'],
    ]);
    expect(found(pass({ Result: { x: '$.x' } }))).toEqual([]);
  });

  it('does not treat JSONata states as JSONPath templates', () => {
    expect(found({ QueryLanguage: 'JSONata', ...pass({ Assign: { 'x.$': 'bad' } }) })).toEqual([]);
  });

  it('walks a template nested 10,000 levels deep without recursion', () => {
    let deep: Record<string, unknown> = { 'leaf.$': 'bad' };
    for (let i = 0; i < 10_000; i++) deep = { d: deep };
    expect(found(pass({ Parameters: deep })).length).toBe(1);
  });
});
