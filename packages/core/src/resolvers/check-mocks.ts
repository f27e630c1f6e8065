/**
 * Checks the shape of a mock script (a MockScript from JSON: the `mocks` option, a case file,
 * `--mocks`), so a typo such as `"retrun"` is reported with its key and index instead of
 * silently answering `undefined`.
 */
const ENTRY_KEYS = new Set(['return', 'throw', 'timeout', 'input', 'delaySeconds']);
const OUTCOMES = ['return', 'throw', 'timeout'];

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const owns = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

/**
 * Calls `invalid(where, problem)` (which throws) on the first problem found; `where` names the
 * key and index (`"Charge"[1]: `).
 */
export function checkMockScript(value: unknown, invalid: (where: string, problem: string) => never): void {
  if (!isObject(value)) invalid('', 'must be a JSON object mapping state names or resource ARNs to lists of responses');
  for (const [key, entries] of Object.entries(value as Record<string, unknown>)) {
    const name = JSON.stringify(key);
    if (!Array.isArray(entries))
      invalid(`${name}: `, 'must be a list of responses, one per call (Retry attempts are calls)');
    (entries as unknown[]).forEach((entry, index) => {
      const where = `${name}[${index}]: `;
      if (!isObject(entry))
        return invalid(where, 'must be an object like {"return": ...}, {"throw": {...}} or {"timeout": true}');
      for (const field of Object.keys(entry))
        if (!ENTRY_KEYS.has(field)) invalid(where, `unknown field ${JSON.stringify(field)}`);
      if (OUTCOMES.filter((field) => owns(entry, field)).length !== 1)
        invalid(where, 'needs exactly one of "return", "throw" or "timeout"');
      if (owns(entry, 'timeout') && entry['timeout'] !== true) invalid(where, '"timeout" must be true');
      if (owns(entry, 'throw')) {
        const thrown = entry['throw'];
        if (!isObject(thrown)) return invalid(where, '"throw" must be an object like {"error": "...", "cause": "..."}');
        for (const field of Object.keys(thrown))
          if (field !== 'error' && field !== 'cause')
            invalid(where, `"throw" has an unknown field ${JSON.stringify(field)}`);
        if (owns(thrown, 'error') && typeof thrown['error'] !== 'string')
          invalid(where, '"throw.error" must be a string');
      }
      if (owns(entry, 'delaySeconds')) {
        const delay = entry['delaySeconds'];
        if (typeof delay !== 'number' || !Number.isFinite(delay) || delay < 0)
          invalid(where, '"delaySeconds" must be a number of seconds, 0 or more');
      }
    });
  }
}
