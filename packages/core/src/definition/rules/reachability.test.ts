import { describe, expect, it } from 'vitest';
import { validate } from '../validate.js';

const codes = (definition: unknown) => validate(definition).map((d) => [d.code, d.severity, d.message, d.path]);

describe('reachability', () => {
  it('accepts a machine whose every state is reachable and can finish', () => {
    const definition = {
      StartAt: 'Poll',
      States: {
        Poll: { Type: 'Wait', Seconds: 1, Next: 'Done?' },
        'Done?': {
          Type: 'Choice',
          Choices: [{ Variable: '$.done', BooleanEquals: true, Next: 'End' }],
          Default: 'Poll',
        },
        End: { Type: 'Succeed' },
      },
    };
    expect(codes(definition)).toEqual([]);
  });

  it('reports a loop with no terminal state once, with no location, and skips the unreachable walk', () => {
    const definition = {
      StartAt: 'A',
      States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'A' }, Lost: { Type: 'Pass', Next: 'A' } },
    };
    expect(codes(definition)).toEqual([['MISSING_END_STATE', 'ERROR', 'Workflow has no terminal state', '']]);
  });

  it('reports a dangling target before MISSING_END_STATE, as AWS orders them', () => {
    expect(codes({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'NOPE' } } })).toEqual([
      ['MISSING_TRANSITION_TARGET', 'ERROR', "Missing 'Next' target: NOPE", '/States/A/Next'],
      ['MISSING_END_STATE', 'ERROR', 'Workflow has no terminal state', ''],
    ]);
  });

  it("reports unreachable states in AWS's words", () => {
    const definition = {
      StartAt: 'A',
      States: { A: { Type: 'Pass', End: true }, B: { Type: 'Pass', Next: 'C' }, C: { Type: 'Succeed' } },
    };
    expect(codes(definition)).toEqual([
      ['MISSING_TRANSITION_TARGET', 'ERROR', 'State "B" is not reachable.', '/States/B'],
      ['MISSING_TRANSITION_TARGET', 'ERROR', 'State "C" is not reachable.', '/States/C'],
    ]);
  });

  it('counts Catch and Default transitions as reaching a state', () => {
    const definition = {
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: 'arn:aws:lambda:us-east-1:111111111111:function:f',
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }],
          End: true,
        },
        Failed: { Type: 'Fail', Error: 'E' },
      },
    };
    expect(codes(definition)).toEqual([]);
  });

  it('warns about a reachable state from which the machine can never end', () => {
    const definition = {
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Variable: '$.spin', BooleanEquals: true, Next: 'Spin' }], Default: 'Done' },
        Spin: { Type: 'Wait', Seconds: 1, Next: 'Spin' },
        Done: { Type: 'Succeed' },
      },
    };
    expect(codes(definition)).toEqual([
      [
        'NO_TERMINAL_PATH',
        'WARNING',
        expect.stringContaining('"Spin" has no path to a terminal state'),
        '/States/Spin',
      ],
    ]);
  });

  it('checks each branch as a scope of its own', () => {
    const definition = {
      StartAt: 'P',
      States: {
        P: { Type: 'Parallel', End: true, Branches: [{ StartAt: 'X', States: { X: { Type: 'Pass', Next: 'X' } } }] },
      },
    };
    expect(codes(definition)).toEqual([['MISSING_END_STATE', 'ERROR', 'Workflow has no terminal state', '']]);
  });
});
