import { describe, expect, it } from 'vitest';
import { validate } from '../validate.js';

const warnings = (definition: unknown) =>
  validate(definition)
    .filter((d) => d.code === 'NO_PATH')
    .map((d) => d.path);

describe('NO_PATH', () => {
  it('warns about literal Error, Cause and Choice operands that look like paths', () => {
    const definition = {
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Not: { Variable: '$.a', StringEquals: '$.b' }, Next: 'F' }], Default: 'F' },
        F: { Type: 'Fail', Error: '$.error', Cause: 'plain' },
      },
    };
    expect(warnings(definition)).toEqual(['/States/C/Choices/0/Not/StringEquals', '/States/F/Error']);
  });

  it('stays quiet for ordinary strings and for JSONata states', () => {
    expect(warnings({ StartAt: 'F', States: { F: { Type: 'Fail', Error: 'Costs $5', Cause: 'x' } } })).toEqual([]);
    expect(
      warnings({ QueryLanguage: 'JSONata', StartAt: 'F', States: { F: { Type: 'Fail', Error: '$.error' } } }),
    ).toEqual([]);
  });
});
