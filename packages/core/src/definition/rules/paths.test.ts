import { describe, expect, it } from 'vitest';
import { validate } from '../validate.js';
import { pathProblem } from './paths.js';

const single = (state: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  StartAt: 'S',
  States: { S: state },
  ...extra,
});
const pathErrors = (definition: unknown) =>
  validate(definition)
    .filter((d) => d.severity === 'ERROR')
    .map((d) => [d.message, d.path]);

describe('pathProblem', () => {
  it('accepts paths, context paths and variables where a path may go', () => {
    for (const path of [
      '$',
      '$.a.b[0]',
      "$['x y']",
      '$$.Execution.Id',
      '$var.field',
      '$.items[?(@.n > 1)]',
      '$..name',
    ]) {
      expect(pathProblem(path, 'path')).toBeUndefined();
    }
  });

  it("accepts Jayway's dot before a bracket and refuses method calls in filters (issues 13, 15)", () => {
    for (const path of ["$.abc.['def ghi']", '$.list.[0]', '$.[0]', '$.[?(@.x > 0)]', "$.[*].['a','b']"])
      expect(pathProblem(path, 'path')).toBeUndefined();
    expect(pathProblem("$.abc.['def ghi']", 'reference')).toBeUndefined();
    expect(pathProblem("$.abc.['def ghi']", 'result')).toBeUndefined();
    expect(pathProblem("$[?(@.repeat && @.repeat(200000000).split(''))]", 'path')).toBe('must be a valid JSONPath');
    expect(pathProblem("$['a','b']", 'reference')).toMatch(/reference path/);
  });

  it('accepts only definite paths as reference paths', () => {
    expect(pathProblem('$.a[2].b', 'reference')).toBeUndefined();
    expect(pathProblem('$$.Map.Item.Value', 'reference')).toBeUndefined();
    expect(pathProblem('$.items[*]', 'reference')).toMatch(/reference path/);
    expect(pathProblem('$..name', 'reference')).toMatch(/reference path/);
  });

  it("requires ResultPath to write into the state's data", () => {
    expect(pathProblem('$.result', 'result')).toBeUndefined();
    expect(pathProblem('$', 'result')).toBeUndefined();
    expect(pathProblem('$$.Execution', 'result')).toMatch(/state's data/);
    expect(pathProblem('$var', 'result')).toMatch(/state's data/);
  });

  it('rejects text that is no path at all', () => {
    expect(pathProblem('result', 'path')).toBe('must be a valid JSONPath');
    expect(pathProblem('$.a[', 'path')).toBe('must be a valid JSONPath');
  });

  it('takes an intrinsic call for ErrorPath and CausePath only', () => {
    expect(pathProblem("States.Format('{}', $.a)", 'pathOrIntrinsic')).toBeUndefined();
    expect(pathProblem('States.Nope()', 'pathOrIntrinsic')).toMatch(/intrinsic function call/);
    expect(pathProblem("States.Format('{}', $.a)", 'path')).toBe('must be a valid JSONPath');
  });
});

describe('path fields', () => {
  it('accepts valid path fields on every state type', () => {
    const definition = {
      StartAt: 'P',
      States: {
        P: { Type: 'Pass', InputPath: '$.in', OutputPath: null, ResultPath: '$.out', Next: 'W' },
        W: { Type: 'Wait', SecondsPath: '$waitTime', Next: 'M' },
        M: {
          Type: 'Map',
          ItemsPath: '$$.Execution.Input.items',
          MaxConcurrencyPath: '$.n',
          ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', End: true } } },
          Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: null, Next: 'F' }],
          Next: 'F',
        },
        F: { Type: 'Fail', ErrorPath: "States.Format('E{}', $.code)", CausePath: '$.cause' },
      },
    };
    expect(pathErrors(definition)).toEqual([]);
  });

  it('reports each bad path at the field', () => {
    const definition = {
      StartAt: 'P',
      States: {
        P: { Type: 'Pass', InputPath: 'in', ResultPath: '$$.x', Next: 'W' },
        W: { Type: 'Wait', TimestampPath: '$.when[*]', Next: 'T' },
        T: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          TimeoutSecondsPath: 'timeout',
          Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.errors[*]', Next: 'F' }],
          End: true,
        },
        F: { Type: 'Fail', CausePath: 'States.Bogus()' },
      },
    };
    expect(pathErrors(definition)).toEqual([
      ["The value for the field 'InputPath' must be a valid JSONPath", '/States/P/InputPath'],
      [
        "The value for the field 'ResultPath' must be a reference path into the state's data (starting with '$.' or equal to '$')",
        '/States/P/ResultPath',
      ],
      [
        "The value for the field 'TimestampPath' must be a valid reference path (names and indexes only)",
        '/States/W/TimestampPath',
      ],
      ["The value for the field 'TimeoutSecondsPath' must be a valid JSONPath", '/States/T/TimeoutSecondsPath'],
      [
        "The value for the field 'ResultPath' must be a valid reference path (names and indexes only)",
        '/States/T/Catch/0/ResultPath',
      ],
      [
        "The value for the field 'CausePath' must be a valid JSONPath or a valid intrinsic function call",
        '/States/F/CausePath',
      ],
    ]);
  });

  it('checks the path fields of ItemReader and ItemBatcher', () => {
    const map = single({
      Type: 'Map',
      ItemProcessor: {
        ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
        StartAt: 'I',
        States: { I: { Type: 'Pass', End: true } },
      },
      ItemReader: {
        Resource: 'arn:aws:states:::s3:getObject',
        ReaderConfig: { InputType: 'JSON', MaxItemsPath: 'max' },
      },
      ItemBatcher: { MaxItemsPerBatchPath: '$.batch' },
      End: true,
    });
    expect(pathErrors(map)).toEqual([
      [
        "The value for the field 'MaxItemsPath' must be a valid JSONPath",
        '/States/S/ItemReader/ReaderConfig/MaxItemsPath',
      ],
    ]);
  });

  it('leaves JSONata states to the query-language rule', () => {
    const jsonata = single({ Type: 'Pass', InputPath: 'nope', End: true }, { QueryLanguage: 'JSONata' });
    expect(pathErrors(jsonata).map(([message]) => message)).toEqual([
      "The QueryLanguage is set to 'JSONata', but field 'InputPath' is only supported for the 'JSONPath' QueryLanguage",
    ]);
  });
});
