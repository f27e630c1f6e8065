/**
 * Reads a case file into runnable cases: the definition compiled, input and mock files read,
 * handler modules imported, and the Step Functions Local mock config (if any) turned into
 * resolvers. Three forms are accepted: a case file (object with `definition`), an array of
 * cases named `<name>.cases.json` beside `<name>.asl.json`, and a Step Functions Local mock
 * config on its own, whose every test case runs against `<StateMachine>.asl.json` beside it.
 * Case files, and the input, mocks and mock-config files they name, may be YAML (`.yaml`/`.yml`).
 */
import { existsSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import {
  checkMockScript,
  parseSfnLocalMockConfig,
  sfnLocalMockResolvers,
  UsageError,
  type Json,
  type MockScript,
  type ResolversOption,
  type SfnLocalMockConfig,
} from '@aslkit/core';
import { displayPath, loadMachine, type LoadedMachine } from '../load-machine.js';
import { DEFAULT_SEED, DEFAULT_START_TIME } from '../run-machine.js';
import { parseCaseFile, type CaseExpectation, type CaseFileSpec, type CaseSpec } from './case-file.js';
import { lambdaHandlers } from './lambda-handlers.js';
import { missingMock } from './missing-mock.js';
import { readDataFile } from './read-data-file.js';

export interface RunnableCase {
  name: string;
  skip: boolean;
  input: Json;
  mocks?: MockScript;
  resolvers?: ResolversOption;
  seed: string | number;
  startTime: string;
  expect: CaseExpectation;
}

export interface CaseSuite {
  /** The case file as given (relative to the working directory when inside it). */
  file: string;
  machine: LoadedMachine;
  cases: RunnableCase[];
}

/** A state machine's definition beside its cases or mock config, JSON first. */
const DEFINITION_SUFFIXES = ['.asl.json', '.asl.yaml', '.asl.yml', '.json'];

/** `<name>.asl.json` (or `.asl.yaml`/`.asl.yml` when only that exists) beside `<name>.cases.*`. */
const siblingDefinition = (dir: string, name: string): string =>
  [`${name}.asl.json`, `${name}.asl.yaml`, `${name}.asl.yml`].find((candidate) =>
    existsSync(resolve(dir, candidate)),
  ) ?? `${name}.asl.json`;

const isMockConfig = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  'StateMachines' in value &&
  'MockedResponses' in value;

/**
 * Loads one case file (any of the three forms); a mock config gives one suite per state machine.
 * Relative paths start from `cwd`, which is also what reports show paths relative to.
 * @throws UsageError for unreadable or malformed files; DefinitionError for an invalid definition.
 */
export async function loadCaseFile(path: string, cwd = process.cwd()): Promise<CaseSuite[]> {
  const absolute = resolve(cwd, path);
  const value = readDataFile(absolute, 'case file', cwd);
  if (isMockConfig(value)) return loadMockConfigSuites(absolute, value, cwd);
  const casesSuffix = /\.cases\.(json|ya?ml)$/i.exec(absolute)?.[0];
  const sibling = casesSuffix ? siblingDefinition(dirname(absolute), basename(absolute, casesSuffix)) : undefined;
  if (Array.isArray(value) && sibling === undefined) {
    throw new UsageError(
      `${displayPath(absolute, cwd)}: an array of cases must be named <name>.cases.json (or .cases.yaml), beside <name>.asl.json`,
      'ASLKIT_INVALID_CASES',
    );
  }
  const spec = parseCaseFile(value, displayPath(absolute, cwd), sibling);
  return [await suiteFromSpec(absolute, spec, cwd)];
}

async function suiteFromSpec(file: string, spec: CaseFileSpec, cwd: string): Promise<CaseSuite> {
  const dir = dirname(file);
  const definition = resolve(dir, spec.definition);
  const machine = loadMachine(definition, {}, displayPath(definition, cwd));
  const handlers = spec.handlers ? await lambdaHandlers(spec.handlers, dir, displayPath(file, cwd)) : undefined;
  const mockConfig = spec.mockConfig
    ? parseSfnLocalMockConfig(readDataFile(resolve(dir, spec.mockConfig), 'mock config', cwd), spec.mockConfig)
    : undefined;
  const cases = spec.cases.map((testCase): RunnableCase => {
    const mocks = caseMocks(spec.mocks, testCase, dir, cwd);
    const resolvers: ResolversOption[] = [];
    if (mockConfig && testCase.mockConfigTestCase !== undefined) {
      const machineName = spec.mockConfigStateMachine;
      resolvers.push(
        sfnLocalMockResolvers(mockConfig, {
          testCase: testCase.mockConfigTestCase,
          ...(machineName ? { stateMachine: machineName } : {}),
        }),
      );
    }
    if (handlers) resolvers.push(handlers);
    resolvers.push(missingMock(mocks ? Object.keys(mocks) : []));
    return {
      name: testCase.name,
      skip: testCase.skip === true,
      input:
        testCase.inputFile !== undefined
          ? (readDataFile(resolve(dir, testCase.inputFile), 'input file', cwd) as Json)
          : (testCase.input ?? {}),
      ...(mocks ? { mocks } : {}),
      resolvers,
      seed: testCase.seed ?? spec.seed ?? DEFAULT_SEED,
      startTime: testCase.startTime ?? spec.startTime ?? DEFAULT_START_TIME,
      expect: testCase.expect,
    };
  });
  return { file: displayPath(file, cwd), machine, cases };
}

/** File-level mocks, then the case's own (`mocks` or `mocksFile`) replacing them key by key. */
function caseMocks(
  shared: MockScript | undefined,
  testCase: CaseSpec,
  dir: string,
  cwd: string,
): MockScript | undefined {
  let own = testCase.mocks;
  if (testCase.mocksFile !== undefined) {
    const value = readDataFile(resolve(dir, testCase.mocksFile), 'mocks file', cwd);
    checkMockScript(value, (where, problem) => {
      throw new UsageError(`${testCase.mocksFile}: ${where}${problem}`, 'ASLKIT_INVALID_CASES');
    });
    own = value as MockScript;
  }
  if (!shared) return own;
  if (!own) return shared;
  const merged: MockScript = {};
  // defineProperty keeps a key named `__proto__` as data.
  for (const source of [shared, own]) {
    for (const key of Object.keys(source))
      Object.defineProperty(merged, key, { value: source[key], enumerable: true, writable: true, configurable: true });
  }
  return merged;
}

/**
 * A mock config run on its own: each state machine is `<name>.asl.json` (or `<name>.json`)
 * beside the file, each test case runs on `{}` and is expected to succeed.
 */
function loadMockConfigSuites(file: string, value: unknown, cwd: string): CaseSuite[] {
  const config: SfnLocalMockConfig = parseSfnLocalMockConfig(value, displayPath(file, cwd));
  const dir = dirname(file);
  return Object.keys(config.StateMachines).map((name) => {
    const definition = DEFINITION_SUFFIXES.map((suffix) => resolve(dir, `${name}${suffix}`)).find((candidate) =>
      existsSync(candidate),
    );
    if (!definition) {
      throw new UsageError(
        `${displayPath(file, cwd)}: no definition for state machine ${JSON.stringify(name)}; expected ${name}.asl.json beside the mock config`,
        'ASLKIT_FILE_NOT_FOUND',
      );
    }
    const cases = Object.keys(config.StateMachines[name]!.TestCases).map((testCase): RunnableCase => ({
      name: testCase,
      skip: false,
      input: {},
      resolvers: sfnLocalMockResolvers(config, { stateMachine: name, testCase }),
      seed: DEFAULT_SEED,
      startTime: DEFAULT_START_TIME,
      expect: { status: 'SUCCEEDED' },
    }));
    return {
      file: `${displayPath(file, cwd)} › ${name}`,
      machine: loadMachine(definition, {}, displayPath(definition, cwd)),
      cases,
    };
  });
}
