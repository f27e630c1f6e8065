/**
 * The JSON Schema of Amazon States Language: every state type with every field AWS accepts in
 * either query language, the type of each field, required fields and the groups of fields that
 * exclude each other. A field's query language (JSONPath-only or JSONata-only) depends on the
 * state's inherited `QueryLanguage`, which a schema cannot see; rules/query-language.ts checks it.
 *
 * Two keywords are our own (see check-schema.ts): `fieldGroups` (at most one field of a group,
 * or exactly one when `required`) and the `discriminator` on `Type`, so a state is checked
 * against its own type's schema only.
 */
import { STATE_TYPES } from '../types.js';
import { comparisonOperators } from './choice-operators.js';

/** A group of fields of which at most one (or, when `required`, exactly one) may appear. */
export interface FieldGroup {
  fields: readonly string[];
  required?: boolean;
}

const string = { type: 'string' } as const;
const nullableString = { type: ['string', 'null'] } as const;
const boolean = { type: 'boolean' } as const;
const object = { type: 'object' } as const;
const anyJson = {} as const;
/** Integer fields that JSONata states may also give as a `{% %}` string (query-language.ts checks which). */
const integerOrExpression = (minimum: number, maximum?: number) =>
  ({ type: ['integer', 'string'], minimum, ...(maximum === undefined ? {} : { maximum }) }) as const;
const numberOrExpression = (minimum: number, maximum: number) =>
  ({ type: ['number', 'string'], minimum, maximum }) as const;

// Limits from the AWS developer guide (limits-overview, concepts-error-handling).
const MAX_SECONDS = 99_999_999;
const MAX_DELAY_SECONDS = 31_622_401;

const base = { Type: string, Comment: string, QueryLanguage: string };
const transition = { Next: string, End: boolean };
const jsonPathIo = { InputPath: nullableString, OutputPath: nullableString };
const jsonataIo = { Output: anyJson, Assign: object };
const resultFields = { ResultSelector: object, ResultPath: nullableString };
const errorHandling = {
  Retry: { type: 'array', items: { $ref: '#/$defs/retrier' } },
  Catch: { type: 'array', items: { $ref: '#/$defs/catcher' } },
};
const transitionGroup: FieldGroup = { fields: ['Next', 'End'], required: true };

/** Per state type: its schema, keyed by the `Type` value (ajv's discriminator mapping). */
const stateSchemas = {
  Pass: {
    properties: {
      ...base,
      ...transition,
      ...jsonPathIo,
      ...jsonataIo,
      Parameters: object,
      Result: anyJson,
      ResultPath: nullableString,
    },
    fieldGroups: [transitionGroup],
  },
  Task: {
    properties: {
      ...base,
      ...transition,
      ...jsonPathIo,
      ...jsonataIo,
      ...resultFields,
      ...errorHandling,
      Resource: string,
      Parameters: object,
      Arguments: { type: ['object', 'string'] },
      TimeoutSeconds: integerOrExpression(1, MAX_SECONDS),
      TimeoutSecondsPath: string,
      HeartbeatSeconds: integerOrExpression(1, MAX_SECONDS),
      HeartbeatSecondsPath: string,
      Credentials: { $ref: '#/$defs/credentials' },
    },
    required: ['Resource'],
    fieldGroups: [
      transitionGroup,
      { fields: ['TimeoutSeconds', 'TimeoutSecondsPath'] },
      { fields: ['HeartbeatSeconds', 'HeartbeatSecondsPath'] },
    ],
  },
  Choice: {
    properties: {
      ...base,
      ...jsonPathIo,
      ...jsonataIo,
      Choices: { type: 'array', minItems: 1, items: { $ref: '#/$defs/choiceRule' } },
      Default: string,
    },
    required: ['Choices'],
  },
  Wait: {
    properties: {
      ...base,
      ...transition,
      ...jsonPathIo,
      ...jsonataIo,
      Seconds: integerOrExpression(0, MAX_SECONDS),
      SecondsPath: string,
      Timestamp: string,
      TimestampPath: string,
    },
    fieldGroups: [
      transitionGroup,
      { fields: ['Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath'], required: true },
    ],
  },
  Succeed: { properties: { ...base, ...jsonPathIo, Output: anyJson } },
  Fail: {
    properties: { ...base, Error: string, ErrorPath: string, Cause: string, CausePath: string },
    fieldGroups: [{ fields: ['Error', 'ErrorPath'] }, { fields: ['Cause', 'CausePath'] }],
  },
  Parallel: {
    properties: {
      ...base,
      ...transition,
      ...jsonPathIo,
      ...jsonataIo,
      ...resultFields,
      ...errorHandling,
      Parameters: object,
      Arguments: { type: ['object', 'string'] },
      Branches: { type: 'array', minItems: 1, items: { $ref: '#/$defs/branch' } },
    },
    required: ['Branches'],
    fieldGroups: [transitionGroup],
  },
  Map: {
    properties: {
      ...base,
      ...transition,
      ...jsonPathIo,
      ...jsonataIo,
      ...resultFields,
      ...errorHandling,
      ItemProcessor: { $ref: '#/$defs/processor' },
      Iterator: { $ref: '#/$defs/processor' },
      ItemsPath: string,
      Items: anyJson,
      ItemSelector: { type: ['object', 'string'] },
      Parameters: object,
      ItemReader: { $ref: '#/$defs/itemReader' },
      ItemBatcher: { $ref: '#/$defs/itemBatcher' },
      ResultWriter: { $ref: '#/$defs/resultWriter' },
      MaxConcurrency: integerOrExpression(0),
      MaxConcurrencyPath: string,
      ToleratedFailurePercentage: numberOrExpression(0, 100),
      ToleratedFailurePercentagePath: string,
      ToleratedFailureCount: integerOrExpression(0),
      ToleratedFailureCountPath: string,
      // AWS: at most 40 characters; no whitespace, brackets, wildcards, special or control characters.
      Label: {
        type: 'string',
        maxLength: 40,
        pattern: '^[^\\s<>{}\\[\\]?*"#%\\\\^~$&,;:/|`\\u0000-\\u001f\\u007f-\\u009f]*$',
      },
    },
    fieldGroups: [
      transitionGroup,
      { fields: ['ItemProcessor', 'Iterator'], required: true },
      { fields: ['ItemSelector', 'Parameters'] },
      { fields: ['ItemsPath', 'Items'] },
      { fields: ['MaxConcurrency', 'MaxConcurrencyPath'] },
      { fields: ['ToleratedFailurePercentage', 'ToleratedFailurePercentagePath'] },
      { fields: ['ToleratedFailureCount', 'ToleratedFailureCountPath'] },
    ],
  },
} as const;

const choiceRuleProperties = {
  Variable: string,
  And: { type: 'array', minItems: 1, items: { $ref: '#/$defs/nestedChoiceRule' } },
  Or: { type: 'array', minItems: 1, items: { $ref: '#/$defs/nestedChoiceRule' } },
  Not: { $ref: '#/$defs/nestedChoiceRule' },
  Comment: string,
  ...comparisonOperators,
};

const scopeProperties = {
  StartAt: string,
  States: { type: 'object', minProperties: 1, additionalProperties: { $ref: '#/$defs/state' } },
  Comment: string,
};
// AWS lists the missing fields in this order: "These fields are required: [States, StartAt]".
const scopeRequired = ['States', 'StartAt'];

/** The schema object, compiled once by check-schema.ts. */
export const aslSchema = {
  $id: 'https://aslkit.dev/schema/asl.json',
  type: 'object',
  properties: {
    ...scopeProperties,
    Version: string,
    TimeoutSeconds: { type: 'integer', minimum: 1, maximum: MAX_SECONDS },
    QueryLanguage: { enum: ['JSONPath', 'JSONata'] },
  },
  required: scopeRequired,
  additionalProperties: false,
  $defs: {
    branch: { type: 'object', properties: scopeProperties, required: scopeRequired, additionalProperties: false },
    processor: {
      type: 'object',
      properties: {
        ...scopeProperties,
        ProcessorConfig: {
          type: 'object',
          properties: { Mode: { enum: ['INLINE', 'DISTRIBUTED'] }, ExecutionType: { enum: ['STANDARD', 'EXPRESS'] } },
          additionalProperties: false,
        },
      },
      required: scopeRequired,
      additionalProperties: false,
    },
    state: {
      type: 'object',
      required: ['Type'],
      discriminator: { propertyName: 'Type' },
      // One definition per type: ajv's standalone code then holds one function per type, and V8
      // compiles only the types a definition uses (a cold start validates in ~1 ms, not ~5).
      oneOf: STATE_TYPES.map((type) => ({ $ref: `#/$defs/${type}State` })),
    },
    ...Object.fromEntries(
      STATE_TYPES.map((type) => {
        const { properties, ...rest } = stateSchemas[type];
        const schema = {
          ...rest,
          properties: { ...properties, Type: { const: type }, QueryLanguage: { enum: ['JSONPath', 'JSONata'] } },
          additionalProperties: false,
        };
        return [`${type}State`, schema];
      }),
    ),
    retrier: {
      type: 'object',
      properties: {
        ErrorEquals: { type: 'array', minItems: 1, items: string },
        IntervalSeconds: { type: 'integer', minimum: 1, maximum: MAX_SECONDS },
        MaxAttempts: { type: 'integer', minimum: 0, maximum: MAX_SECONDS },
        BackoffRate: { type: 'number', minimum: 1 },
        MaxDelaySeconds: { type: 'integer', minimum: 1, maximum: MAX_DELAY_SECONDS },
        JitterStrategy: { enum: ['FULL', 'NONE'] },
        Comment: string,
      },
      required: ['ErrorEquals'],
      additionalProperties: false,
    },
    catcher: {
      type: 'object',
      properties: {
        ErrorEquals: { type: 'array', minItems: 1, items: string },
        Next: string,
        ResultPath: nullableString,
        Output: anyJson,
        Assign: object,
        Comment: string,
      },
      required: ['ErrorEquals', 'Next'],
      additionalProperties: false,
    },
    choiceRule: {
      type: 'object',
      properties: {
        ...choiceRuleProperties,
        Next: string,
        Assign: object,
        Output: anyJson,
        Condition: { type: ['boolean', 'string'] },
      },
      required: ['Next'],
      additionalProperties: false,
    },
    nestedChoiceRule: { type: 'object', properties: choiceRuleProperties, additionalProperties: false },
    credentials: {
      type: 'object',
      properties: { RoleArn: string, 'RoleArn.$': string },
      additionalProperties: false,
      fieldGroups: [{ fields: ['RoleArn', 'RoleArn.$'], required: true }],
    },
    itemReader: {
      type: 'object',
      properties: {
        Resource: string,
        Parameters: object,
        Arguments: { type: ['object', 'string'] },
        // ReaderConfig grows with new input formats; only the fields we know are typed.
        ReaderConfig: {
          type: 'object',
          properties: {
            InputType: string,
            CSVHeaderLocation: { enum: ['FIRST_ROW', 'GIVEN'] },
            CSVHeaders: { type: 'array', items: string },
            MaxItems: integerOrExpression(0, 100_000_000),
            MaxItemsPath: string,
          },
        },
      },
      required: ['Resource'],
      additionalProperties: false,
    },
    itemBatcher: {
      type: 'object',
      properties: {
        MaxItemsPerBatch: integerOrExpression(1),
        MaxItemsPerBatchPath: string,
        MaxInputBytesPerBatch: integerOrExpression(1, 262_144),
        MaxInputBytesPerBatchPath: string,
        BatchInput: anyJson,
      },
      additionalProperties: false,
      fieldGroups: [
        { fields: ['MaxItemsPerBatch', 'MaxItemsPerBatchPath'] },
        { fields: ['MaxInputBytesPerBatch', 'MaxInputBytesPerBatchPath'] },
      ],
    },
    resultWriter: {
      type: 'object',
      properties: {
        Resource: string,
        Parameters: object,
        Arguments: { type: ['object', 'string'] },
        WriterConfig: object,
      },
      additionalProperties: false,
    },
  },
} as const;
