/**
 * Reads the text files aslkit is pointed at (definitions, inputs, mocks, case files). Every
 * failure is a UsageError whose message says what the file was for and shows its path as the
 * user gave it, so a command line can print it as is.
 */
import { readFileSync } from 'node:fs';
import { ErrorCode, UsageError } from '@aslkit/core';

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
    if (code === 'ENOENT') throw new UsageError(ErrorCode.FileNotFound, `${what} not found: ${shown}`);
    if (code === 'EISDIR')
      throw new UsageError(ErrorCode.FileUnreadable, `${what} is a directory, not a file: ${shown}`);
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError(ErrorCode.FileUnreadable, `cannot read ${what} ${shown}: ${reason}`);
  }
  // Some editors save JSON with a byte-order mark, which JSON.parse rejects.
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
