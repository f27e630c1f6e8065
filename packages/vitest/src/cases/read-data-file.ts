/**
 * Reads the data files a case file names (the case file itself, inputs, mocks, mock configs):
 * JSON, or YAML when the name ends in `.yaml`/`.yml`. Errors name the file, what it is for, and
 * for YAML the line and column.
 */
import { readFileSync } from 'node:fs';
import { UsageError } from '@aslkit/core';
import { parse as parseYaml, YAMLError } from 'yaml';
import { invalidYaml, isYamlPath } from '../definition-input.js';
import { displayPath } from '../load-machine.js';

/** The file's value, parsed as YAML or JSON by its name. */
export function readDataFile(path: string, what: string, cwd: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`${what} not found: ${displayPath(path, cwd)}`, 'ASLKIT_FILE_NOT_FOUND');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (isYamlPath(path)) {
    try {
      // YAML 1.2's core schema: no timestamps or other types JSON lacks; a key given twice is an error;
      // aliases are capped so a few lines cannot expand into gigabytes.
      return parseYaml(text, { schema: 'core', uniqueKeys: true, maxAliasCount: 100 }) as unknown;
    } catch (error) {
      if (error instanceof YAMLError) throw invalidYaml(displayPath(path, cwd), error);
      throw error;
    }
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(
      `${displayPath(path, cwd)}: invalid JSON (${error instanceof Error ? error.message : String(error)})`,
      'ASLKIT_INVALID_JSON',
    );
  }
}
