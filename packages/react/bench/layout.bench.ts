/**
 * Benchmark (not a test): layout time of a 500-state definition, and the time to apply a
 * 10,000-event history to the viewer store. Runs in Chromium, where the viewer runs:
 *
 *   npx vitest bench --run --config vitest.workspace.ts --project react
 */
import { bench, describe } from 'vitest';
import { StateMachine, buildGraph, createHistoryFolder, foldHistory, type HistoryEvent } from '@aslkit/core';
import { readLayout, toElkGraph } from '@aslkit/core/layout';
import { elkLayoutEngine } from '../src/layout/layout-graph.js';
import { toFlow } from '../src/layout/to-flow.js';
import { ViewerStore } from '../src/store/viewer-store.js';
import { itemsFor, largeDefinition, wideMapDefinition } from './large-machines.js';

const big = largeDefinition(500);
const bigModel = buildGraph(big);
const wide = wideMapDefinition();
const wideModel = buildGraph(wide);
const { history } = await StateMachine.from(wide).run(
  { items: itemsFor(10_000) },
  { seed: 1, startTime: '2026-01-01T00:00:00Z', history: { maxEvents: Infinity } },
);
const events: HistoryEvent[] = history;

describe(`layout: ${Object.keys(big.States).length} top-level / ${bigModel.nodes.length} graph nodes, ${bigModel.edges.length} edges`, () => {
  bench('buildGraph', () => {
    buildGraph(big);
  });
  bench(
    'ELK layout (layered, INCLUDE_CHILDREN), on the page thread',
    async () => {
      await elkLayoutEngine(toElkGraph(bigModel));
    },
    { iterations: 8, warmupIterations: 2, time: 0 },
  );
  bench(
    'ELK layout + React Flow nodes/edges',
    async () => {
      toFlow(bigModel, readLayout(await elkLayoutEngine(toElkGraph(bigModel))));
    },
    { iterations: 8, warmupIterations: 2, time: 0 },
  );
});

describe(`history: ${events.length} events`, () => {
  bench(
    'incremental fold (createHistoryFolder().apply × N, one snapshot)',
    () => {
      const folder = createHistoryFolder(wideModel);
      for (const event of events) folder.apply(event);
      folder.snapshot();
    },
    { iterations: 10, time: 0 },
  );
  bench(
    'viewer store: append one by one, one frame published',
    () => {
      const store = new ViewerStore({ schedule: () => {} });
      store.load(wide);
      for (const event of events) store.append([event]);
      store.flush();
    },
    { iterations: 10, time: 0 },
  );
  bench(
    'time travel: foldHistory to the middle (scrubber drag)',
    () => {
      foldHistory(wideModel, events.slice(0, events.length >> 1));
    },
    { iterations: 10, time: 0 },
  );
});
