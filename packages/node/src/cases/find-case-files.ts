/**
 * Expands the file arguments of `aslkit test`: plain paths as given, directories to the case
 * files inside them, and quoted globs (`*`, `**`, `?`, `{a,b}`) matched here, since shells
 * on some platforms do not expand them. `node_modules` and dot folders are never searched.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

/** File names a directory argument picks up. */
const CASE_FILE = /\.(cases|test)\.(json|ya?ml)$/;
const GLOB_CHARS = /[*?{[]/;

export interface FoundFiles {
  files: string[];
  /** Arguments that matched nothing (a missing path or a glob without matches). */
  unmatched: string[];
}

/** Resolves arguments to files, relative to `cwd`, each listed once, in argument order. */
export function findCaseFiles(patterns: readonly string[], cwd: string): FoundFiles {
  const files: string[] = [];
  const seen = new Set<string>();
  const unmatched: string[] = [];
  let matched = 0;
  const add = (path: string) => {
    matched++;
    if (!seen.has(path)) {
      seen.add(path);
      files.push(path);
    }
  };
  for (const pattern of patterns) {
    matched = 0;
    if (GLOB_CHARS.test(pattern)) {
      const normalized = pattern.split(sep).join('/');
      const base = staticPrefix(normalized);
      const matcher = globToRegExp(normalized);
      for (const file of walk(resolve(cwd, base || '.'))) {
        const shown = relative(cwd, file).split(sep).join('/');
        if (matcher.test(shown) || matcher.test(file.split(sep).join('/'))) add(file);
      }
    } else {
      const path = resolve(cwd, pattern);
      const stats = statOrUndefined(path);
      if (stats?.isDirectory()) {
        for (const file of walk(path)) if (CASE_FILE.test(file)) add(file);
      } else if (stats) add(path);
    }
    if (matched === 0) unmatched.push(pattern);
  }
  return { files, unmatched };
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** The folders before the first glob character: where the walk starts. */
function staticPrefix(pattern: string): string {
  const segments = pattern.split('/');
  const fixed: string[] = [];
  for (const segment of segments.slice(0, -1)) {
    if (GLOB_CHARS.test(segment)) break;
    fixed.push(segment);
  }
  return fixed.join('/') || (pattern.startsWith('/') ? '/' : '');
}

/** Every file under `dir`, sorted, skipping node_modules and dot folders. */
function* walk(dir: string, depth = 0): Generator<string> {
  if (depth > 32) return;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) yield* walk(path, depth + 1);
    } else if (entry.isFile()) yield path;
  }
}

/** `**` crosses folders, `*` and `?` do not, `{a,b}` is either. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i]!;
    if (char === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '{') {
      braces++;
      source += '(?:';
    } else if (char === '}' && braces > 0) {
      braces--;
      source += ')';
    } else if (char === ',' && braces > 0) source += '|';
    else source += char.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^(?:\\./)?${source}$`);
}
