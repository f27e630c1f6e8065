/**
 * Reads a case file into runnable cases: the definition compiled, input and mock files read,
 * handler modules imported, and the Step Functions Local mock config (if any) turned into
 * resolvers. Two forms: a case file (object with `definition`), and a Step Functions Local mock
 * config on its own (see mock-config-suites.ts). The old array of cases named `<name>.cases.json`
 * beside `<name>.asl.json` still loads, with a deprecation warning. Case files, and the input,
 * mocks and mock-config files they name, may be YAML (`.yaml`/`.yml`). Mock and handler keys
 * that name nothing in the definition are reported as warnings.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import {
  ErrorCode,
  formatMockScriptProblem,
  formatUnmatchedKey,
  mockScriptProblems,
  parseMockScript,
  parseSfnLocalMockConfig,
  sfnLocalMockResolvers,
  unmatchedMockKeys,
  UsageError,
  type Json,
  type MockScript,
  type ResolversOption,
} from '@aslkit/core';
import { displayPath } from '../files/display-path.js';
import { readDataFile } from '../files/read-data-file.js';
import { loadMachine, type LoadedMachine } from '../definitions/load-machine.js';
import { DEFAULT_SEED, DEFAULT_START_TIME } from '../runs/machine-run.js';
import { parseCaseFile, type CaseExpectation, type CaseFileSpec, type CaseSpec } from './case-file.js';
import { lambdaHandlers } from './lambda-handlers.js';
import { resourceNames, templateMocks } from '../templates/template-keys.js';
import { templateRun, type TemplateRun } from '../templates/template-run.js';
import type { TemplateOptions } from '../templates/template-options.js';
import { isMockConfig, loadMockConfigSuites, type MockConfigOptions } from './mock-config-suites.js';

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
  /** Mocks, handler or mock-config keys that name nothing in the definition, one line each. */
  warnings: string[];
  /** Ends what the suite started (the sandboxes of `"handlers": "auto"`); call it after its cases ran. */
  close?: () => void;
}

export interface LoadCaseOptions {
  /** For Step Functions Local mock configs given on their own: the definition and input to use. */
  mockConfig?: MockConfigOptions;
  /** Template parameters and `${Name}` values for every case file (the file's own win). */
  template?: Omit<TemplateOptions, 'cwd'>;
}

/** `<name>.asl.json` (or `.asl.yaml`/`.asl.yml` when only that exists) beside `<name>.cases.*`. */
const siblingDefinition = (dir: string, name: string): string =>
  [`${name}.asl.json`, `${name}.asl.yaml`, `${name}.asl.yml`].find((candidate) =>
    existsSync(resolve(dir, candidate)),
  ) ?? `${name}.asl.json`;

/**
 * Loads one case file (any of the three forms); a mock config gives one suite per state machine.
 * Relative paths start from `cwd`, which is also what reports show paths relative to.
 * @throws UsageError for unreadable or malformed files; DefinitionError for an invalid definition.
 */
export async function loadCaseFile(
  path: string,
  cwd = process.cwd(),
  options: LoadCaseOptions = {},
): Promise<CaseSuite[]> {
  const absolute = resolve(cwd, path);
  const value = readDataFile(absolute, 'case file', cwd);
  if (isMockConfig(value)) return loadMockConfigSuites(absolute, value, cwd, options.mockConfig);
  const casesSuffix = /\.cases\.(json|ya?ml)$/i.exec(absolute)?.[0];
  const sibling = casesSuffix ? siblingDefinition(dirname(absolute), basename(absolute, casesSuffix)) : undefined;
  if (Array.isArray(value) && sibling === undefined) {
    throw new UsageError(
      ErrorCode.InvalidCases,
      `${displayPath(absolute, cwd)}: an array of cases must be named <name>.cases.json (or .cases.yaml), beside <name>.asl.json`,
    );
  }
  const shown = displayPath(absolute, cwd);
  const spec = parseCaseFile(value, shown, sibling);
  const suite = await suiteFromSpec(absolute, spec, cwd, options.template ?? {});
  if (Array.isArray(value)) suite.warnings.unshift(arrayFormDeprecated(shown, spec.definition));
  return [suite];
}

/** The array form is deprecated: one case-file format, whose header names the definition. */
const arrayFormDeprecated = (shown: string, definition: string): string =>
  `${shown}: an array of cases is deprecated; write {"definition": ${JSON.stringify(definition)}, "cases": [...]} ` +
  `in a <name>.test.json file instead`;

async function suiteFromSpec(
  file: string,
  spec: CaseFileSpec,
  cwd: string,
  template: Omit<TemplateOptions, 'cwd'>,
): Promise<CaseSuite> {
  const dir = dirname(file);
  const shown = displayPath(file, cwd);
  const definition = resolve(dir, spec.definition);
  const machine = loadMachine(definition, {}, displayPath(definition, cwd), {
    ...template,
    cwd,
    ...(spec.parameters ? { parameters: { ...template.parameters, ...spec.parameters } } : {}),
    ...(spec.substitutions ? { substitutions: { ...template.substitutions, ...spec.substitutions } } : {}),
  });
  const auto = spec.handlers === 'auto';
  if (auto && !machine.template)
    throw new UsageError(
      ErrorCode.InvalidCases,
      `${shown}: "handlers": "auto" runs a template's functions; ${spec.definition} is not a template's machine`,
    );
  // A template's machine: its functions (`"handlers": "auto"`) and sibling machines (nested executions).
  const run: TemplateRun | undefined = machine.template
    ? await templateRun(machine.template, machine.machine, machine.set!, { autoHandlers: auto })
    : undefined;
  const warnings: string[] = [];
  const warn = (where: string, keys: Iterable<string>, what = 'mocks', resources = true) => {
    for (const unmatched of unmatchedMockKeys(machine.definition, keys, { resources }))
      warnings.push(`${where}: ${formatUnmatchedKey(what, unmatched, resources ? undefined : 'no state')}`);
  };
  const templateIds = resourceNames(machine.template?.resources ?? []);
  const engineKeys = (script: MockScript) => Object.keys(script).filter((key) => !templateIds.has(key));
  if (spec.mocks) warn(shown, engineKeys(spec.mocks));
  const handlers =
    spec.handlers && spec.handlers !== 'auto'
      ? await lambdaHandlers(spec.handlers, dir, shown, machine.definition, machine.template?.functions)
      : undefined;
  for (const unmatched of handlers?.unmatched ?? [])
    warnings.push(`${shown}: ${formatUnmatchedKey('handlers', unmatched, 'no Lambda function of the definition')}`);
  const mockConfig = spec.mockConfig
    ? parseSfnLocalMockConfig(readDataFile(resolve(dir, spec.mockConfig), 'mock config', cwd), spec.mockConfig)
    : undefined;
  const cases = spec.cases.map((testCase): RunnableCase => {
    const own = ownMocks(testCase, dir, cwd);
    if (own) warn(`${shown} › ${testCase.name}`, engineKeys(own));
    const resolvers: ResolversOption[] = [];
    let mocks = mergeMocks(spec.mocks, own);
    if (mocks && machine.template) {
      // Mocks by logical id answer the states that use that resource.
      const split = templateMocks(mocks, machine.template, machine.definition);
      mocks = split.mocks;
      if (split.router) resolvers.push(split.router);
    }
    if (mockConfig && testCase.mockConfigTestCase !== undefined) {
      const machineName = spec.mockConfigStateMachine;
      const router = sfnLocalMockResolvers(mockConfig, {
        testCase: testCase.mockConfigTestCase,
        ...(machineName ? { stateMachine: machineName } : {}),
      });
      warn(`${shown} › ${testCase.name}`, router.states, `test case '${router.testCase}'`, false);
      resolvers.push(router);
    }
    if (handlers) resolvers.push(handlers.router);
    if (run) resolvers.push(...run.resolvers, ...run.fallbacks);
    if (spec.validateMocks && mocks) {
      const problems = mockScriptProblems(machine.definition, mocks, spec.validateMocks);
      if (problems.length > 0)
        throw new UsageError(
          ErrorCode.InvalidCases,
          problems.map((p) => `${shown} › ${testCase.name}: ${formatMockScriptProblem('mocks', p)}`).join('\n'),
        );
    }
    return {
      name: testCase.name,
      skip: testCase.skip === true,
      input:
        testCase.inputFile !== undefined
          ? (readDataFile(resolve(dir, testCase.inputFile), 'input file', cwd) as Json)
          : (testCase.input ?? {}),
      ...(mocks ? { mocks } : {}),
      ...(resolvers.length > 0 ? { resolvers } : {}),
      seed: testCase.seed ?? spec.seed ?? DEFAULT_SEED,
      startTime: testCase.startTime ?? spec.startTime ?? DEFAULT_START_TIME,
      expect: testCase.expect,
    };
  });
  warnings.push(...(run?.warnings.map((warning) => `${shown}: ${warning}`) ?? []));
  return { file: shown, machine, cases, warnings, ...(run ? { close: run.close } : {}) };
}

/** The case's own mocks: `mocks`, or the file `mocksFile` names. */
function ownMocks(testCase: CaseSpec, dir: string, cwd: string): MockScript | undefined {
  if (testCase.mocksFile === undefined) return testCase.mocks;
  const value = readDataFile(resolve(dir, testCase.mocksFile), 'mocks file', cwd);
  return parseMockScript(value, testCase.mocksFile, ErrorCode.InvalidCases);
}

/** File-level mocks, then the case's own replacing them key by key. */
function mergeMocks(shared: MockScript | undefined, own: MockScript | undefined): MockScript | undefined {
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
