/**
 * Reads the files a command is pointed at. Every failure is a UsageError whose message
 * names the flag and the path as the user typed it, so the CLI can print it as is.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError, parseSfnLocalMockConfig, type Json, type MockScript, type SfnLocalMockConfig } from '@aslkit/core';
import { parseJsonText } from './json-text.js';
import { toMockScript } from './mock-script.js';
import { definitionInput, type DefinitionInput } from '@aslkit/vitest';

/** Reads a UTF-8 text file relative to `cwd`; `what` describes it in errors ("definition", "--mocks file"). */
export async function readTextFile(path: string, what: string, cwd: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, path), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`${what} not found: ${path}`, 'ASLKIT_FILE_NOT_FOUND');
    if (code === 'EISDIR')
      throw new UsageError(`${what} is a directory, not a file: ${path}`, 'ASLKIT_FILE_UNREADABLE');
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError(`cannot read ${what} ${path}: ${reason}`, 'ASLKIT_FILE_UNREADABLE');
  }
  // Some editors save JSON with a byte-order mark, which JSON.parse rejects.
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * The definition file, JSON or YAML: JSON text goes to the engine as is, so that its diagnostics
 * carry line and column; YAML is parsed here and its diagnostics located in the YAML.
 */
export async function loadDefinition(path: string, cwd: string): Promise<DefinitionInput> {
  const text = await readTextFile(path, 'definition', cwd);
  try {
    return definitionInput(text, path);
  } catch (error) {
    // The YAML parser recurses: a hostile file nested thousands deep exhausts the stack.
    if (error instanceof RangeError)
      throw new UsageError(`${path}: the definition is nested too deeply to be read`, 'ASLKIT_INVALID_YAML');
    throw error;
  }
}

/**
 * The execution input from `--input`: inline JSON when the argument parses as JSON,
 * otherwise the path of a JSON file. No flag means `{}`, as the AWS console starts.
 */
export async function loadInput(argument: string | undefined, cwd: string): Promise<Json> {
  if (argument === undefined) return {};
  try {
    return JSON.parse(argument) as Json;
  } catch {
    // Not JSON, so it names a file.
  }
  let text: string;
  try {
    text = await readTextFile(argument, '--input file', cwd);
  } catch (error) {
    // `--input '{"a": }'` is broken inline JSON, not a missing file: say where it breaks.
    const looksInline = /^\s*[{["]/.test(argument);
    if (looksInline && error instanceof UsageError && error.code === 'ASLKIT_FILE_NOT_FOUND')
      parseJsonText(argument, '--input');
    throw error;
  }
  return parseJsonText(text, argument) as Json;
}

/** The `--mocks` file, checked against the MockScript shape. */
export async function loadMocks(path: string, cwd: string): Promise<MockScript> {
  const text = await readTextFile(path, '--mocks file', cwd);
  return toMockScript(parseJsonText(text, path), path);
}

/** The `--mock-config` file: AWS Step Functions Local's MockConfigFile.json format. */
export async function loadMockConfig(path: string, cwd: string): Promise<SfnLocalMockConfig> {
  const text = await readTextFile(path, '--mock-config file', cwd);
  return parseSfnLocalMockConfig(parseJsonText(text, path), path);
}
