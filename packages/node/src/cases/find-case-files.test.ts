import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findCaseFiles, globToRegExp } from './find-case-files.js';

const root = mkdtempSync(join(tmpdir(), 'aslkit-find-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
for (const file of [
  'a.test.json',
  'b.cases.json',
  'e.test.yaml',
  'f.cases.yml',
  'notes.json',
  'notes.yaml',
  'deep/c.test.json',
  'deep/deeper/d.cases.json',
  'node_modules/x.test.json',
  '.hidden/y.test.json',
]) {
  mkdirSync(join(root, file, '..'), { recursive: true });
  writeFileSync(join(root, file), '{}');
}
const found = (...patterns: string[]) => {
  const { files, unmatched } = findCaseFiles(patterns, root);
  return { files: files.map((file) => relative(root, file).split('\\').join('/')), unmatched };
};

describe('findCaseFiles', () => {
  it('takes plain paths as given and folders as their case files', () => {
    expect(found('notes.json').files).toEqual(['notes.json']);
    expect(found('.').files).toEqual([
      'a.test.json',
      'b.cases.json',
      'deep/c.test.json',
      'deep/deeper/d.cases.json',
      'e.test.yaml',
      'f.cases.yml',
    ]);
  });

  it('expands globs, ** across folders, never into node_modules or dot folders', () => {
    expect(found('*.json').files).toEqual(['a.test.json', 'b.cases.json', 'notes.json']);
    expect(found('**/*.test.json').files).toEqual(['a.test.json', 'deep/c.test.json']);
    expect(found('deep/**/*.{test,cases}.json').files).toEqual(['deep/c.test.json', 'deep/deeper/d.cases.json']);
  });

  it('lists each file once and reports arguments that match nothing', () => {
    expect(found('a.test.json', '*.test.json', 'missing.json', 'none/*.json')).toEqual({
      files: ['a.test.json'],
      unmatched: ['missing.json', 'none/*.json'],
    });
  });

  it('translates globs', () => {
    expect(globToRegExp('a/*.json').test('a/b.json')).toBe(true);
    expect(globToRegExp('a/*.json').test('a/b/c.json')).toBe(false);
    expect(globToRegExp('**/x?.json').test('x1.json')).toBe(true);
    expect(globToRegExp('a.(b)+.json').test('a.(b)+.json')).toBe(true);
  });
});
