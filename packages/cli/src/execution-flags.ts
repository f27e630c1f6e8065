/**
 * The flags `aslkit run` and `aslkit view` share to start an execution: input, task answers
 * (mocks, mock configs, local handlers), seed and start time, read into `StartOptions`, with
 * the keys that name nothing in the definition as warnings.
 */
import {
  ErrorCode,
  formatUnmatchedKey,
  unmatchedMockKeys,
  UsageError,
  type ObjectStore,
  type StartOptions,
  type StateMachineOptions,
} from '@aslkit/core';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { createDirectoryObjectStore } from '@aslkit/node';
import { templateRun } from '@aslkit/node';
import type { FlagValues } from './command.js';
import type { ReferencedMachine } from './definition-file.js';
import { loadMocks } from './load.js';
import { noAnswerMessage } from './no-answer.js';
import { taskResolvers } from './task-resolvers.js';

/** `--s3-dir <dir>`: the buckets a distributed Map's ItemReader and ResultWriter use, one directory each. */
function s3Directory(dir: string, cwd: string): ObjectStore {
  const root = resolve(cwd, dir);
  if (!statSync(root, { throwIfNoEntry: false })?.isDirectory())
    throw new UsageError(ErrorCode.CliUsage, `--s3-dir must name a directory of bucket directories, got '${dir}'`);
  return createDirectoryObjectStore(root);
}

/** parseArgs declarations of the shared flags. */
export const EXECUTION_FLAGS = {
  input: { type: 'string' },
  mocks: { type: 'string' },
  'mock-config': { type: 'string' },
  'test-case': { type: 'string' },
  handlers: { type: 'string' },
  seed: { type: 'string' },
  'start-time': { type: 'string' },
  type: { type: 'string' },
  's3-dir': { type: 'string' },
} as const;

/** Flags that only a run from a file (not an imported history) takes. */
export const RUN_FLAG_NAMES = Object.keys(EXECUTION_FLAGS);

/** What the shared flags come to. */
export interface ExecutionSetup {
  options: StartOptions;
  /** One line per --mocks, --handlers or --mock-config key that names nothing in `definition`. */
  warnings(definition: object): string[];
  /** Ends what the run started (the sandboxes of `--handlers auto`). */
  close(): void;
}

/** A flag's value when it was given a string, else undefined. */
export function stringFlag(flags: FlagValues, name: string): string | undefined {
  const value = flags[name];
  return typeof value === 'string' ? value : undefined;
}

/** `--type STANDARD|EXPRESS` (any case): the machine's type, given to StateMachine.from. */
export function typeFlag(flags: FlagValues): StateMachineOptions['type'] {
  const value = stringFlag(flags, 'type');
  if (value === undefined) return undefined;
  const type = value.toUpperCase();
  if (type !== 'STANDARD' && type !== 'EXPRESS')
    throw new UsageError(ErrorCode.CliUsage, `--type must be STANDARD or EXPRESS, got '${value}'`);
  return type;
}

/**
 * StartOptions from the shared flags. `realLambda` adds `--lambda` (invoke functions on AWS);
 * `aslkit view` leaves it out so that it reaches nothing beyond loopback. A machine from a
 * template adds what a template gives: mocks and handlers by logical id, `--handlers auto`, and
 * its sibling machines for nested executions.
 */
export async function executionOptions(
  flags: FlagValues,
  cwd: string,
  { realLambda = false } = {},
  referenced?: ReferencedMachine,
): Promise<ExecutionSetup> {
  const options: StartOptions = {};
  const mocksFile = stringFlag(flags, 'mocks');
  let mocks = mocksFile === undefined ? undefined : loadMocks(mocksFile, cwd);
  const handlers = stringFlag(flags, 'handlers');
  const fromTemplate = referenced !== undefined && referenced.set.kind !== 'definition';
  if (handlers === 'auto' && !fromTemplate)
    throw new UsageError(
      ErrorCode.CliUsage,
      '--handlers auto runs the Lambda functions of a template (SAM, CloudFormation, cdk.out, serverless.yml); this definition has none',
    );
  const resolvers = await taskResolvers(
    {
      handlers: handlers === 'auto' ? undefined : handlers,
      lambda: realLambda ? stringFlag(flags, 'lambda') : undefined,
      mockConfig: stringFlag(flags, 'mock-config'),
      testCase: stringFlag(flags, 'test-case'),
    },
    cwd,
    { realLambda },
    fromTemplate ? referenced.template.functions : [],
  );
  const template = fromTemplate
    ? await templateRun(referenced.template, referenced.machine, referenced.set, {
        ...(mocks ? { mocks } : {}),
        autoHandlers: handlers === 'auto',
      })
    : undefined;
  if (template) mocks = template.mocks;
  if (mocks) options.mocks = mocks;
  options.resolvers = [...(template?.resolvers ?? []), ...resolvers.routers, ...(template?.fallbacks ?? [])];
  options.missingResolverMessage = (resource, stateName, input) =>
    noAnswerMessage(resource, stateName, input, { realLambda });
  const seed = stringFlag(flags, 'seed');
  if (seed !== undefined) {
    if (seed === '') throw new UsageError(ErrorCode.CliUsage, '--seed must not be empty');
    options.seed = seed;
  }
  const startTime = stringFlag(flags, 'start-time');
  if (startTime !== undefined) {
    if (Number.isNaN(Date.parse(startTime))) {
      throw new UsageError(
        ErrorCode.CliUsage,
        `--start-time must be an ISO 8601 date-time such as 2026-01-01T00:00:00Z, got '${startTime}'`,
      );
    }
    options.startTime = startTime;
  }
  const s3Dir = stringFlag(flags, 's3-dir');
  if (s3Dir !== undefined) options.objectStore = s3Directory(s3Dir, cwd);
  const warnings = (definition: object): string[] => [
    ...(mocks
      ? unmatchedMockKeys(definition, Object.keys(mocks)).map((key) => formatUnmatchedKey('--mocks', key))
      : []),
    ...resolvers.unmatched(definition),
    ...(template?.warnings ?? []),
  ];
  return { options, warnings, close: template?.close ?? (() => undefined) };
}
