/**
 * `aslkit run`: runs a definition once and prints its output, or why it failed.
 */
import {
  AslkitError,
  ErrorCode,
  formatMockScriptProblem,
  mockScriptProblems,
  UsageError,
  type Execution,
  type MockScript,
  type StartOptions,
  type StateMachine,
} from '@aslkit/core';
import { ExitCode, type CliIo, type Command, type FlagValues } from '../command.js';
import { loadInput, loadRedriveSource } from '../load.js';
import { formatFailure, formatHistoryText, formatInspections, formatJson, formatResultDocument } from '../format.js';
import { EXECUTION_FLAGS, executionOptions, stringFlag, typeFlag } from '../execution-flags.js';
import { oneDefinitionFile, referencedMachine } from '../definition-file.js';
import { TEMPLATE_FLAGS, TEMPLATE_USAGE, templateOptions } from '../template-flags.js';

const usage = `Usage: aslkit run <definition | template#Machine> [options]

Runs a state machine offline and prints its output as JSON. The definition may be
JSON or YAML (.yaml, .yml), or a machine of a CloudFormation or SAM template, a
cdk.out directory, a serverless.yml or Terraform's 'show -json' output, named
file#Name (logical id, construct path, Serverless key or Terraform address; the
name may be left out when the file has one machine). 'aslkit list' shows them.

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
  --handlers <file|auto>
                        Local Lambda handlers: a JSON file mapping function names or ARNs
                        (or a template's logical ids) to "module#export" (or
                        {"handler", "timeoutSeconds", "memoryLimitInMB"}), paths relative
                        to the file; or a JS module whose default export maps them to
                        functions; or 'auto': the template's own Node.js and Python
                        functions, with their environment, timeout and memory
  --lambda real         Invoke Lambda functions that have no mock or handler on AWS,
                        with the SDK's usual credentials, AWS_REGION and
                        AWS_ENDPOINT_URL_LAMBDA / AWS_ENDPOINT_URL
  --validate-mocks <STRICT|PRESENT>
                        Check each --mocks "return" against the response shape of the
                        API its Task calls, as AWS's TestState checks a mock (STRICT:
                        required fields too); a mock AWS could not return is an error
  --history             Print the execution history before the output
  --inspect             Print every attempt of every state with the value after each
                        data-processing stage (input, afterInputPath, afterParameters,
                        result, afterResultSelector, afterResultPath, output, ...)
  --start-at <state>    Start at this state instead of StartAt, with --input as its input;
                        a state in a Parallel branch or Map processor is reached through
                        its enclosing Parallel or Map
  --redrive <file>      Redrive a saved execution that FAILED, ABORTED or TIMED_OUT, as AWS's
                        RedriveExecution does: same ARN, its history goes on after an
                        ExecutionRedriven event, only the states that did not finish run
                        again. The file is what --format json --history wrote; the
                        machine must be the one that ran it (docs/guide/redrive.md)
  --seed <n>            Seed for States.UUID, States.MathRandom, retry jitter and the
                        execution name (default: random)
  --start-time <date>   Execution start time, ISO 8601 (default: now); with --redrive,
                        the time of the redrive
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
${TEMPLATE_USAGE}
  -h, --help            Show this help

Mocks may name a template's resources by logical id (ChargeFunction, OrdersTable).
A template's other machines answer states:startExecution of their ARN.

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
    ...TEMPLATE_FLAGS,
    lambda: { type: 'string' },
    history: { type: 'boolean' },
    inspect: { type: 'boolean' },
    'validate-mocks': { type: 'string' },
    'start-at': { type: 'string' },
    redrive: { type: 'string' },
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

  const referenced = referencedMachine(file, io, templateOptions(flags, io.cwd), { type });
  if (referenced === undefined) return ExitCode.Usage;
  const { machine } = referenced;
  const input = loadInput(stringFlag(flags, 'input'), io.cwd);
  const { options, warnings, close } = await executionOptions(flags, io.cwd, { realLambda: true }, referenced);
  options.history = { record: withHistory };
  if (flags['real-time'] === true) options.realTime = true;
  const inspect = flags.inspect === true;
  if (inspect) options.inspect = true;
  const startAt = stringFlag(flags, 'start-at');
  if (startAt !== undefined) options.startAt = startAt;
  for (const warning of warnings(machine.definition)) io.stderr.write(`aslkit run: warning: ${warning}\n`);
  checkMocks(stringFlag(flags, 'validate-mocks'), machine.definition, options.mocks);

  const redrive = stringFlag(flags, 'redrive');
  const execution =
    redrive === undefined ? machine.start(input, options) : redriven(machine, redrive, flags, options, io);
  const result = await execution.result.finally(close);
  if (format === 'json') io.stdout.write(formatResultDocument(result, withHistory));
  else {
    if (withHistory) io.stdout.write(formatHistoryText(result.history));
    if (inspect) io.stdout.write(formatInspections(result.inspections ?? []));
    if (result.status === 'SUCCEEDED') io.stdout.write(formatJson(result.output));
    else io.stderr.write(formatFailure(result));
  }
  return result.status === 'SUCCEEDED' ? ExitCode.Success : ExitCode.ExecutionFailed;
}

/** `--redrive`: the saved execution goes on where it stopped; what a start alone takes is refused. */
function redriven(machine: StateMachine, path: string, flags: FlagValues, options: StartOptions, io: CliIo): Execution {
  for (const flag of ['input', 'start-at'])
    if (flags[flag] !== undefined)
      throw new UsageError(
        ErrorCode.CliUsage,
        `--${flag} cannot be given with --redrive: the saved execution has its own`,
      );
  const {
    startTime,
    startAt: _startAt,
    name: _name,
    variables: _variables,
    context: _context,
    store: _store,
    storeMeta: _meta,
    ...rest
  } = options;
  const source = loadRedriveSource(path, io.cwd);
  try {
    return machine.redrive(source, { ...rest, ...(startTime === undefined ? {} : { redriveTime: startTime }) });
  } catch (error) {
    // Core names the event; the user also needs the file it is in.
    if (error instanceof AslkitError && error.code === ErrorCode.InvalidHistory)
      throw new UsageError(ErrorCode.InvalidHistory, `${path}: history: ${error.message}`);
    throw error;
  }
}

/** `--validate-mocks`: every mock `return` must be a response the Task's API could give. */
function checkMocks(mode: string | undefined, definition: object, mocks: MockScript | undefined): void {
  if (mode === undefined) return;
  const upper = mode.toUpperCase();
  if (upper !== 'STRICT' && upper !== 'PRESENT')
    throw new UsageError(ErrorCode.CliUsage, `--validate-mocks must be STRICT or PRESENT, got '${mode}'`);
  if (!mocks) throw new UsageError(ErrorCode.CliUsage, '--validate-mocks checks the --mocks file: give one');
  const problems = mockScriptProblems(definition, mocks, upper);
  if (problems.length > 0)
    throw new UsageError(
      ErrorCode.InvalidMocks,
      problems.map((problem) => formatMockScriptProblem('--mocks', problem)).join('\n'),
    );
}
