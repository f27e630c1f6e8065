/**
 * A file a machine comes from, with the place of every value in it: templates (JSON, or YAML
 * with CloudFormation's short-form tags) and plain definition files. `position(pointer, offset)`
 * finds the value a JSON pointer names and, for a string, the character `offset` inside it, so
 * a diagnostic in a definition built from parts points at the part and the column within it.
 */
import { isMap, isScalar, isSeq, Scalar, type LineCounter, type Node } from 'yaml';
import { parseJsonText } from '../files/json-text.js';
import { parseYamlText, type YamlText } from '../files/yaml-text.js';
import { CFN_YAML_TAGS } from './cfn-yaml-tags.js';
import { TemplateError } from './template-problem.js';

/** 1-based, as editors print them. */
export interface Position {
  line: number;
  column: number;
}

export interface SourceDocument {
  /** The file as shown to the user. */
  readonly file: string;
  /** The absolute path. */
  readonly path: string;
  /** The parsed value (a text file: its text). */
  readonly value: unknown;
  /**
   * Where the value at `pointer` is (for an object member: its key), or, with `offset`, where
   * character `offset` of the string at `pointer` is. Undefined when the file does not say.
   */
  position(pointer: string, offset?: number): Position | undefined;
}

/** Reads template text: JSON when it starts with `{`, else YAML with CloudFormation's tags. */
export function templateDocument(text: string, path: string, file: string): SourceDocument {
  if (text.trimStart().startsWith('{')) {
    const value = parseJsonText(text, file);
    // JSON is YAML: the same locator serves both, parsed only when a position is asked for.
    let located: YamlText | null | undefined;
    const locate = (): YamlText | null => {
      if (located === undefined) {
        try {
          located = parseYamlText(text, file);
        } catch {
          located = null;
        }
      }
      return located;
    };
    return {
      file,
      path,
      value,
      position: (pointer, offset) => {
        const yaml = locate();
        return yaml ? positionIn(yaml, text, pointer, offset) : undefined;
      },
    };
  }
  const yaml = parseYamlText(text, file, { customTags: CFN_YAML_TAGS });
  const unknown = yaml.document.warnings.find((warning) => warning.code === 'TAG_RESOLVE_FAILED');
  if (unknown) {
    const tag = /Unresolved tag: (\S+)/.exec(unknown.message)?.[1] ?? 'tag';
    const at = unknown.linePos?.[0];
    throw new TemplateError([
      {
        file,
        ...(at ? { line: at.line, column: at.col } : {}),
        message: `unknown tag ${tag}: CloudFormation's short forms are !Ref, !GetAtt, !Sub, !Join, !If, !Select, !FindInMap, !Split, !Base64, !GetAZs, !ImportValue, !Equals, !And, !Or, !Not, !Condition, !Cidr, !Transform`,
      },
    ]);
  }
  return { file, path, value: yaml.value, position: (pointer, offset) => positionIn(yaml, text, pointer, offset) };
}

/** A plain text file (a definition file): pointer `''` and a character offset into the text. */
export function textDocument(text: string, path: string, file: string): SourceDocument {
  let starts: number[] | undefined;
  return {
    file,
    path,
    value: text,
    position: (_pointer, offset = 0) => {
      starts ??= lineStarts(text);
      return offsetPosition(starts, offset);
    },
  };
}

/** Offsets where each line of `text` starts. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

export function offsetPosition(starts: readonly number[], offset: number): Position {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - starts[low]! + 1 };
}

const unescapePointer = (segment: string): string => segment.replace(/~1/g, '/').replace(/~0/g, '~');

/** The node a pointer leads to, and the key node of the last member on the way (where a member is reported). */
function walk(root: unknown, pointer: string): { node: Node | undefined; key: Node | undefined; exact: boolean } {
  let node = root as Node | undefined;
  let key: Node | undefined;
  const segments = pointer === '' ? [] : pointer.split('/').slice(1).map(unescapePointer);
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = node.items.find((item) => scalarText(item.key) === segment);
      if (!pair) return { node, key, exact: false };
      // A key made by a short-form tag has no place of its own: the tagged node is the place.
      key = hasRange(pair.key) ? (pair.key as Node) : (pair.value as Node);
      node = (pair.value as Node | null) ?? undefined;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)] as Node | undefined;
      if (!item || !/^\d+$/.test(segment)) return { node, key, exact: false };
      key = item;
      node = item;
    } else if (isScalar(node) && typeof node.value === 'object' && node.value !== null) {
      // `!GetAtt A.B` or `!Sub '…'`: the tagged scalar stands for the whole intrinsic.
      key = node;
    } else return { node, key, exact: false };
  }
  return { node, key, exact: true };
}

const scalarText = (node: unknown): unknown => (isScalar(node) ? node.value : node);
const hasRange = (node: unknown): boolean => isScalar(node) && Array.isArray(node.range);

function positionIn(yaml: YamlText, text: string, pointer: string, offset?: number): Position | undefined {
  const { node, key, exact } = walk(yaml.document.contents, pointer);
  const at = (index: number): Position => {
    const { line, col } = yaml.lines.linePos(index);
    return { line, column: col };
  };
  if (offset !== undefined && exact && isScalar(node) && node.range) {
    const inside = characterOffset(node, text, offset, yaml.lines);
    if (inside !== undefined) return at(inside);
  }
  const place = exact ? (key ?? node) : (key ?? node);
  return place?.range ? at(place.range[0]) : undefined;
}

/**
 * The offset in the file of character `offset` of a scalar's string value, for the styles whose
 * text maps back: literal blocks (`|`: line for line), quoted strings (escapes counted as one
 * character each) and plain scalars on one line. Folded styles give undefined (the node's start).
 */
function characterOffset(node: Scalar, text: string, offset: number, lines: LineCounter): number | undefined {
  const [start, end] = node.range!;
  if (node.type === Scalar.BLOCK_LITERAL) {
    const value = typeof node.source === 'string' ? node.source : String(node.value);
    const before = value.slice(0, offset);
    const line = before.split('\n').length - 1;
    const column = offset - (before.lastIndexOf('\n') + 1);
    // Content starts on the line after the header (`|`, `|-`, `|2`, …); its indent is the first content line's.
    const headerEnd = text.indexOf('\n', start);
    if (headerEnd < 0) return undefined;
    const body = text.slice(headerEnd + 1, end);
    const indent = /^( *)\S/m.exec(body)?.[1]!.length ?? 0;
    const starts = lineStarts(body);
    if (line >= starts.length) return undefined;
    return headerEnd + 1 + starts[line]! + indent + column;
  }
  if (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE) {
    const double = node.type === Scalar.QUOTE_DOUBLE;
    let i = start + 1;
    for (let count = 0; count < offset && i < end; count++) {
      const char = text[i];
      if (double && char === '\\')
        i += text[i + 1] === 'u' ? 6 : text[i + 1] === 'x' ? 4 : text[i + 1] === 'U' ? 10 : 2;
      else if (!double && char === "'" && text[i + 1] === "'") i += 2;
      else if (char === '\n') {
        // A line break inside quotes folds into one space with the next line's indentation.
        i++;
        while (text[i] === ' ' || text[i] === '\t') i++;
      } else i++;
    }
    return i;
  }
  if (node.type === Scalar.PLAIN) {
    const { line } = lines.linePos(start);
    return lines.linePos(start + offset).line === line ? start + offset : undefined;
  }
  return undefined;
}
