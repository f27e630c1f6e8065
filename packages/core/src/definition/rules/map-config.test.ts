import { describe, expect, it } from 'vitest';
import { validate } from '../validate.js';

const map = (config: Record<string, unknown> | undefined, fields: Record<string, unknown> = {}) => ({
  StartAt: 'M',
  States: {
    M: {
      Type: 'Map',
      ItemProcessor: {
        ...(config ? { ProcessorConfig: config } : {}),
        StartAt: 'I',
        States: { I: { Type: 'Pass', End: true } },
      },
      End: true,
      ...fields,
    },
  },
});
const found = (definition: unknown, type?: 'STANDARD' | 'EXPRESS') =>
  validate(definition, type ? { type } : {}).map((d) => [d.code, d.severity, d.path]);

describe('Map configuration', () => {
  it('accepts a distributed Map with its reader, batcher, writer and tolerances', () => {
    const definition = map(
      { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
      {
        ItemReader: {
          Resource: 'arn:aws:states:::s3:getObject',
          ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' },
          Parameters: { Bucket: 'b', Key: 'k' },
        },
        ItemBatcher: { MaxItemsPerBatch: 10 },
        ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'b', Prefix: 'p' } },
        ToleratedFailurePercentage: 5.5,
        Label: 'my-map',
      },
    );
    expect(found(definition)).toEqual([]);
  });

  it('requires ExecutionType for DISTRIBUTED', () => {
    expect(found(map({ Mode: 'DISTRIBUTED' }))).toEqual([
      ['SCHEMA_VALIDATION_FAILED', 'ERROR', '/States/M/ItemProcessor/ProcessorConfig'],
    ]);
  });

  it('refuses a distributed Map in an EXPRESS machine', () => {
    expect(found(map({ Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }), 'EXPRESS')).toEqual([
      ['SCHEMA_VALIDATION_FAILED', 'ERROR', '/States/M/ItemProcessor/ProcessorConfig/Mode'],
    ]);
  });

  it('refuses ExecutionType on an INLINE Map: there is no child execution to type', () => {
    for (const config of [{ Mode: 'INLINE', ExecutionType: 'EXPRESS' }, { ExecutionType: 'STANDARD' }])
      expect(validate(map(config)).map(({ code, message, path }) => ({ code, message, path }))).toEqual([
        {
          code: 'SCHEMA_VALIDATION_FAILED',
          message: "The field 'ExecutionType' is only supported when the ProcessorConfig Mode is DISTRIBUTED",
          path: '/States/M/ItemProcessor/ProcessorConfig/ExecutionType',
        },
      ]);
    expect(found(map({ Mode: 'INLINE' }))).toEqual([]);
  });

  it('only warns about distributed fields on an inline Map (AWS accepts them)', () => {
    expect(found(map(undefined, { ToleratedFailureCount: 1, Label: 'x' }))).toEqual([
      ['DISTRIBUTED_ONLY_FIELD', 'WARNING', '/States/M/Label'],
      ['DISTRIBUTED_ONLY_FIELD', 'WARNING', '/States/M/ToleratedFailureCount'],
    ]);
  });

  it('checks ranges and exclusive fields (schema)', () => {
    const definition = map(
      { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
      {
        MaxConcurrency: -1,
        ToleratedFailurePercentage: 101,
        ToleratedFailureCount: 2,
        ToleratedFailureCountPath: '$.n',
        Label: 'has space',
      },
    );
    expect(validate(definition).map((d) => [d.code, d.message])).toEqual([
      ['SCHEMA_VALIDATION_FAILED', "The value for the field 'MaxConcurrency' must be greater than or equal to 0"],
      [
        'SCHEMA_VALIDATION_FAILED',
        "The value for the field 'ToleratedFailurePercentage' must be less than or equal to 100",
      ],
      ['INVALID_LABEL_NAME', "The value for the field 'Label' contains characters that are not allowed"],
      [
        'SCHEMA_VALIDATION_FAILED',
        'These fields are mutually exclusive: [ToleratedFailureCount, ToleratedFailureCountPath]',
      ],
    ]);
  });
});
