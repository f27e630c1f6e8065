/**
 * JSONata's `$now()`/`$millis()` in whole executions: the execution clock at evaluation time
 * (JSONata: "the timestamp is captured at the start of the expression evaluation"), formatted
 * as JSONata's `$fromMillis` default, ISO 8601 with milliseconds and `Z`.
 */
import { describe, it, expect } from 'vitest';
import type { Json } from '../json.js';
import { StateMachine, type StartOptions } from '../runtime/state-machine.js';

const START = { seed: 'now', startTime: '2024-01-01T00:00:00.000Z' } satisfies StartOptions;

const run = (definition: object, input: Json = {}) => StateMachine.from(definition).run(input, START);

describe('$now() and $millis()', () => {
  it('report the virtual clock when the expression runs, not when the state was entered', async () => {
    const result = await run({
      QueryLanguage: 'JSONata',
      StartAt: 'W',
      States: {
        // A Wait's Output is evaluated after the wait: 90 s after entry.
        W: {
          Type: 'Wait',
          Seconds: 90,
          Output: {
            now: '{% $now() %}',
            millis: '{% $millis() %}',
            entered: '{% $states.context.State.EnteredTime %}',
          },
          End: true,
        },
      },
    });
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toEqual({
      now: '2024-01-01T00:01:30.000Z',
      millis: 1_704_067_290_000,
      entered: '2024-01-01T00:00:00.000Z',
    });
  });

  it('agree with the history timestamp of the state that evaluates them', async () => {
    const result = await run({
      QueryLanguage: 'JSONata',
      StartAt: 'W',
      States: {
        W: { Type: 'Wait', Seconds: 5, Next: 'P' },
        P: { Type: 'Pass', Output: '{% $now() %}', End: true },
      },
    });
    const entered = result.history.find((event) => event.type === 'PassStateEntered');
    expect(result.output).toBe(entered?.timestamp);
    expect(result.output).toBe('2024-01-01T00:00:05.000Z');
  });

  it('see the time at which each Map iteration computes its ItemSelector', async () => {
    const result = await run({
      QueryLanguage: 'JSONata',
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          Items: [1, 2],
          MaxConcurrency: 1,
          ItemSelector: '{% $millis() %}',
          ItemProcessor: { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 10, End: true } } },
          End: true,
        },
      },
    });
    // The second item's selector runs only once the first iteration's 10 s wait is over.
    expect(result.output).toEqual([1_704_067_200_000, 1_704_067_210_000]);
  });

  it('format with a picture and a timezone from the same instant', async () => {
    const result = await run({
      QueryLanguage: 'JSONata',
      StartAt: 'W',
      States: {
        W: { Type: 'Wait', Seconds: 3600, Output: "{% $now('[Y0001]-[M01]-[D01] [H01]:[m01]', '+0530') %}", End: true },
      },
    });
    expect(result.output).toBe('2024-01-01 06:30');
  });

  it('are replayed exactly by the same start time', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'P',
      States: { P: { Type: 'Pass', Output: '{% [$now(), $millis()] %}', End: true } },
    };
    const first = await run(definition);
    const second = await run(definition);
    expect(first.output).toEqual(['2024-01-01T00:00:00.000Z', 1_704_067_200_000]);
    expect(second.output).toEqual(first.output);
  });
});
