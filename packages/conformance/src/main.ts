/**
 * `npm run conformance -- [<dir>] [--baseline <file>] [--filter <text>] [--quiet]`: runs every
 * case folder in `<dir>` (default ../shared/conformance/cases beside the repository) and ends
 * with `N passed, M failed, K skipped`. With `--baseline`, exits 1 when fewer cases pass than
 * the file's `passed` number.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { listCases, loadCase } from './load-case.js';
import { runCase, type CaseOutcome } from './run-case.js';
import { formatFailure, summaryLine, tally } from './report.js';

export interface ConformanceIo {
  out: (line: string) => void;
  cwd: string;
}

/** Per-case time limit: a hang is a failure, not a stuck CI. */
const CASE_TIMEOUT_MS = 10_000;

export async function runConformance(argv: string[], io: ConformanceIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { baseline: { type: 'string' }, filter: { type: 'string' }, quiet: { type: 'boolean' } },
  });
  const dir = resolve(io.cwd, positionals[0] ?? '../shared/conformance/cases');
  if (!existsSync(dir)) {
    io.out(`conformance: no case folder at ${dir}`);
    return 2;
  }
  const names = listCases(dir).filter((name) => !values.filter || name.includes(values.filter));
  const outcomes: CaseOutcome[] = [];
  const started = Date.now();
  for (const name of names) {
    let outcome: CaseOutcome;
    try {
      outcome = await withTimeout(runCase(loadCase(join(dir, name), name)), CASE_TIMEOUT_MS);
    } catch (error) {
      outcome = {
        kind: 'failed',
        mismatches: [
          { what: 'crash', expected: 'no exception', actual: error instanceof Error ? error.stack : String(error) },
        ],
      };
    }
    outcomes.push(outcome);
    if (outcome.kind === 'failed' && !values.quiet) io.out(formatFailure(name, outcome));
  }
  const t = tally(outcomes);
  for (const [rule, count] of t.skipsByRule) io.out(`skipped ${count}: ${rule}`);
  io.out(`conformance: ${names.length} cases from ${dir} in ${Date.now() - started} ms`);
  io.out(summaryLine(t));
  if (values.baseline) {
    const baseline = JSON.parse(readFileSync(resolve(io.cwd, values.baseline), 'utf8')) as { passed: number };
    if (t.passed < baseline.passed) {
      io.out(`conformance: baseline NOT met: ${t.passed} passed < baseline ${baseline.passed} (${values.baseline})`);
      return 1;
    }
    io.out(`conformance: baseline met: ${t.passed} passed >= baseline ${baseline.passed} (${values.baseline})`);
  }
  return 0;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
