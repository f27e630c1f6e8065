/**
 * The case runner of @aslkit/node, recording every run in the Vitest coverage session when
 * one is active (see coverage/worker-coverage.ts), so case files run inside a Vitest suite
 * count towards its state-machine coverage.
 */
import {
  runCase as runNodeCase,
  runCaseFiles as runNodeCaseFiles,
  type CaseResult,
  type CaseRunReport,
  type CaseSuite,
  type RunCasesOptions,
  type RunnableCase,
} from '@aslkit/node';
import { recordCoverage } from './coverage/worker-coverage.js';

const record = (result: CaseResult): void => {
  if (result.run) recordCoverage(result.run.definition, result.run.history, result.run.label);
};

/** Runs one case of a loaded suite (see @aslkit/node's `runCase`). */
export async function runCase(
  suite: CaseSuite,
  testCase: RunnableCase,
  options: RunCasesOptions = {},
): Promise<CaseResult> {
  const result = await runNodeCase(suite, testCase, options);
  record(result);
  return result;
}

/**
 * Loads every file, then runs every case in order (see @aslkit/node's `runCaseFiles`).
 * @example
 * const report = await runCaseFiles(['order.test.json']);
 * expect(report.failed).toBe(0);
 */
export function runCaseFiles(paths: readonly string[], options: RunCasesOptions = {}): Promise<CaseRunReport> {
  return runNodeCaseFiles(paths, {
    ...options,
    onCaseEnd: (result) => {
      record(result);
      options.onCaseEnd?.(result);
    },
  });
}
