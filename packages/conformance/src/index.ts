export { loadCase, listCases } from './load-case.js';
export type { ConformanceCase, ExpectedOutcome, RecordedMock } from './load-case.js';
export { runCase, SKIP_RULES } from './run-case.js';
export type { CaseOutcome, SkipRule } from './run-case.js';
export { compareOutcome, matchesRecorded, eventFacts } from './compare.js';
export { toMockScript } from './case-mocks.js';
export { tally, summaryLine, formatFailure } from './report.js';
export { runConformance } from './main.js';
