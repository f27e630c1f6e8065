/**
 * Checks that a `--mocks` file has the shape of core's MockScript, so a typo such as
 * `"retrun"` is reported with its key and index instead of silently mocking nothing.
 */
import { UsageError, type MockScript } from '@aslkit/core';

const ENTRY_KEYS = new Set(['return', 'throw', 'timeout', 'input', 'delaySeconds']);
const OUTCOME_KEYS = ['return', 'throw', 'timeout'] as const;
const THROW_KEYS = new Set(['error', 'cause']);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const owns = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

/**
 * Returns `value` typed as a MockScript, or throws a UsageError (`ASLKIT_INVALID_MOCKS`)
 * naming `source`, the key and the entry index.
 */
export function toMockScript(value: unknown, source: string): MockScript {
  const invalid = (where: string, problem: string): never => {
    throw new UsageError(`${source}: ${where}${problem}`, 'ASLKIT_INVALID_MOCKS');
  };
  if (!isObject(value)) {
    return invalid('', 'must be a JSON object mapping resource ARNs or state names to lists of responses');
  }
  for (const [key, entries] of Object.entries(value)) {
    const name = JSON.stringify(key);
    if (!Array.isArray(entries)) invalid(`${name}: `, 'must be a list of responses');
    (entries as unknown[]).forEach((entry, index) => {
      const where = `${name}[${index}]: `;
      if (!isObject(entry))
        return invalid(where, 'must be an object like {"return": ...}, {"throw": {...}} or {"timeout": true}');
      for (const field of Object.keys(entry)) {
        if (!ENTRY_KEYS.has(field)) invalid(where, `unknown field ${JSON.stringify(field)}`);
      }
      const outcomes = OUTCOME_KEYS.filter((field) => owns(entry, field));
      if (outcomes.length !== 1) invalid(where, 'needs exactly one of "return", "throw" or "timeout"');
      if (owns(entry, 'timeout') && entry.timeout !== true) invalid(where, '"timeout" must be true');
      if (owns(entry, 'throw')) checkThrow(entry.throw, (problem) => invalid(where, problem));
      if (owns(entry, 'delaySeconds')) {
        const delay = entry.delaySeconds;
        if (typeof delay !== 'number' || !Number.isFinite(delay) || delay < 0) {
          invalid(where, '"delaySeconds" must be a number of seconds, 0 or more');
        }
      }
    });
  }
  // Checked above; the object is used as is so keys like `__proto__` stay plain data.
  return value as MockScript;
}

function checkThrow(value: unknown, invalid: (problem: string) => never): void {
  if (!isObject(value)) invalid('"throw" must be an object like {"error": "...", "cause": "..."}');
  const thrown = value as Record<string, unknown>;
  for (const field of Object.keys(thrown)) {
    if (!THROW_KEYS.has(field)) invalid(`"throw" has an unknown field ${JSON.stringify(field)}`);
  }
  if (owns(thrown, 'error') && typeof thrown.error !== 'string') invalid('"throw.error" must be a string');
}
