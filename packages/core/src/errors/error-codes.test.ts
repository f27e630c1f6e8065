// The catalogue, the reference page and the code base agree: every code thrown anywhere is in
// error-codes.ts and has a section of docs/reference/errors.md, and neither lists a code nobody throws.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AslkitError, UsageError } from './aslkit-error.js';
import { ERROR_DOCS_PAGE, ErrorCode, errorCodeInfo, errorCodes, isErrorCode } from './error-codes.js';

const repo = join(import.meta.dirname, '..', '..', '..', '..');
// Installed and built files, which repeat the sources.
const SKIP = new Set(['node_modules', 'dist', 'dist-viewer']);
const BUILT = new Set(['packages/cli/viewer', 'packages/core/types']);
const textFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (SKIP.has(entry) || entry.startsWith('.') || BUILT.has(relative(repo, path))) return [];
    if (statSync(path).isDirectory()) return textFiles(path);
    return /\.(ts|tsx|mts|cts|mjs|cjs|js|json|md)$/.test(entry) ? [path] : [];
  });

const files = [
  ...textFiles(join(repo, 'packages')),
  ...textFiles(join(repo, 'fixtures')),
  ...textFiles(join(repo, 'docs')),
].map((path) => ({ path: relative(repo, path), text: readFileSync(path, 'utf8') }));
const sources = files.filter((f) => /^packages\/[^/]+\/src\/.*\.tsx?$/.test(f.path) && !/\.test\.tsx?$/.test(f.path));
const catalogueFile = 'packages/core/src/errors/error-codes.ts';
const page = readFileSync(join(repo, ERROR_DOCS_PAGE), 'utf8');
const codes = errorCodes().map((entry) => entry.code);

describe('the error catalogue', () => {
  it('holds every ASLKIT_ code the repository uses (environment variables aside)', () => {
    const variables = new Set(
      files.flatMap((f) => [...f.text.matchAll(/process\.env(?:\.|\[')(ASLKIT_\w+)/g)].map((m) => m[1])),
    );
    const used = new Set(files.flatMap((f) => [...f.text.matchAll(/\bASLKIT_[A-Z_]+\b/g)].map((m) => m[0])));
    const unknown = [...used].filter((code) => !variables.has(code) && !isErrorCode(code));
    expect(unknown).toEqual([]);
  });

  it('is the only place a code is spelled: throw sites use ErrorCode', () => {
    const spelled = sources
      .filter((f) => f.path !== catalogueFile)
      .flatMap((f) => codes.filter((code) => f.text.includes(`'${code}'`)).map((code) => `${f.path}: '${code}'`));
    expect(spelled).toEqual([]);
  });

  it('lists no code that nothing throws', () => {
    const unused = Object.entries(ErrorCode)
      .filter(([name]) => !sources.some((f) => f.path !== catalogueFile && f.text.includes(`ErrorCode.${name}`)))
      .map(([, code]) => code);
    expect(unused).toEqual([]);
  });

  it('documents each code in a section of docs/reference/errors.md, and only those', () => {
    const headings = [...page.matchAll(/^### (\S+)$/gm)].map((m) => m[1]);
    expect([...headings].sort()).toEqual([...codes].sort());
    for (const code of codes) expect(errorCodeInfo(code)?.docs).toBe(`${ERROR_DOCS_PAGE}#${code.toLowerCase()}`);
  });

  it('gives each code a name, a summary and nothing else', () => {
    expect(new Set(codes).size).toBe(codes.length);
    for (const entry of errorCodes()) expect(entry.summary).toMatch(/^\S.*\.$/);
    expect(errorCodeInfo('NO_SUCH_CODE')).toBeUndefined();
    expect(isErrorCode('NO_SUCH_CODE')).toBe(false);
  });
});

describe('UsageError', () => {
  it('takes the code first, as AslkitError does', () => {
    const error = new UsageError(ErrorCode.InvalidMocks, 'mocks: bad');
    expect(error).toBeInstanceOf(AslkitError);
    expect(error).toMatchObject({ name: 'UsageError', code: 'ASLKIT_INVALID_MOCKS', message: 'mocks: bad' });
    expect(new UsageError(ErrorCode.Usage, 'why', { cause: 'root' }).cause).toBe('root');
  });

  it('still takes the deprecated order, message first, with ASLKIT_USAGE as the default code', () => {
    expect(new UsageError('mocks: bad', ErrorCode.InvalidMocks)).toMatchObject({
      code: 'ASLKIT_INVALID_MOCKS',
      message: 'mocks: bad',
    });
    expect(new UsageError('no code given')).toMatchObject({ code: 'ASLKIT_USAGE', message: 'no code given' });
    expect(new UsageError('custom', 'MY_OWN_CODE')).toMatchObject({ code: 'MY_OWN_CODE', message: 'custom' });
  });
});
