/**
 * Turns raw samples into the figures the report shows: medians, rates, ratios, checks
 * and target verdicts. Pure, so it is tested without running any engine.
 */
import type { EngineName } from './engines/engine.js';
import type { ColdEngineVariant, ColdVariant, ModuleSystem } from './spawn-child.js';
import type { RunReport } from './run-spec.js';
import { COLD_VARIANTS, type ColdStartResult, type RunResult } from './suite.js';
import { median, ratio } from './stats.js';

export interface EngineSummary {
  runs: number;
  failures: string[];
  wallMs: number;
  setupMs: number;
  transitionsPerSecond: number;
  rssPeak: number;
  heapPeak: number;
  /** (peak heap − heap before the run) / items. */
  heapPerItem: number;
  /** (heap after the run and a full GC, result still held − heap before) / items. */
  retainedPerItem: number;
  statesEntered: number | undefined;
  /** In-flight runs: (heap after a full GC while all wait − heap before) / executions. */
  heapPerWaitingExecution: number;
}

export interface RunSummary {
  result: RunResult;
  aslkit: EngineSummary;
  peer: EngineSummary;
  /** The hand-written plain-JS program (NaN figures where the workload has none). */
  limit: EngineSummary;
  /** aslkit transitions/s over the peer's (= peer wall time over aslkit's). */
  speedup: number;
  rssRatio: number;
  heapRatio: number;
  /** Every successful run of both engines produced the same output. */
  outputsMatch: boolean;
  /** aslkit's recorded states entered agree with the workload's declared transitions (when recorded). */
  transitionsMatch: boolean;
  limitsLifted: string[];
}

const finite = (reports: RunReport[], pick: (report: RunReport) => number): number => median(reports.map(pick));

function summarizeEngine(reports: RunReport[], transitions: number, items: number | undefined): EngineSummary {
  const ok = reports.filter((report) => report.ok);
  const wallMs = finite(ok, (report) => report.wallMs / report.executions);
  const perItem = (pick: (report: RunReport) => number): number =>
    items === undefined ? NaN : finite(ok, (report) => (pick(report) - report.heapBaseline) / items);
  return {
    runs: reports.length,
    failures: reports.filter((report) => !report.ok).map((report) => report.error ?? 'failed'),
    wallMs,
    setupMs: finite(ok, (report) => report.setupMs),
    transitionsPerSecond: (transitions * 1000) / wallMs,
    rssPeak: finite(ok, (report) => report.rssPeak),
    heapPeak: finite(ok, (report) => report.heapPeak),
    heapPerItem: perItem((report) => report.heapPeak),
    retainedPerItem: perItem((report) => report.heapRetained),
    statesEntered: ok.find((report) => report.statesEntered !== undefined)?.statesEntered,
    heapPerWaitingExecution: finite(ok, (report) =>
      report.heapWaiting === undefined ? NaN : (report.heapWaiting - report.heapBaseline) / report.executions,
    ),
  };
}

/** The figures for one workload run. */
export function summarizeRun(result: RunResult): RunSummary {
  const { fixture } = result;
  const engines = Object.fromEntries(
    (Object.keys(result.reports) as EngineName[]).map((engine) => [
      engine,
      summarizeEngine(result.reports[engine], fixture.transitions, fixture.items),
    ]),
  ) as Record<EngineName, EngineSummary>;
  const all = [...result.reports.aslkit, ...result.reports.peer, ...(result.reports.limit ?? [])];
  const digests = new Set(all.filter((report) => report.ok).map((report) => report.outputDigest));
  // Only aslkit's history counts: the peer drops some nested events when a Parallel's branches end
  // after its root event logger has closed, so its count is low though the work was done.
  const entered = result.reports.aslkit
    .map((report) => report.statesEntered)
    .filter((count): count is number => count !== undefined);
  const limitsLifted = [
    ...(fixture.liftHistoryLimit ? ['history'] : []),
    ...(fixture.liftPayloadLimit ? ['payload'] : []),
  ];
  return {
    result,
    aslkit: engines.aslkit,
    peer: engines.peer,
    limit: engines.limit ?? summarizeEngine([], fixture.transitions, fixture.items),
    speedup: ratio(engines.aslkit.transitionsPerSecond, engines.peer.transitionsPerSecond),
    rssRatio: ratio(engines.aslkit.rssPeak, engines.peer.rssPeak),
    heapRatio: ratio(engines.aslkit.heapPeak, engines.peer.heapPeak),
    outputsMatch: digests.size === 1 && all.every((report) => report.ok),
    transitionsMatch: entered.every((count) => count === fixture.transitions),
    limitsLifted,
  };
}

/** Whether an executions run keeps aslkit's time per execution within its fixture's bound. */
export function microsVerdict(summary: RunSummary): Verdict {
  const max = summary.result.fixture.maxMicrosPerExecution;
  const micros = summary.aslkit.wallMs * 1000;
  if (max === undefined || !Number.isFinite(micros)) return 'n/a';
  return micros <= max ? 'met' : 'missed';
}

/** Whether an in-flight run meets its heap-per-execution and executions/s targets. */
export function inFlightVerdicts(summary: RunSummary): { heap: Verdict; rate: Verdict } {
  const { maxBytesPerExecution, minExecutionsPerSecond } = summary.result.workload.target;
  const heap = summary.aslkit.heapPerWaitingExecution;
  const rate = 1000 / summary.aslkit.wallMs;
  return {
    heap:
      maxBytesPerExecution === undefined || !Number.isFinite(heap)
        ? 'n/a'
        : heap <= maxBytesPerExecution
          ? 'met'
          : 'missed',
    rate:
      minExecutionsPerSecond === undefined || !Number.isFinite(rate)
        ? 'n/a'
        : rate >= minExecutionsPerSecond
          ? 'met'
          : 'missed',
  };
}

export interface ColdStartSummary {
  result: ColdStartResult;
  medianMs: Record<ColdVariant, number>;
  /** Median process time minus the bare `node -e ''` median. */
  overheadMs: Record<ColdEngineVariant, number>;
  allOk: boolean;
  /** Every engine process, through either module system, printed the same output. */
  outputsMatch: boolean;
}

/** The figures for the cold-start workload. */
export function summarizeColdStart(result: ColdStartResult): ColdStartSummary {
  const medianOf = (variant: ColdVariant): number =>
    median(result.samples[variant].filter((s) => s.ok).map((s) => s.ms));
  const engineVariants = COLD_VARIANTS.filter((variant): variant is ColdEngineVariant => variant !== 'bare');
  const medianMs = Object.fromEntries(COLD_VARIANTS.map((variant) => [variant, medianOf(variant)])) as Record<
    ColdVariant,
    number
  >;
  const overheadMs = Object.fromEntries(
    engineVariants.map((variant) => [variant, medianMs[variant] - medianMs.bare]),
  ) as Record<ColdEngineVariant, number>;
  const engineSamples = engineVariants.flatMap((variant) => result.samples[variant]);
  return {
    result,
    medianMs,
    overheadMs,
    allOk: Object.values(result.samples)
      .flat()
      .every((s) => s.ok),
    outputsMatch: engineSamples.length > 0 && new Set(engineSamples.map((s) => s.stdout)).size === 1,
  };
}

/** aslkit's cold-start overhead over the peer's (default, validating) through one module system. */
export const coldStartOverheadRatio = (summary: ColdStartSummary, system: ModuleSystem): number =>
  ratio(summary.overheadMs[`aslkit:${system}`], summary.overheadMs[`peer:${system}`]);

export type Verdict = 'met' | 'missed' | 'n/a';

/** Whether a throughput run reaches its workload's minimum speedup. */
export function throughputVerdict(summary: RunSummary): Verdict {
  const min = summary.result.workload.target.minSpeedup;
  if (min === undefined || !Number.isFinite(summary.speedup)) return 'n/a';
  return summary.speedup >= min ? 'met' : 'missed';
}

/** Whether aslkit's cold-start overhead through one module system is under the target. */
export function coldStartVerdict(summary: ColdStartSummary, system: ModuleSystem): Verdict {
  const max = summary.result.workload.target.maxOverheadMs;
  const overhead = summary.overheadMs[`aslkit:${system}`];
  if (max === undefined || !Number.isFinite(overhead)) return 'n/a';
  return overhead < max ? 'met' : 'missed';
}

/** Growth of bytes per item from the smallest to the largest run of a memory workload. */
export function bytesPerItemGrowth(summaries: readonly RunSummary[], engine: EngineName): number {
  const sized = summaries.filter((s) => s.result.fixture.items !== undefined);
  if (sized.length < 2) return NaN;
  const bySize = [...sized].sort((a, b) => a.result.fixture.items! - b.result.fixture.items!);
  return ratio(bySize[bySize.length - 1]![engine].heapPerItem, bySize[0]![engine].heapPerItem);
}

/** Whether aslkit's bytes per item stay within the growth target. */
export function memoryVerdict(summaries: readonly RunSummary[]): Verdict {
  const max = summaries[0]?.result.workload.target.maxBytesPerItemGrowth;
  const growth = bytesPerItemGrowth(summaries, 'aslkit');
  if (max === undefined || !Number.isFinite(growth)) return 'n/a';
  return growth <= max ? 'met' : 'missed';
}
