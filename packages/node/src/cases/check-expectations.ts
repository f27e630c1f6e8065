/**
 * Compares a run with a case's `expect`: status, output, error, cause, path and event types.
 * Every mismatch is reported (not only the first), each with a diff where one helps.
 */
import { jsonEquals } from '@aslkit/core';
import type { MachineRun } from '../runs/machine-run.js';
import type { CaseExpectation } from './case-file.js';
import { diffJson } from './json-diff.js';

export interface CaseFailure {
  /** Which expectation failed. */
  field: 'status' | 'output' | 'error' | 'cause' | 'path' | 'events';
  expected: unknown;
  actual: unknown;
  /** One line saying what differs. */
  message: string;
  /** `- Expected` / `+ Actual` lines for structured values. */
  diff?: string;
}

/** The status a case expects when it does not say. */
export const expectedStatus = (expect: CaseExpectation): string =>
  expect.status ?? (expect.error !== undefined || expect.cause !== undefined ? 'FAILED' : 'SUCCEEDED');

/** Every expectation the run misses; empty when the case passes. */
export function checkExpectations(run: MachineRun, expect: CaseExpectation): CaseFailure[] {
  const failures: CaseFailure[] = [];
  const status = expectedStatus(expect);
  if (run.status !== status) {
    failures.push({
      field: 'status',
      expected: status,
      actual: run.status,
      message: `expected status ${status}, got ${run.status}`,
    });
  }
  if (expect.output !== undefined && run.status === 'SUCCEEDED' && !jsonEquals(expect.output, run.output)) {
    const diff = diffJson(expect.output, run.output);
    failures.push({
      field: 'output',
      expected: expect.output,
      actual: run.output,
      message: 'the output differs',
      ...(diff ? { diff } : {}),
    });
  }
  for (const field of ['error', 'cause'] as const) {
    if (expect[field] !== undefined && run[field] !== expect[field]) {
      failures.push({
        field,
        expected: expect[field],
        actual: run[field],
        message: `expected ${field} ${JSON.stringify(expect[field])}, got ${run[field] === undefined ? 'none' : JSON.stringify(run[field])}`,
      });
    }
  }
  if (expect.path !== undefined && !sameList(expect.path, run.path)) {
    const diff = diffJson(expect.path, run.path);
    failures.push({
      field: 'path',
      expected: expect.path,
      actual: run.path,
      message: 'the top-level path differs',
      ...(diff ? { diff } : {}),
    });
  }
  if (expect.events !== undefined) {
    const types = run.history.map((event) => event.type);
    if (!sameList(expect.events, types)) {
      const diff = diffJson(expect.events, types);
      failures.push({
        field: 'events',
        expected: expect.events,
        actual: types,
        message: 'the history event types differ',
        ...(diff ? { diff } : {}),
      });
    }
  }
  return failures;
}

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((item, i) => item === b[i]);
