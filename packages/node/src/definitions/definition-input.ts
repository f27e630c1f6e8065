/**
 * A definition file's text as core takes it. JSON text goes to core as is (its parser locates
 * every diagnostic); YAML (`.yaml`/`.yml`, as SAM templates and Workflow Studio write ASL) is
 * parsed here, and core's diagnostics, which point into the value, get the YAML line and column.
 */
import { ErrorCode, UsageError, type Diagnostic, type JsonObject } from '@aslkit/core';
import { readTextFile } from '../files/read-text-file.js';
import { isYamlPath, nodeAtPointer, parseYamlText } from '../files/yaml-text.js';

export interface DefinitionInput {
  /** JSON text, or the mapping a YAML file holds. */
  source: string | JsonObject;
  /** The diagnostics with `line`/`column` where the file has them. */
  locate(diagnostics: readonly Diagnostic[]): Diagnostic[];
}

/**
 * The definition in `text`, read from `path` (shown in errors).
 * @throws UsageError for malformed YAML, with its line and column.
 */
export function definitionInput(text: string, path: string): DefinitionInput {
  if (!isYamlPath(path)) return { source: text, locate: (diagnostics) => [...diagnostics] };
  const { value, document, lines } = parseYamlText(text, path);
  // A scalar would otherwise reach core as if it were JSON text.
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(
      ErrorCode.InvalidYaml,
      `${path}: a state machine definition is a mapping (StartAt, States, ...), not ${Array.isArray(value) ? 'a list' : value === null ? 'empty' : 'a scalar'}`,
    );
  }
  const source = value as JsonObject;
  const locate = (diagnostics: readonly Diagnostic[]): Diagnostic[] =>
    diagnostics.map((diagnostic) => {
      if (diagnostic.line !== undefined || !diagnostic.path) return diagnostic;
      const node = nodeAtPointer(document.contents, diagnostic.path);
      if (!node?.range) return diagnostic;
      const { line, col } = lines.linePos(node.range[0]);
      return { ...diagnostic, line, column: col };
    });
  return { source, locate };
}

/**
 * Reads a definition file, JSON or YAML by its name. `shown` is how errors name it (default: `path`).
 * @throws UsageError `ASLKIT_FILE_NOT_FOUND` and the like for an unreadable file, `ASLKIT_INVALID_YAML` for malformed YAML.
 */
export function readDefinitionFile(path: string, shown = path): DefinitionInput {
  return definitionInput(readTextFile(path, 'definition', shown), shown);
}
