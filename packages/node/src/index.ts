/**
 * @aslkit/node: the Node side of aslkit that needs no test framework. Read definition files
 * (JSON or YAML, diagnostics located in either), run declarative case files and report them
 * (text, JSON, JUnit), and write coverage reports (JSON, a self-contained HTML page). The
 * `aslkit` command and @aslkit/vitest are both built on it.
 * @module
 */

// Definition files: JSON or YAML, compiled once per file and reloaded when it changes.
export { loadMachine } from './definitions/load-machine.js';
export type { MachineSource, LoadedMachine } from './definitions/load-machine.js';
export { definitionInput, readDefinitionFile } from './definitions/definition-input.js';
export type { DefinitionInput } from './definitions/definition-input.js';

// Definitions where users keep them: CloudFormation, SAM, cdk.out, serverless.yml, Terraform JSON,
// named by one reference scheme (`template.yaml#OrderFlow`), resolved and located.
export { loadMachineSet, parseMachineReference, selectMachine, machineLabel } from './templates/machine-reference.js';
export type { MachineReference } from './templates/machine-reference.js';
export type {
  MachineSet,
  SourceKind,
  TemplateFunction,
  TemplateMachine,
  TemplateResource,
} from './templates/template-machine.js';
export type { TemplateOptions } from './templates/template-options.js';
export type { AccountOptions } from './templates/pseudo-parameters.js';
export { TemplateError, formatTemplateProblem } from './templates/template-problem.js';
export type { TemplateProblem } from './templates/template-problem.js';
export { compileTemplateMachine, templateRun } from './templates/template-run.js';
export type { TemplateRun, TemplateRunOptions } from './templates/template-run.js';
export { templateMocks, templateHandlerKeys, stateResources } from './templates/template-keys.js';
export type { TemplateMocks } from './templates/template-keys.js';
export { autoHandlers } from './templates/auto-handlers.js';
export type { AutoHandler, AutoHandlers } from './templates/auto-handlers.js';
export type { LocatedDiagnostic } from './templates/definition-build.js';

// Data files: text, JSON with located syntax errors, YAML with aliases capped.
export { readTextFile, type ReadTextOptions } from './files/read-text-file.js';
export { readDataFile, parseDataText } from './files/read-data-file.js';
export { parseJsonText, findJsonSyntaxProblem } from './files/json-text.js';
export type { JsonSyntaxProblem } from './files/json-text.js';
export { parseYamlText, isYamlPath, MAX_YAML_ALIASES, nodeAtPointer } from './files/yaml-text.js';
export type { YamlText, YamlOptions } from './files/yaml-text.js';
export { displayPath } from './files/display-path.js';

// Runs as tests see them, and plain-text descriptions of them for failure messages.
export { withTrace, DEFAULT_SEED, DEFAULT_START_TIME } from './runs/machine-run.js';
export type { MachineRun } from './runs/machine-run.js';
export {
  clip,
  formatOutcome,
  formatPath,
  formatEvent,
  formatEventBlock,
  failureEvents,
  stateOfEvents,
} from './runs/describe-run.js';

// Declarative case files (and Step Functions Local mock configs): format, loading, running, reports.
export { parseCaseFile } from './cases/case-file.js';
export type { CaseFileSpec, CaseSpec, CaseExpectation } from './cases/case-file.js';
export { loadCaseFile } from './cases/load-case-file.js';
export type { CaseSuite, RunnableCase, LoadCaseOptions } from './cases/load-case-file.js';
export type { MockConfigOptions } from './cases/mock-config-suites.js';
export { runCase, runCaseFiles } from './cases/run-cases.js';
export type { CaseResult, CaseRunReport, CaseStatus, FileError, RunCasesOptions } from './cases/run-cases.js';
export { checkExpectations, expectedStatus } from './cases/check-expectations.js';
export type { CaseFailure } from './cases/check-expectations.js';
export { diffJson } from './cases/json-diff.js';
export { findCaseFiles } from './cases/find-case-files.js';
export type { FoundFiles } from './cases/find-case-files.js';
export { formatCaseReport, formatCaseList, formatCaseFailure, formatSummaryLine } from './cases/text-reporter.js';
export { formatJsonReport, formatJunitReport } from './cases/machine-reporters.js';

// Coverage report files: merged JSON and the HTML page that draws each machine.
export { readCoverageDir, readCoverageFile, writeCoverageFile } from './coverage/coverage-files.js';
export { formatCoverageHtml, writeCoverageHtml } from './coverage/html-report.js';

// Object stores for a distributed Map's ItemReader and ResultWriter: a local directory, real S3.
export { createDirectoryObjectStore } from './objects/directory-object-store.js';
export { createS3ObjectStore } from './objects/s3-object-store.js';
export type { S3ObjectStoreOptions } from './objects/s3-object-store.js';
