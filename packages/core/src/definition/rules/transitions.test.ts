import { describe, expect, it } from 'vitest';
import { validate } from '../validate.js';

const targets = (definition: unknown) =>
  validate(definition).filter((d) => d.message.startsWith("Missing 'Next' target"));

describe('transition targets', () => {
  it('accepts transitions to states of the same scope', () => {
    const definition = {
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'T' }], Default: 'T' },
        T: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Done' }],
          Next: 'Done',
        },
        Done: { Type: 'Succeed' },
      },
    };
    expect(targets(definition)).toEqual([]);
  });

  it("reports every dangling target with AWS's wording and location", () => {
    const definition = {
      StartAt: 'Nowhere',
      States: {
        A: { Type: 'Pass', Next: 'B1' },
        C: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'B2' }], Default: 'B3' },
        T: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'B4' }],
          End: true,
        },
      },
    };
    expect(targets(definition).map((d) => [d.code, d.message, d.path])).toEqual([
      ['MISSING_TRANSITION_TARGET', "Missing 'Next' target: Nowhere", '/StartAt'],
      ['MISSING_TRANSITION_TARGET', "Missing 'Next' target: B1", '/States/A/Next'],
      ['MISSING_TRANSITION_TARGET', "Missing 'Next' target: B2", '/States/C/Choices/0/Next'],
      ['MISSING_TRANSITION_TARGET', "Missing 'Next' target: B3", '/States/C/Default'],
      ['MISSING_TRANSITION_TARGET', "Missing 'Next' target: B4", '/States/T/Catch/0/Next'],
    ]);
  });

  it('does not let a branch jump to its parent scope, nor the parent into a branch', () => {
    const definition = {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'Inner', States: { Inner: { Type: 'Pass', Next: 'After' } } }],
          Next: 'Inner',
        },
        After: { Type: 'Succeed' },
      },
    };
    expect(targets(definition).map((d) => d.path)).toEqual([
      '/States/P/Next',
      '/States/P/Branches/0/States/Inner/Next',
    ]);
  });

  it('does not repeat the schema error for a scope without states', () => {
    expect(targets({ StartAt: 'A' })).toEqual([]);
    expect(targets({ StartAt: 'A', States: {} })).toEqual([]);
  });
});
