/**
 * The Task answers `aslkit run` and `aslkit view` build from their flags: a Step Functions Local
 * mock config test case (`--mock-config`, `--test-case`), local Lambda handlers (`--handlers`)
 * and real Lambda (`--lambda real`), in the order they are tried, and the keys of each that
 * name nothing in the definition (reported as warnings).
 */
import { dirname, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ErrorCode,
  formatUnmatchedKey,
  unmatchedMockKeys,
  UsageError,
  sfnLocalMockResolvers,
  type ResolverRouter,
  type SfnLocalMockConfig,
  type UnmatchedKey,
} from '@aslkit/core';
import type { LocalHandlers } from '@aslkit/lambda';
import { parseJsonText, templateHandlerKeys, type TemplateFunction } from '@aslkit/node';
import { loadMockConfig, readFlagFile } from './load.js';
import { lambdaNoAnswer, type NoAnswerOptions } from './no-answer.js';

export interface TaskResolverFlags {
  handlers?: string;
  lambda?: string;
  mockConfig?: string;
  testCase?: string;
}

export interface TaskResolvers {
  routers: ResolverRouter[];
  /** Warning lines for the --handlers and --mock-config keys that name nothing in `definition`. */
  unmatched(definition: object): string[];
}

/** Resolvers for `StartOptions.resolvers`, in the order they are tried. */
export async function taskResolvers(
  flags: TaskResolverFlags,
  cwd: string,
  noAnswer: NoAnswerOptions,
  functions: readonly TemplateFunction[] = [],
): Promise<TaskResolvers> {
  if (flags.lambda !== undefined && flags.lambda !== 'real') {
    throw new UsageError(ErrorCode.CliUsage, `--lambda takes 'real' (invoke functions on AWS), got '${flags.lambda}'`);
  }
  if (flags.testCase !== undefined && flags.mockConfig === undefined) {
    throw new UsageError(ErrorCode.CliUsage, '--test-case needs --mock-config <file>');
  }
  const routers: ResolverRouter[] = [];
  const checks: ((definition: object) => string[])[] = [];
  if (flags.mockConfig !== undefined) {
    const config = loadMockConfig(flags.mockConfig, cwd);
    const router = sfnLocalMockResolvers(config, selection(config, flags.mockConfig, flags.testCase));
    routers.push(router);
    checks.push((definition) =>
      lines(
        `--mock-config test case '${router.testCase}'`,
        unmatchedMockKeys(definition, router.states, { resources: false }),
        'no state',
      ),
    );
  }
  if (flags.handlers !== undefined || flags.lambda === 'real') {
    // Loaded only when asked for: the AWS SDK is heavy, and runs without Lambda never need it.
    const { lambdaResolvers, unmatchedHandlerKeys } = await import('@aslkit/lambda');
    // A template's functions may be named by logical id (`ChargeFunction`).
    const loaded = flags.handlers === undefined ? undefined : await loadHandlersFile(flags.handlers, cwd);
    const handlers = loaded && templateHandlerKeys(loaded, functions);
    const realLambda = flags.lambda === 'real';
    const missingMessage = (functionName: string, stateName: string) =>
      lambdaNoAnswer(functionName, stateName, noAnswer);
    routers.push(lambdaResolvers({ ...(handlers ? { handlers } : {}), real: realLambda, missingMessage }));
    if (handlers)
      checks.push((definition) =>
        lines(
          '--handlers',
          unmatchedHandlerKeys(definition, Object.keys(handlers)),
          'no Lambda function of the definition',
        ),
      );
  }
  return { routers, unmatched: (definition) => checks.flatMap((check) => check(definition)) };
}

const lines = (what: string, unmatched: UnmatchedKey[], matches: string): string[] =>
  unmatched.map((key) => formatUnmatchedKey(what, key, matches));

/** `--test-case Name` or `--test-case StateMachine/Name`; optional when the file has exactly one test case. */
function selection(
  config: SfnLocalMockConfig,
  file: string,
  testCase: string | undefined,
): { testCase: string; stateMachine?: string } {
  if (testCase === undefined) {
    const all = Object.keys(config.StateMachines).flatMap((machine) =>
      Object.keys(config.StateMachines[machine]!.TestCases).map((name) => ({ machine, name })),
    );
    if (all.length !== 1)
      throw new UsageError(
        ErrorCode.CliUsage,
        `${file} has ${all.length} test cases; pick one with --test-case <name>`,
      );
    return { stateMachine: all[0]!.machine, testCase: all[0]!.name };
  }
  const slash = testCase.indexOf('/');
  const owned = Object.keys(config.StateMachines).some((machine) =>
    Object.prototype.hasOwnProperty.call(config.StateMachines[machine]!.TestCases, testCase),
  );
  return slash > 0 && !owned
    ? { stateMachine: testCase.slice(0, slash), testCase: testCase.slice(slash + 1) }
    : { testCase };
}

/**
 * `--handlers`: a JSON file mapping function names or ARNs to `"module#export"` (paths from the
 * file's folder), or a JS module whose default export maps them to functions.
 */
async function loadHandlersFile(path: string, cwd: string): Promise<LocalHandlers> {
  const { loadHandlers } = await import('@aslkit/lambda');
  const full = resolve(cwd, path);
  if (['.js', '.mjs', '.cjs'].includes(extname(path))) {
    let loaded: { default?: unknown };
    try {
      loaded = (await import(pathToFileURL(full).href)) as { default?: unknown };
    } catch (error) {
      throw new UsageError(
        ErrorCode.InvalidHandlers,
        `cannot load --handlers module ${path}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const exported = loaded.default;
    if (exported === null || typeof exported !== 'object') {
      throw new UsageError(
        ErrorCode.InvalidHandlers,
        `--handlers module ${path} must export default an object mapping function names to handlers`,
      );
    }
    // lambdaResolvers checks each entry and names any that is not a handler.
    return exported as LocalHandlers;
  }
  const text = readFlagFile(path, '--handlers file', cwd);
  return loadHandlers(parseJsonText(text, path), dirname(full), path);
}
