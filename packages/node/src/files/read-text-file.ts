/**
 * Reads the text files aslkit is pointed at (definitions, inputs, mocks, case files). Every
 * failure is a UsageError whose message says what the file was for and shows its path as the
 * user gave it, so a command line can print it as is.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { ErrorCode, UsageError } from '@aslkit/core';

/** How `readTextFile` reads: `maxBytes` refuses a larger file before it is read into memory. */
export interface ReadTextOptions {
  maxBytes?: number;
}

/**
 * The UTF-8 text of `path` (a leading byte-order mark removed). `what` names the file in errors
 * ("definition", "--mocks file"); `shown` is how the path is shown (default: `path`).
 * @throws UsageError `ASLKIT_FILE_NOT_FOUND` or `ASLKIT_FILE_UNREADABLE` (also past `maxBytes`)
 */
export function readTextFile(path: string, what: string, shown = path, options: ReadTextOptions = {}): string {
  let text: string;
  try {
    const { maxBytes } = options;
    const bytes = maxBytes === undefined ? readFileSync(path) : readCapped(path, maxBytes);
    if (bytes === undefined)
      throw new UsageError(
        ErrorCode.FileUnreadable,
        `${what} ${shown} is larger than ${maxBytes} bytes, the most aslkit reads for it`,
      );
    text = bytes.toString('utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
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

const CHUNK_BYTES = 1 << 16;

/**
 * The bytes of `path`, or `undefined` past `maxBytes`. A regular file's size is checked before
 * reading; the reads stop at the cap too, for what has no size (a pipe, /dev/zero).
 */
function readCapped(path: string, maxBytes: number): Buffer | undefined {
  const fd = openSync(path, 'r');
  try {
    const stat = fstatSync(fd);
    // A directory opens, and its read fails with EISDIR, the message for it.
    if (stat.isFile() && stat.size > maxBytes) return undefined;
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, maxBytes - total + 1));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) return Buffer.concat(chunks, total);
      total += read;
      if (total > maxBytes) return undefined;
      chunks.push(chunk.subarray(0, read));
    }
  } finally {
    closeSync(fd);
  }
}
