// Runs every `fixtures/**/<name>.cases.json` against `<name>.asl.json` beside it: adding a
// scenario means adding a file, never code.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StateMachine, type Json, type MockScript } from '../src/index.js';

interface FixtureCase {
  name: string;
  input?: Json;
  mocks?: MockScript;
  mocksFile?: string;
  seed?: string;
  startTime?: string;
  expect: { status: string; output?: Json; error?: string; cause?: string; events?: string[] };
}

const fixturesRoot = join(import.meta.dirname, '..', '..', '..', 'fixtures');
const caseFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? caseFiles(path) : path.endsWith('.cases.json') ? [path] : [];
  });

for (const file of caseFiles(fixturesRoot)) {
  const definitionPath = file.replace(/\.cases\.json$/, '.asl.json');
  describe(relative(fixturesRoot, definitionPath), () => {
    it('has a definition beside its cases', () => expect(existsSync(definitionPath)).toBe(true));
    const machine = StateMachine.from(readFileSync(definitionPath, 'utf8'));
    for (const testCase of JSON.parse(readFileSync(file, 'utf8')) as FixtureCase[]) {
      it(testCase.name, async () => {
        const mocks = testCase.mocksFile
          ? (JSON.parse(readFileSync(join(dirname(file), testCase.mocksFile), 'utf8')) as MockScript)
          : testCase.mocks;
        const result = await machine.run(testCase.input ?? {}, {
          mocks,
          seed: testCase.seed ?? 'fixtures',
          startTime: testCase.startTime ?? '2026-01-01T00:00:00Z',
        });
        const { events, ...expected } = testCase.expect;
        expect(result).toMatchObject(expected);
        if (events) expect(result.history.map((e) => e.type)).toEqual(events);
      });
    }
  });
}
