/**
 * The declarative test-case format. A case file names a definition and lists cases; each
 * case gives the input, the task responses (mocks per state name or resource ARN, one
 * response per call, so per Retry attempt) and what must come out. The repository's own
 * fixtures use this one format too. The deprecated array form (`<name>.cases.json` beside
 * `<name>.asl.json`) is the same cases without the header.
 *
 * ```json
 * { "definition": "order.asl.json",
 *   "cases": [{ "name": "happy", "input": {}, "mocks": { "Charge": [{ "return": {} }] },
 *               "expect": { "output": {}, "path": ["Validate", "Charge"] } }] }
 * ```
 */
import { checkMockScript, ErrorCode, UsageError, type Json, type MockScript } from '@aslkit/core';

export interface CaseExpectation {
  /** Defaults to FAILED when `error` or `cause` is given, else SUCCEEDED. */
  status?: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
  /** The execution output (deep equality, key order ignored). */
  output?: Json;
  error?: string;
  cause?: string;
  /** The top-level states in the order entered. */
  path?: string[];
  /** Every history event type, in order. */
  events?: string[];
}

export interface CaseSpec {
  name: string;
  input?: Json;
  /** A JSON file holding the input, relative to the case file. */
  inputFile?: string;
  mocks?: MockScript;
  /** A JSON file holding mocks, relative to the case file. */
  mocksFile?: string;
  /** A test case of the file's Step Functions Local mock config, by name. */
  mockConfigTestCase?: string;
  seed?: string | number;
  startTime?: string;
  /** Leave the case out (reported as skipped). */
  skip?: boolean;
  expect: CaseExpectation;
}

export interface CaseFileSpec {
  /**
   * The state machine: a definition file relative to the case file, or a machine of a template
   * (`template.yaml#OrderFlow`, `cdk.out#Stack/Flow`, `serverless.yml#orderFlow`).
   */
  definition: string;
  /** Template parameters (`Parameters` of CloudFormation and SAM, `stage` of serverless.yml). */
  parameters?: Record<string, string | string[]>;
  /** `${Name}` values for the definition's placeholders (and extra `DefinitionSubstitutions`). */
  substitutions?: Record<string, string | number | boolean>;
  /** Mocks every case starts from; a case's own mocks for the same key replace these. */
  mocks?: MockScript;
  /**
   * Local Lambda functions by function name or ARN, as `aslkit run --handlers` takes them:
   * `"./handlers.mjs#chargeCard"` (module relative to the case file, and its export), or
   * `{ "handler": "...", "timeoutSeconds": 3 }`; or `"auto"`: the template's own Node.js and
   * Python functions. Needs @aslkit/lambda.
   */
  handlers?: 'auto' | Record<string, string | { handler: string; timeoutSeconds?: number; memoryLimitInMB?: number }>;
  /** An AWS Step Functions Local mock config file (`StateMachines` → `TestCases`), relative to the case file. */
  mockConfig?: string;
  /** The state machine of the mock config the cases use, when it lists several. */
  mockConfigStateMachine?: string;
  seed?: string | number;
  startTime?: string;
  /** Check every mock `return` against the response shape of the API its Task calls (off by default). */
  validateMocks?: 'STRICT' | 'PRESENT';
  cases: CaseSpec[];
}

const FILE_KEYS = new Set([
  '$schema',
  'definition',
  'parameters',
  'substitutions',
  'mocks',
  'handlers',
  'mockConfig',
  'mockConfigStateMachine',
  'seed',
  'startTime',
  'validateMocks',
  'cases',
  'Comment',
  'description',
]);
const CASE_KEYS = new Set([
  'name',
  'input',
  'inputFile',
  'mocks',
  'mocksFile',
  'mockConfigTestCase',
  'seed',
  'startTime',
  'skip',
  'expect',
  'Comment',
  'description',
]);
const EXPECT_KEYS = new Set(['status', 'output', 'error', 'cause', 'path', 'events']);
const STATUSES = new Set(['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED']);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const owns = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);
const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/**
 * Checks a parsed case file. `definition` fills in the path for the (deprecated) array form.
 * @throws UsageError `ASLKIT_INVALID_CASES` naming `source` and where the problem is.
 */
export function parseCaseFile(value: unknown, source: string, definition?: string): CaseFileSpec {
  const invalid = (where: string, problem: string): never => {
    throw new UsageError(ErrorCode.InvalidCases, `${source}: ${where}${problem}`);
  };
  const spec = Array.isArray(value) ? { definition, cases: value } : value;
  if (!isObject(spec)) return invalid('', 'must be an object with "definition" and "cases", or an array of cases');
  for (const key of Object.keys(spec)) if (!FILE_KEYS.has(key)) invalid('', `unknown field ${JSON.stringify(key)}`);
  if (typeof spec['definition'] !== 'string' || spec['definition'] === '')
    invalid('"definition": ', 'must be the path of the state machine definition');
  if (owns(spec, 'mocks')) checkMockScript(spec['mocks'], (where, problem) => invalid(`"mocks".${where}`, problem));
  // Each handler spec is checked by @aslkit/lambda when it loads them.
  if (owns(spec, 'handlers') && !isObject(spec['handlers']) && spec['handlers'] !== 'auto')
    invalid('"handlers": ', 'must map Lambda function names or ARNs to "module#export", or be "auto"');
  for (const key of ['parameters', 'substitutions']) {
    if (owns(spec, key) && !isObject(spec[key])) invalid(`"${key}": `, 'must map names to values');
  }
  for (const key of ['mockConfig', 'mockConfigStateMachine', 'startTime']) {
    if (owns(spec, key) && typeof spec[key] !== 'string') invalid(`"${key}": `, 'must be a string');
  }
  if (owns(spec, 'seed') && typeof spec['seed'] !== 'string' && typeof spec['seed'] !== 'number')
    invalid('"seed": ', 'must be a string or a number');
  if (owns(spec, 'validateMocks') && spec['validateMocks'] !== 'STRICT' && spec['validateMocks'] !== 'PRESENT')
    invalid('"validateMocks": ', 'must be "STRICT" or "PRESENT"');
  if (!Array.isArray(spec['cases']) || spec['cases'].length === 0)
    invalid('"cases": ', 'must be a non-empty array of cases');
  const names = new Set<string>();
  (spec['cases'] as unknown[]).forEach((testCase, index) => {
    const name = checkCase(testCase, `cases[${index}]`, invalid);
    if (names.has(name)) invalid(`cases[${index}]: `, `the name ${JSON.stringify(name)} is used twice`);
    names.add(name);
    if (owns(testCase as object, 'mockConfigTestCase') && !owns(spec, 'mockConfig')) {
      invalid(`cases[${index}]: `, '"mockConfigTestCase" needs a "mockConfig" file at the top level');
    }
  });
  // Checked field by field; kept as parsed so keys such as `__proto__` in mocks stay data.
  return spec as unknown as CaseFileSpec;
}

function checkCase(value: unknown, where: string, invalid: (where: string, problem: string) => never): string {
  if (!isObject(value)) return invalid(`${where}: `, 'must be an object with "name" and "expect"');
  for (const key of Object.keys(value))
    if (!CASE_KEYS.has(key)) invalid(`${where}: `, `unknown field ${JSON.stringify(key)}`);
  if (typeof value['name'] !== 'string' || value['name'].trim() === '')
    invalid(`${where}.name: `, 'must be a non-empty string');
  const at = `${where} (${JSON.stringify(value['name'])})`;
  if (owns(value, 'input') && owns(value, 'inputFile')) invalid(`${at}: `, 'give "input" or "inputFile", not both');
  if (owns(value, 'mocks') && owns(value, 'mocksFile')) invalid(`${at}: `, 'give "mocks" or "mocksFile", not both');
  for (const key of ['inputFile', 'mocksFile', 'mockConfigTestCase', 'startTime']) {
    if (owns(value, key) && typeof value[key] !== 'string') invalid(`${at}.${key}: `, 'must be a string');
  }
  if (owns(value, 'seed') && typeof value['seed'] !== 'string' && typeof value['seed'] !== 'number')
    invalid(`${at}.seed: `, 'must be a string or a number');
  if (owns(value, 'skip') && typeof value['skip'] !== 'boolean') invalid(`${at}.skip: `, 'must be true or false');
  if (owns(value, 'mocks')) checkMockScript(value['mocks'], (w, problem) => invalid(`${at}.mocks.${w}`, problem));
  const expected = value['expect'];
  if (!isObject(expected))
    return invalid(
      `${at}: `,
      'needs "expect": an object with "output", or "error" and "cause", and optionally "status", "path", "events"',
    );
  for (const key of Object.keys(expected))
    if (!EXPECT_KEYS.has(key)) invalid(`${at}.expect: `, `unknown field ${JSON.stringify(key)}`);
  if (owns(expected, 'status') && !STATUSES.has(expected['status'] as string))
    invalid(`${at}.expect.status: `, `must be one of ${[...STATUSES].join(', ')}`);
  for (const key of ['error', 'cause'])
    if (owns(expected, key) && typeof expected[key] !== 'string') invalid(`${at}.expect.${key}: `, 'must be a string');
  for (const key of ['path', 'events'])
    if (owns(expected, key) && !isStringList(expected[key]))
      invalid(`${at}.expect.${key}: `, 'must be an array of strings');
  if (owns(expected, 'output') && (owns(expected, 'error') || owns(expected, 'cause')))
    invalid(`${at}.expect: `, 'a run has an output or an error, not both');
  return value['name'];
}
