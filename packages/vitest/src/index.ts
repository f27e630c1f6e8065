/**
 * @aslkit/vitest: test Step Functions state machines offline. Run a machine with
 * `runMachine`, assert with the matchers (`toSucceedWith`, `toHaveTakenPath`, `toHaveCaught`,
 * ...), snapshot histories, run declarative case files, and measure which states,
 * transitions, Choice rules, retriers and catchers the suite exercised.
 *
 * Nothing here imports Vitest at run time, so `aslkit test` can use the case runner without
 * it; `@aslkit/vitest/setup` is the entry that registers everything inside Vitest.
 * @module
 */
export { runMachine, withTrace, DEFAULT_SEED, DEFAULT_START_TIME } from './run-machine.js';
export type { RunOptions, MachineRun } from './run-machine.js';
export { loadMachine, displayPath } from './load-machine.js';
export type { MachineSource, LoadedMachine } from './load-machine.js';
export { definitionInput, isYamlPath } from './definition-input.js';
export type { DefinitionInput } from './definition-input.js';

export { aslkitMatchers } from './matchers/index.js';
export type { AslkitMatchers, TextExpectation } from './matcher-types.js';
export { historySerializer, formatHistoryLines, IdNormalizer } from './history-serializer.js';
export { formatOutcome, formatPath, formatEvent, failureEvents } from './describe-run.js';

export { parseCaseFile } from './cases/case-file.js';
export type { CaseFileSpec, CaseSpec, CaseExpectation } from './cases/case-file.js';
export { loadCaseFile } from './cases/load-case-file.js';
export type { CaseSuite, RunnableCase } from './cases/load-case-file.js';
export { runCase, runCaseFiles } from './cases/run-cases.js';
export type { CaseResult, CaseRunReport, CaseStatus, FileError, RunCasesOptions } from './cases/run-cases.js';
export { checkExpectations, expectedStatus } from './cases/check-expectations.js';
export type { CaseFailure } from './cases/check-expectations.js';
export { diffJson } from './cases/json-diff.js';
export { findCaseFiles } from './cases/find-case-files.js';
export type { FoundFiles } from './cases/find-case-files.js';
export { formatCaseReport, formatCaseList, formatCaseFailure, formatSummaryLine } from './cases/text-reporter.js';
export { formatJsonReport, formatJunitReport } from './cases/machine-reporters.js';

export { coverageGlobalSetup, COVERAGE_DIR_KEY } from './coverage/global-setup.js';
export type { CoverageOptions, CoverageSetupProject } from './coverage/global-setup.js';
export { startCoverage, recordCoverage, flushCoverage, coverageActive } from './coverage/worker-coverage.js';
export { readCoverageDir, readCoverageFile, writeCoverageFile } from './coverage/coverage-files.js';
export { formatCoverageHtml, writeCoverageHtml } from './coverage/html-report.js';
