/**
 * @aslkit/vitest: test Step Functions state machines offline with Vitest. Run a machine with
 * `runMachine`, assert with the matchers (`toSucceedWith`, `toHaveTakenPath`, `toHaveCaught`,
 * ...), snapshot histories, run declarative case files, and measure which states,
 * transitions, Choice rules, retriers and catchers the suite exercised.
 *
 * A thin layer over @aslkit/node, which holds everything that needs no test framework
 * (definition files, case files, coverage reports); `@aslkit/vitest/setup` is the entry that
 * registers the matchers, the serializer and coverage inside Vitest.
 * @module
 */
export { runMachine } from './run-machine.js';
export type { RunOptions } from './run-machine.js';
export { withTrace, DEFAULT_SEED, DEFAULT_START_TIME, loadCaseFile } from '@aslkit/node';
export type {
  MachineRun,
  MachineSource,
  LoadedMachine,
  CaseSuite,
  RunnableCase,
  CaseResult,
  CaseRunReport,
  CaseStatus,
  FileError,
  RunCasesOptions,
} from '@aslkit/node';
export { runCase, runCaseFiles } from './run-cases.js';

export { aslkitMatchers } from './matchers/index.js';
export type { StageSelector } from './matchers/stage-matchers.js';
export { testStateOf } from './test-state.js';
export type { TestStateInput, TestStateAnswer } from './test-state.js';
export type { AslkitMatchers, TextExpectation } from './matcher-types.js';
export { historySerializer, formatHistoryLines, IdNormalizer } from './history-serializer.js';

export { coverageGlobalSetup, COVERAGE_DIR_KEY } from './coverage/global-setup.js';
export type { CoverageOptions, CoverageSetupProject } from './coverage/global-setup.js';
export { startCoverage, recordCoverage, flushCoverage, coverageActive } from './coverage/worker-coverage.js';

export * from './compat.js';
