import { describe, expect, it } from 'vitest';
import { StateMachine } from './state-machine.js';
import { UsageError } from '../errors/aslkit-error.js';

const START = { seed: 'start-at', startTime: '2024-01-01T00:00:00.000Z' };
const entered = (history: { type: string; stateEnteredEventDetails?: { name: string } }[]) =>
  history.filter((e) => e.type.endsWith('StateEntered')).map((e) => e.stateEnteredEventDetails!.name);

const machine = StateMachine.from({
  StartAt: 'First',
  States: {
    First: { Type: 'Pass', Result: 'first', ResultPath: '$.first', Next: 'Fan' },
    Fan: {
      Type: 'Parallel',
      Branches: [
        {
          StartAt: 'B1',
          States: {
            B1: { Type: 'Pass', Result: 'b1', ResultPath: '$.b', Next: 'B1Tail' },
            B1Tail: { Type: 'Pass', End: true },
          },
        },
        { StartAt: 'B2', States: { B2: { Type: 'Pass', End: true } } },
      ],
      ResultPath: '$.fan',
      Next: 'Each',
    },
    Each: {
      Type: 'Map',
      ItemsPath: '$.items',
      ItemProcessor: {
        StartAt: 'Double',
        States: {
          Double: { Type: 'Pass', Parameters: { 'x.$': 'States.MathAdd($, $)' }, Next: 'Tag' },
          Tag: { Type: 'Pass', Parameters: { 'tag.$': '$var' }, End: true },
        },
      },
      End: true,
    },
  },
});

describe('start(input, { startAt })', () => {
  it('starts at a top-level state, with variables and context facts', async () => {
    const result = await machine.run(
      { items: [1] },
      { ...START, startAt: 'Each', variables: { var: 'v' }, context: { Execution: { Name: 'tail' } } },
    );
    expect(result.status).toBe('SUCCEEDED');
    expect(entered(result.history as never)).toEqual(['Each', 'Double', 'Tag']);
    expect(result.output).toEqual([{ tag: 'v' }]);
  });

  it("starts every iteration of the enclosing Map at a processor's state", async () => {
    const result = await machine.run({ items: [5, 6] }, { ...START, startAt: 'Tag', variables: { var: 'w' } });
    expect(entered(result.history as never)).toEqual(['Each', 'Tag', 'Tag']);
    expect(result.output).toEqual([{ tag: 'w' }, { tag: 'w' }]);
  });

  it('starts the branch of the enclosing Parallel that holds the state there, the others as usual', async () => {
    const result = await machine.run({ items: [], mark: 1 }, { ...START, startAt: 'B1Tail' });
    expect(
      entered(result.history as never)
        .slice(0, 3)
        .sort(),
    ).toEqual(['B1Tail', 'B2', 'Fan']);
    expect(result.status).toBe('SUCCEEDED');
    const fan = result.history.find((e) => e.type === 'ParallelStateExited') as unknown as {
      stateExitedEventDetails: { output: string };
    };
    // B1Tail passes the input through: B1's ResultPath never ran.
    expect(JSON.parse(fan.stateExitedEventDetails.output).fan).toEqual([
      { items: [], mark: 1 },
      { items: [], mark: 1 },
    ]);
  });

  it('refuses a name the machine does not have, suggesting the closest', () => {
    expect(() => machine.start({}, { startAt: 'Dobule' })).toThrow(UsageError);
    expect(() => machine.start({}, { startAt: 'Dobule' })).toThrow("did you mean 'Double'?");
  });
});
