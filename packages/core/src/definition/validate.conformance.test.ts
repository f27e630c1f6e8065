// The validator against AWS's own verdicts: every definition AWS ran must validate clean, and
// every definition AWS refused must be refused with AWS's code, message and location.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from './diagnostics.js';
import { awsLocation, formatInvalidDefinition, validate } from './validate.js';

const repo = join(import.meta.dirname, '..', '..', '..', '..');
const casesDir = join(repo, '..', 'shared', 'conformance', 'cases');
const fixturesDir = join(repo, 'fixtures');

interface Case {
  name: string;
  text: string;
  expected: {
    status: string;
    cause?: string;
    diagnostics?: { code: string; location?: string; message: string; severity: string }[];
  };
}

const cases: Case[] = existsSync(casesDir)
  ? readdirSync(casesDir)
      .filter((name) => existsSync(join(casesDir, name, 'definition.json')))
      .map((name) => ({
        name,
        text: readFileSync(join(casesDir, name, 'definition.json'), 'utf8'),
        expected: JSON.parse(readFileSync(join(casesDir, name, 'expected.json'), 'utf8')) as Case['expected'],
      }))
  : [];

/** A diagnostic as ValidateStateMachineDefinition returns it (keys in AWS's order). */
function toAws(d: Diagnostic): { code: string; location?: string; message: string; severity: string } {
  const location = awsLocation(d.path);
  return { code: d.code, ...(location === undefined ? {} : { location }), message: d.message, severity: d.severity };
}

const errorsOf = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.severity === 'ERROR');

const definitionFiles = (dir: string): string[] =>
  !existsSync(dir)
    ? []
    : readdirSync(dir).flatMap((entry) => {
        const path = join(dir, entry);
        if (statSync(path).isDirectory()) return definitionFiles(path);
        return path.endsWith('.json') ? [path] : [];
      });

describe.skipIf(cases.length === 0)('validate against the conformance corpus', () => {
  it('finds no error in any definition AWS accepted', () => {
    const falsePositives: string[] = [];
    for (const { name, text, expected } of cases) {
      if (expected.status === 'INVALID_DEFINITION') continue;
      for (const d of errorsOf(validate(text))) falsePositives.push(`${name}: ${d.code}: ${d.message} at ${d.path}`);
    }
    expect(falsePositives).toEqual([]);
  });

  it("refuses every definition AWS refused, with AWS's exact CreateStateMachine message", () => {
    const refused = cases.filter((c) => c.expected.status === 'INVALID_DEFINITION' && c.expected.cause !== undefined);
    expect(refused.length).toBeGreaterThan(0);
    for (const { name, text, expected } of refused) {
      // The recorder replaced the partition of ARNs in messages with a placeholder.
      const cause = expected.cause!.replaceAll('arn:<partition>:', 'arn:aws:');
      expect(formatInvalidDefinition(validate(text)), name).toBe(cause);
    }
  });

  it("returns exactly AWS's ValidateStateMachineDefinition diagnostics", () => {
    const recorded = cases.filter((c) => c.expected.diagnostics !== undefined);
    expect(recorded.length).toBeGreaterThan(0);
    for (const { name, text, expected } of recorded) {
      expect(validate(text).map(toAws), name).toEqual(expected.diagnostics);
    }
  });

  it('matches all 10 recorded validation cases exactly', () => {
    const exact = cases
      .filter((c) => c.name.startsWith('validation__'))
      .filter(({ text, expected }) => {
        const diagnostics = validate(text);
        if (expected.cause !== undefined)
          return formatInvalidDefinition(diagnostics) === expected.cause.replaceAll('arn:<partition>:', 'arn:aws:');
        return JSON.stringify(diagnostics.map(toAws)) === JSON.stringify(expected.diagnostics);
      });
    expect(exact.length).toBe(10);
  });
});

describe('validate against the fixtures', () => {
  // Fixture folders also hold inputs and mocks; a definition is a JSON object with `States`.
  // fixtures/hostile/ holds definitions made to be refused (test/limits.test.ts); templates/ and cdk-app/ hold
  // definitions with deploy-time placeholders, loaded through @aslkit/node's template loaders (their own tests).
  const skipped = ['hostile', 'templates', 'cdk-app'].map((dir) => `${sep}${dir}${sep}`);
  const definitions = definitionFiles(fixturesDir).filter((path) => {
    if (skipped.some((dir) => path.includes(dir))) return false;
    const value = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    return typeof value === 'object' && value !== null && 'States' in value;
  });

  it('finds the fixture definitions', () => {
    expect(definitions.length).toBeGreaterThan(0);
  });

  it('finds no error in any fixture definition', () => {
    const errors = definitions.flatMap((path) =>
      errorsOf(validate(readFileSync(path, 'utf8'))).map((d) => `${path}: ${d.code}: ${d.message} at ${d.path}`),
    );
    expect(errors).toEqual([]);
  });
});
