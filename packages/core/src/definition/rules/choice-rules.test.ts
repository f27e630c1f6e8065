import { describe, expect, it } from 'vitest';
import { validate } from '../validate.js';

const choice = (rules: unknown[], queryLanguage?: 'JSONata') => ({
  ...(queryLanguage ? { QueryLanguage: queryLanguage } : {}),
  StartAt: 'C',
  States: { C: { Type: 'Choice', Choices: rules, Default: 'End' }, Yes: { Type: 'Succeed' }, End: { Type: 'Succeed' } },
});
const errors = (definition: unknown) =>
  validate(definition)
    .filter((d) => d.severity === 'ERROR' && d.code !== 'MISSING_TRANSITION_TARGET')
    .map((d) => [d.message, d.path]);

describe('JSONPath choice rules', () => {
  it('accepts comparisons and nested And/Or/Not', () => {
    const rules = [
      { Variable: '$.a', StringMatches: 'log-*.txt', Next: 'Yes' },
      {
        And: [
          { Variable: '$.n', NumericGreaterThanPath: '$.min' },
          { Not: { Variable: '$$.Execution.Id', IsNull: true } },
        ],
        Next: 'Yes',
      },
      {
        Or: [
          { Variable: '$v', TimestampLessThan: '2016-03-14T01:59:00.123456789+01:00' },
          { Variable: '$.b', BooleanEquals: false },
        ],
        Next: 'Yes',
      },
    ];
    expect(errors(choice(rules))).toEqual([]);
  });

  it('rejects a rule with no operator, two operators, or Variable with a combinator', () => {
    const rules = [
      { Variable: '$.a', Next: 'Yes' },
      { Variable: '$.a', IsPresent: true, IsNull: false, Next: 'Yes' },
      { Variable: '$.a', Not: { Variable: '$.b', IsNull: true }, Next: 'Yes' },
      { StringEquals: 'x', Next: 'Yes' },
    ];
    expect(errors(choice(rules))).toEqual([
      ['A Choice rule must have a comparison operator, or one of And, Or, Not', '/States/C/Choices/0'],
      [
        'A Choice rule must have exactly one comparison operator, or one of And, Or, Not; found: [IsPresent, IsNull]',
        '/States/C/Choices/1',
      ],
      ["A Choice rule with And, Or or Not cannot have the field 'Variable'", '/States/C/Choices/2'],
      ['These fields are required: [Variable]', '/States/C/Choices/3'],
    ]);
  });

  it('rejects Next on a nested rule and a missing Next on a top-level rule (schema)', () => {
    const rules = [{ Not: { Variable: '$.a', IsNull: true, Next: 'Yes' } }];
    expect(errors(choice(rules))).toEqual([
      ['These fields are required: [Next]', '/States/C/Choices/0'],
      ["Field 'Next' is not supported", '/States/C/Choices/0/Not'],
    ]);
  });

  it("checks static timestamps (AWS's wording) and path operands", () => {
    const rules = [
      { Variable: '$.t', TimestampEquals: '2016-12-05 21:29:29Z', Next: 'Yes' },
      { Variable: '$.t', TimestampGreaterThanPath: '$.list[*]', Next: 'Yes' },
      { Variable: 'nope', IsPresent: true, Next: 'Yes' },
    ];
    expect(errors(choice(rules))).toEqual([
      ['String does not match RFC3339 timestamp', '/States/C/Choices/0/TimestampEquals'],
      [
        "The value for the field 'TimestampGreaterThanPath' must be a valid reference path (names and indexes only)",
        '/States/C/Choices/1/TimestampGreaterThanPath',
      ],
      ["The value for the field 'Variable' must be a valid JSONPath", '/States/C/Choices/2/Variable'],
    ]);
  });

  it('checks operand types (schema)', () => {
    const rules = [
      { Variable: '$.n', NumericEquals: '1', Next: 'Yes' },
      { Variable: '$.b', IsString: 'yes', Next: 'Yes' },
    ];
    expect(errors(choice(rules))).toEqual([
      ["The value for the field 'NumericEquals' must be a number", '/States/C/Choices/0/NumericEquals'],
      ["The value for the field 'IsString' must be a boolean", '/States/C/Choices/1/IsString'],
    ]);
  });

  it('refuses JSONata-only rule fields', () => {
    expect(errors(choice([{ Condition: true, Next: 'Yes' }]))[0]).toEqual([
      "The QueryLanguage is set to 'JSONPath', but field 'Condition' is only supported for the 'JSONata' QueryLanguage",
      '/States/C/Choices/0',
    ]);
  });

  it('handles And chains 5,000 levels deep', () => {
    let rule: Record<string, unknown> = { Variable: '$.x', IsPresent: true };
    for (let i = 0; i < 5_000; i++) rule = { And: [rule] };
    expect(() => validate(choice([{ ...rule, Next: 'Yes' }]))).not.toThrow();
  });
});

describe('JSONata choice rules', () => {
  it('accepts Condition rules with Assign and Output', () => {
    const rules = [
      { Condition: '{% $states.input.n > 1 %}', Assign: { seen: true }, Output: '{% $states.input %}', Next: 'Yes' },
      { Condition: false, Next: 'Yes' },
    ];
    expect(errors(choice(rules, 'JSONata'))).toEqual([]);
  });

  it('requires Condition and refuses JSONPath comparisons', () => {
    expect(
      errors(
        choice(
          [
            { Variable: '$.a', IsPresent: true, Next: 'Yes' },
            { Condition: 'yes', Next: 'Yes' },
          ],
          'JSONata',
        ),
      ),
    ).toEqual([
      [
        "The QueryLanguage is set to 'JSONata', but field 'Variable' is only supported for the 'JSONPath' QueryLanguage",
        '/States/C/Choices/0',
      ],
      [
        "The QueryLanguage is set to 'JSONata', but field 'IsPresent' is only supported for the 'JSONPath' QueryLanguage",
        '/States/C/Choices/0',
      ],
      ['These fields are required: [Condition]', '/States/C/Choices/0'],
      [
        "The value for the field 'Condition' must be a boolean or a JSONata expression",
        '/States/C/Choices/1/Condition',
      ],
    ]);
  });
});
