// Whole-machine guard of concurrent event order: every configuration's history must stay byte
// for byte what it was when the digests were recorded (ASLKIT_RECORD_ORDER=1 records them anew).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configurations } from './concurrent-order/configurations.js';
import type { HistoryEvent } from '../src/index.js';
import { run } from './helpers.js';

const FIXTURE = join(import.meta.dirname, '../../../fixtures/concurrency/history-digests.json');
const recording = process.env['ASLKIT_RECORD_ORDER'] === '1';

async function digest(config: ReturnType<typeof configurations>[number]): Promise<string> {
  const result = await run(config.definition, config.input, config.options);
  const { status, output, error, cause, history } = result;
  const text = JSON.stringify({ status, output, error, cause, history });
  return `${history.length} ${createHash('sha256').update(text).digest('hex')}`;
}

describe('event order of concurrent branches', () => {
  const all = configurations();

  it.skipIf(!recording)(
    'records the digests',
    async () => {
      const digests: Record<string, string> = {};
      for (const config of all) digests[config.name] = await digest(config);
      writeFileSync(FIXTURE, `${JSON.stringify(digests, null, 2)}\n`);
    },
    120_000,
  );

  it.skipIf(recording)(
    "keeps every configuration's history byte-identical",
    async () => {
      const expected = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Record<string, string>;
      expect(Object.keys(expected)).toEqual(all.map((c) => c.name));
      const changed: string[] = [];
      for (const config of all) if ((await digest(config)) !== expected[config.name]) changed.push(config.name);
      expect(changed).toEqual([]);
    },
    120_000,
  );
});

const FUNCTION = 'arn:aws:lambda:us-east-1:123456789012:function:work';

/** `type #index` for each event of a Map iteration, found by following `previousEventId`. */
function attributed(history: readonly HistoryEvent[]): string[] {
  const owner = new Map<number, string>();
  const out: string[] = [];
  for (const event of history) {
    const details = Object.entries(event).find(([key]) => key.endsWith('EventDetails'))?.[1] as
      { index?: number } | undefined;
    let child = owner.get(event.previousEventId);
    if (event.type === 'MapIterationStarted') child = `#${details?.index}`;
    // The fan-out's own events (and the execution's) belong to no child.
    if (/^(MapState|ParallelState|Execution)/.test(event.type)) child = undefined;
    if (child !== undefined) owner.set(event.id, child);
    if (child !== undefined) out.push(`${event.type} ${child}`);
  }
  return out;
}

describe('the rule of concurrent event order (docs/architecture.md)', () => {
  it('runs children without pauses one after the other, in index order', async () => {
    const branch = (name: string) => ({
      StartAt: `${name}1`,
      States: { [`${name}1`]: { Type: 'Pass', Next: `${name}2` }, [`${name}2`]: { Type: 'Pass', End: true } },
    });
    const result = await run({
      StartAt: 'P',
      States: { P: { Type: 'Parallel', Branches: [branch('A'), branch('B')], End: true } },
    });
    const entered = result.history.flatMap((e) =>
      'stateEnteredEventDetails' in e ? [e.stateEnteredEventDetails.name] : [],
    );
    expect(entered).toEqual(['P', 'A1', 'A2', 'B1', 'B2']);
  });

  it('advances children that pause together in lockstep, one step each per round, in index order', async () => {
    const result = await run(
      {
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            MaxConcurrency: 2,
            ItemProcessor: {
              StartAt: 'T',
              States: {
                T: { Type: 'Task', Resource: FUNCTION, Next: 'C' },
                C: { Type: 'Choice', Choices: [{ Variable: '$', NumericEquals: 1, Next: 'P' }], Default: 'P' },
                P: { Type: 'Pass', End: true },
              },
            },
            End: true,
          },
        },
      },
      [0, 1, 2],
      { resolvers: { [FUNCTION]: (input) => input } },
    );
    expect(attributed(result.history)).toEqual([
      'MapIterationStarted #0',
      'TaskStateEntered #0',
      'MapIterationStarted #1',
      'TaskStateEntered #1',
      'LambdaFunctionScheduled #0',
      'LambdaFunctionStarted #0',
      'LambdaFunctionScheduled #1',
      'LambdaFunctionStarted #1',
      // Both calls answered: their results are released together, in call order.
      'LambdaFunctionSucceeded #0',
      'LambdaFunctionSucceeded #1',
      'TaskStateExited #0',
      'TaskStateExited #1',
      'ChoiceStateEntered #0',
      'ChoiceStateEntered #1',
      'ChoiceStateExited #0',
      'ChoiceStateExited #1',
      // A Pass state does not pause: Entered and Exited come together.
      'PassStateEntered #0',
      'PassStateExited #0',
      'PassStateEntered #1',
      'PassStateExited #1',
      'MapIterationSucceeded #0',
      'MapIterationSucceeded #1',
      // The freed slot starts the next item.
      'MapIterationStarted #2',
      'TaskStateEntered #2',
      'LambdaFunctionScheduled #2',
      'LambdaFunctionStarted #2',
      'LambdaFunctionSucceeded #2',
      'TaskStateExited #2',
      'ChoiceStateEntered #2',
      'ChoiceStateExited #2',
      'PassStateEntered #2',
      'PassStateExited #2',
      'MapIterationSucceeded #2',
    ]);
  });

  it('releases resolver results in call order, whatever real time each call took', async () => {
    const definition = {
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          ItemProcessor: { StartAt: 'T', States: { T: { Type: 'Task', Resource: FUNCTION, End: true } } },
          End: true,
        },
      },
    };
    const items = [0, 1, 2, 3];
    const instant = await run(definition, items, { resolvers: { [FUNCTION]: async (input) => input } });
    // The first call answers last in real time, the last one first.
    const slow = await run(definition, items, {
      resolvers: {
        [FUNCTION]: async (input) => {
          await new Promise((resolve) => setTimeout(resolve, 20 - 5 * Number(input)));
          return input;
        },
      },
    });
    expect(JSON.stringify(slow.history)).toBe(JSON.stringify(instant.history));
  });

  it('fires timers by due time, and timers due together in the order they were set', async () => {
    const waiting = (name: string, seconds: number) => ({
      StartAt: name,
      States: { [name]: { Type: 'Wait', Seconds: seconds, End: true } },
    });
    const result = await run({
      StartAt: 'P',
      States: {
        P: { Type: 'Parallel', Branches: [waiting('Two', 2), waiting('OneA', 1), waiting('OneB', 1)], End: true },
      },
    });
    const exited = result.history.flatMap((e) =>
      e.type === 'WaitStateExited' ? [`${e.stateExitedEventDetails.name} ${e.timestamp}`] : [],
    );
    expect(exited).toEqual([
      'OneA 2026-01-01T00:00:01.000Z',
      'OneB 2026-01-01T00:00:01.000Z',
      'Two 2026-01-01T00:00:02.000Z',
    ]);
  });
});
