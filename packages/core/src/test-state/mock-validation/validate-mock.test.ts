import { describe, expect, it } from 'vitest';
import { parseResource } from '../../resolvers/resource.js';
import type { Json } from '../../json.js';
import { validateMockResult } from './validate-mock.js';
import { serviceOperation } from './service-operation.js';
import { formatMockScriptProblem, mockScriptProblems } from './validate-mock-script.js';
import type { ServiceShapes } from './shape-types.js';

const check = (arn: string, result: Json, mode: 'STRICT' | 'PRESENT' = 'STRICT', shapes?: ServiceShapes) =>
  validateMockResult(parseResource(arn, 'us-east-1'), result, mode, shapes);

describe('serviceOperation', () => {
  it('names the API of SDK and optimized integrations, and nothing for what has no API shape', () => {
    const of = (arn: string) => serviceOperation(parseResource(arn, 'us-east-1'));
    expect(of('arn:aws:states:::aws-sdk:sfn:startExecution')).toEqual({
      service: 'stepfunctions',
      operation: 'StartExecution',
    });
    expect(of('arn:aws:states:::aws-sdk:s3:getObject.waitForTaskToken')).toEqual({
      service: 's3',
      operation: 'GetObject',
    });
    expect(of('arn:aws:states:::events:putEvents')).toEqual({ service: 'events', operation: 'PutEvents' });
    expect(of('arn:aws:states:::states:startExecution.sync:2')).toBeUndefined();
    expect(of('arn:aws:lambda:us-east-1:123456789012:function:f')).toBeUndefined();
    expect(of('arn:aws:states:::http:invoke')).toBeUndefined();
  });
});

describe('validateMockResult (bundled shapes from AWS models)', () => {
  const sfn = 'arn:aws:states:::states:startExecution';
  it('requires the required fields in STRICT mode only', () => {
    expect(check(sfn, {})).toBe("Required field 'ExecutionArn' is missing");
    expect(check(sfn, {}, 'PRESENT')).toBeUndefined();
    expect(check(sfn, { ExecutionArn: 'a', StartDate: '2024-01-01T00:00:00Z' })).toBeUndefined();
  });

  it("reports a field's type, length, range and enum value in AWS's words", () => {
    expect(check(sfn, { ExecutionArn: 'a', StartDate: 1 })).toBe("Field 'StartDate' must be a string");
    expect(check('arn:aws:states:::aws-sdk:kms:encrypt', { CiphertextBlob: '' })).toBe(
      "Field 'CiphertextBlob' is smaller than the minimum length",
    );
    expect(check('arn:aws:states:::aws-sdk:lambda:getFunction', { Configuration: { MemorySize: 64 } })).toBe(
      "Field 'MemorySize' is less than the minimum value",
    );
    expect(check('arn:aws:states:::aws-sdk:s3:getObject', { StorageClass: 'Papyrus' })).toBe(
      "Field 'StorageClass' is not an expected value",
    );
    expect(check('arn:aws:states:::events:putEvents', { Entries: [{ EventId: 'a' }, { EventId: ['b'] }] })).toBe(
      "Field 'EventId' must be a string",
    );
    expect(check('arn:aws:states:::events:putEvents', { Entries: 'x' })).toBe("Field 'Entries' must be an array");
  });

  it('allows fields the API does not have, and checks nothing for an unknown API', () => {
    expect(check('arn:aws:states:::events:putEvents', { random: 'json' })).toBeUndefined();
    expect(check('arn:aws:states:::aws-sdk:nosuchservice:doIt', { anything: 1 })).toBeUndefined();
  });

  it('checks against a table the caller gives', () => {
    const shapes: ServiceShapes = {
      demo: {
        operations: { Ping: 'PingOutput' },
        shapes: {
          PingOutput: { t: 'structure', members: { Ok: 'Flag', Count: 'Small' }, required: ['Ok'] },
          Flag: { t: 'boolean' },
          Small: { t: 'integer', max: 3 },
        },
      },
    };
    const arn = 'arn:aws:states:::aws-sdk:demo:ping';
    expect(check(arn, { Ok: true, Count: 3 }, 'STRICT', shapes)).toBeUndefined();
    expect(check(arn, { Ok: true, Count: 4 }, 'STRICT', shapes)).toBe("Field 'Count' exceeds the maximum value");
    expect(check(arn, { Count: 1 }, 'STRICT', shapes)).toBe("Required field 'Ok' is missing");
  });
});

describe('mockScriptProblems', () => {
  const definition = {
    StartAt: 'Fan',
    States: {
      Fan: {
        Type: 'Parallel',
        Branches: [
          {
            StartAt: 'Notify',
            States: { Notify: { Type: 'Task', Resource: 'arn:aws:states:::events:putEvents', End: true } },
          },
        ],
        End: true,
      },
    },
  };
  it('checks the returns a nested Task gets by state name or resource, not throws or "*"', () => {
    const problems = mockScriptProblems(
      definition,
      {
        Notify: [{ return: { Entries: [] } }, { throw: { error: 'E' } }, { return: { Entries: 1 } }],
        'arn:aws:states:::events:putEvents': [{ return: { FailedEntryCount: 'x' } }],
        '*': [{ return: { Entries: 'ignored' } }],
      },
      'STRICT',
    );
    expect(problems.map((p) => formatMockScriptProblem('mocks', p))).toEqual([
      "mocks key 'Notify' response 2 (state 'Notify'): Mock result schema validation error: Field 'Entries' must be an array",
      "mocks key 'arn:aws:states:::events:putEvents' response 0 (state 'Notify'): Mock result schema validation error: Field 'FailedEntryCount' must be a number",
    ]);
  });
});
