import { describe, expect, it } from 'vitest';
import { validate } from '../validate.js';

const output = (value: unknown) => ({
  QueryLanguage: 'JSONata',
  StartAt: 'E',
  States: { E: { Type: 'Pass', Output: value, End: true } },
});
const found = (definition: unknown) => validate(definition).map((d) => [d.code, d.message, d.path]);

describe('JSONata expressions', () => {
  it('accepts expressions over $states and variables, with names nested inside', () => {
    expect(
      found(
        output({
          a: '{% $states.input.items[price > 1].name %}',
          b: '{% $count($x) + $sum($states.input.n) %}',
          c: '{% $map($states.input, function($v) { $v.a }) %}',
        }),
      ),
    ).toEqual([]);
  });

  it("reports a parse failure with the parser's message, at the string (AWS-observed)", () => {
    expect(found(output('{% a[1,2) %}'))).toEqual([
      ['INVALID_JSONATA_EXPRESSION', 'Expected "]", got ","', '/States/E/Output'],
    ]);
    expect(found(output({ v: '{% 1 + %}' }))).toEqual([
      ['INVALID_JSONATA_EXPRESSION', 'Unexpected end of expression', '/States/E/Output/v'],
    ]);
  });

  it('reports a field name read at the top level (AWS-observed)', () => {
    expect(found(output({ v: '{% phone %}' }))).toEqual([
      [
        'UNSUPPORTED_JSONATA_EXPRESSION',
        "Reference to 'phone' at the top level is not supported.",
        '/States/E/Output/v',
      ],
    ]);
    expect(
      found(output('{% $uppercase(name) & suffix %}'))
        .map(([, message]) => message)
        .sort(),
    ).toEqual([
      "Reference to 'name' at the top level is not supported.",
      "Reference to 'suffix' at the top level is not supported.",
    ]);
  });

  it('reports $ at the top level, and $$ anywhere at the top (floci-io/floci#2786, measured)', () => {
    expect(found(output('{% $$.a %}'))).toEqual([
      ['UNSUPPORTED_JSONATA_EXPRESSION', "Reference to '$$' is not supported.", '/States/E/Output'],
    ]);
    expect(found(output({ v: '{% $ %}' }))).toEqual([
      ['UNSUPPORTED_JSONATA_EXPRESSION', "Reference to '$' at the top level is not supported.", '/States/E/Output/v'],
    ]);
  });

  it('reports $states.errorOutput outside a catcher, and accepts it in a catcher (floci-io/floci#2786, measured)', () => {
    const notThere = ['UNSUPPORTED_JSONATA_EXPRESSION', "Field '$states.errorOutput' does not exist."];
    expect(found(output('{% $states.errorOutput %}'))).toEqual([[...notThere, '/States/E/Output']]);
    expect(found(output({ e: '{% $map([1], function($v) { $states.errorOutput.Error }) %}' }))).toEqual([
      [...notThere, '/States/E/Output/e'],
    ]);
    const definition = (catcher: object, extra: object = {}) => ({
      QueryLanguage: 'JSONata',
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Arguments: { FunctionName: 'f' },
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Done', ...catcher }],
          End: true,
          ...extra,
        },
        Done: { Type: 'Succeed' },
      },
    });
    expect(
      found(definition({ Output: '{% $states.errorOutput %}', Assign: { e: '{% $states.errorOutput.Cause %}' } })),
    ).toEqual([]);
    expect(found(definition({}, { Assign: { e: '{% $states.errorOutput %}' } }))).toEqual([
      [...notThere, '/States/T/Assign/e'],
    ]);
    expect(found(output('{% $states.input.errorOutput %}'))).toEqual([]);
  });

  it('checks Condition, Catch and Arguments expressions too', () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Condition: '{% ( %}', Next: 'T' }], Default: 'T' },
        T: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Arguments: { Payload: ['{% ] %}'] },
          Catch: [{ ErrorEquals: ['States.ALL'], Output: '{% ) %}', Next: 'Done' }],
          Next: 'Done',
        },
        Done: { Type: 'Succeed' },
      },
    };
    expect(found(definition).map(([code, , path]) => [code, path])).toEqual([
      ['INVALID_JSONATA_EXPRESSION', '/States/C/Choices/0/Condition'],
      ['INVALID_JSONATA_EXPRESSION', '/States/T/Arguments/Payload/0'],
      ['INVALID_JSONATA_EXPRESSION', '/States/T/Catch/0/Output'],
    ]);
  });

  it('leaves {% %} strings of JSONPath states alone (they are literals there)', () => {
    expect(found({ StartAt: 'P', States: { P: { Type: 'Pass', Result: '{% ( %}', End: true } } })).toEqual([]);
  });

  it('does not treat strings with text around the markers as expressions', () => {
    expect(found(output(' {% ( %}'))).toEqual([]);
  });
});
