/**
 * The Task resolvers `aslkit run` builds from its flags: a Step Functions Local mock config
 * test case (`--mock-config`, `--test-case`), local Lambda handlers (`--handlers`) and real
 * Lambda (`--lambda real`). A resource that none of them (nor `--mocks`) answers fails with a
 * message naming these flags.
 */
import { dirname, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ErrorName,
  StatesError,
  UsageError,
  sfnLocalMockResolvers,
  type ResolverRouter,
  type ResolversOption,
  type SfnLocalMockConfig,
} from '@aslkit/core';
import type { LocalHandlers } from '@aslkit/lambda';
import { parseJsonText } from './json-text.js';
import { loadMockConfig, readTextFile } from './load.js';

export interface TaskResolverFlags {
  handlers?: string;
  lambda?: string;
  mockConfig?: string;
  testCase?: string;
}

const missingMessage = (functionName: string, stateName: string): string =>
  `No Lambda handler for function '${functionName}' (state '${stateName}'). Map it to a local handler with --handlers <file>, ` +
  `mock the state with --mocks <file> or --mock-config <file> --test-case <name>, or invoke it on AWS with --lambda real.`;

/** Resolvers for `StartOptions.resolvers`, in the order they are tried. */
export async function taskResolvers(flags: TaskResolverFlags, cwd: string): Promise<ResolversOption> {
  if (flags.lambda !== undefined && flags.lambda !== 'real') {
    throw new UsageError(`--lambda takes 'real' (invoke functions on AWS), got '${flags.lambda}'`, 'ASLKIT_CLI_USAGE');
  }
  if (flags.testCase !== undefined && flags.mockConfig === undefined) {
    throw new UsageError('--test-case needs --mock-config <file>', 'ASLKIT_CLI_USAGE');
  }
  const routers: ResolverRouter[] = [];
  if (flags.mockConfig !== undefined) {
    const config = await loadMockConfig(flags.mockConfig, cwd);
    routers.push(sfnLocalMockResolvers(config, selection(config, flags.mockConfig, flags.testCase)));
  }
  if (flags.handlers !== undefined || flags.lambda === 'real') {
    // Loaded only when asked for: the AWS SDK is heavy, and runs without Lambda never need it.
    const { lambdaResolvers } = await import('@aslkit/lambda');
    const handlers = flags.handlers === undefined ? undefined : await loadHandlersFile(flags.handlers, cwd);
    routers.push(lambdaResolvers({ ...(handlers ? { handlers } : {}), real: flags.lambda === 'real', missingMessage }));
  } else {
    routers.push(missingLambda);
  }
  routers.push(missingMock);
  return routers;
}

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
        `${file} has ${all.length} test cases; pick one with --test-case <name>`,
        'ASLKIT_CLI_USAGE',
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
        `cannot load --handlers module ${path}: ${error instanceof Error ? error.message : String(error)}`,
        'ASLKIT_INVALID_HANDLERS',
      );
    }
    const exported = loaded.default;
    if (exported === null || typeof exported !== 'object') {
      throw new UsageError(
        `--handlers module ${path} must export default an object mapping function names to handlers`,
        'ASLKIT_INVALID_HANDLERS',
      );
    }
    // lambdaResolvers checks each entry and names any that is not a handler.
    return exported as LocalHandlers;
  }
  const text = await readTextFile(path, '--handlers file', cwd);
  return loadHandlers(parseJsonText(text, path), dirname(full), path);
}

/** Any other resource nothing answered fails naming the flags, not the library's `resolvers` option. */
const missingMock: ResolverRouter = {
  find: (resource) => (_input, context) => {
    throw new StatesError(
      ErrorName.Runtime,
      `No mock for state '${context.stateName}' (resource '${resource.arn}'). Give its responses with --mocks <file>, ` +
        `keyed by the state name or the resource ARN, or use --mock-config <file> --test-case <name>.`,
    );
  },
};

/** Without --handlers or --lambda real, a Lambda resource no mock answered fails naming the flags. */
const missingLambda: ResolverRouter = {
  find(resource) {
    const lambda =
      resource.kind === 'lambda-function' || (resource.kind === 'service' && resource.resourceType === 'lambda');
    if (!lambda) return undefined;
    return (input, context) => {
      const named =
        input !== null && typeof input === 'object' && !Array.isArray(input) ? input['FunctionName'] : undefined;
      const functionName =
        resource.kind === 'lambda-function' ? resource.arn : typeof named === 'string' ? named : '(no FunctionName)';
      throw new StatesError(ErrorName.Runtime, missingMessage(functionName, context.stateName));
    };
  },
};
