/**
 * Runs the workloads: one child process per engine per repetition, the two engines
 * alternating (A B, then B A, ...) so drift in the machine hits both alike.
 */
import type { EngineName } from './engines/engine.js';
import type { RunFixture, Workload } from './fixtures.js';
import { runSpecFor, type RunReport } from './run-spec.js';
import {
  COLD_ENGINES,
  MODULE_SYSTEMS,
  runChild,
  timeColdStart,
  type ColdSample,
  type ColdVariant,
} from './spawn-child.js';
import { formatMs } from './stats.js';

export interface RunResult {
  workload: Workload;
  fixture: RunFixture;
  reports: Record<EngineName, RunReport[]>;
}

export interface ColdStartResult {
  workload: Workload;
  samples: Record<ColdVariant, ColdSample[]>;
}

export interface SuiteResult {
  runs: RunResult[];
  coldStarts: ColdStartResult[];
}

export interface SuiteOptions {
  /** Overrides every workload's repetition count. */
  reps?: number;
  /** Progress lines (the harness sends them to stderr). */
  log?: (line: string) => void;
}

/** Bare node, then every engine through every module system. */
export const COLD_VARIANTS: readonly ColdVariant[] = [
  'bare',
  ...MODULE_SYSTEMS.flatMap((system) => COLD_ENGINES.map((engine) => `${engine}:${system}` as const)),
];

/** `items` rotated left by `by` places. */
export const rotate = <T>(items: readonly T[], by: number): T[] => {
  const shift = ((by % items.length) + items.length) % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
};

const noReports = (): Record<EngineName, RunReport[]> => ({ aslkit: [], peer: [], limit: [] });

/**
 * Runs every run of a workload `reps` times, interleaved: each repetition runs every run once
 * with every engine, the engines in rotated order, so drift in a shared machine hits all alike.
 */
function runThroughput(workload: Workload, reps: number, log: (line: string) => void): RunResult[] {
  const results = workload.runs.map((fixture): RunResult => ({ workload, fixture, reports: noReports() }));
  for (let rep = 0; rep < reps; rep++) {
    for (const result of results) {
      for (const engine of rotate(workload.engines, rep)) {
        const report = runChild(runSpecFor(workload, result.fixture, engine));
        result.reports[engine].push(report);
        const figure = report.ok ? `${formatMs(report.wallMs)} ms` : `FAILED: ${report.error ?? ''}`;
        log(`${workload.id} ${result.fixture.label} rep ${rep + 1}/${reps} ${engine}: ${figure}`);
      }
    }
  }
  return results;
}

function runColdStart(workload: Workload, reps: number, log: (line: string) => void): ColdStartResult {
  const samples = Object.fromEntries(
    COLD_VARIANTS.map((variant): [ColdVariant, ColdSample[]] => [variant, []]),
  ) as Record<ColdVariant, ColdSample[]>;
  for (let rep = 0; rep < reps; rep++) {
    for (const variant of rotate(COLD_VARIANTS, rep)) {
      const sample = timeColdStart(variant, workload.definitionPath);
      samples[variant].push(sample);
      log(`${workload.id} rep ${rep + 1}/${reps} ${variant}: ${formatMs(sample.ms)} ms${sample.ok ? '' : ' FAILED'}`);
    }
  }
  return { workload, samples };
}

/** Runs every workload and returns the raw samples. */
export function runSuite(workloads: readonly Workload[], options: SuiteOptions = {}): SuiteResult {
  const log = options.log ?? (() => undefined);
  const result: SuiteResult = { runs: [], coldStarts: [] };
  for (const workload of workloads) {
    const reps = options.reps ?? workload.reps;
    if (workload.kind === 'cold-start') result.coldStarts.push(runColdStart(workload, reps, log));
    else result.runs.push(...runThroughput(workload, reps, log));
  }
  return result;
}
