/**
 * Reads the text files aslkit is pointed at (definitions, inputs, mocks, case files). Every
 * failure is a UsageError whose message says what the file was for and shows its path as the
 * user gave it, so a command line can print it as is.
 */
import { readFileSync } from 'node:fs';
import { UsageError } from '@aslkit/core';

/**
 * The UTF-8 text of `path` (a leading byte-order mark removed). `what` names the file in errors
 * ("definition", "--mocks file"); `shown` is how the path is shown (default: `path`).
 * @throws UsageError `ASLKIT_FILE_NOT_FOUND` or `ASLKIT_FILE_UNREADABLE`
 */
export function readTextFile(path: string, what: string, shown = path): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`${what} not found: ${shown}`, 'ASLKIT_FILE_NOT_FOUND');
    if (code === 'EISDIR')
      throw new UsageError(`${what} is a directory, not a file: ${shown}`, 'ASLKIT_FILE_UNREADABLE');
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError(`cannot read ${what} ${shown}: ${reason}`, 'ASLKIT_FILE_UNREADABLE');
  }
  // Some editors save JSON with a byte-order mark, which JSON.parse rejects.
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
