/**
 * An AWS Step Functions Local mock config (`MockConfigFile.json`) run on its own, as
 * `aslkit test MockConfigFile.json` does: each state machine it names is a suite, each of its
 * test cases a case that must succeed.
 *
 * - Definition of state machine `M`: `options.definition` when given (only for a config with one
 *   state machine), else `M.asl.json`, `M.asl.yaml`, `M.asl.yml` or `M.json` beside the config.
 * - Input of test case `T`: `options.input` when given, else the first of `M.T.input.json` and
 *   `M.input.json` (or `.yaml`/`.yml`) beside the config, else `{}`.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  ErrorCode,
  formatUnmatchedKey,
  parseSfnLocalMockConfig,
  sfnLocalMockResolvers,
  unmatchedMockKeys,
  UsageError,
  type Json,
  type SfnLocalMockConfig,
} from '@aslkit/core';
import { displayPath } from '../files/display-path.js';
import { readDataFile } from '../files/read-data-file.js';
import { loadMachine } from '../definitions/load-machine.js';
import { DEFAULT_SEED, DEFAULT_START_TIME } from '../runs/machine-run.js';
import type { CaseSuite, RunnableCase } from './load-case-file.js';

/** What a mock config given on its own runs with, when the files beside it do not say. */
export interface MockConfigOptions {
  /** The definition file (absolute, or relative to the working directory); for a config with one state machine. */
  definition?: string;
  /** The input of every test case. */
  input?: Json;
}

const DEFINITION_SUFFIXES = ['.asl.json', '.asl.yaml', '.asl.yml', '.json'];
const DATA_SUFFIXES = ['.json', '.yaml', '.yml'];

/** True for a value shaped like a Step Functions Local mock config. */
export const isMockConfig = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  ('StateMachines' in value || 'MockedResponses' in value);

const firstExisting = (dir: string, names: string[]): string | undefined =>
  names.map((name) => resolve(dir, name)).find((candidate) => existsSync(candidate));

/** One suite per state machine of the config at `file` (already read as `value`). */
export function loadMockConfigSuites(
  file: string,
  value: unknown,
  cwd: string,
  options: MockConfigOptions = {},
): CaseSuite[] {
  const shown = displayPath(file, cwd);
  const config: SfnLocalMockConfig = parseSfnLocalMockConfig(value, shown);
  const dir = dirname(file);
  const names = Object.keys(config.StateMachines);
  if (options.definition !== undefined && names.length !== 1) {
    throw new UsageError(
      ErrorCode.CliUsage,
      `${shown}: a definition given for the mock config applies to one state machine; the config has ${names.length} (${names.join(', ')}). Put <StateMachine>.asl.json beside it instead`,
    );
  }
  return names.map((name) => {
    const definition =
      options.definition !== undefined
        ? resolve(cwd, options.definition)
        : firstExisting(
            dir,
            DEFINITION_SUFFIXES.map((suffix) => `${name}${suffix}`),
          );
    if (!definition) {
      throw new UsageError(
        ErrorCode.FileNotFound,
        `${shown}: no definition for state machine ${JSON.stringify(name)}; expected ${name}.asl.json beside the mock config (or give one with --definition)`,
      );
    }
    const machine = loadMachine(definition, {}, displayPath(definition, cwd));
    const suiteName = `${shown} › ${name}`;
    const warnings: string[] = [];
    const cases = Object.keys(config.StateMachines[name]!.TestCases).map((testCase): RunnableCase => {
      const resolvers = sfnLocalMockResolvers(config, { stateMachine: name, testCase });
      for (const unmatched of unmatchedMockKeys(machine.definition, resolvers.states, { resources: false }))
        warnings.push(
          `${suiteName} › ${testCase}: ${formatUnmatchedKey(`test case '${testCase}'`, unmatched, 'no state')}`,
        );
      return {
        name: testCase,
        skip: false,
        input: options.input ?? testCaseInput(dir, name, testCase, cwd),
        resolvers,
        seed: DEFAULT_SEED,
        startTime: DEFAULT_START_TIME,
        expect: { status: 'SUCCEEDED' },
      };
    });
    return { file: suiteName, machine, cases, warnings };
  });
}

/** `M.T.input.json`, else `M.input.json` (or YAML) beside the config, else `{}`. */
function testCaseInput(dir: string, machine: string, testCase: string, cwd: string): Json {
  const file = firstExisting(dir, [
    ...DATA_SUFFIXES.map((suffix) => `${machine}.${testCase}.input${suffix}`),
    ...DATA_SUFFIXES.map((suffix) => `${machine}.input${suffix}`),
  ]);
  return file === undefined ? {} : (readDataFile(file, 'input file', cwd) as Json);
}
