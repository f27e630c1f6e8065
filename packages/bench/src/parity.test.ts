import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadWorkloads } from './fixtures.js';
import { CHILD_SCRIPT } from './spawn-child.js';
import { COLD_VARIANTS, runSuite, type SuiteResult } from './suite.js';
import { summarizeColdStart, summarizeRun } from './summary.js';

// Runs the quick mode exactly as `npm run bench -- --quick` does: the built child scripts in
// fresh processes (the peer cannot load inside Vitest, whose `module` condition sends the AWS
// SDK to its untranspiled dist-es). The comparison is only meaningful if both engines do the
// same work and reach the same output, so that is what this checks.
const workloads = loadWorkloads('quick');
let suite: SuiteResult;

beforeAll(() => {
  if (!existsSync(CHILD_SCRIPT)) throw new Error(`${CHILD_SCRIPT} is missing: run \`npm run build\` first`);
  suite = runSuite(workloads, { reps: 1 });
}, 120_000);

describe('bench quick mode', () => {
  const ids = ['W1', 'W2', 'W3', 'W4', 'W5', 'W6', 'W7', 'W8', 'W9', 'W10'];
  it('covers W1 to W10', () => {
    expect(workloads.map((workload) => workload.id)).toEqual(ids);
    const ran = new Set([
      ...suite.runs.map((run) => run.workload.id),
      ...suite.coldStarts.map((cold) => cold.workload.id),
    ]);
    expect([...ran].sort()).toEqual([...ids].sort());
  });

  it.each(
    workloads
      .filter((w) => w.kind !== 'cold-start')
      .flatMap((w) => w.runs.map((run) => [`${w.id} ${run.label}`] as const)),
  )('%s: every engine succeeds with the same output, and aslkit enters the declared states', (key) => {
    const run = suite.runs.find((entry) => `${entry.workload.id} ${entry.fixture.label}` === key)!;
    const summary = summarizeRun(run);
    expect([...summary.aslkit.failures, ...summary.peer.failures, ...summary.limit.failures]).toEqual([]);
    for (const engine of run.workload.engines) expect(run.reports[engine]).toHaveLength(1);
    expect(summary.outputsMatch).toBe(true);
    expect(summary.transitionsMatch).toBe(true);
    if (run.fixture.history !== 'off') expect(summary.aslkit.statesEntered).toBe(run.fixture.transitions);
    expect(summary.aslkit.transitionsPerSecond).toBeGreaterThan(0);
    if (run.workload.engines.includes('peer')) expect(summary.peer.heapPeak).toBeGreaterThan(0);
  });

  it('W9 measures the heap of executions waiting on callbacks, and W10 runs JSONPath and JSONata to the same output', () => {
    const w9 = summarizeRun(suite.runs.find((run) => run.workload.id === 'W9')!);
    expect(w9.aslkit.heapPerWaitingExecution).toBeGreaterThan(0);
    const w10 = suite.runs.filter((run) => run.workload.id === 'W10');
    expect(new Set(w10.map((run) => run.reports.aslkit[0]!.outputDigest)).size).toBe(1);
  });

  it('W7 records history only when asked, and the peer drains its events when asked', () => {
    const w7 = suite.runs.filter((run) => run.workload.id === 'W7');
    const on = w7.find((run) => run.fixture.history === 'on')!;
    const off = w7.find((run) => run.fixture.history === 'off')!;
    expect(on.reports.aslkit[0]!.events).toBeGreaterThan(on.fixture.transitions);
    expect(off.reports.aslkit[0]!.events).toBeUndefined();
    expect(on.reports.peer[0]!.statesEntered).toBe(on.fixture.transitions);
    expect(off.reports.peer[0]!.events).toBeUndefined();
  });

  it('W5 runs the one-state machine in every kind of process with the same output', () => {
    const { samples } = suite.coldStarts[0]!;
    const summary = summarizeColdStart(suite.coldStarts[0]!);
    expect(Object.keys(samples)).toEqual([...COLD_VARIANTS]);
    expect(summary.allOk).toBe(true);
    expect(summary.outputsMatch).toBe(true);
    for (const variant of COLD_VARIANTS.filter((v) => v !== 'bare')) {
      expect(samples[variant].map((sample) => sample.stdout)).toEqual(['{}']);
      // Timings are the benchmark's to report, not a test's to assert (a loaded machine reorders them).
      expect(Number.isFinite(summary.medianMs[variant])).toBe(true);
    }
  });
});
