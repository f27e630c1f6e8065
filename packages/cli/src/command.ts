/**
 * The contract every `aslkit` subcommand implements, and the streams it writes to. Adding a
 * command is one file under `commands/` plus one entry in the registry in `cli.ts`.
 */
import type { ParseArgsConfig } from 'node:util';

/** Where a command writes and which directory relative paths start from. */
export interface CliIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  cwd: string;
  /** Ends the long-running commands (`view`, `serve`) as Ctrl+C does: for embedding and tests. */
  signal?: AbortSignal;
}

/** The process exit codes every command shares. */
export const ExitCode = {
  Success: 0,
  /** The execution ended FAILED, ABORTED or TIMED_OUT. */
  ExecutionFailed: 1,
  /** Bad flags, unreadable files, malformed JSON or an invalid definition. */
  Usage: 2,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Parsed flags: `node:util` parseArgs values, by long option name. */
export type FlagValues = Record<string, string | boolean | undefined>;

/** One subcommand, e.g. `run`. */
export interface Command {
  name: string;
  /** One line for `aslkit --help`. */
  summary: string;
  /** The full text for `aslkit <name> --help`. */
  usage: string;
  /** Flags other than `--help`, which every command gets. */
  options: NonNullable<ParseArgsConfig['options']>;
  execute(positionals: string[], flags: FlagValues, io: CliIo): Promise<ExitCode>;
}
