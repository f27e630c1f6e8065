/**
 * Reads the data files a case file or a command names (case files, inputs, mocks, mock
 * configs): JSON, or YAML when the name ends in `.yaml`/`.yml`. Errors name the file, what it
 * is for, and the line and column of the problem.
 */
import { displayPath } from './display-path.js';
import { parseJsonText } from './json-text.js';
import { readTextFile } from './read-text-file.js';
import { isYamlPath, parseYamlText } from './yaml-text.js';

/**
 * The value of the file at `path`, parsed as YAML or JSON by its name. `what` names it in
 * errors; paths are shown relative to `cwd`.
 * @throws UsageError for a missing or unreadable file, or malformed JSON or YAML
 */
export function readDataFile(path: string, what: string, cwd = process.cwd()): unknown {
  const shown = displayPath(path, cwd);
  return parseDataText(readTextFile(path, what, shown), shown);
}

/** Text as JSON, or as YAML when `shown` (the file name, used in errors) ends in `.yaml`/`.yml`. */
export function parseDataText(text: string, shown: string): unknown {
  return isYamlPath(shown) ? parseYamlText(text, shown).value : parseJsonText(text, shown);
}
