/**
 * Writes a generated section into a markdown file between two marker comments, leaving the
 * hand-written text around it alone, so each script can re-run without clobbering the other.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './corpus.js';

/** The note both scripts write into. */
export const REPORT_FILE = (): string => join(repoRoot(), 'docs', 'reference', 'validator-comparison.md');

/** Replaces the section called `name` (or appends it when the file does not have it yet). */
export function writeSection(file: string, name: string, markdown: string): void {
  const begin = `<!-- generated:${name}:begin (do not edit by hand; re-run the script) -->`;
  const end = `<!-- generated:${name}:end -->`;
  const block = `${begin}\n${markdown.trimEnd()}\n${end}`;
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const from = current.indexOf(begin);
  const to = current.indexOf(end);
  const next =
    from >= 0 && to > from
      ? current.slice(0, from) + block + current.slice(to + end.length)
      : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next.trimStart());
}
