/**
 * Compares an aslkit result with a recorded outcome: status, output (as JSON values), error
 * and cause (exact), event types, and the history keys the recording kept. Strings like
 * `<region>` in recorded history are the recorder's placeholders and match any text.
 */
import { jsonEquals, type ExecutionResult, type HistoryEvent, type Json } from '@aslkit/core';
import type { ExpectedOutcome } from './load-case.js';

export interface Mismatch {
  what: string;
  expected: unknown;
  actual: unknown;
}

const placeholderPattern = (text: string): RegExp =>
  new RegExp(
    '^' +
      text
        .split(/<[^<>]*>/)
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*') +
      '$',
    's',
  );

export const matchesRecorded = (expected: Json | undefined, actual: unknown): boolean =>
  typeof expected === 'string' && /<[^<>]+>/.test(expected) && typeof actual === 'string'
    ? placeholderPattern(expected).test(actual)
    : jsonEquals(expected, actual as Json);

/**
 * Recordings filled Lambda function ARNs in at run time and the cases carry fixed fake ones
 * (README), so a function ARN is compared by shape only: both must be function ARNs.
 */
const LAMBDA_FUNCTION_ARN = /^arn:[^:]+:lambda:[^:]+:[^:]+:function:.+$/;
const sameRecordedValue = (key: string, expected: Json | undefined, actual: unknown): boolean =>
  key === 'resource' && typeof expected === 'string' && typeof actual === 'string' && LAMBDA_FUNCTION_ARN.test(expected)
    ? LAMBDA_FUNCTION_ARN.test(actual)
    : matchesRecorded(expected, actual);

/** The flattened fields of an event that the recordings keep. */
export function eventFacts(event: HistoryEvent): Record<string, unknown> {
  const facts: Record<string, unknown> = { type: event.type };
  for (const [key, value] of Object.entries(event)) {
    if (!key.endsWith('EventDetails') || typeof value !== 'object' || value === null) continue;
    for (const field of ['name', 'error', 'cause', 'resourceType', 'resource', 'index', 'length']) {
      if (field in value) facts[field] = (value as Record<string, unknown>)[field];
    }
  }
  return facts;
}

export function compareOutcome(expected: ExpectedOutcome, actual: ExecutionResult): Mismatch[] {
  const mismatches: Mismatch[] = [];
  const check = (what: string, want: unknown, got: unknown, equal = jsonEquals(want as Json, got as Json)) => {
    if (!equal) mismatches.push({ what, expected: want, actual: got });
  };
  check('status', expected.status, actual.status);
  if (expected.status === 'SUCCEEDED' && 'output' in expected) check('output', expected.output, actual.output);
  if (expected.error !== undefined) check('error', expected.error, actual.error);
  if (expected.cause !== undefined) check('cause', expected.cause, actual.cause);
  if (expected.events) {
    check(
      'events',
      expected.events,
      actual.history.map((e) => e.type),
    );
  }
  if (expected.history && mismatches.length === 0) {
    expected.history.forEach((want, i) => {
      const got = actual.history[i] ? eventFacts(actual.history[i]) : undefined;
      for (const [key, value] of Object.entries(want)) {
        if (!got || !sameRecordedValue(key, value, got[key])) {
          mismatches.push({ what: `history[${i}].${key}`, expected: value, actual: got?.[key] });
        }
      }
    });
  }
  return mismatches;
}
