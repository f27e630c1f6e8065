// Runs every case file under fixtures/ (the shared data: the machines of fixtures/real-world,
// written in the style of AWS's public samples; the state and hostile scenarios; the examples)
// through the same runner as `aslkit test`, one Vitest test per case. Adding a scenario means
// adding files, never code.
import { relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCaseFiles, loadCaseFile, runCase } from '../src/index.js';

const repo = resolve(import.meta.dirname, '..', '..', '..');
const { files } = findCaseFiles(['fixtures'], repo);

describe('fixtures', () => {
  it('holds case files in the one format, each with its definition', () => {
    expect(files.filter((file) => file.includes('/real-world/')).length).toBeGreaterThan(20);
    expect(files.filter((file) => !file.endsWith('.test.json')).map((file) => relative(repo, file))).toEqual([]);
  });
});

for (const file of files) {
  const suites = await loadCaseFile(file, repo);
  for (const suite of suites) {
    describe(relative(repo, file), () => {
      it('names nothing the definition lacks', () => expect(suite.warnings).toEqual([]));
      for (const testCase of suite.cases) {
        it(testCase.name, async () => {
          const result = await runCase(suite, testCase);
          expect(result.error).toBeUndefined();
          expect(result.failures).toEqual([]);
        });
      }
    });
  }
}
