// Generated definitions for the benchmark and test/large-history.browser.test.tsx.
import type { State, StateMachineDefinition } from '@aslkit/core';

/**
 * A machine of about `count` states in the shapes real ones have: Task chains with Retry and
 * Catch, a Choice every 10 states, a Parallel of two 5-state branches every 50, a Map.
 */
export function largeDefinition(count: number): StateMachineDefinition {
  const states: Record<string, State> = {};
  let made = 0;
  let i = 0;
  const name = (n: number) => `S${n}`;
  while (made < count - 1) {
    const here = name(i);
    const next = name(i + 1);
    if (i % 50 === 25) {
      const branch = (b: number): StateMachineDefinition => {
        const inner: Record<string, State> = {};
        for (let k = 0; k < 5; k++)
          inner[`${here}b${b}s${k}`] =
            k === 4 ? { Type: 'Pass', End: true } : { Type: 'Pass', Next: `${here}b${b}s${k + 1}` };
        return { StartAt: `${here}b${b}s0`, States: inner };
      };
      states[here] = { Type: 'Parallel', Branches: [branch(0), branch(1)], Next: next };
      made += 11;
    } else if (i % 50 === 40) {
      states[here] = {
        Type: 'Map',
        ItemsPath: '$.items',
        ItemProcessor: {
          StartAt: `${here}m0`,
          States: { [`${here}m0`]: { Type: 'Pass', Next: `${here}m1` }, [`${here}m1`]: { Type: 'Pass', End: true } },
        },
        Next: next,
      };
      made += 3;
    } else if (i % 10 === 5) {
      states[here] = {
        Type: 'Choice',
        Choices: [{ Variable: '$.skip', BooleanEquals: true, Next: name(i + 2) }],
        Default: next,
      };
      made += 1;
    } else {
      states[here] = {
        Type: 'Task',
        Resource: `arn:aws:lambda:us-east-1:123456789012:function:f${i}`,
        Retry: [{ ErrorEquals: ['States.Timeout'], MaxAttempts: 2 }],
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }],
        Next: next,
      };
      made += 1;
    }
    i++;
  }
  states[name(i)] = { Type: 'Succeed' };
  states.Failed = { Type: 'Fail', Error: 'Failed' };
  return { StartAt: name(0), States: states };
}

/** A Map over `items` items with a two-state processor: about 4 events per item plus 10. */
export function wideMapDefinition(): StateMachineDefinition {
  return {
    StartAt: 'Each',
    States: {
      Each: {
        Type: 'Map',
        ItemsPath: '$.items',
        MaxConcurrency: 1,
        ItemProcessor: { StartAt: 'Work', States: { Work: { Type: 'Pass', End: true } } },
        End: true,
      },
    },
  };
}

/** Items for `wideMapDefinition` so that its history has at least `events` events. */
export function itemsFor(events: number): number[] {
  return Array.from({ length: Math.ceil((events - 6) / 4) }, (_, i) => i);
}
