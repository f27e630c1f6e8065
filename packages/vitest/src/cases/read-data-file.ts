/**
 * Reads the data files a case file names (the case file itself, inputs, mocks, mock configs):
 * JSON, or YAML when the name ends in `.yaml`/`.yml`. Errors name the file, what it is for, and
 * for YAML the line and column.
 */
import { readFileSync } from 'node:fs';
import { UsageError } from '@aslkit/core';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { displayPath } from '../load-machine.js';

export const isYamlFile = (path: string): boolean => /\.ya?ml$/i.test(path);

/** The file's value, parsed as YAML or JSON by its name. */
export function readDataFile(path: string, what: string, cwd: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`${what} not found: ${displayPath(path, cwd)}`, 'ASLKIT_FILE_NOT_FOUND');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (isYamlFile(path)) {
    try {
      // YAML 1.2's core schema: no timestamps or other types JSON lacks; a key given twice is an error;
      // aliases are capped so a few lines cannot expand into gigabytes.
      return parseYaml(text, { schema: 'core', uniqueKeys: true, maxAliasCount: 100 }) as unknown;
    } catch (error) {
      const where = error instanceof YAMLParseError && error.linePos ? `:${error.linePos[0].line}:${error.linePos[0].col}` : '';
      // The first line of yaml's message, without the position it appends (given above instead).
      const reason = error instanceof Error ? error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '') : String(error);
      throw new UsageError(`${displayPath(path, cwd)}${where}: invalid YAML (${reason})`, 'ASLKIT_INVALID_YAML');
    }
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`${displayPath(path, cwd)}: invalid JSON (${error instanceof Error ? error.message : String(error)})`, 'ASLKIT_INVALID_JSON');
  }
}
