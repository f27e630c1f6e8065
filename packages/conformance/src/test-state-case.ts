/**
 * Runs a `test_state__*` case (shared/conformance/test-state.md) through `testState` and compares
 * the answer with AWS's, by the strict rule: the keys of the response and of `inspectionData` are
 * exactly those recorded (less `ignore`); JSON-text fields compare as JSON values; `ignore`d
 * values must be present and are not compared.
 */
import { jsonEquals, testState, TestStateRefusal, type Json, type TestStateRequest } from '@aslkit/core';
import type { ConformanceCase } from './load-case.js';
import type { Mismatch } from './compare.js';

/** The role the recording's test passed (`roleArn:` in source.txt); the recording ignores its value. */
const CASE_ROLE_ARN = 'arn:aws:iam::111111111111:role/conformance-test-state-role';

type Recorded = Record<string, Json>;

/** Builds the request as test-state.md says: `definition` and `input` as JSON text, the rest as recorded. */
export function testStateRequest(testCase: ConformanceCase): TestStateRequest {
  const recorded = testCase.request as Recorded;
  const request: Record<string, unknown> = { ...recorded, definition: JSON.stringify(recorded['definition']) };
  if ('input' in recorded) request['input'] = JSON.stringify(recorded['input']);
  if (testCase.tags['roleArn'] !== undefined) request['roleArn'] = CASE_ROLE_ARN;
  return request as unknown as TestStateRequest;
}

export async function runTestStateCase(testCase: ConformanceCase): Promise<Mismatch[]> {
  const expected = testCase.expected as unknown as Recorded;
  let actual: Recorded;
  try {
    actual = (await testState(testStateRequest(testCase), {
      seed: testCase.name,
      startTime: '2024-01-01T00:00:00.000Z',
    })) as unknown as Recorded;
  } catch (error) {
    if (!(error instanceof TestStateRefusal)) throw error;
    actual = { status: 'INVALID_REQUEST', error: error.code, cause: error.message };
  }
  const ignored = new Set((expected['ignore'] as string[] | undefined) ?? []);
  const mismatches: Mismatch[] = [];
  compareObject('', withoutIgnore(expected), actual, ignored, mismatches, true);
  return mismatches;
}

const withoutIgnore = (expected: Recorded): Recorded => {
  const { ignore: _ignore, ...rest } = expected;
  return rest;
};

/** JSON-text fields of the response and of `inspectionData` (test-state.md). */
const TEXT_FIELDS = new Set(['output']);
const NUMBER_FIELDS = new Set(['maxConcurrency', 'toleratedFailureCount', 'toleratedFailurePercentage']);

function compareObject(
  at: string,
  expected: Recorded,
  actual: Recorded,
  ignored: Set<string>,
  mismatches: Mismatch[],
  top: boolean,
): void {
  const wantKeys = Object.keys(expected).sort();
  const gotKeys = Object.keys(actual).sort();
  if (!jsonEquals(wantKeys, gotKeys))
    mismatches.push({ what: `${at || '/'} keys`, expected: wantKeys, actual: gotKeys });
  for (const key of wantKeys) {
    if (!(key in actual)) continue;
    const pointer = `${at}/${key}`;
    const want = expected[key]!;
    const got = actual[key]!;
    if (top && key === 'inspectionData') {
      compareObject(pointer, want as Recorded, got as Recorded, ignored, mismatches, false);
      continue;
    }
    const isText = top ? TEXT_FIELDS.has(key) : key !== 'errorDetails' && !NUMBER_FIELDS.has(key);
    if (!isText) {
      if (!jsonEquals(want, got)) mismatches.push({ what: pointer, expected: want, actual: got });
      continue;
    }
    let parsed: Json;
    try {
      parsed = JSON.parse(got as string) as Json;
    } catch {
      mismatches.push({ what: pointer, expected: want, actual: got });
      continue;
    }
    const wantValue = typeof want === 'string' ? (JSON.parse(want) as Json) : want;
    compareValue(pointer, wantValue, parsed, ignored, mismatches);
  }
}

/** Compares JSON values; an ignored pointer must exist but its value is not compared. */
function compareValue(at: string, want: Json, got: Json, ignored: Set<string>, mismatches: Mismatch[]): void {
  if (ignored.has(at)) {
    if (got === undefined) mismatches.push({ what: at, expected: 'present (ignored value)', actual: undefined });
    return;
  }
  const isObject = (v: Json): v is Recorded => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isObject(want) && isObject(got) && [...ignored].some((p) => p.startsWith(`${at}/`))) {
    const keys = new Set([...Object.keys(want), ...Object.keys(got)]);
    for (const key of keys) {
      const pointer = `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (!(key in got) || !(key in want)) {
        mismatches.push({ what: pointer, expected: want[key], actual: got[key] });
        continue;
      }
      compareValue(pointer, want[key]!, got[key]!, ignored, mismatches);
    }
    return;
  }
  if (!jsonEquals(want, got)) mismatches.push({ what: at, expected: want, actual: got });
}
