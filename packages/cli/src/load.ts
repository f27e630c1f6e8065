/**
 * Reads the files a command is pointed at. Every failure is a UsageError whose message
 * names the flag and the path as the user typed it, so the CLI can print it as is.
 */
import { resolve } from 'node:path';
import {
  ErrorCode,
  UsageError,
  parseMockScript,
  parseSfnLocalMockConfig,
  type Json,
  type HistoryEvent,
  type MockScript,
  type RedriveSource,
  type SfnLocalMockConfig,
} from '@aslkit/core';
import { parseDataText, parseJsonText, readDefinitionFile, readTextFile, type DefinitionInput } from '@aslkit/node';

/** Reads a UTF-8 file named on the command line, relative to `cwd`; `what` describes it in errors ("--mocks file"). */
export const readFlagFile = (path: string, what: string, cwd: string, maxBytes?: number): string =>
  readTextFile(resolve(cwd, path), what, path, maxBytes === undefined ? {} : { maxBytes });

/**
 * The largest `--redrive` file read. Parsing takes several times the file's size in memory, so
 * a larger (or endless) file is refused before it is read, rather than exhausting the process;
 * saved executions are far smaller unless nearly every one of their events carries a large payload.
 */
export const MAX_REDRIVE_FILE_BYTES = 256 * 1024 * 1024;

/**
 * The definition file, JSON or YAML: JSON text goes to the engine as is, so that its diagnostics
 * carry line and column; YAML is parsed here and its diagnostics located in the YAML.
 */
export const loadDefinition = (path: string, cwd: string): DefinitionInput =>
  readDefinitionFile(resolve(cwd, path), path);

/**
 * The execution input from `--input`: inline JSON when the argument parses as JSON,
 * otherwise the path of a JSON (or YAML) file. No flag means `{}`, as the AWS console starts.
 */
export function loadInput(argument: string | undefined, cwd: string): Json {
  if (argument === undefined) return {};
  try {
    return JSON.parse(argument) as Json;
  } catch {
    // Not JSON, so it names a file.
  }
  let text: string;
  try {
    text = readFlagFile(argument, '--input file', cwd);
  } catch (error) {
    // `--input '{"a": }'` is broken inline JSON, not a missing file: say where it breaks.
    const looksInline = /^\s*[{["]/.test(argument);
    if (looksInline && error instanceof UsageError && error.code === ErrorCode.FileNotFound)
      parseJsonText(argument, '--input');
    throw error;
  }
  return parseDataText(text, argument) as Json;
}

/** The `--mocks` file (JSON or YAML), checked against the mock format (docs/reference/mocks.md). */
export function loadMocks(path: string, cwd: string): MockScript {
  return parseMockScript(parseDataText(readFlagFile(path, '--mocks file', cwd), path), path);
}

/** The `--mock-config` file: AWS Step Functions Local's MockConfigFile.json format. */
export function loadMockConfig(path: string, cwd: string): SfnLocalMockConfig {
  return parseSfnLocalMockConfig(parseDataText(readFlagFile(path, '--mock-config file', cwd), path), path);
}

/**
 * The `--redrive` file: a saved execution, as `aslkit run --format json --history` writes it (its
 * `executionArn` and `history`).
 */
export function loadRedriveSource(path: string, cwd: string): RedriveSource {
  const document: unknown = parseJsonText(readFlagFile(path, '--redrive file', cwd, MAX_REDRIVE_FILE_BYTES), path);
  const saved = (typeof document === 'object' && document !== null ? document : {}) as Record<string, unknown>;
  const { executionArn, history } = saved;
  if (typeof executionArn !== 'string' || !Array.isArray(history))
    throw new UsageError(
      ErrorCode.CliUsage,
      `${path}: a --redrive file is a saved execution with its executionArn and history (aslkit run --format json --history writes one)`,
    );
  return { executionArn, history: history as HistoryEvent[] };
}
