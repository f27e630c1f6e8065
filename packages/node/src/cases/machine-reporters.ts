/**
 * Machine-readable reports of a case run: one JSON document, or JUnit XML for CI systems
 * (one `<testsuite>` per case file, a file that could not be loaded as an `<error>`).
 */
import { formatThresholdFailure, type ThresholdFailure } from '@aslkit/core';
import { formatCaseFailure } from './text-reporter.js';
import type { CaseResult, CaseRunReport } from './run-cases.js';

/** The `--reporter json` document. */
export function formatJsonReport(report: CaseRunReport, thresholdFailures: readonly ThresholdFailure[] = []): string {
  const document = {
    passed: report.passed,
    failed: report.failed,
    skipped: report.skipped,
    cases: report.results.map((result) => ({
      file: result.file,
      name: result.name,
      status: result.status,
      durationMs: Math.round(result.durationMs * 1000) / 1000,
      ...(result.error === undefined ? {} : { error: result.error }),
      failures: result.failures.map(({ field, message, expected, actual }) => ({ field, message, expected, actual })),
      ...(result.run
        ? {
            execution: {
              status: result.run.status,
              ...(result.run.status === 'SUCCEEDED' ? { output: result.run.output } : {}),
              ...(result.run.error === undefined ? {} : { error: result.run.error }),
              ...(result.run.cause === undefined ? {} : { cause: result.run.cause }),
              path: result.run.path,
            },
          }
        : {}),
    })),
    fileErrors: report.fileErrors,
    warnings: report.warnings,
    ...(report.coverage ? { coverage: report.coverage } : {}),
    ...(thresholdFailures.length > 0
      ? { thresholdFailures: thresholdFailures.map((f) => ({ ...f, message: formatThresholdFailure(f) })) }
      : {}),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

// XML 1.0 cannot hold most control characters even escaped; they are dropped.
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const ANSI = /\u001b\[[0-9;]*m/g;

/** Text made safe for an XML attribute or element. */
export const escapeXml = (text: string): string =>
  text
    .replace(ANSI, '')
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

/** The `--reporter junit` document. */
export function formatJunitReport(report: CaseRunReport, thresholdFailures: readonly ThresholdFailure[] = []): string {
  const byFile = new Map<string, CaseResult[]>();
  for (const result of report.results) byFile.set(result.file, [...(byFile.get(result.file) ?? []), result]);
  const suites: string[] = [];
  let totalTime = 0;
  for (const [file, results] of byFile) {
    const time = results.reduce((sum, r) => sum + r.durationMs, 0);
    totalTime += time;
    const count = (status: string) => results.filter((r) => r.status === status).length;
    const cases = results.map((result) => {
      const open = `    <testcase classname="${escapeXml(file)}" name="${escapeXml(result.name)}" time="${seconds(result.durationMs)}"`;
      if (result.status === 'passed') return `${open}/>`;
      if (result.status === 'skipped') return `${open}>\n      <skipped/>\n    </testcase>`;
      const message = result.error ?? result.failures.map((failure) => failure.message).join('; ');
      return `${open}>\n      <failure message="${escapeXml(message)}" type="AssertionError">${escapeXml(formatCaseFailure(result))}</failure>\n    </testcase>`;
    });
    suites.push(
      `  <testsuite name="${escapeXml(file)}" tests="${results.length}" failures="${count('failed')}" errors="0" skipped="${count('skipped')}" time="${seconds(time)}">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  for (const error of report.fileErrors) {
    suites.push(
      `  <testsuite name="${escapeXml(error.file)}" tests="1" failures="0" errors="1" skipped="0" time="0.000">\n    <testcase classname="${escapeXml(error.file)}" name="load" time="0.000">\n      <error message="${escapeXml(error.message)}" type="LoadError"/>\n    </testcase>\n  </testsuite>`,
    );
  }
  if (thresholdFailures.length > 0) {
    const failures = thresholdFailures.map(
      (f) =>
        `    <testcase classname="coverage" name="${escapeXml(`${f.machine} ${f.name}`)}" time="0.000">\n      <failure message="${escapeXml(formatThresholdFailure(f))}" type="CoverageThreshold"/>\n    </testcase>`,
    );
    suites.push(
      `  <testsuite name="coverage thresholds" tests="${failures.length}" failures="${failures.length}" errors="0" skipped="0" time="0.000">\n${failures.join('\n')}\n  </testsuite>`,
    );
  }
  const tests = report.results.length + report.fileErrors.length + thresholdFailures.length;
  const failures = report.results.filter((r) => r.status === 'failed').length + thresholdFailures.length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="aslkit" tests="${tests}" failures="${failures}" errors="${report.fileErrors.length}" skipped="${report.skipped}" time="${seconds(totalTime)}">\n${suites.join('\n')}\n</testsuites>\n`;
}
