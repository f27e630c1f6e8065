import { describe, expect, it } from 'vitest';
import { validate } from '../validate.js';

const distributed = (fields: Record<string, unknown>) => ({
  StartAt: 'M',
  States: {
    M: {
      Type: 'Map',
      ItemProcessor: {
        ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
        StartAt: 'P',
        States: { P: { Type: 'Pass', End: true } },
      },
      End: true,
      ...fields,
    },
  },
});

const problems = (fields: Record<string, unknown>) =>
  validate(distributed(fields)).map(({ code, message, path }) => ({ code, message, path }));

const reader = (config: Record<string, unknown>, parameters: Record<string, unknown> = { Bucket: 'b', Key: 'k' }) => ({
  ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: config, Parameters: parameters },
});

describe('the ItemReader, ItemBatcher and ResultWriter of a distributed Map', () => {
  it('accepts every reader and writer aslkit runs', () => {
    expect(
      problems(reader({ InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW', CSVDelimiter: 'TAB', MaxItems: 5 })),
    ).toEqual([]);
    expect(problems(reader({ InputType: 'JSON', ItemsPointer: '/a' }))).toEqual([]);
    expect(
      problems({
        ItemReader: { Resource: 'arn:aws:states:::s3:listObjectsV2', Parameters: { Bucket: 'b', Prefix: 'p/' } },
      }),
    ).toEqual([]);
    expect(
      problems({
        ResultWriter: {
          Resource: 'arn:aws:states:::s3:putObject',
          Parameters: { Bucket: 'b', 'Prefix.$': '$.p' },
          WriterConfig: { OutputType: 'JSONL', Transformation: 'FLATTEN' },
        },
      }),
    ).toEqual([]);
  });

  it('refuses, by name, what it would otherwise ignore', () => {
    expect(problems(reader({ InputType: 'PARQUET' }))).toEqual([
      {
        code: 'UNSUPPORTED_FEATURE',
        message: 'aslkit does not read InputType PARQUET (it reads JSON, JSONL, CSV, MANIFEST)',
        path: '/States/M/ItemReader/ReaderConfig/InputType',
      },
    ]);
    expect(problems(reader({ InputType: 'JSON', Compression: 'GZIP' }))[0]).toMatchObject({
      code: 'UNSUPPORTED_FEATURE',
      path: '/States/M/ItemReader/ReaderConfig/Compression',
    });
    expect(problems(reader({ InputType: 'JSON' }, { Bucket: 'b', Key: 'k', VersionId: 'v' }))[0]).toMatchObject({
      code: 'UNSUPPORTED_FEATURE',
      path: '/States/M/ItemReader/Parameters/VersionId',
    });
    expect(problems({ ...reader({ InputType: 'JSON' }), ItemsPath: '$.items' })[0]).toMatchObject({
      code: 'UNSUPPORTED_FEATURE',
      path: '/States/M/ItemsPath',
    });
    expect(problems(reader({ InputType: 'MANIFEST', ManifestType: 'ATHENA_DATA' }))[0]).toMatchObject({
      code: 'UNSUPPORTED_FEATURE',
    });
  });

  it('refuses values AWS refuses', () => {
    expect(problems(reader({ InputType: 'XML' }))[0]).toMatchObject({ code: 'SCHEMA_VALIDATION_FAILED' });
    expect(problems(reader({ InputType: 'CSV', CSVDelimiter: ',' }))[0]).toMatchObject({
      path: '/States/M/ItemReader/ReaderConfig/CSVDelimiter',
    });
    expect(problems(reader({ InputType: 'CSV', CSVHeaderLocation: 'GIVEN' }))[0]?.message).toBe(
      'CSVHeaders must be given when CSVHeaderLocation is GIVEN',
    );
    expect(problems({ ItemReader: { Resource: 'arn:aws:states:::dynamodb:scan' } })[0]?.path).toBe(
      '/States/M/ItemReader/Resource',
    );
    expect(problems({ ResultWriter: {} }).map((p) => p.message)).toContain('The ResultWriter field cannot be empty');
    expect(problems({ ResultWriter: { WriterConfig: { Transformation: 'SQUASH' } } })[0]?.path).toBe(
      '/States/M/ResultWriter/WriterConfig/Transformation',
    );
    expect(problems({ ResultWriter: { Resource: 'arn:aws:states:::s3:putObject' } })[0]?.message).toBe(
      'These fields are required: [Parameters]',
    );
  });

  it('warns of a ReaderConfig field the reader does not read, naming it', () => {
    const warned = (config: Record<string, unknown>, more: Record<string, unknown> = {}) =>
      validate(distributed({ ...reader(config), ...more })).map(({ code, severity, path, message }) => [
        code,
        severity,
        path,
        message,
      ]);
    const at = (field: string) => `/States/M/ItemReader/ReaderConfig/${field}`;
    expect(warned({ InputType: 'JSON', CSVDelimiter: 'PIPE', CSVHeaderLocation: 'FIRST_ROW' })).toEqual([
      [
        'INEFFECTIVE_FIELD',
        'WARNING',
        at('CSVHeaderLocation'),
        "The ReaderConfig field 'CSVHeaderLocation' has no effect with InputType JSON",
      ],
      [
        'INEFFECTIVE_FIELD',
        'WARNING',
        at('CSVDelimiter'),
        "The ReaderConfig field 'CSVDelimiter' has no effect with InputType JSON",
      ],
    ]);
    expect(warned({ InputType: 'JSONL', ItemsPointer: '/a' })).toEqual([
      [
        'INEFFECTIVE_FIELD',
        'WARNING',
        at('ItemsPointer'),
        "The ReaderConfig field 'ItemsPointer' has no effect with InputType JSONL",
      ],
    ]);
    expect(warned({ InputType: 'CSV', ItemsPointer: '/a', ManifestType: 'S3_INVENTORY' }).map((w) => w[2])).toEqual([
      at('ItemsPointer'),
      at('ManifestType'),
    ]);
    expect(warned({ InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW', CSVHeaders: ['a'] })).toEqual([
      [
        'INEFFECTIVE_FIELD',
        'WARNING',
        at('CSVHeaders'),
        'CSVHeaders has no effect unless CSVHeaderLocation is GIVEN: the headers are read from the first row',
      ],
    ]);
    const listed = validate(
      distributed({
        ItemReader: {
          Resource: 'arn:aws:states:::s3:listObjectsV2',
          ReaderConfig: { InputType: 'JSON', MaxItems: 2 },
          Parameters: { Bucket: 'b' },
        },
      }),
    );
    expect(listed).toEqual([
      expect.objectContaining({ code: 'INEFFECTIVE_FIELD', severity: 'WARNING', path: at('InputType') }),
    ]);
    // What each reader reads, and an unsupported ManifestType reported once, as unsupported.
    expect(warned({ InputType: 'CSV', CSVHeaderLocation: 'GIVEN', CSVHeaders: ['a'], CSVDelimiter: 'TAB' })).toEqual(
      [],
    );
    expect(warned({ InputType: 'MANIFEST', ManifestType: 'S3_INVENTORY' })).toEqual([]);
    expect(warned({ InputType: 'CSV', ManifestType: 'ATHENA_DATA' }).map((w) => w[0])).toEqual(['UNSUPPORTED_FEATURE']);
  });

  it('refuses an ItemBatcher that sets no batch size (AWS batches by count, size or both)', () => {
    for (const batcher of [{}, { BatchInput: { a: 1 } }])
      expect(problems({ ItemsPath: '$.i', ItemBatcher: batcher })).toEqual([
        {
          code: 'SCHEMA_VALIDATION_FAILED',
          message: 'The ItemBatcher needs MaxItemsPerBatch, MaxInputBytesPerBatch or both (or their Path forms)',
          path: '/States/M/ItemBatcher',
        },
      ]);
    expect(problems({ ItemsPath: '$.i', ItemBatcher: { MaxInputBytesPerBatchPath: '$.b' } })).toEqual([]);
  });

  it('warns that OutputType JSONL has no effect on the state output without Resource', () => {
    expect(validate(distributed({ ResultWriter: { WriterConfig: { OutputType: 'JSONL' } } }))).toEqual([
      expect.objectContaining({
        code: 'UNSUPPORTED_FEATURE',
        severity: 'WARNING',
        path: '/States/M/ResultWriter/WriterConfig/OutputType',
      }),
    ]);
  });
});
