/**
 * Covered/total per kind of item, and thresholds on them (`states=100,transitions=90`).
 * A threshold applies to each machine on its own: a well-tested machine cannot hide an
 * untested one.
 */
import { UsageError } from '../errors/aslkit-error.js';
import { ErrorCode } from '../errors/error-codes.js';
import { COVERAGE_KINDS, type CoverageKind, type CoverageReport, type MachineCoverage } from './coverage-report.js';

export interface CoverageTotals {
  covered: number;
  total: number;
  /** Percent covered, floored to 2 decimals (so 99.999 never shows as 100); 100 when there is nothing to cover. */
  pct: number;
}

export type CoverageSummary = Record<CoverageKind, CoverageTotals>;

/** Threshold names as users type them, one per kind. */
export const THRESHOLD_NAMES: Record<string, CoverageKind> = {
  states: 'state',
  transitions: 'transition',
  choices: 'choice',
  retries: 'retry',
  catches: 'catch',
  branches: 'branch',
  ends: 'end',
};

/** Minimum percent per threshold name (`states`, `transitions`, `choices`, `retries`, `catches`, `branches`, `ends`). */
export type CoverageThresholds = Partial<Record<keyof typeof THRESHOLD_NAMES, number>>;

export interface ThresholdFailure {
  machine: string;
  name: string;
  actual: number;
  expected: number;
}

const totals = (covered: number, total: number): CoverageTotals => ({
  covered,
  total,
  pct: total === 0 ? 100 : Math.floor((covered / total) * 10_000) / 100,
});

/** Totals per kind for one machine, or for several added together. */
export function summarizeCoverage(machines: MachineCoverage | readonly MachineCoverage[]): CoverageSummary {
  const list: readonly MachineCoverage[] = 'items' in machines ? [machines] : machines;
  const counts = Object.fromEntries(COVERAGE_KINDS.map((kind) => [kind, { covered: 0, total: 0 }])) as Record<
    CoverageKind,
    { covered: number; total: number }
  >;
  for (const machine of list) {
    for (const item of machine.items) {
      // Items of a kind from a newer report version are skipped, not miscounted.
      const count = counts[item.kind] as { covered: number; total: number } | undefined;
      if (!count) continue;
      count.total++;
      if (item.hits > 0) count.covered++;
    }
  }
  return Object.fromEntries(
    COVERAGE_KINDS.map((kind) => [kind, totals(counts[kind].covered, counts[kind].total)]),
  ) as CoverageSummary;
}

/**
 * Parses `states=100,transitions=90` (spaces allowed, values 0-100).
 * @throws UsageError (`ASLKIT_INVALID_THRESHOLD`) naming the bad part.
 */
export function parseThresholds(text: string): CoverageThresholds {
  const thresholds: CoverageThresholds = {};
  for (const part of text.split(',')) {
    if (part.trim() === '') continue;
    const match = /^\s*([a-z]+)\s*=\s*(\d+(?:\.\d+)?)\s*%?\s*$/i.exec(part);
    const name = match?.[1]?.toLowerCase();
    if (!match || name === undefined || !Object.prototype.hasOwnProperty.call(THRESHOLD_NAMES, name)) {
      throw new UsageError(
        ErrorCode.InvalidThreshold,
        `invalid coverage threshold '${part.trim()}': expected name=percent with name one of ${Object.keys(THRESHOLD_NAMES).join(', ')}`,
      );
    }
    const value = Number(match[2]);
    if (value > 100)
      throw new UsageError(
        ErrorCode.InvalidThreshold,
        `invalid coverage threshold '${part.trim()}': the percent must be 0 to 100`,
      );
    thresholds[name] = value;
  }
  return thresholds;
}

/** Every machine and threshold that falls short; empty when all are met. */
export function checkThresholds(report: CoverageReport, thresholds: CoverageThresholds): ThresholdFailure[] {
  const failures: ThresholdFailure[] = [];
  for (const machine of report.machines) {
    const summary = summarizeCoverage(machine);
    for (const [name, expected] of Object.entries(thresholds)) {
      const kind = THRESHOLD_NAMES[name];
      if (kind === undefined || expected === undefined) continue;
      const actual = summary[kind].pct;
      if (actual < expected) failures.push({ machine: machine.label || machine.key, name, actual, expected });
    }
  }
  return failures;
}

/** `coverage for transitions (85.71%) is below the threshold (90%) in order.asl.json` */
export const formatThresholdFailure = (failure: ThresholdFailure): string =>
  `coverage for ${failure.name} (${failure.actual}%) is below the threshold (${failure.expected}%) in ${failure.machine}`;
