import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Json } from '../json.js';
import type { StateMachineDefinition } from '../definition/types.js';
import { StateMachine } from '../runtime/state-machine.js';
import {
  isDistributedMap,
  mapRunView,
  pageOfChildren,
  processorDefinition,
  runsStartedBy,
  runsOfState,
  topLevelRuns,
} from './map-run-view.js';

const fixture = (name: string) => new URL(`../../../../fixtures/states/${name}`, import.meta.url);
const definition = JSON.parse(
  readFileSync(fixture('distributed-map-failures.asl.json'), 'utf8'),
) as StateMachineDefinition;
const cases = JSON.parse(readFileSync(fixture('distributed-map-failures.test.json'), 'utf8')) as {
  cases: { input: Json }[];
};
const START = { seed: 1, startTime: '2026-01-01T00:00:00Z' };

async function finishedRun(options: Parameters<StateMachine['start']>[1] = START) {
  const execution = StateMachine.from(definition).start(cases.cases[0]!.input, options);
  await execution.result;
  return execution;
}

describe('mapRunView', () => {
  it("counts the children by status, as DescribeMapRun's itemCounts", async () => {
    const execution = await finishedRun();
    const view = mapRunView(execution.mapRuns[0]!);
    expect(view).toMatchObject({
      stateName: 'CheckItems',
      status: 'SUCCEEDED',
      executionType: 'STANDARD',
      maxConcurrency: 2,
      executionArn: execution.executionArn,
      itemCounts: { pending: 0, running: 0, succeeded: 4, failed: 2, timedOut: 0, aborted: 0, total: 6 },
    });
    expect(view.mapRunArn).toMatch(/^arn:aws:states:us-east-1:123456789012:mapRun:StateMachine\/Check:/);
    // The view is plain JSON: what crosses the wire is what the page gets.
    expect(JSON.parse(JSON.stringify(view))).toEqual(view);
  });
});

describe('pageOfChildren', () => {
  it('filters by status and says how many match; histories kept for failed children only by default', async () => {
    const run = (await finishedRun()).mapRuns[0]!;
    const failed = pageOfChildren(run, { status: 'FAILED' });
    expect(failed.matching).toBe(2);
    expect(failed.children.map((child) => [child.index, child.status, child.error, child.hasHistory])).toEqual([
      [1, 'FAILED', 'Item.Rejected', true],
      [4, 'FAILED', 'Item.Rejected', true],
    ]);
    expect(failed.children[0]!.cause).toBe('the item is not ok');
    const succeeded = pageOfChildren(run, { status: 'SUCCEEDED' });
    expect(succeeded.children.map((child) => [child.index, child.hasHistory])).toEqual([
      [0, false],
      [2, false],
      [3, false],
      [5, false],
    ]);
    expect(pageOfChildren(run, { status: 'TIMED_OUT' })).toMatchObject({ matching: 0, children: [] });
  });

  it('pages through the children in item order, capped', async () => {
    const run = (await finishedRun()).mapRuns[0]!;
    const first = pageOfChildren(run, { limit: 4 });
    const second = pageOfChildren(run, { offset: 4, limit: 4 });
    expect(first).toMatchObject({ offset: 0, matching: 6 });
    expect([...first.children, ...second.children].map((child) => child.index)).toEqual([0, 1, 2, 3, 4, 5]);
    // Nonsense paging is read as the nearest sensible page, never as an error or a huge one.
    expect(pageOfChildren(run, { offset: -3, limit: 1e9 }).children).toHaveLength(6);
  });

  it('marks every child openable when all histories are kept', async () => {
    const run = (await finishedRun({ ...START, mapRuns: { childHistories: 'all' } })).mapRuns[0]!;
    expect(pageOfChildren(run).children.every((child) => child.hasHistory)).toBe(true);
  });
});

describe('processorDefinition', () => {
  it("gives the Map's ItemProcessor as a machine, without its ProcessorConfig", () => {
    const machine = processorDefinition(definition, 'CheckItems');
    const map = definition.States['CheckItems'];
    expect(machine).toEqual({ StartAt: 'Inspect', States: map?.Type === 'Map' ? map.ItemProcessor?.States : {} });
    expect(processorDefinition(definition, 'Report')).toBeUndefined();
    expect(processorDefinition(definition, 'Nowhere')).toBeUndefined();
  });

  it('finds a Map nested in a processor or a branch, and carries the top-level QueryLanguage', () => {
    const nested = {
      QueryLanguage: 'JSONata',
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [
            {
              StartAt: 'Inner',
              States: {
                Inner: { Type: 'Map', Iterator: { StartAt: 'X', States: { X: { Type: 'Succeed' } } }, End: true },
              },
            },
          ],
          End: true,
        },
      },
    } as unknown as StateMachineDefinition;
    expect(processorDefinition(nested, 'Inner')).toEqual({
      QueryLanguage: 'JSONata',
      StartAt: 'X',
      States: { X: { Type: 'Succeed' } },
    });
  });

  it('tells a distributed Map from an inline one', () => {
    expect(isDistributedMap(definition.States['CheckItems'])).toBe(true);
    expect(isDistributedMap({ Type: 'Map', ItemProcessor: { StartAt: 'A', States: {} }, End: true })).toBe(false);
    expect(isDistributedMap(definition.States['Report'])).toBe(false);
    expect(isDistributedMap(undefined)).toBe(false);
  });
});

describe('runsStartedBy / topLevelRuns', () => {
  it("tells the top-level execution's runs from those its children started", async () => {
    const outer = JSON.parse(
      readFileSync(fixture('nested-distributed-map.asl.json'), 'utf8'),
    ) as StateMachineDefinition;
    const execution = StateMachine.from(outer).start([{ inner: [1, 2] }, { inner: [3] }], START);
    await execution.result;
    const pool = execution.mapRuns;
    expect(pool).toHaveLength(3);
    const top = topLevelRuns(pool);
    expect(top.map((run) => run.stateName)).toEqual(['Outer']);
    expect(runsStartedBy(pool, execution.executionArn)).toEqual(top);
    const firstChild = top[0]!.children[0]!;
    const nested = runsStartedBy(pool, firstChild.executionArn);
    expect(runsOfState(pool, 'InnerMap').map((run) => run.children.length)).toEqual([2, 1]);
    expect(nested.map((run) => [run.stateName, run.children.length])).toEqual([['InnerMap', 2]]);
  });
});
