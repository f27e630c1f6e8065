/**
 * The `aslkit` command line: picks the subcommand, parses its flags with `node:util`
 * parseArgs, runs it, and turns what it throws into a message and an exit code.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { AslkitError, ErrorCode } from '@aslkit/core';
import { ExitCode, type CliIo, type Command, type FlagValues } from './command.js';
import { runCommand } from './commands/run.js';
import { validateCommand } from './commands/validate.js';
import { testCommand } from './commands/test.js';
import { viewCommand } from './commands/view.js';
import { listCommand } from './commands/list.js';
import { serveCommand } from './commands/serve.js';
import { testStateCommand } from './commands/test-state.js';

/** Every subcommand; a new one is a file under `commands/` and a line here. */
const commands: readonly Command[] = [
  runCommand,
  validateCommand,
  testCommand,
  testStateCommand,
  viewCommand,
  listCommand,
  serveCommand,
];

function topUsage(): string {
  const width = commands.reduce((max, command) => Math.max(max, command.name.length), 0);
  const list = commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join('\n');
  return `Usage: aslkit <command> [options]

Runs Amazon States Language (AWS Step Functions) state machines offline, deterministically.

Commands:
${list}

Options:
  -h, --help  Show this help; 'aslkit <command> --help' shows a command's options
  --version   Show the version

Exit codes: 0 succeeded; 1 failed, aborted or timed out; 2 usage or definition error.
`;
}

/**
 * Runs the CLI with `argv` (without `node` and the script path) and returns the exit code.
 * @example
 * const code = await main(['run', 'machine.asl.json', '--seed', '1'], { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
 */
export async function main(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr.write(topUsage());
    return ExitCode.Usage;
  }
  if (first === '--help' || first === '-h' || (first === 'help' && rest.length === 0)) {
    io.stdout.write(topUsage());
    return ExitCode.Success;
  }
  if (first === '--version') {
    io.stdout.write(`${await packageVersion()}\n`);
    return ExitCode.Success;
  }
  if (first === 'help') return main([rest[0]!, '--help'], io);
  const command = commands.find((candidate) => candidate.name === first);
  if (command === undefined) {
    const what = first.startsWith('-') ? `unknown option '${first}'` : `unknown command '${first}'`;
    io.stderr.write(`aslkit: ${what}\nRun 'aslkit --help' for usage.\n`);
    return ExitCode.Usage;
  }
  return runSubcommand(command, rest, io);
}

async function runSubcommand(command: Command, args: string[], io: CliIo): Promise<ExitCode> {
  const hint = `Run 'aslkit ${command.name} --help' for usage.\n`;
  let values: FlagValues;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    }));
  } catch (error) {
    io.stderr.write(`aslkit ${command.name}: ${parseErrorMessage(error)}\n${hint}`);
    return ExitCode.Usage;
  }
  if (values.help === true) {
    io.stdout.write(command.usage);
    return ExitCode.Success;
  }
  try {
    return await command.execute(positionals, values, io);
  } catch (error) {
    if (error instanceof AslkitError) {
      io.stderr.write(`aslkit ${command.name}: ${error.message}\n${error.code === ErrorCode.CliUsage ? hint : ''}`);
      return ExitCode.Usage;
    }
    // Not the user's mistake: show the stack so that it can be reported.
    io.stderr.write(
      `aslkit ${command.name}: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return ExitCode.ExecutionFailed;
  }
}

function parseErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // For an unknown option, parseArgs goes on about `--` and positionals, which is rarely
  // what was meant; its other messages (e.g. how to pass `--seed=-1`) are worth keeping.
  const unknown = (error as { code?: unknown }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION';
  return unknown ? message.split(/\.\s/)[0]! : message;
}

async function packageVersion(): Promise<string> {
  // One level up from both src/ (tests) and dist/ (installed) is the package root.
  const text = await readFile(new URL('../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}
