/**
 * The one case runner: `aslkit test` and Vitest suites both use it. Files are loaded first
 * (so the total is known for progress), then cases run one after another; a file that
 * cannot be loaded is reported as a file error and the other files still run.
 */
import { resolve } from 'node:path';
import type { CoverageCollector, CoverageReport, ParsedResource } from '@aslkit/core';
import { displayPath } from '../files/display-path.js';
import { withTrace, type MachineRun } from '../runs/machine-run.js';
import { checkExpectations, type CaseFailure } from './check-expectations.js';
import { loadCaseFile, type CaseSuite, type LoadCaseOptions, type RunnableCase } from './load-case-file.js';

export type CaseStatus = 'passed' | 'failed' | 'skipped';

export interface CaseResult {
  file: string;
  name: string;
  status: CaseStatus;
  failures: CaseFailure[];
  /** The run (absent for skipped cases and cases that threw). */
  run?: MachineRun;
  /** Set when running the case threw instead of producing a result. */
  error?: string;
  durationMs: number;
}

export interface FileError {
  file: string;
  message: string;
}

export interface CaseRunReport {
  results: CaseResult[];
  fileErrors: FileError[];
  passed: number;
  failed: number;
  skipped: number;
  /** Keys of mocks, handlers or mock configs that name nothing in their definition, one line each. */
  warnings: string[];
  coverage?: CoverageReport;
}

export interface RunCasesOptions extends LoadCaseOptions {
  /** Records every run (and lists every loaded machine, even if no case ran it). */
  coverage?: CoverageCollector;
  /** Called before each case, with its position among all cases. */
  onCaseStart?: (file: string, name: string, index: number, total: number) => void;
  onCaseEnd?: (result: CaseResult) => void;
  /** Clock for durations, in ms (default `performance.now`). */
  now?: () => number;
  /** Where relative paths start and what reports show paths relative to (default: the working directory). */
  cwd?: string;
}

/** A Task nothing answers, in the words of a case file: the fields that would answer it. */
const caseFileNoAnswer = (resource: ParsedResource, stateName: string): string =>
  `No answer for Task '${stateName}' ('${resource.arn}'). Give it responses in the case's "mocks" ` +
  `(key '${stateName}', '${resource.baseArn}' or '*'; see docs/reference/mocks.md) or a "mockConfig" test case` +
  `${resource.resourceType === 'lambda' ? ', or run the function locally with "handlers"' : ''}.`;

/** Runs one case of a loaded suite. */
export async function runCase(
  suite: CaseSuite,
  testCase: RunnableCase,
  options: RunCasesOptions = {},
): Promise<CaseResult> {
  const now = options.now ?? (() => performance.now());
  const base = { file: suite.file, name: testCase.name };
  if (testCase.skip) return { ...base, status: 'skipped', failures: [], durationMs: 0 };
  const started = now();
  try {
    const { machine, definition, label } = suite.machine;
    const execution = machine.start(testCase.input, {
      seed: testCase.seed,
      startTime: testCase.startTime,
      missingResolverMessage: caseFileNoAnswer,
      // Coverage reads a distributed Map's children from their histories.
      ...(options.coverage ? { mapRuns: { childHistories: 'all' } } : {}),
      ...(testCase.mocks ? { mocks: testCase.mocks } : {}),
      ...(testCase.resolvers ? { resolvers: testCase.resolvers } : {}),
    });
    const result = await execution.result;
    await options.coverage?.record(definition, result.history, label, execution.mapRuns);
    const run = withTrace(result, definition, label);
    const failures = checkExpectations(run, testCase.expect);
    return { ...base, status: failures.length === 0 ? 'passed' : 'failed', failures, run, durationMs: now() - started };
  } catch (error) {
    return {
      ...base,
      status: 'failed',
      failures: [],
      error: error instanceof Error ? error.message : String(error),
      durationMs: now() - started,
    };
  }
}

/**
 * Loads every file, then runs every case in order.
 * @example
 * const report = await runCaseFiles(['fixtures/testing/order-processing.test.json'], { coverage: new CoverageCollector() });
 * console.log(`${report.passed} passed, ${report.failed} failed`);
 */
export async function runCaseFiles(paths: readonly string[], options: RunCasesOptions = {}): Promise<CaseRunReport> {
  const suites: CaseSuite[] = [];
  const fileErrors: FileError[] = [];
  for (const path of paths) {
    try {
      suites.push(...(await loadCaseFile(path, options.cwd, options)));
    } catch (error) {
      fileErrors.push({
        file: displayPath(resolve(options.cwd ?? process.cwd(), path), options.cwd),
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }
  for (const suite of suites) options.coverage?.declare(suite.machine.definition, suite.machine.label);
  const total = suites.reduce((sum, suite) => sum + suite.cases.length, 0);
  const results: CaseResult[] = [];
  for (const suite of suites) {
    for (const testCase of suite.cases) {
      options.onCaseStart?.(suite.file, testCase.name, results.length, total);
      const result = await runCase(suite, testCase, options);
      results.push(result);
      options.onCaseEnd?.(result);
    }
    suite.close?.();
  }
  const count = (status: CaseStatus) => results.filter((result) => result.status === status).length;
  return {
    results,
    fileErrors,
    passed: count('passed'),
    failed: count('failed') + fileErrors.length,
    skipped: count('skipped'),
    warnings: suites.flatMap((suite) => suite.warnings),
    ...(options.coverage ? { coverage: options.coverage.report() } : {}),
  };
}
