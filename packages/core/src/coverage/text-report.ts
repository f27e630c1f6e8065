/**
 * The coverage table, one row per machine as in Istanbul's text summary, followed by every
 * uncovered item so a missing Catch or Choice rule is named, not just counted.
 */
import { COVERAGE_KINDS, type CoverageKind, type CoverageReport } from './coverage-report.js';
import { summarizeCoverage, type CoverageSummary } from './summary.js';

const HEADINGS: Record<CoverageKind, string> = {
  state: 'States',
  transition: 'Transitions',
  choice: 'Choices',
  retry: 'Retries',
  catch: 'Catches',
  branch: 'Branches',
  end: 'Ends',
};

export interface TextReportOptions {
  /** List uncovered items under the table (default true). */
  uncovered?: boolean;
}

/**
 * Formats a coverage report as text, ending with a newline.
 * @example
 * console.log(formatCoverageText(collector.report()));
 */
export function formatCoverageText(report: CoverageReport, options: TextReportOptions = {}): string {
  if (report.machines.length === 0) return 'No state machine coverage recorded.\n';
  const rows: string[][] = [];
  const cells = (summary: CoverageSummary) =>
    COVERAGE_KINDS.map((kind) => {
      const { covered, total, pct } = summary[kind];
      return total === 0 ? '-' : `${pct}% (${covered}/${total})`;
    });
  if (report.machines.length > 1) rows.push(['All machines', ...cells(summarizeCoverage(report.machines))]);
  for (const machine of report.machines) {
    rows.push([
      `${report.machines.length > 1 ? ' ' : ''}${machine.label || machine.key}`,
      ...cells(summarizeCoverage(machine)),
    ]);
  }
  const header = ['Machine', ...COVERAGE_KINDS.map((kind) => HEADINGS[kind])];
  const widths = header.map((heading, i) => Math.max(heading.length, ...rows.map((row) => row[i]!.length)));
  const line = (row: string[]) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' | ');
  const rule = widths.map((width) => '-'.repeat(width)).join('-|-');
  const out = [rule, line(header), rule, ...rows.map(line), rule];

  if (options.uncovered !== false) {
    for (const machine of report.machines) {
      const missing = machine.items.filter((item) => item.hits === 0);
      if (missing.length === 0) continue;
      out.push('', `Uncovered in ${machine.label || machine.key}:`);
      const width = Math.max(...missing.map((item) => item.kind.length));
      for (const kind of COVERAGE_KINDS) {
        for (const item of missing) if (item.kind === kind) out.push(`  ${item.kind.padEnd(width)}  ${item.label}`);
      }
    }
  }
  return `${out.join('\n')}\n`;
}
