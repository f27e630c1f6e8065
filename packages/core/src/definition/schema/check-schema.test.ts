import { describe, expect, it } from 'vitest';
import { checkSchema } from './check-schema.js';

const machine = (states: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  StartAt: Object.keys(states)[0],
  States: states,
  ...extra,
});
const found = (definition: unknown) => checkSchema(definition).map((d) => [d.message, d.path]);
const processor = { StartAt: 'I', States: { I: { Type: 'Succeed' } } };

describe('ASL schema: what it accepts', () => {
  it('accepts every state type with every JSONPath field', () => {
    const definition = machine(
      {
        Pass: {
          Type: 'Pass',
          Comment: 'c',
          InputPath: '$',
          OutputPath: null,
          Parameters: {},
          Result: [1],
          ResultPath: '$.r',
          Assign: {},
          Next: 'Task',
        },
        Task: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { 'a.$': '$.a' },
          ResultSelector: {},
          ResultPath: null,
          TimeoutSecondsPath: '$.t',
          HeartbeatSeconds: 10,
          Credentials: { 'RoleArn.$': '$.role' },
          Retry: [
            {
              ErrorEquals: ['States.ALL'],
              IntervalSeconds: 1,
              MaxAttempts: 0,
              BackoffRate: 1.5,
              MaxDelaySeconds: 10,
              JitterStrategy: 'FULL',
              Comment: 'r',
            },
          ],
          Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.e', Next: 'Choice', Comment: 'c' }],
          Next: 'Choice',
        },
        Choice: {
          Type: 'Choice',
          Choices: [{ Variable: '$.x', StringEquals: 'a', Next: 'Wait' }],
          Default: 'Wait',
          InputPath: '$',
          OutputPath: '$',
          Assign: {},
        },
        Wait: { Type: 'Wait', TimestampPath: '$.ts', Next: 'Parallel' },
        Parallel: {
          Type: 'Parallel',
          Branches: [processor],
          Parameters: {},
          ResultSelector: {},
          Retry: [],
          Catch: [],
          Next: 'Map',
        },
        Map: {
          Type: 'Map',
          Iterator: { ...processor, ProcessorConfig: { Mode: 'INLINE' } },
          ItemsPath: '$.items',
          Parameters: {},
          MaxConcurrencyPath: '$.n',
          End: true,
        },
        Succeed: { Type: 'Succeed', InputPath: '$', OutputPath: '$' },
        Fail: { Type: 'Fail', ErrorPath: '$.e', Cause: 'c' },
      },
      { Comment: 'all', Version: '1.0', TimeoutSeconds: 60, QueryLanguage: 'JSONPath' },
    );
    expect(found(definition)).toEqual([]);
  });

  it('accepts every state type with every JSONata field', () => {
    const definition = machine(
      {
        Pass: { Type: 'Pass', Output: '{% $states.input %}', Assign: { x: 1 }, Next: 'Task' },
        Task: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Arguments: { Payload: '{% $states.input %}' },
          TimeoutSeconds: '{% 10 %}',
          HeartbeatSeconds: 5,
          Catch: [{ ErrorEquals: ['States.ALL'], Output: '{% $states.errorOutput %}', Assign: {}, Next: 'Choice' }],
          Next: 'Choice',
        },
        Choice: {
          Type: 'Choice',
          Choices: [{ Condition: '{% true %}', Output: 1, Assign: {}, Next: 'Wait' }],
          Default: 'Wait',
          Output: 2,
        },
        Wait: { Type: 'Wait', Seconds: '{% 1 %}', Next: 'Parallel' },
        Parallel: { Type: 'Parallel', Branches: [processor], Arguments: '{% $states.input %}', Next: 'Map' },
        Map: {
          Type: 'Map',
          ItemProcessor: processor,
          Items: '{% [1, 2] %}',
          ItemSelector: '{% $states.context.Map.Item.Value %}',
          MaxConcurrency: '{% 2 %}',
          End: true,
        },
        Succeed: { Type: 'Succeed', Output: null },
        Fail: { Type: 'Fail', Error: '{% "E" %}', Cause: '{% "C" %}' },
      },
      { QueryLanguage: 'JSONata' },
    );
    expect(found(definition)).toEqual([]);
  });

  it('accepts the distributed Map fields', () => {
    const definition = machine({
      M: {
        Type: 'Map',
        ItemProcessor: { ...processor, ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' } },
        ItemReader: {
          Resource: 'arn:aws:states:::s3:listObjectsV2',
          Parameters: { Bucket: 'b' },
          ReaderConfig: { InputType: 'JSONL', MaxItems: 10, NewField: true },
        },
        ItemBatcher: { MaxItemsPerBatchPath: '$.n', MaxInputBytesPerBatch: 1024, BatchInput: { a: 1 } },
        ResultWriter: {
          Resource: 'arn:aws:states:::s3:putObject',
          Parameters: { Bucket: 'b', Prefix: 'p' },
          WriterConfig: { OutputType: 'JSON' },
        },
        ToleratedFailurePercentagePath: '$.p',
        ToleratedFailureCount: 0,
        Label: 'ok_label-1',
        End: true,
      },
    });
    expect(found(definition)).toEqual([]);
  });
});

describe('ASL schema: what it rejects, in AWS words', () => {
  it('lists the missing top-level fields in AWS order (AWS-observed)', () => {
    expect(found({})).toEqual([['These fields are required: [States, StartAt]', '/']]);
    expect(found({ StartAt: 'A' })).toEqual([['These fields are required: [States]', '/']]);
  });

  it('reports unknown fields at the object that holds them', () => {
    expect(found(machine({ A: { Type: 'Pass', End: true, Retry: [], Resource: 'x' } }, { Extra: 1 }))).toEqual([
      ["Field 'Extra' is not supported", '/'],
      ["Field 'Retry' is not supported", '/States/A'],
      ["Field 'Resource' is not supported", '/States/A'],
    ]);
  });

  it('refuses Next and End on Choice, Succeed and Fail, and QueryLanguage on a processor', () => {
    const definition = machine({
      C: { Type: 'Choice', Choices: [{ Variable: '$', IsNull: true, Next: 'S' }], Next: 'S' },
      S: { Type: 'Succeed', End: true },
      M: { Type: 'Map', ItemProcessor: { ...processor, QueryLanguage: 'JSONata' }, End: true },
    });
    expect(found(definition)).toEqual([
      ["Field 'Next' is not supported", '/States/C'],
      ["Field 'End' is not supported", '/States/S'],
      ["Field 'QueryLanguage' is not supported", '/States/M/ItemProcessor'],
    ]);
  });

  it('reports a bad or missing Type once (AWS-observed wording)', () => {
    expect(found(machine({ A: { Type: 'Lambda' }, B: { End: true }, C: { Type: 7 } }))).toEqual([
      [
        "The field 'Type' should have one of these values: [Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map]",
        '/States/A/Type',
      ],
      ['These fields are required: [Type]', '/States/B'],
      [
        "The field 'Type' should have one of these values: [Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map]",
        '/States/C/Type',
      ],
    ]);
  });

  it('requires Next or End, and not both', () => {
    expect(
      found(
        machine({
          A: { Type: 'Pass' },
          B: { Type: 'Pass', Next: 'A', End: true },
          C: { Type: 'Pass', Next: 'A', End: false },
        }),
      ),
    ).toEqual([
      ['Exactly one of these fields is required: [Next, End]', '/States/A'],
      ['These fields are mutually exclusive: [Next, End]', '/States/B'],
    ]);
  });

  it('requires exactly one Wait duration field', () => {
    expect(
      found(
        machine({
          A: { Type: 'Wait', End: true },
          B: { Type: 'Wait', Seconds: 1, Timestamp: '2020-01-01T00:00:00Z', End: true },
        }),
      ),
    ).toEqual([
      ['Exactly one of these fields is required: [Seconds, SecondsPath, Timestamp, TimestampPath]', '/States/A'],
      ['These fields are mutually exclusive: [Seconds, Timestamp]', '/States/B'],
    ]);
  });

  it('keeps Fail, Map and ItemBatcher field pairs exclusive', () => {
    const definition = machine({
      F: { Type: 'Fail', Error: 'e', ErrorPath: '$.e', Cause: 'c', CausePath: '$.c' },
      M: {
        Type: 'Map',
        ItemProcessor: processor,
        Iterator: processor,
        ItemSelector: {},
        Parameters: {},
        MaxConcurrency: 1,
        MaxConcurrencyPath: '$.m',
        End: true,
      },
    });
    expect(found(definition).map(([message]) => message)).toEqual([
      'These fields are mutually exclusive: [Error, ErrorPath]',
      'These fields are mutually exclusive: [Cause, CausePath]',
      'These fields are mutually exclusive: [ItemProcessor, Iterator]',
      'These fields are mutually exclusive: [ItemSelector, Parameters]',
      'These fields are mutually exclusive: [MaxConcurrency, MaxConcurrencyPath]',
    ]);
  });

  it('requires Resource, Choices, Branches and an item processor', () => {
    expect(
      found(
        machine({
          T: { Type: 'Task', End: true },
          C: { Type: 'Choice' },
          P: { Type: 'Parallel', End: true },
          M: { Type: 'Map', End: true },
        }),
      ),
    ).toEqual([
      ['These fields are required: [Resource]', '/States/T'],
      ['These fields are required: [Choices]', '/States/C'],
      ['These fields are required: [Branches]', '/States/P'],
      ['Exactly one of these fields is required: [ItemProcessor, Iterator]', '/States/M'],
    ]);
  });

  it('refuses empty States, Choices, Branches and ErrorEquals', () => {
    const definition = machine({
      C: { Type: 'Choice', Choices: [] },
      P: { Type: 'Parallel', Branches: [{ StartAt: 'X', States: {} }], End: true, Retry: [{ ErrorEquals: [] }] },
    });
    expect(found(definition)).toEqual([
      ['Value cannot be empty', '/States/C/Choices'],
      ['Value cannot be empty', '/States/P/Retry/0/ErrorEquals'],
      ['Value cannot be empty', '/States/P/Branches/0/States'],
    ]);
  });

  it('checks types, enums and ranges', () => {
    const definition = machine(
      {
        T: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          TimeoutSeconds: 100_000_000,
          Parameters: 'not an object',
          Retry: [
            {
              ErrorEquals: ['E'],
              IntervalSeconds: 0,
              MaxAttempts: -1,
              BackoffRate: 0.5,
              MaxDelaySeconds: 31_622_402,
              JitterStrategy: 'SOME',
            },
          ],
          Catch: [{ ErrorEquals: ['E'] }],
          End: 'yes',
        },
      },
      { TimeoutSeconds: 1.5, QueryLanguage: 'SQL' },
    );
    // ajv reports in its own evaluation order; the set is what matters.
    expect(found(definition).sort()).toEqual(
      [
        ["The value for the field 'TimeoutSeconds' must be an integer", '/TimeoutSeconds'],
        ['Value should be one of the following: [JSONPath, JSONata]', '/QueryLanguage'],
        ["The value for the field 'End' must be a boolean", '/States/T/End'],
        ["The value for the field 'Parameters' must be an object", '/States/T/Parameters'],
        [
          "The value for the field 'IntervalSeconds' must be greater than or equal to 1",
          '/States/T/Retry/0/IntervalSeconds',
        ],
        ["The value for the field 'MaxAttempts' must be greater than or equal to 0", '/States/T/Retry/0/MaxAttempts'],
        ["The value for the field 'BackoffRate' must be greater than or equal to 1", '/States/T/Retry/0/BackoffRate'],
        [
          "The value for the field 'MaxDelaySeconds' must be less than or equal to 31622401",
          '/States/T/Retry/0/MaxDelaySeconds',
        ],
        [
          "The field 'JitterStrategy' should have one of these values: [FULL, NONE]",
          '/States/T/Retry/0/JitterStrategy',
        ],
        ['These fields are required: [Next]', '/States/T/Catch/0'],
        ["The value for the field 'TimeoutSeconds' must be less than or equal to 99999999", '/States/T/TimeoutSeconds'],
      ].sort(),
    );
  });

  it('requires a RoleArn in Credentials (AWS wording per ASL reference §9)', () => {
    expect(
      found(machine({ T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Credentials: {}, End: true } })),
    ).toEqual([["The field 'RoleArn' is required but was missing", '/States/T/Credentials']]);
  });

  it('names numeric fields that take a JSONata string', () => {
    expect(found(machine({ W: { Type: 'Wait', Seconds: true, End: true } }))).toEqual([
      ["The value for the field 'Seconds' must be an integer or a JSONata expression", '/States/W/Seconds'],
    ]);
  });

  it('keeps `__proto__` keys as data', () => {
    expect(
      found(JSON.parse('{"StartAt":"__proto__","States":{"__proto__":{"Type":"Pass","End":true,"__proto__":1}}}')),
    ).toEqual([["Field '__proto__' is not supported", '/States/__proto__']]);
  });
});
