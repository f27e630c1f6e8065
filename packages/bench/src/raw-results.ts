/**
 * The raw samples `--json` writes, and the way back: `--from-json` renders docs/benchmarks.md
 * again from them (after the findings were written, say) without running anything.
 */
import type { Workload } from './fixtures.js';
import type { ReportContext } from './report.js';
import type { RunReport } from './run-spec.js';
import type { ColdSample, ColdVariant } from './spawn-child.js';
import type { SuiteResult } from './suite.js';
import type { EngineName } from './engines/engine.js';

export interface RawResults {
  context: Omit<ReportContext, 'findings'>;
  runs: { workload: string; label: string; reports: Partial<Record<EngineName, RunReport[]>> }[];
  coldStarts: { workload: string; samples: Record<ColdVariant, ColdSample[]> }[];
}

/** The raw form of a suite's results. */
export function toRaw(suite: SuiteResult, context: Omit<ReportContext, 'findings'>): RawResults {
  return {
    context,
    runs: suite.runs.map((run) => ({ workload: run.workload.id, label: run.fixture.label, reports: run.reports })),
    coldStarts: suite.coldStarts.map((cold) => ({ workload: cold.workload.id, samples: cold.samples })),
  };
}

/** The suite again, each run matched to its workload and fixture by id and label. */
export function fromRaw(raw: RawResults, workloads: readonly Workload[]): SuiteResult {
  const workload = (id: string): Workload => {
    const found = workloads.find((entry) => entry.id === id);
    if (!found) throw new Error(`The raw results name workload ${id}, which fixtures/bench does not have`);
    return found;
  };
  return {
    runs: raw.runs.map((run) => {
      const owner = workload(run.workload);
      const fixture = owner.runs.find((entry) => entry.label === run.label);
      if (!fixture) throw new Error(`The raw results name run "${run.label}" of ${run.workload}, which is gone`);
      // JSON has no NaN: a failed run's figures come back as null.
      const reports = (name: EngineName): RunReport[] =>
        (run.reports[name] ?? []).map((report) => {
          const restored = { ...report } as Record<string, unknown>;
          for (const [key, value] of Object.entries(restored)) if (value === null) restored[key] = NaN;
          return restored as unknown as RunReport;
        });
      return {
        workload: owner,
        fixture,
        reports: { aslkit: reports('aslkit'), peer: reports('peer'), limit: reports('limit') },
      };
    }),
    coldStarts: raw.coldStarts.map((cold) => ({ workload: workload(cold.workload), samples: cold.samples })),
  };
}
