/**
 * The definitions both validators are run on, each with what AWS decided about it:
 * the conformance cases (AWS's verdicts) and the repository's fixtures.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** What AWS decided, and how we know. */
export type AwsVerdict = 'valid' | 'invalid' | 'unknown';

export interface CorpusEntry {
  /** `case:<folder>`, `fixture:<path>` or `mutation:<kind>:<seed>`. */
  id: string;
  source: 'conformance' | 'fixture' | 'mutation';
  text: string;
  aws: AwsVerdict;
  /** Why `aws` is what it is. */
  evidence: string;
  /** For mutations: the mutation kind. */
  kind?: string;
  /** AWS's own message, for the cases AWS refused. */
  awsMessage?: string;
  /** Corrections made to undo a recording artifact (see `undoArtifacts`). */
  artifacts?: string[];
}

/** The monorepo root: the nearest folder above this file holding both `packages/` and `fixtures/`. */
export function repoRoot(from = import.meta.dirname): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'packages')) && existsSync(join(dir, 'fixtures'))) return dir;
  }
  throw new Error(`no repository root above ${from}`);
}

/** The conformance corpus sits beside the repository (../shared). */
export const casesDir = (): string => join(repoRoot(), '..', 'shared', 'conformance', 'cases');
export const fixturesDir = (): string => join(repoRoot(), 'fixtures');

interface Expected {
  status: string;
  cause?: string;
  diagnostics?: { code: string; message: string; severity: string }[];
}

/** Every conformance case: validation cases carry AWS's verdict, every other case was executed by AWS, so AWS accepted it. */
export function loadConformanceCases(dir = casesDir()): CorpusEntry[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .map((name) => {
      const expected = JSON.parse(readFileSync(join(dir, name, 'expected.json'), 'utf8')) as Expected;
      const { text, artifacts } = undoArtifacts(readFileSync(join(dir, name, 'definition.json'), 'utf8'));
      const invalid = expected.status === 'INVALID_DEFINITION';
      const entry: CorpusEntry = {
        id: `case:${name}`,
        source: 'conformance',
        text,
        aws: invalid ? 'invalid' : 'valid',
        evidence:
          invalid || expected.status === 'VALID'
            ? `AWS verdict recorded (${expected.status})`
            : `AWS executed it (${expected.status})`,
      };
      const message = invalid ? awsMessage(expected) : undefined;
      if (message !== undefined) entry.awsMessage = message;
      if (artifacts.length > 0) entry.artifacts = artifacts;
      return entry;
    });
}

/** Every `*.asl.json` under fixtures/: the project's own machines, expected valid but never sent to AWS. */
export function loadFixtures(dir = fixturesDir()): CorpusEntry[] {
  return aslFiles(dir).map((path) => ({
    id: `fixture:${relative(dir, path)}`,
    source: 'fixture',
    text: readFileSync(path, 'utf8'),
    aws: 'unknown',
    evidence: 'project fixture, not recorded against AWS',
  }));
}

function aslFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return aslFiles(path);
      return entry.endsWith('.asl.json') ? [path] : [];
    });
}

/** `SCHEMA_VALIDATION_FAILED: These fields are required: [States]`, without AWS's wrapper and location. */
function awsMessage(expected: Expected): string | undefined {
  const first = expected.diagnostics?.find((d) => d.severity === 'ERROR');
  if (first !== undefined) return `${first.code}: ${first.message}`;
  const match = /^Invalid State Machine Definition: '(.*?)(?: at [^ ]+)?'$/.exec(expected.cause ?? '');
  return match?.[1];
}

// The test behind choice_operators__timestamp_* substitutes this for the template's "date"
// before calling AWS (LocalStack tests/aws/services/stepfunctions/v2/choice_operators/test_timestamp_operators.py).
const TIMESTAMP_SEEN_BY_AWS = '2012-10-09T19:00:55Z';
const TIMESTAMP_OPERAND = /("Timestamp(?:Equals|LessThan|GreaterThan|LessThanEquals|GreaterThanEquals)"\s*:\s*)"date"/g;
// comments_as_per_docs keeps the AWS docs' sample ARN; its test puts a real function's ARN there.
const DOCS_SAMPLE_LAMBDA = /arn:aws:lambda:your-region:your-account-id:function:/g;

/**
 * Undoes what the recordings changed from what AWS was actually sent, so that a validator is
 * not blamed for a placeholder (aslkit's own conformance test tolerates the first the same way).
 */
export function undoArtifacts(text: string): { text: string; artifacts: string[] } {
  const artifacts: string[] = [];
  let fixed = text.replace(TIMESTAMP_OPERAND, `$1"${TIMESTAMP_SEEN_BY_AWS}"`);
  if (fixed !== text) artifacts.push(`Choice timestamp placeholder "date" replaced by ${TIMESTAMP_SEEN_BY_AWS}`);
  const before = fixed;
  fixed = fixed.replace(DOCS_SAMPLE_LAMBDA, 'arn:aws:lambda:us-east-1:111111111111:function:');
  if (fixed !== before) artifacts.push('AWS docs sample Lambda ARN replaced by a well-formed one');
  return { text: fixed, artifacts };
}
