import { describe, expect, it } from 'vitest';
import { validate } from '../validate.js';

const task = (retry: unknown[], katch: unknown[] = []) => ({
  StartAt: 'T',
  States: {
    T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Retry: retry, Catch: katch, End: true },
    Recover: { Type: 'Succeed' },
  },
});
const wildcardProblems = (definition: unknown) =>
  validate(definition)
    .filter((d) => d.message.startsWith('States.ALL'))
    .map((d) => d.path);

describe('States.ALL placement', () => {
  it('accepts States.ALL alone in the last retrier and catcher', () => {
    const definition = task(
      [{ ErrorEquals: ['States.Timeout'] }, { ErrorEquals: ['States.ALL'] }],
      [
        { ErrorEquals: ['Custom'], Next: 'Recover' },
        { ErrorEquals: ['States.ALL'], Next: 'Recover' },
      ],
    );
    expect(wildcardProblems(definition)).toEqual([]);
  });

  it('rejects States.ALL before the last element or next to another name', () => {
    const definition = task(
      [{ ErrorEquals: ['States.ALL'] }, { ErrorEquals: ['States.Timeout'] }],
      [{ ErrorEquals: ['States.ALL', 'Custom'], Next: 'Recover' }],
    );
    expect(wildcardProblems(definition)).toEqual(['/States/T/Retry/0/ErrorEquals', '/States/T/Catch/0/ErrorEquals']);
  });

  it('leaves malformed lists to the schema', () => {
    expect(wildcardProblems(task([{ ErrorEquals: 'States.ALL' }, 'junk']))).toEqual([]);
  });
});
