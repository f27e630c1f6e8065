/**
 * @aslkit/core: run Amazon States Language state machines offline, deterministically,
 * exactly as AWS Step Functions would. Runs in Node and the browser.
 * @module
 */
export { StateMachine, AWS_HISTORY_LIMIT, DEFAULT_LIMITS } from './runtime/state-machine.js';
export type { StateMachineOptions, StartOptions } from './runtime/state-machine.js';
export { Execution } from './runtime/execution.js';
export type { ExecutionResult, ExecutionStatus } from './runtime/execution.js';

// Redrive: a stopped execution goes on from where it failed (docs/guide/redrive.md).
export type { RedriveOptions, RedriveSource } from './runtime/state-machine.js';
export {
  historyFacts,
  redrivability,
  REDRIVE_PERIOD_MS,
  MAX_REDRIVABLE_EVENTS,
  MAX_REDRIVES,
} from './redrive/redrive-status.js';
export type { HistoryFacts, Redrivability, RedriveStatus } from './redrive/redrive-status.js';

// Durable executions: a store, and resuming from it (docs/guide/durable-executions.md).
export type { ResumeOptions } from './runtime/state-machine.js';
export type {
  ExecutionStore,
  ExecutionRecord,
  ExecutionEnd,
  EventBatch,
  StoredMachineOptions,
  StoredStartOptions,
  StoredRedrive,
} from './durable/execution-store.js';
export { heartbeatRecord, redriveRecord } from './durable/execution-store.js';
export { MemoryExecutionStore } from './durable/memory-store.js';
export { executionEnd } from './durable/persist-events.js';
export { resumeExecution, resumeAll } from './durable/resume.js';
export type { ResumeExecutionOptions, ResumeAllResult } from './durable/resume.js';
export { ResumeDivergedError } from './durable/replay-log.js';
export { checkNextIds, executionExists, executionMissing } from './durable/store-errors.js';
export type { ExecutionLimits, StepGate, GatePoint } from './runtime/fiber.js';
export { testState } from './test-state/test-state.js';
export type { TestStateOptions } from './test-state/test-state.js';
export { TestStateRefusal } from './test-state/refusal.js';
export type { TestStateRefusalCode } from './test-state/refusal.js';
export type * from './test-state/types.js';
export { validateMockResult } from './test-state/mock-validation/validate-mock.js';
export type { CheckedMode } from './test-state/mock-validation/validate-mock.js';
export { mockScriptProblems, formatMockScriptProblem } from './test-state/mock-validation/validate-mock-script.js';
export type { MockScriptProblem } from './test-state/mock-validation/validate-mock-script.js';
export type { Shape, ServiceShapeTable, ServiceShapes } from './test-state/mock-validation/shape-types.js';
export { SERVICE_SHAPES } from './test-state/mock-validation/service-shapes.generated.js';
export type { StageName } from './dataflow/pipeline.js';
export type { AttemptStages, StateInspection, InspectionListener } from './runtime/inspection.js';
export { inspectionStages } from './graph/inspection-stages.js';
export type { InspectedStage, InspectedStageName, StageState } from './graph/inspection-stages.js';
export { jsonPathDiff, JSON_PATH_DIFF_LIMIT } from './graph/json-path-diff.js';
export type { JsonPathDiff, JsonChange, JsonChangeKind } from './graph/json-path-diff.js';
// Distributed Map: Map Runs, and the object store its ItemReader and ResultWriter use.
export {
  createMemoryObjectStore,
  MemoryObjectStore,
  ObjectStoreError,
  noSuchBucket,
  noSuchKey,
} from './distributed/object-store.js';
export type { ObjectStore, ObjectSummary, ObjectMap, ObjectStoreErrorCode } from './distributed/object-store.js';
// UpdateMapRun, and a running child's history (aslkit serve's Map Run operations).
export { updateMapRun, type MapRunLimits } from './distributed/map-run.js';
export { childHistory } from './distributed/child-execution.js';
export type {
  MapRun,
  MapRunChild,
  MapRunCounts,
  MapRunOptions,
  MapRunStatus,
  ChildStatus,
  ChildHistories,
} from './distributed/map-run.js';
export { countChildren, COUNT_KEYS } from './distributed/map-run.js';
export { DEFAULT_QUERY_BUDGETS } from './query/jsonata/budget.js';
export type { QueryBudgets } from './query/jsonata/budget.js';
export { RealClock } from './runtime/clock.js';
export { VirtualClock } from './runtime/virtual-clock.js';
export type { Clock, Sleeper } from './runtime/clock.js';
export { createRandom } from './runtime/random.js';
export type { Random } from './runtime/random.js';

export { StatesError, ErrorName } from './errors/states-error.js';
export { AslkitError, DefinitionError, UsageError } from './errors/aslkit-error.js';
export { ErrorCode, ERROR_DOCS_PAGE, errorCodes, errorCodeInfo, isErrorCode } from './errors/error-codes.js';
export type { ErrorCodeInfo } from './errors/error-codes.js';
export { matchesErrorEquals } from './errors/error-matching.js';
export { retryDelayMs } from './errors/retry.js';

export {
  TaskError,
  createResolverRouter,
  awaitCallback,
  activityWorkerResolver,
  replaysLive,
} from './resolvers/resolver.js';
export type {
  TaskResolver,
  TaskContext,
  ResolverRouter,
  ResolverRoute,
  ResolversOption,
  AwaitCallback,
} from './resolvers/resolver.js';
export { mockResolvers, MOCK_FALLBACK_KEY } from './resolvers/mocks.js';
export type { MockResponse, MockScript, MockRouter } from './resolvers/mocks.js';
export { checkMockScript, parseMockScript } from './resolvers/mock-script.js';
export type { MockProblem } from './resolvers/mock-script.js';
export { unmatchedMockKeys, formatUnmatchedKey, closestName } from './resolvers/mock-keys.js';
export type { UnmatchedKey, UnmatchedKeyOptions } from './resolvers/mock-keys.js';
export { parseResource } from './resolvers/resource.js';
export type { ParsedResource, IntegrationPattern } from './resolvers/resource.js';

export { DiagnosticCode } from './definition/diagnostics.js';
export { validate, formatInvalidDefinition, awsLocation } from './definition/validate.js';
export type { ValidateOptions } from './definition/validate.js';
export type { Diagnostic, Severity } from './definition/diagnostics.js';
export type * from './definition/types.js';
export { STATE_TYPES } from './definition/types.js';

export type * from './history/events.js';
export type { HistoryListener } from './history/recorder.js';

export { compilePath, PathSyntaxError } from './query/jsonpath.js';
export type { CompiledPath, PathData } from './query/jsonpath.js';

export type { Json, JsonObject } from './json.js';
export { isJsonObject, jsonEquals, MAX_JSON_DEPTH } from './json.js';
// Payload sizes as AWS measures them (UTF-8 JSON), without writing more text than the limit.
export { jsonTextWithin, jsonBytes, OVER_LIMIT, TOO_DEEP } from './runtime/payload-size.js';
export { MAX_EXECUTION_SECONDS } from './runtime/execution-type.js';
export type { ExecutionType } from './runtime/execution-type.js';

// Coverage: what executions exercised (states, transitions, Choice rules, Retry, Catch, branches, ends), from histories.
export { traceExecution } from './coverage/trace.js';
export type {
  ExecutionTrace,
  StateVisit,
  TraceAttempt,
  TraceChain,
  TraceFiber,
  VisitOutcome,
} from './coverage/trace.js';
export { CoverageCollector } from './coverage/coverage-collector.js';
export { coverageItems } from './coverage/coverage-items.js';
export { COVERAGE_KINDS, mergeCoverage, isCoverageReport } from './coverage/coverage-report.js';
export type { CoverageItem, CoverageKind, CoverageReport, MachineCoverage } from './coverage/coverage-report.js';
export {
  summarizeCoverage,
  parseThresholds,
  checkThresholds,
  formatThresholdFailure,
  THRESHOLD_NAMES,
} from './coverage/summary.js';
export type { CoverageSummary, CoverageThresholds, CoverageTotals, ThresholdFailure } from './coverage/summary.js';
export { formatCoverageText } from './coverage/text-report.js';
export type { TextReportOptions } from './coverage/text-report.js';
export { definitionFingerprint } from './coverage/fingerprint.js';

// Task resolvers: Step Functions Local mock configs, and nested executions (states:startExecution, aws-sdk:sfn:sendTask*).
export { parseSfnLocalMockConfig, sfnLocalMockResolvers } from './resolvers/sfn-local-mocks.js';
export type {
  SfnLocalMockConfig,
  SfnLocalMockedResponse,
  SfnLocalTestCaseSelection,
} from './resolvers/sfn-local-mocks.js';
export { nestedExecutions } from './resolvers/start-execution.js';
export type { NestedExecutions, NestedExecutionsOptions } from './resolvers/start-execution.js';

// The graph of a definition, time travel over a history, AWS history import. The debugger's functions are in
// '@aslkit/core/debug' (it loads xstate); its types are here too.
export { buildGraph, START_NODE_ID, END_NODE_ID } from './graph/model.js';
export type { GraphModel, GraphNode, GraphEdge, GraphNodeKind, GraphEdgeKind } from './graph/model.js';
export { describeChoiceRule } from './graph/choice-label.js';
// Also in '@aslkit/core/layout', with the rest of what drawing the graph needs.
export { ELK_LAYERED_OPTIONS, ELK_PARALLEL_OPTIONS } from './graph/layout/elk-options.js';
export { foldHistory, createHistoryFolder } from './graph/fold.js';
export type { ExecutionSnapshot, HistoryFolder, StateStatus, Visit, VisitFailure, MapProgress } from './graph/fold.js';
export { importAwsHistory, HistoryImportError } from './graph/aws-history.js';
// A Map Run as a viewer shows it: item counts, children by status one page at a time, the processor as a machine.
export {
  CHILD_STATUSES,
  MAX_CHILD_PAGE,
  childCount,
  mapRunView,
  childView,
  pageOfChildren,
  runsStartedBy,
  runsOfState,
  topLevelRuns,
  findChild,
  processorDefinition,
  isDistributedMap,
} from './graph/map-run-view.js';
export type {
  MapRunView,
  MapRunChildView,
  MapRunChildPage,
  ChildFilter,
  ChildExecutionView,
} from './graph/map-run-view.js';
export { mapRunAt, type MapRunAt } from './graph/map-run-at.js';
export type { DebugSession, DebugSnapshot, DebugSessionOptions } from './debug/session.js';
export type {
  PausedAt,
  PauseRequest,
  SessionState,
  StepUnit,
  SessionContext,
  SessionEvent,
} from './debug/session-machine.js';
export type { Breakpoint } from './debug/breakpoints.js';
