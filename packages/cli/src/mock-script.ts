/**
 * Checks that a `--mocks` file has the shape of core's MockScript, so a typo such as
 * `"retrun"` is reported with its key and index instead of silently mocking nothing.
 */
import { checkMockScript, UsageError, type MockScript } from '@aslkit/core';

/**
 * Returns `value` typed as a MockScript, or throws a UsageError (`ASLKIT_INVALID_MOCKS`)
 * naming `source`, the key and the entry index.
 */
export function toMockScript(value: unknown, source: string): MockScript {
  checkMockScript(value, (where, problem) => {
    throw new UsageError(`${source}: ${where}${problem}`, 'ASLKIT_INVALID_MOCKS');
  });
  // Checked above; the object is used as is so keys like `__proto__` stay plain data.
  return value as MockScript;
}
