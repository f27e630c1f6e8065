/**
 * The coverage data model: for each machine, every coverable item of its definition with
 * how often executions hit it. Items come from the definition, so an item nobody reached
 * is listed with 0 hits; the JSON form is this model as is, and merges by adding hits.
 */

/** What an item counts, in the order reports list them. */
export const COVERAGE_KINDS = ['state', 'transition', 'choice', 'retry', 'catch', 'branch', 'end'] as const;
export type CoverageKind = (typeof COVERAGE_KINDS)[number];

export interface CoverageItem {
  /** Stable within a machine, e.g. `catch:Charge#0`; treat it as opaque. */
  id: string;
  kind: CoverageKind;
  /** The state the item belongs to (the source state of a transition). */
  state: string;
  /** Target state of a transition, Choice rule, Default or catcher. */
  target?: string;
  /** Index into Choices, Retry, Catch or Branches; `undefined` for a Default or a Map's processor. */
  index?: number;
  /** How a report names it, e.g. `Charge Catch[0] [Payments.Declined] → Declined`. */
  label: string;
  hits: number;
}

export interface MachineCoverage {
  /** Fingerprint of the definition: runs of the same definition merge whatever their source. */
  key: string;
  /** The file or name the machine was loaded from. */
  label: string;
  /** Executions recorded. */
  executions: number;
  items: CoverageItem[];
  /** The definition itself, so a report can be drawn (HTML) without its source file. */
  definition?: object;
}

/** The JSON coverage document (`version` changes only with an incompatible shape). */
export interface CoverageReport {
  version: 1;
  machines: MachineCoverage[];
}

/** Adds reports together: same machine key, same item id, hits summed. Inputs are not changed. */
export function mergeCoverage(...reports: readonly CoverageReport[]): CoverageReport {
  const machines = new Map<string, MachineCoverage>();
  for (const report of reports) {
    for (const machine of report.machines) {
      const seen = machines.get(machine.key);
      if (!seen) {
        machines.set(machine.key, { ...machine, items: machine.items.map((item) => ({ ...item })) });
        continue;
      }
      seen.executions += machine.executions;
      if (!seen.label && machine.label) seen.label = machine.label;
      if (seen.definition === undefined && machine.definition !== undefined) seen.definition = machine.definition;
      const byId = new Map(seen.items.map((item) => [item.id, item]));
      for (const item of machine.items) {
        const mine = byId.get(item.id);
        if (mine) mine.hits += item.hits;
        else {
          const copy = { ...item };
          seen.items.push(copy);
          byId.set(item.id, copy);
        }
      }
    }
  }
  return {
    version: 1,
    machines: [...machines.values()].sort((a, b) => a.label.localeCompare(b.label) || a.key.localeCompare(b.key)),
  };
}

/**
 * Checks that a parsed JSON value is a coverage document (as written by a Vitest worker or
 * `aslkit test`), so a stray or truncated file is reported instead of merged.
 */
export function isCoverageReport(value: unknown): value is CoverageReport {
  if (typeof value !== 'object' || value === null) return false;
  const report = value as { version?: unknown; machines?: unknown };
  if (report.version !== 1 || !Array.isArray(report.machines)) return false;
  return report.machines.every((machine: unknown) => {
    const m = machine as Partial<MachineCoverage> | null;
    return (
      typeof m === 'object' &&
      m !== null &&
      typeof m.key === 'string' &&
      typeof m.label === 'string' &&
      typeof m.executions === 'number' &&
      Array.isArray(m.items) &&
      (m.definition === undefined || (typeof m.definition === 'object' && m.definition !== null)) &&
      m.items.every(
        (item) =>
          typeof item?.id === 'string' &&
          typeof item.hits === 'number' &&
          (COVERAGE_KINDS as readonly string[]).includes(item.kind),
      )
    );
  });
}
