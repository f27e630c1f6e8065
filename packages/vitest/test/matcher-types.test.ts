// The matchers' typings, checked by the TypeScript compiler: types/matchers.typecheck.ts
// must compile with the project's strict options and no diagnostic, its @ts-expect-error
// lines included (each must catch a real type error, or tsc reports it as unused).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '..', '..', '..');
const file = join(import.meta.dirname, 'types', 'matchers.typecheck.ts');

function diagnostics(): string[] {
  const base = ts.readConfigFile(join(repo, 'tsconfig.base.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(base.config, ts.sys, repo);
  // The monorepo's condition, so @aslkit/core resolves to its sources as in the tests.
  const program = ts.createProgram([file], {
    ...options,
    noEmit: true,
    composite: false,
    declaration: false,
    declarationMap: false,
    types: ['node'],
    customConditions: ['@aslkit/source'],
  });
  // Only this package's files: other packages' work in progress is not this test's concern.
  const own = join(repo, 'packages', 'vitest');
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file === undefined || d.file.fileName.startsWith(own))
    .map((d) => {
      const where =
        d.file && d.start !== undefined
          ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}: `
          : '';
      return `${where}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
}

describe('matcher typings', () => {
  it('type-check on expect(), with wrong arguments rejected', () => {
    expect(readFileSync(file, 'utf8').match(/^\s*\/\/ @ts-expect-error/gm)).toHaveLength(5);
    expect(diagnostics()).toEqual([]);
  }, 60_000);
});
