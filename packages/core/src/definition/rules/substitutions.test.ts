import { describe, expect, it } from 'vitest';
import { validate } from '../validate.js';

const machine = (state: object) => ({ StartAt: 'T', States: { T: { End: true, ...state } } });

describe('unresolved substitutions', () => {
  it('reports a placeholder Resource instead of AWS\'s "not recognized", located at the field', () => {
    const text = JSON.stringify(machine({ Type: 'Task', Resource: '${ChargeFunctionArn}' }), null, 2);
    expect(validate(text)).toEqual([
      expect.objectContaining({
        code: 'UNRESOLVED_SUBSTITUTION',
        severity: 'ERROR',
        path: '/States/T/Resource',
        stateName: 'T',
        line: 7,
        column: 7,
        message: expect.stringContaining('unresolved substitution `${ChargeFunctionArn}`'),
      }),
    ]);
  });

  it('names every placeholder of a Resource built from several', () => {
    const [diagnostic] = validate(
      machine({ Type: 'Task', Resource: 'arn:aws:lambda:${AWS::Region}:${Account}:function:f' }),
    );
    expect(diagnostic).toMatchObject({ code: 'UNRESOLVED_SUBSTITUTION', severity: 'ERROR' });
    expect(diagnostic!.message).toContain('`${AWS::Region}`, `${Account}`');
  });

  it('warns about placeholders in other strings and keys, nested scopes included, once each', () => {
    const definition = machine({
      Type: 'Parallel',
      Branches: [
        {
          StartAt: 'Put',
          States: {
            Put: {
              Type: 'Task',
              Resource: 'arn:aws:states:::dynamodb:putItem',
              Parameters: { TableName: '${OrdersTable}', Item: { '${Key}': { S: 'x' } } },
              End: true,
            },
          },
        },
      ],
    });
    const found = validate(definition).map((d) => [d.code, d.severity, d.path]);
    expect(found).toEqual([
      ['UNRESOLVED_SUBSTITUTION', 'WARNING', '/States/T/Branches/0/States/Put/Parameters/TableName'],
      ['UNRESOLVED_SUBSTITUTION', 'WARNING', '/States/T/Branches/0/States/Put/Parameters/Item/${Key}'],
    ]);
  });

  it("leaves CloudFormation's ${!Literal} escape and text without placeholders alone", () => {
    expect(validate(machine({ Type: 'Pass', Result: { a: '${!Literal}', b: '$5 {x}' } }))).toEqual([]);
  });
});
