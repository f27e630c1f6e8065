// The catalogue, the reference page and the code base agree: every code thrown anywhere is in
// error-codes.ts and has a section of docs/reference/errors.md, and neither lists a code nobody throws.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
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

  it('is spelled in no string of the sources outside the catalogue, quoted or in a template', () => {
    const spelled = sources
      .filter((f) => f.path !== catalogueFile && f.text.includes('ASLKIT_'))
      .flatMap((f) =>
        stringsOf(f.path, f.text)
          .filter((text) => /\bASLKIT_[A-Z_]+\b/.test(text) && !/\bASLKIT_[A-Z_]+_DIR\b/.test(text))
          .map((text) => `${f.path}: ${text}`),
      );
    expect(spelled).toEqual([]);
  });

  it('gives every error the sources make a code from ErrorCode, first (never the deprecated order)', () => {
    const throwSites = sources
      // The one place the deprecated order is still taken apart, for callers outside the repository.
      .filter(
        (f) => f.path !== 'packages/core/src/errors/aslkit-error.ts' && /\b(AslkitError|UsageError)\b/.test(f.text),
      )
      .flatMap((f) => uncataloguedCodes(f.path, f.text));
    expect(throwSites).toEqual([]);
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

/** The text of every string literal and template piece in a source file (comments are not strings). */
function stringsOf(path: string, text: string): string[] {
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) found.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

// The errors whose constructor takes a code first; their subclasses with a fixed code (DefinitionError,
// HistoryImportError, TemplateError, ...) pass ErrorCode.* to super, which the second rule below checks.
const CODE_FIRST = new Set(['AslkitError', 'UsageError']);

/**
 * Where a source makes an AslkitError or UsageError, or a subclass calls `super`, with a first argument
 * that is not `ErrorCode.<Name>` (or a parameter typed as a catalogue code): `file:line text`.
 */
function uncataloguedCodes(path: string, text: string): string[] {
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const check = (node: ts.Node, first: ts.Expression | undefined): void => {
    if (first === undefined || /^ErrorCode\.\w+$/.test(first.getText(file)) || typedAsCode(first)) return;
    const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
    found.push(`${path}:${line} ${node.getText(file).split('\n')[0]}`);
  };
  const visit = (node: ts.Node, inErrorClass: boolean): void => {
    if (ts.isClassLike(node)) {
      const base = node.heritageClauses?.[0]?.types[0]?.expression.getText(file);
      inErrorClass = base !== undefined && CODE_FIRST.has(base);
    }
    if (ts.isNewExpression(node) && CODE_FIRST.has(node.expression.getText(file))) check(node, node.arguments?.[0]);
    if (inErrorClass && ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.SuperKeyword)
      check(node, node.arguments[0]);
    ts.forEachChild(node, (child) => visit(child, inErrorClass));
  };
  /** A parameter of the enclosing function declared as `ErrorCode` or one of its members (`typeof ErrorCode.X`). */
  const typedAsCode = (argument: ts.Expression): boolean => {
    if (!ts.isIdentifier(argument)) return false;
    for (let scope: ts.Node | undefined = argument; scope; scope = scope.parent) {
      if (!ts.isFunctionLike(scope)) continue;
      const parameter = scope.parameters.find((p) => p.name.getText(file) === argument.text);
      if (parameter)
        return /^(ErrorCode|TestStateRefusalCode|typeof ErrorCode\.\w+)$/.test(parameter.type?.getText(file) ?? '');
    }
    return false;
  };
  visit(file, false);
  return found;
}
