/**
 * The text report of a case run: a line per case grouped by file, then each failure in full
 * (what differs, with diffs, and the run's outcome, path and failure events), and the closing
 * `N passed, M failed` line.
 */
import { failureEvents, formatEventBlock, formatOutcome, formatPath } from '../runs/describe-run.js';
import type { CaseResult, CaseRunReport, FileError } from './run-cases.js';

const MARK = { passed: '✓', failed: '✗', skipped: '-' } as const;

const indent = (text: string, by: string): string =>
  text
    .split('\n')
    .map((line) => (line === '' ? line : by + line))
    .join('\n');

/** The per-case lines, grouped under their file. */
export function formatCaseList(results: readonly CaseResult[]): string {
  const out: string[] = [];
  let file: string | undefined;
  for (const result of results) {
    if (result.file !== file) {
      file = result.file;
      out.push(file);
    }
    out.push(`  ${MARK[result.status]} ${result.name}${result.status === 'skipped' ? ' (skipped)' : ''}`);
  }
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}

/** One failed case in full. */
export function formatCaseFailure(result: CaseResult): string {
  const lines = [`${MARK.failed} ${result.file} › ${result.name}`];
  if (result.error !== undefined) lines.push(indent(`the case could not run: ${result.error}`, '  '));
  for (const failure of result.failures) {
    lines.push(`  ${failure.message}`);
    if (failure.diff) lines.push(indent(failure.diff, '    '));
  }
  const run = result.run;
  if (run) {
    lines.push(`  Execution: ${formatOutcome(run)}`, `  Path: ${formatPath(run.trace)}`);
    const events = formatEventBlock('Failure events', failureEvents(run.history), run.history, run.trace);
    if (events) lines.push(indent(events, '  '));
  }
  return `${lines.join('\n')}\n`;
}

/** A file that could not be loaded. */
export const formatFileError = (error: FileError): string =>
  `${MARK.failed} ${error.file} (could not be loaded)\n${indent(error.message, '  ')}\n`;

/** `3 passed, 1 failed` (`, 2 skipped` when some were). */
export const formatSummaryLine = (report: Pick<CaseRunReport, 'passed' | 'failed' | 'skipped'>): string =>
  `${report.passed} passed, ${report.failed} failed${report.skipped > 0 ? `, ${report.skipped} skipped` : ''}\n`;

/** The whole report, except coverage and the closing line, which the caller places. */
export function formatCaseReport(report: CaseRunReport): string {
  const parts = [formatCaseList(report.results)];
  const failed = report.results.filter((result) => result.status === 'failed');
  if (failed.length > 0 || report.fileErrors.length > 0) {
    parts.push(
      `\nFailures:\n\n${[...report.fileErrors.map(formatFileError), ...failed.map(formatCaseFailure)].join('\n')}`,
    );
  }
  return parts.join('');
}
