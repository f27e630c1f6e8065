/**
 * `aslkit test-state`: AWS's TestState API offline. The request comes from a JSON or YAML file
 * (AWS's field names; `definition` and `input` may be values rather than JSON text), from flags,
 * or both (flags win); the answer is printed as AWS's response document.
 */
import {
  ErrorCode,
  testState,
  TestStateRefusal,
  UsageError,
  type TestStateRequest,
  type TestStateResponse,
} from '@aslkit/core';
import { readDataFile } from '@aslkit/node';
import { resolve } from 'node:path';
import { ExitCode, type CliIo, type Command, type FlagValues } from '../command.js';
import { loadDefinition, loadInput } from '../load.js';
import { formatJson } from '../format.js';
import { stringFlag } from '../execution-flags.js';

const usage = `Usage: aslkit test-state [request.json|yaml] [options]

Tests one state as AWS's TestState API does, offline, and prints AWS's response:
status (SUCCEEDED, FAILED, RETRIABLE, CAUGHT_ERROR), output, error, cause, nextState
and, at DEBUG or TRACE, inspectionData (the value after each data-processing stage).
A request file holds TestState's fields; the flags set them one by one, over the file.

Options:
  --definition <file>         The state (or a whole machine, with --state-name), JSON or YAML
  --state-name <name>         The state to test in a whole machine (may be nested)
  --input <file|json>         The state's input (default: {})
  --inspection-level <level>  INFO (default), DEBUG or TRACE
  --mock-result <file|json>   The Task's (or Map's, Parallel's) result instead of calling it
  --mock-error <error>        The error the state raises instead (with --mock-cause <text>)
  --field-validation-mode <m> STRICT (default), PRESENT or NONE: check --mock-result against
                              the response shape of the API the Task calls
  --variables <file|json>     Variables visible to the state
  --context <file|json>       The context object ($$) to use
  --retrier-retry-count <n>   Retries the matching Retrier has already made
  --error-caused-by-state <s> The state inside a Map or Parallel the mocked error comes from
  --map-iteration-failure-count <n>
                              Map: how many iterations failed
  --map-item-reader-data <file|json>
                              Map with an ItemReader: the items it reads
  --role-arn <arn>            The role TestState would use (an unmocked Task needs one)
  --reveal-secrets            Show what an HTTP Task's connection adds (not with a mock)
  --seed <n>                  Seed for the made-up context and States.UUID (default: fixed)
  --start-time <date>         When the state is entered, ISO 8601 (default: now)
  -h, --help                  Show this help

Exit codes: 0 SUCCEEDED; 1 FAILED, RETRIABLE or CAUGHT_ERROR; 2 refused
(ValidationException, InvalidDefinition: AWS's message) or a usage error.
`;

export const testStateCommand: Command = {
  name: 'test-state',
  summary: "Test one state as AWS's TestState API does",
  usage,
  options: {
    definition: { type: 'string' },
    'state-name': { type: 'string' },
    input: { type: 'string' },
    'inspection-level': { type: 'string' },
    'mock-result': { type: 'string' },
    'mock-error': { type: 'string' },
    'mock-cause': { type: 'string' },
    'field-validation-mode': { type: 'string' },
    variables: { type: 'string' },
    context: { type: 'string' },
    'retrier-retry-count': { type: 'string' },
    'error-caused-by-state': { type: 'string' },
    'map-iteration-failure-count': { type: 'string' },
    'map-item-reader-data': { type: 'string' },
    'role-arn': { type: 'string' },
    'reveal-secrets': { type: 'boolean' },
    seed: { type: 'string' },
    'start-time': { type: 'string' },
  },
  execute: runTestState,
};

async function runTestState(positionals: string[], flags: FlagValues, io: CliIo): Promise<ExitCode> {
  if (positionals.length > 1)
    throw new UsageError(ErrorCode.CliUsage, `test-state takes one request file, got: ${positionals.join(' ')}`);
  const request = requestFrom(positionals[0], flags, io.cwd);
  let answer: TestStateResponse;
  try {
    answer = await testState(request, {
      ...(stringFlag(flags, 'seed') === undefined ? {} : { seed: stringFlag(flags, 'seed') }),
      ...(stringFlag(flags, 'start-time') === undefined ? {} : { startTime: stringFlag(flags, 'start-time') }),
    });
  } catch (error) {
    if (!(error instanceof TestStateRefusal)) throw error;
    // AWS's error code and message, as the AWS CLI would show the refusal.
    io.stderr.write(`aslkit test-state: ${error.code}: ${error.message}\n`);
    return ExitCode.Usage;
  }
  io.stdout.write(formatJson(answer));
  return answer.status === 'SUCCEEDED' ? ExitCode.Success : ExitCode.ExecutionFailed;
}

/** The request: the file's fields, then each flag over them. */
function requestFrom(file: string | undefined, flags: FlagValues, cwd: string): TestStateRequest {
  const fromFile = file === undefined ? {} : readDataFile(resolve(cwd, file), file);
  if (fromFile === null || typeof fromFile !== 'object' || Array.isArray(fromFile))
    throw new UsageError(ErrorCode.CliUsage, `the request file ${file} must hold an object of TestState fields`);
  const request = { ...(fromFile as Record<string, unknown>) };
  const flag = (name: string): string | undefined => stringFlag(flags, name);
  const json = (name: string): string | undefined => {
    const value = flag(name);
    return value === undefined ? undefined : JSON.stringify(loadInput(value, cwd));
  };
  const integer = (name: string): number | undefined => {
    const value = flag(name);
    if (value === undefined) return undefined;
    if (!/^\d+$/.test(value))
      throw new UsageError(ErrorCode.CliUsage, `--${name} must be a whole number, got '${value}'`);
    return Number(value);
  };
  const definition = flag('definition');
  if (definition !== undefined) request['definition'] = loadDefinition(definition, cwd).source;
  const set = (key: string, value: unknown): void => {
    if (value !== undefined) request[key] = value;
  };
  set('stateName', flag('state-name'));
  set('input', json('input'));
  set('inspectionLevel', flag('inspection-level'));
  set('variables', json('variables'));
  set('context', json('context'));
  set('roleArn', flag('role-arn'));
  if (flags['reveal-secrets'] === true) request['revealSecrets'] = true;
  const mock = { ...(request['mock'] as Record<string, unknown> | undefined) };
  if (flag('mock-result') !== undefined) mock['result'] = json('mock-result');
  if (flag('mock-error') !== undefined || flag('mock-cause') !== undefined)
    mock['errorOutput'] = { error: flag('mock-error'), cause: flag('mock-cause') };
  if (flag('field-validation-mode') !== undefined) mock['fieldValidationMode'] = flag('field-validation-mode');
  if (Object.keys(mock).length > 0) request['mock'] = mock;
  const configuration = { ...(request['stateConfiguration'] as Record<string, unknown> | undefined) };
  const setConfiguration = (key: string, value: unknown): void => {
    if (value !== undefined) configuration[key] = value;
  };
  setConfiguration('retrierRetryCount', integer('retrier-retry-count'));
  setConfiguration('errorCausedByState', flag('error-caused-by-state'));
  setConfiguration('mapIterationFailureCount', integer('map-iteration-failure-count'));
  setConfiguration('mapItemReaderData', json('map-item-reader-data'));
  if (Object.keys(configuration).length > 0) request['stateConfiguration'] = configuration;
  if (request['definition'] === undefined)
    throw new UsageError(ErrorCode.CliUsage, 'test-state needs a definition: a request file or --definition <file>');
  return request as unknown as TestStateRequest;
}
