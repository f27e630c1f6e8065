/**
 * What @aslkit/vitest exported before its framework-free parts moved to @aslkit/node. Each
 * name still works and is marked deprecated so editors point to the new import; they go in
 * the next minor version.
 */
import * as node from '@aslkit/node';

/** @deprecated Import `loadMachine` from `@aslkit/node`. */
export const loadMachine = node.loadMachine;
/** @deprecated Import `displayPath` from `@aslkit/node`. */
export const displayPath = node.displayPath;
/** @deprecated Import `definitionInput` from `@aslkit/node`. */
export const definitionInput = node.definitionInput;
/** @deprecated Import `isYamlPath` from `@aslkit/node`. */
export const isYamlPath = node.isYamlPath;
/** @deprecated Import `formatOutcome` from `@aslkit/node`. */
export const formatOutcome = node.formatOutcome;
/** @deprecated Import `formatPath` from `@aslkit/node`. */
export const formatPath = node.formatPath;
/** @deprecated Import `formatEvent` from `@aslkit/node`. */
export const formatEvent = node.formatEvent;
/** @deprecated Import `failureEvents` from `@aslkit/node`. */
export const failureEvents = node.failureEvents;
/** @deprecated Import `parseCaseFile` from `@aslkit/node`. */
export const parseCaseFile = node.parseCaseFile;
/** @deprecated Import `checkExpectations` from `@aslkit/node`. */
export const checkExpectations = node.checkExpectations;
/** @deprecated Import `expectedStatus` from `@aslkit/node`. */
export const expectedStatus = node.expectedStatus;
/** @deprecated Import `diffJson` from `@aslkit/node`. */
export const diffJson = node.diffJson;
/** @deprecated Import `findCaseFiles` from `@aslkit/node`. */
export const findCaseFiles = node.findCaseFiles;
/** @deprecated Import `formatCaseReport` from `@aslkit/node`. */
export const formatCaseReport = node.formatCaseReport;
/** @deprecated Import `formatCaseList` from `@aslkit/node`. */
export const formatCaseList = node.formatCaseList;
/** @deprecated Import `formatCaseFailure` from `@aslkit/node`. */
export const formatCaseFailure = node.formatCaseFailure;
/** @deprecated Import `formatSummaryLine` from `@aslkit/node`. */
export const formatSummaryLine = node.formatSummaryLine;
/** @deprecated Import `formatJsonReport` from `@aslkit/node`. */
export const formatJsonReport = node.formatJsonReport;
/** @deprecated Import `formatJunitReport` from `@aslkit/node`. */
export const formatJunitReport = node.formatJunitReport;
/** @deprecated Import `readCoverageDir` from `@aslkit/node`. */
export const readCoverageDir = node.readCoverageDir;
/** @deprecated Import `readCoverageFile` from `@aslkit/node`. */
export const readCoverageFile = node.readCoverageFile;
/** @deprecated Import `writeCoverageFile` from `@aslkit/node`. */
export const writeCoverageFile = node.writeCoverageFile;
/** @deprecated Import `formatCoverageHtml` from `@aslkit/node`. */
export const formatCoverageHtml = node.formatCoverageHtml;
/** @deprecated Import `writeCoverageHtml` from `@aslkit/node`. */
export const writeCoverageHtml = node.writeCoverageHtml;

/** @deprecated Import the type `DefinitionInput` from `@aslkit/node`. */
export type DefinitionInput = node.DefinitionInput;
/** @deprecated Import the type `CaseFileSpec` from `@aslkit/node`. */
export type CaseFileSpec = node.CaseFileSpec;
/** @deprecated Import the type `CaseSpec` from `@aslkit/node`. */
export type CaseSpec = node.CaseSpec;
/** @deprecated Import the type `CaseExpectation` from `@aslkit/node`. */
export type CaseExpectation = node.CaseExpectation;
/** @deprecated Import the type `CaseFailure` from `@aslkit/node`. */
export type CaseFailure = node.CaseFailure;
/** @deprecated Import the type `FoundFiles` from `@aslkit/node`. */
export type FoundFiles = node.FoundFiles;
