/**
 * Checks that a value has the shape of a MockScript, so a typo such as `"retrun"` is reported
 * with its key and index instead of silently mocking nothing. One check for every door mocks
 * come in by: the `mocks` option, `aslkit run --mocks`, and case files.
 */
import { UsageError } from '../errors/aslkit-error.js';
import { ErrorCode } from '../errors/error-codes.js';
import { hasOwn, isRecord } from '../json.js';
import type { MockScript } from './mocks.js';

const ENTRY_KEYS = new Set(['return', 'throw', 'timeout', 'input', 'delaySeconds', 'repeat']);
const OUTCOME_KEYS = ['return', 'throw', 'timeout'] as const;
const THROW_KEYS = new Set(['error', 'cause']);

/** Reports one problem: `where` is `"Key"[index]: ` (or `''` for the whole script); never returns. */
export type MockProblem = (where: string, problem: string) => never;

/**
 * Calls `invalid` (which throws) on the first problem of a mock script.
 * @example
 * checkMockScript(value, (where, problem) => { throw new Error(`mocks.json: ${where}${problem}`); });
 */
export function checkMockScript(value: unknown, invalid: MockProblem): asserts value is MockScript {
  if (!isRecord(value)) invalid('', 'must be an object mapping state names or resource ARNs to lists of responses');
  for (const [key, entries] of Object.entries(value)) {
    const name = JSON.stringify(key);
    if (!Array.isArray(entries))
      invalid(`${name}: `, 'must be a list of responses, one per call (Retry attempts are calls)');
    let repeatedAt: number | undefined;
    (entries as unknown[]).forEach((entry, index) => {
      const where = `${name}[${index}]: `;
      if (!isRecord(entry))
        return invalid(where, 'must be an object like {"return": ...}, {"throw": {...}} or {"timeout": true}');
      for (const field of Object.keys(entry)) {
        if (!ENTRY_KEYS.has(field)) invalid(where, `unknown field ${JSON.stringify(field)}`);
      }
      if (OUTCOME_KEYS.filter((field) => hasOwn(entry, field)).length !== 1)
        invalid(where, 'needs exactly one of "return", "throw" or "timeout"');
      if (hasOwn(entry, 'timeout') && entry['timeout'] !== true) invalid(where, '"timeout" must be true');
      if (hasOwn(entry, 'throw')) checkThrow(entry['throw'], (problem) => invalid(where, problem));
      if (hasOwn(entry, 'delaySeconds')) {
        const delay = entry['delaySeconds'];
        if (typeof delay !== 'number' || !Number.isFinite(delay) || delay < 0)
          invalid(where, '"delaySeconds" must be a number of seconds, 0 or more');
      }
      if (hasOwn(entry, 'repeat') && typeof entry['repeat'] !== 'boolean')
        invalid(where, '"repeat" must be true or false');
      // An entry behind one that answers every call (whatever its input) could never be reached.
      if (repeatedAt !== undefined && !hasOwn(entry, 'input'))
        invalid(where, `is never used: entry ${repeatedAt} repeats for every call`);
      if (entry['repeat'] === true && !hasOwn(entry, 'input')) repeatedAt ??= index;
    });
  }
}

/**
 * Returns `value` typed as a MockScript, or throws a UsageError naming `origin`, the key and
 * the entry index. The object is returned as is, so keys such as `__proto__` stay data.
 * @throws UsageError `ASLKIT_INVALID_MOCKS` (or `code`)
 */
export function parseMockScript(value: unknown, origin: string, code: ErrorCode = ErrorCode.InvalidMocks): MockScript {
  checkMockScript(value, (where, problem) => {
    throw new UsageError(code, `${origin}: ${where}${problem}`);
  });
  return value;
}

function checkThrow(value: unknown, invalid: (problem: string) => never): void {
  if (!isRecord(value)) invalid('"throw" must be an object like {"error": "...", "cause": "..."}');
  const thrown = value;
  for (const field of Object.keys(thrown)) {
    if (!THROW_KEYS.has(field)) invalid(`"throw" has an unknown field ${JSON.stringify(field)}`);
  }
  if (hasOwn(thrown, 'error') && typeof thrown['error'] !== 'string') invalid('"throw.error" must be a string');
}
