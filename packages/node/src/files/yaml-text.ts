/**
 * The one YAML loader of aslkit: definitions, case files, inputs, mocks and mock configs all
 * go through it. YAML 1.2's core schema (no implicit dates or other types JSON lacks), a key
 * given twice is an error (as in AWS's JSON parser), and aliases are capped so that a few lines
 * cannot expand into gigabytes. Every failure is a UsageError `file:line:col: invalid YAML
 * (reason)`, never a stack trace.
 */
import { ErrorCode, UsageError } from '@aslkit/core';
import {
  isAlias,
  isMap,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type Node,
  type Tags,
  type YAMLError,
} from 'yaml';

/** Aliases one document may expand; a "billion laughs" file needs far more. */
export const MAX_YAML_ALIASES = 100;

export interface YamlText {
  /** The document's value, as JSON would give it. */
  value: unknown;
  document: Document.Parsed;
  /** Turns an offset into the text into a 1-based line and column. */
  lines: LineCounter;
}

export const isYamlPath = (path: string): boolean => /\.ya?ml$/i.test(path);

const yamlError = (shown: string, reason: string, at?: { line: number; col: number }): UsageError =>
  new UsageError(ErrorCode.InvalidYaml, `${shown}${at ? `:${at.line}:${at.col}` : ''}: invalid YAML (${reason})`);

/** `file:line:col: invalid YAML (reason)`, from the first line of yaml's message. */
export function invalidYaml(shown: string, error: YAMLError): UsageError {
  const reason = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  return yamlError(shown, reason, error.linePos?.[0]);
}

export interface YamlOptions {
  /**
   * Tags beyond the core schema's, e.g. CloudFormation's `!Ref` and `!Sub` (templates/cfn-yaml-tags.ts).
   * A tag no schema knows is read as if untagged and listed in `document.warnings`.
   */
  customTags?: Tags;
}

/**
 * Parses YAML text read from `shown` (named in errors).
 * @throws UsageError `ASLKIT_INVALID_YAML` with the line and column
 */
export function parseYamlText(text: string, shown: string, options: YamlOptions = {}): YamlText {
  const lines = new LineCounter();
  let document: Document.Parsed;
  try {
    document = parseDocument(text, {
      schema: 'core',
      uniqueKeys: true,
      lineCounter: lines,
      prettyErrors: true,
      ...(options.customTags ? { customTags: options.customTags } : {}),
    });
  } catch (error) {
    // The parser recurses per nesting level: a file of 100,000 '[' exhausts the stack.
    throw yamlError(shown, `cannot be parsed: ${reasonOf(error)}`);
  }
  const [first] = document.errors;
  if (first) throw invalidYaml(shown, first);
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (error) {
    // yaml throws a ReferenceError for too many aliases; name the first alias so the user can find them.
    const alias = firstAlias(document);
    const at = alias?.range ? lines.linePos(alias.range[0]) : undefined;
    const reason =
      error instanceof ReferenceError
        ? `its aliases expand too far: more than ${MAX_YAML_ALIASES} alias uses per node, refused as a resource exhaustion attack`
        : `cannot be read: ${reasonOf(error)}`;
    throw yamlError(shown, reason, at);
  }
  return { value, document, lines };
}

function firstAlias(document: Document.Parsed): { range?: [number, number, number] | null } | undefined {
  let found: { range?: [number, number, number] | null } | undefined;
  visit(document, {
    Alias(_key, node) {
      if (isAlias(node)) {
        found = node;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

const reasonOf = (error: unknown): string =>
  error instanceof RangeError ? 'it nests too deeply' : error instanceof Error ? error.message : String(error);

/**
 * Where a JSON pointer leads in a parsed document: the key of the member it names, as core's
 * JSON locations do (an item of a list: the item), or the deepest node on its way when the
 * document lacks the rest.
 */
export function nodeAtPointer(root: unknown, pointer: string): Node | undefined {
  let node = root as Node | undefined;
  let at = node;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (isMap(node)) {
      const pair = node.items.find((item) => (item.key as { value?: unknown } | null)?.value === key);
      if (!pair) break;
      at = (pair.key as Node | null) ?? at;
      node = (pair.value as Node | null) ?? undefined;
    } else if (isSeq(node)) {
      const item = node.items[Number(key)] as Node | undefined;
      if (!item) break;
      at = item;
      node = item;
    } else break;
  }
  return at;
}
