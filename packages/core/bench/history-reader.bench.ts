/**
 * Benchmark (not a test) of reading histories: the viewer's fold of a 25,000-event history (live,
 * event by event, and whole), the trace the matchers and the snapshot serializer read, and
 * coverage over 1,000 runs. Public API only, so the same file measures any version:
 *
 *   npx vitest bench --run --config vitest.workspace.ts --project core
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bench, describe } from 'vitest';
import {
  CoverageCollector,
  StateMachine,
  buildGraph,
  createHistoryFolder,
  foldHistory,
  traceExecution,
  type HistoryEvent,
  type Json,
  type MockScript,
} from '../src/index.js';

const fixtures = join(import.meta.dirname, '..', '..', '..', 'fixtures');
const text = (path: string) => readFileSync(join(fixtures, path), 'utf8');
const options = { seed: 1, startTime: '2026-01-01T00:00:00Z', history: { maxEvents: Infinity } };

// 6,240 items of one Pass each: 4 events per item, 24,964 in all (AWS's 25,000-event ceiling).
const wide = StateMachine.from(text('bench/w2-inline-map.asl.json'));
const items = Array.from({ length: 6_240 }, (_, id) => ({ id }));
const wideHistory: HistoryEvent[] = (await wide.run({ items }, options)).history;
const wideModel = buildGraph(wide.definition);

// 1,000 runs of the order pipeline: its three cases (Map, Parallel, Retry, Catch, Choice, Fail) in turn.
const pipeline = StateMachine.from(text('examples/order-pipeline.asl.json'));
const cases = JSON.parse(text('examples/order-pipeline.cases.json')) as { input: Json; mocks?: MockScript }[];
const runs: HistoryEvent[][] = [];
for (let i = 0; i < 1_000; i++) {
  const { input, mocks } = cases[i % cases.length]!;
  runs.push((await pipeline.run(input, { ...options, seed: i, ...(mocks ? { mocks } : {}) })).history);
}

describe(`fold: ${wideHistory.length} events`, () => {
  bench(
    'live: apply each event, a snapshot every 100 (a view streaming)',
    () => {
      const folder = createHistoryFolder(wideModel);
      wideHistory.forEach((event, i) => {
        folder.apply(event);
        if (i % 100 === 0) folder.snapshot();
      });
      folder.snapshot();
    },
    { iterations: 20, warmupIterations: 3, time: 0 },
  );
  bench(
    'time travel: foldHistory to the middle',
    () => {
      foldHistory(wideModel, wideHistory, wideHistory.length >> 1);
    },
    { iterations: 20, warmupIterations: 3, time: 0 },
  );
  bench(
    'traceExecution (matchers, serializer)',
    () => {
      traceExecution(wideHistory, wide.definition);
    },
    { iterations: 20, warmupIterations: 3, time: 0 },
  );
});

describe(`coverage: ${runs.length} runs of the order pipeline`, () => {
  bench(
    'CoverageCollector.record × 1,000',
    async () => {
      const coverage = new CoverageCollector();
      for (const history of runs) await coverage.record(pipeline.definition, history, 'order-pipeline');
      coverage.report();
    },
    { iterations: 20, warmupIterations: 3, time: 0 },
  );
});
