import { relative } from 'node:path';

/** A path as reports show it: relative to `cwd` (default: the working directory) when inside it. */
export function displayPath(path: string, cwd = process.cwd()): string {
  const shown = relative(cwd, path);
  return shown === '' || shown.startsWith('..') ? path : shown.split('\\').join('/');
}
