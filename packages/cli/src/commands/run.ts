/**
 * `aslkit run`: runs a definition once and prints its output, or why it failed.
 */
import { ErrorCode, UsageError } from '@aslkit/core';
import { ExitCode, type CliIo, type Command, type FlagValues } from '../command.js';
import { loadDefinition, loadInput } from '../load.js';
import { formatFailure, formatHistoryText, formatJson, formatResultDocument } from '../format.js';
import { EXECUTION_FLAGS, executionOptions, stringFlag, typeFlag } from '../execution-flags.js';
import { machineOrDiagnostics, oneDefinitionFile } from '../definition-file.js';

const usage = `Usage: aslkit run <definition.json> [options]

Runs a state machine offline and prints its output as JSON. The definition may be
JSON or YAML (.yaml, .yml).

Options:
  --input <file|json>   Execution input: inline JSON, or a JSON file (default: {})
  --mocks <file>        Scripted task responses, a JSON or YAML file of the form
                          { "<state name, resource ARN or *>": [
                              { "return": <value> } | { "throw": { "error": "...", "cause": "..." } }
                              | { "timeout": true }, ... ] }
                        one response per call; "repeat": true answers every further call;
                        "*" answers every Task nothing else answers (docs/reference/mocks.md)
  --mock-config <file>  An AWS Step Functions Local mock configuration (MockConfigFile.json)
  --test-case <name>    The test case of --mock-config to run ('Name' or 'StateMachine/Name')
  --handlers <file>     Local Lambda handlers: a JSON file mapping function names or ARNs
                        to "module#export" (or {"handler", "timeoutSeconds",
                        "memoryLimitInMB"}), paths relative to the file; or a JS module
                        whose default export maps them to functions
  --lambda real         Invoke Lambda functions that have no mock or handler on AWS,
                        with the SDK's usual credentials, AWS_REGION and
                        AWS_ENDPOINT_URL_LAMBDA / AWS_ENDPOINT_URL
  --history             Print the execution history before the output
  --seed <n>            Seed for States.UUID, States.MathRandom, retry jitter and the
                        execution name (default: random)
  --start-time <date>   Execution start time, ISO 8601 (default: now)
  --s3-dir <dir>        S3 for a distributed Map's ItemReader and ResultWriter: each
                        subdirectory is a bucket, each file under it an object
  --type <STANDARD|EXPRESS>
                        The machine's type (default: STANDARD). EXPRESS checks the
                        Express rules, gives the execution an express ARN and ends it
                        TIMED_OUT after 5 minutes (STANDARD: one year)
  --real-time           Sleep for real in Wait states, retries and timeouts
                        (default: virtual time, which finishes at once)
  --format <text|json>  text (default), or one JSON document with status, output or
                        error and cause, and the history with --history
  -h, --help            Show this help

With --seed and --start-time, runs are reproducible byte for byte. A --mocks,
--handlers or --mock-config key that names no state or resource is reported as a
warning on stderr.

Exit codes: 0 succeeded; 1 failed, aborted or timed out; 2 usage or definition error.
`;

export const runCommand: Command = {
  name: 'run',
  summary: 'Run a state machine and print its output',
  usage,
  options: {
    ...EXECUTION_FLAGS,
    lambda: { type: 'string' },
    history: { type: 'boolean' },
    'real-time': { type: 'boolean' },
    format: { type: 'string' },
  },
  execute: runDefinition,
};

async function runDefinition(positionals: string[], flags: FlagValues, io: CliIo): Promise<ExitCode> {
  const file = oneDefinitionFile(positionals, 'run');
  const format = stringFlag(flags, 'format') ?? 'text';
  if (format !== 'text' && format !== 'json') {
    throw new UsageError(ErrorCode.CliUsage, `--format must be text or json, got '${format}'`);
  }
  const withHistory = flags.history === true;
  const type = typeFlag(flags);

  const machine = machineOrDiagnostics(loadDefinition(file, io.cwd), file, io, { type });
  if (machine === undefined) return ExitCode.Usage;
  const input = loadInput(stringFlag(flags, 'input'), io.cwd);
  const { options, warnings } = await executionOptions(flags, io.cwd, { realLambda: true });
  options.history = { record: withHistory };
  if (flags['real-time'] === true) options.realTime = true;
  for (const warning of warnings(machine.definition)) io.stderr.write(`aslkit run: warning: ${warning}\n`);

  const result = await machine.start(input, options).result;
  if (format === 'json') io.stdout.write(formatResultDocument(result, withHistory));
  else {
    if (withHistory) io.stdout.write(formatHistoryText(result.history));
    if (result.status === 'SUCCEEDED') io.stdout.write(formatJson(result.output));
    else io.stderr.write(formatFailure(result));
  }
  return result.status === 'SUCCEEDED' ? ExitCode.Success : ExitCode.ExecutionFailed;
}
