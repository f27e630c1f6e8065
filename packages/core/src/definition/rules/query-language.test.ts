import { describe, expect, it } from 'vitest';
import { validate } from '../validate.js';

const errors = (definition: unknown) =>
  validate(definition)
    .filter((d) => d.severity === 'ERROR')
    .map((d) => [d.message, d.path]);

describe('query language', () => {
  it('accepts the recorded mixed machine: JSONPath top, JSONata Map, JSONPath state inside (AWS: VALID)', () => {
    const definition = {
      StartAt: 'Map',
      QueryLanguage: 'JSONPath',
      States: {
        Map: {
          Type: 'Map',
          QueryLanguage: 'JSONata',
          ItemProcessor: {
            ProcessorConfig: { Mode: 'INLINE' },
            StartAt: 'Pass',
            States: { Pass: { QueryLanguage: 'JSONPath', Type: 'Pass', End: true } },
          },
          End: true,
        },
      },
    };
    expect(validate(definition)).toEqual([]);
  });

  it('refuses a JSONPath state under a JSONata machine, at the state (AWS-observed)', () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Pass',
      States: { Pass: { Type: 'Pass', QueryLanguage: 'JSONPath', End: true } },
    };
    expect(errors(definition)).toEqual([
      ["'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine", '/States/Pass'],
    ]);
  });

  it('refuses JSONata-only fields in JSONPath states and the reverse', () => {
    const definition = {
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Output: {}, Next: 'B' },
        B: {
          Type: 'Task',
          QueryLanguage: 'JSONata',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: {},
          ResultPath: '$.r',
          Next: 'C',
        },
        C: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Arguments: {},
          Catch: [{ ErrorEquals: ['States.ALL'], Output: {}, Next: 'D' }],
          End: true,
        },
        D: { Type: 'Fail', QueryLanguage: 'JSONata', CausePath: '$.c' },
      },
    };
    expect(errors(definition)).toEqual([
      [
        "The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage",
        '/States/A',
      ],
      [
        "The QueryLanguage is set to 'JSONata', but field 'Parameters' is only supported for the 'JSONPath' QueryLanguage",
        '/States/B',
      ],
      [
        "The QueryLanguage is set to 'JSONata', but field 'ResultPath' is only supported for the 'JSONPath' QueryLanguage",
        '/States/B',
      ],
      [
        "The QueryLanguage is set to 'JSONPath', but field 'Arguments' is only supported for the 'JSONata' QueryLanguage",
        '/States/C',
      ],
      [
        "The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage",
        '/States/C/Catch/0',
      ],
      [
        "The QueryLanguage is set to 'JSONata', but field 'CausePath' is only supported for the 'JSONPath' QueryLanguage",
        '/States/D',
      ],
    ]);
  });

  it('lets nested states inherit the machine language, not their Map’s', () => {
    const definition = {
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          QueryLanguage: 'JSONata',
          ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', Output: 1, End: true } } },
          End: true,
        },
      },
    };
    expect(errors(definition)).toEqual([
      [
        "The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage",
        '/States/M/ItemProcessor/States/P',
      ],
    ]);
  });

  it('takes numeric fields as {% %} strings only in JSONata', () => {
    const wait = (seconds: unknown, language?: string) => ({
      ...(language ? { QueryLanguage: language } : {}),
      StartAt: 'W',
      States: { W: { Type: 'Wait', Seconds: seconds, End: true } },
    });
    expect(errors(wait('{% 5 %}', 'JSONata'))).toEqual([]);
    expect(errors(wait('5', 'JSONata'))).toEqual([
      ["The value for the field 'Seconds' must be an integer or a JSONata expression", '/States/W/Seconds'],
    ]);
    expect(errors(wait('{% 5 %}'))).toEqual([
      ["The value for the field 'Seconds' must be an integer", '/States/W/Seconds'],
    ]);
  });

  it('checks the shapes of Items, Arguments and ItemSelector in JSONata', () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          Items: 'not a list',
          ItemSelector: '{% $states.context.Map.Item.Value %}',
          ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Succeed' } } },
          Next: 'T',
        },
        T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: 'x', End: true },
      },
    };
    expect(errors(definition)).toEqual([
      ["The value for the field 'Items' must be an array or a JSONata expression", '/States/M/Items'],
      ["The value for the field 'Arguments' must be an object or a JSONata expression", '/States/T/Arguments'],
    ]);
  });

  it('reports an unknown QueryLanguage value at the field (schema)', () => {
    const definition = { StartAt: 'P', States: { P: { Type: 'Pass', QueryLanguage: 'XPath', End: true } } };
    expect(errors(definition)).toEqual([
      ['Value should be one of the following: [JSONPath, JSONata]', '/States/P/QueryLanguage'],
    ]);
  });
});
