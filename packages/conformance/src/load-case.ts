/**
 * Reads one recorded case folder (format: shared/conformance/README.md): definition, input,
 * expected outcome, optional mocks, and the `kind` / `query-language` tags of source.txt.
 */
import { readFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Json } from '@aslkit/core';

export interface RecordedMock {
  return?: Json;
  throw?: { error?: string; cause?: string | Json };
  input?: Json;
}

export interface ExpectedOutcome {
  status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'INVALID_DEFINITION' | 'VALID';
  output?: Json;
  error?: string;
  cause?: string;
  events?: string[];
  history?: Record<string, Json>[];
  diagnostics?: Json[];
}

export interface ConformanceCase {
  name: string;
  dir: string;
  definitionText: string;
  input: Json;
  expected: ExpectedOutcome;
  mocks?: Record<string, RecordedMock[]>;
  tags: Record<string, string>;
  /** The TestState request of a `test_state__*` case (test-state.md); absent for executions and validations. */
  request?: Json;
}

const readJson = (path: string): Json => JSON.parse(readFileSync(path, 'utf8')) as Json;

export function loadCase(dir: string, name: string): ConformanceCase {
  const tags: Record<string, string> = {};
  const source = join(dir, 'source.txt');
  if (existsSync(source)) {
    for (const line of readFileSync(source, 'utf8').split('\n')) {
      const match = /^([\w-]+):\s*(.*)$/.exec(line);
      if (match) tags[match[1]!] = match[2]!.trim();
    }
  }
  const mocksPath = join(dir, 'mocks.json');
  const requestPath = join(dir, 'request.json');
  // A TestState call (test-state.md) holds its definition inside request.json.
  const request = existsSync(requestPath) ? (readJson(requestPath) as { definition?: Json }) : undefined;
  return {
    name,
    dir,
    definitionText: request
      ? JSON.stringify(request.definition ?? null)
      : readFileSync(join(dir, 'definition.json'), 'utf8'),
    request: request,
    input: existsSync(join(dir, 'input.json')) ? readJson(join(dir, 'input.json')) : {},
    expected: readJson(join(dir, 'expected.json')) as unknown as ExpectedOutcome,
    mocks: existsSync(mocksPath) ? (readJson(mocksPath) as unknown as Record<string, RecordedMock[]>) : undefined,
    tags,
  };
}

/** Every case folder below `root` (a definition.json, or a TestState request.json), sorted by name. */
export function listCases(root: string): string[] {
  return readdirSync(root)
    .filter((entry) => {
      const dir = join(root, entry);
      return (
        statSync(dir).isDirectory() &&
        (existsSync(join(dir, 'definition.json')) || existsSync(join(dir, 'request.json')))
      );
    })
    .sort();
}
