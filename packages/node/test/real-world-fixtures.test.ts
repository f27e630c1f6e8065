// Runs every case file under fixtures/real-world (machines written in the style of AWS's public
// samples, with expectations derived from AWS's documented semantics) through the same runner
// as `aslkit test`, one Vitest test per case. Adding a scenario means adding files, never code.
import { relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCaseFiles, loadCaseFile, runCase } from '../src/index.js';

const repo = resolve(import.meta.dirname, '..', '..', '..');
const { files } = findCaseFiles(['fixtures/real-world'], repo);

describe('fixtures/real-world', () => {
  it('holds case files', () => expect(files.length).toBeGreaterThan(20));
});

for (const file of files) {
  const suites = await loadCaseFile(file, repo);
  for (const suite of suites) {
    describe(relative(repo, file), () => {
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
