/**
 * JSON pointer → line and column in the definition's text, read off the location-keeping
 * momoa parser. Also lists keys repeated within one object, which `JSON.parse` silently
 * collapses (a repeated state name is otherwise invisible).
 */
import { parse, type DocumentNode, type ValueNode } from '@humanwhocodes/momoa';
import { pointerSegment } from './diagnostics.js';

/** 1-based, as editors and compilers print them. */
export interface SourcePosition {
  line: number;
  column: number;
}

export interface SourceIndex {
  /**
   * Where `pointer` is: the key of an object member (so `/States/A/Next` lands on `"Next"`),
   * an array element's value, or, for a pointer that goes past the text, the deepest part found.
   */
  locate(pointer: string): SourcePosition;
  /** Pointers of the second and later occurrences of a key within one object, in text order. */
  readonly duplicateKeys: readonly string[];
}

/** Indexes `text`, or `undefined` when momoa cannot parse it (not JSON, or nested beyond its stack). */
export function indexSource(text: string): SourceIndex | undefined {
  let document: DocumentNode;
  try {
    document = parse(text, { mode: 'json' });
  } catch {
    return undefined;
  }
  return { locate: (pointer) => locate(document, pointer), duplicateKeys: findDuplicateKeys(document.body) };
}

/**
 * True when `text` repeats a key within some object: it has more `"key":` members than the
 * parsed `value` has keys. A cheap pre-check, so valid text is never parsed twice.
 */
export function hasRepeatedKeys(text: string, value: unknown): boolean {
  let keys = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (Array.isArray(item)) for (const element of item) pending.push(element);
    else if (typeof item === 'object' && item !== null) {
      for (const key of Object.keys(item)) {
        keys++;
        pending.push((item as Record<string, unknown>)[key]);
      }
    }
  }
  return countMembers(text) > keys;
}

const isJsonSpace = (code: number): boolean => code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;

/** Members of valid JSON text: strings followed by ':' (only a key can be). */
function countMembers(text: string): number {
  let members = 0;
  let i = 0;
  while (i < text.length) {
    if (text.charCodeAt(i) !== 0x22) {
      i++;
      continue;
    }
    i++;
    while (i < text.length && text.charCodeAt(i) !== 0x22) i += text.charCodeAt(i) === 0x5c ? 2 : 1;
    i++;
    while (isJsonSpace(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) === 0x3a) members++;
  }
  return members;
}

const unescape = (segment: string): string => segment.replace(/~1/g, '/').replace(/~0/g, '~');

function locate(document: DocumentNode, pointer: string): SourcePosition {
  let node: ValueNode = document.body;
  let position = toPosition(node.loc.start);
  // `/` is the root in AWS's locations; `''` is the root as an RFC 6901 pointer.
  const segments = pointer === '' || pointer === '/' ? [] : pointer.split('/').slice(1).map(unescape);
  for (const segment of segments) {
    if (node.type === 'Object') {
      // JSON.parse keeps the last of repeated keys, so the pointer means the last one.
      let member: (typeof node.members)[number] | undefined;
      for (const candidate of node.members)
        if (candidate.name.type === 'String' && candidate.name.value === segment) member = candidate;
      if (!member) break;
      position = toPosition(member.name.loc.start);
      node = member.value;
    } else if (node.type === 'Array' && /^\d+$/.test(segment)) {
      const element = node.elements[Number(segment)];
      if (!element) break;
      position = toPosition(element.value.loc.start);
      node = element.value;
    } else break;
  }
  return position;
}

const toPosition = (location: { line: number; column: number }): SourcePosition => ({
  line: location.line,
  column: location.column,
});

function findDuplicateKeys(body: ValueNode): string[] {
  const duplicates: [number, string][] = [];
  const pending: [ValueNode, string][] = [[body, '']];
  while (pending.length > 0) {
    const [node, pointer] = pending.pop()!;
    if (node.type === 'Array') {
      node.elements.forEach((element, i) => pending.push([element.value, `${pointer}/${i}`]));
    } else if (node.type === 'Object') {
      const seen = new Set<string>();
      for (const member of node.members) {
        const key = member.name.type === 'String' ? member.name.value : member.name.name;
        const memberPointer = `${pointer}/${pointerSegment(key)}`;
        if (seen.has(key)) duplicates.push([member.loc.start.offset, memberPointer]);
        seen.add(key);
        pending.push([member.value, memberPointer]);
      }
    }
  }
  return duplicates.sort((a, b) => a[0] - b[0]).map(([, pointer]) => pointer);
}
