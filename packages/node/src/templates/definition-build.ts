/**
 * Turns what a template holds into the definition the engine takes, the way AWS builds the
 * deployed one: an object (`Definition`) is written as JSON with its keys sorted (CloudFormation's
 * handler and SAM both sort them) and then substituted as text; a string (`DefinitionString`, a
 * definition file) is substituted as it is, then parsed as JSON or else YAML. Diagnostics the
 * engine reports in the result are led back to the template: by JSON pointer for objects, by
 * character through the trace for text.
 */
import { ErrorCode, UsageError, type Diagnostic, type JsonObject } from '@aslkit/core';
import type { DefinitionInput } from '../definitions/definition-input.js';
import { nodeAtPointer, parseYamlText } from '../files/yaml-text.js';
import { applySubstitutions, SubstitutionCycle, type Substitution } from './definition-substitutions.js';
import { lineStarts, type SourceDocument } from './source-document.js';
import { placeOf, tracePosition, type FilePlace, type TracedText } from './traced-text.js';
import { TemplateError } from './template-problem.js';

/** A diagnostic with the file it is in, when that is not the file the command was given. */
export type LocatedDiagnostic = Diagnostic & { file?: string };

const located = (diagnostic: Diagnostic, place: FilePlace | undefined, fallback: FilePlace): LocatedDiagnostic => {
  const at = place?.line !== undefined ? place : fallback;
  return {
    ...diagnostic,
    file: at.file,
    ...(at.line === undefined ? {} : { line: at.line, column: at.column ?? 1 }),
  };
};

/** Object keys sorted at every level, as Jackson's ORDER_MAP_ENTRIES_BY_KEYS and Python's sort_keys write them. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort())
    Object.defineProperty(sorted, key, {
      value: sortKeys((value as Record<string, unknown>)[key]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return sorted;
}

function substituted(text: TracedText, substitutions: ReadonlyMap<string, Substitution>): TracedText {
  try {
    return applySubstitutions(text, substitutions);
  } catch (error) {
    if (!(error instanceof SubstitutionCycle)) throw error;
    throw new TemplateError([{ ...error.place, message: error.message }]);
  }
}

/**
 * A definition written as an object at `pointer` of `document` (its intrinsics already resolved).
 * With substitutions it goes through JSON text, as AWS takes it.
 */
export function objectDefinition(
  value: unknown,
  document: SourceDocument,
  pointer: string,
  substitutions: ReadonlyMap<string, Substitution>,
  options: { sort: boolean },
): DefinitionInput {
  const place = placeOf(document, pointer);
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new TemplateError([{ ...place, message: 'the definition must be an object (StartAt, States, …)' }]);
  let source = options.sort ? sortKeys(value) : value;
  if (substitutions.size > 0) {
    const text = substituted({ text: JSON.stringify(source, null, 4), segments: [] }, substitutions).text;
    try {
      source = JSON.parse(text) as unknown;
    } catch (error) {
      throw new TemplateError([
        {
          ...place,
          message: `the definition is not JSON once DefinitionSubstitutions are applied: ${(error as Error).message}`,
        },
      ]);
    }
  }
  return {
    source: source as JsonObject,
    locate: (diagnostics) =>
      diagnostics.map((d) => located(d, placeOf(document, d.path === '/' ? pointer : pointer + d.path), place)),
  };
}

/**
 * A definition written as text (a `DefinitionString`, a definition file), `${Key}` substituted:
 * JSON goes to the engine as text (its diagnostics come with line and column, led back through
 * the trace); anything else is read as YAML, as AWS reads an S3 definition that is not JSON.
 */
export function textDefinition(
  traced: TracedText,
  substitutions: ReadonlyMap<string, Substitution>,
  place: FilePlace,
  what: string,
): DefinitionInput {
  const text = substituted(traced, substitutions);
  const trace = (offset: number): FilePlace | undefined => tracePosition(text, offset);
  if (text.text.trimStart().startsWith('{') || text.text.trim() === '') {
    let starts: number[] | undefined;
    return {
      source: text.text,
      locate: (diagnostics) =>
        diagnostics.map((d) => {
          if (d.line === undefined) return located(d, undefined, place);
          starts ??= lineStarts(text.text);
          return located(d, trace((starts[d.line - 1] ?? 0) + (d.column ?? 1) - 1), place);
        }),
    };
  }
  let yaml;
  try {
    yaml = parseYamlText(text.text, what);
  } catch (error) {
    if (!(error instanceof UsageError) || error.code !== ErrorCode.InvalidYaml) throw error;
    // `what:line:col:` is a position in the substituted text; lead it back to the file.
    const at = /:(\d+):(\d+): (.*)$/s.exec(error.message);
    const offset = at ? (lineStarts(text.text)[Number(at[1]) - 1] ?? 0) + Number(at[2]) - 1 : 0;
    throw new TemplateError([
      { ...(trace(offset) ?? place), message: `the definition is neither JSON nor YAML: ${at?.[3] ?? error.message}` },
    ]);
  }
  if (typeof yaml.value !== 'object' || yaml.value === null || Array.isArray(yaml.value))
    throw new TemplateError([{ ...place, message: 'the definition must be an object (StartAt, States, …)' }]);
  return {
    source: yaml.value as JsonObject,
    locate: (diagnostics) =>
      diagnostics.map((d) => {
        const node = nodeAtPointer(yaml.document.contents, d.path);
        return located(d, node?.range ? trace(node.range[0]) : undefined, place);
      }),
  };
}
