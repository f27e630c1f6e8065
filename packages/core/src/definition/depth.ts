/**
 * The nesting limit of definitions (MAX_JSON_DEPTH), checked without recursion before anything
 * recursive walks a definition (momoa, ajv, the rules, the compile step): deeper nesting is
 * refused with a located TOO_DEEPLY_NESTED diagnostic instead of exhausting the host's stack.
 */
import { MAX_JSON_DEPTH } from '../json.js';
import { DiagnosticCode, pointerSegment, type Diagnostic } from './diagnostics.js';

/** Where the first value nested too deeply starts: its JSON pointer and, in text, its line and column. */
export interface TooDeep {
  pointer: string;
  line?: number;
  column?: number;
}

export const tooDeeplyNested = ({ pointer, line, column }: TooDeep): Diagnostic => ({
  code: DiagnosticCode.TooDeeplyNested,
  severity: 'ERROR',
  message: `The definition is nested more than ${MAX_JSON_DEPTH} levels deep`,
  path: pointer,
  ...(line === undefined ? {} : { line, column }),
});

const isContainer = (value: unknown): value is object => typeof value === 'object' && value !== null;

interface Frame {
  node: object;
  keys: string[] | undefined;
  index: number;
}

/**
 * The first object or array (in document order) inside more than MAX_JSON_DEPTH containers, or
 * `undefined`. A cycle is not depth: it is left to the JSON check that refuses it.
 */
export function findTooDeep(root: unknown): TooDeep | undefined {
  if (!isContainer(root)) return undefined;
  const frames: Frame[] = [frameOf(root)];
  const open = new Set<object>([root]);
  while (frames.length > 0) {
    const top = frames[frames.length - 1]!;
    const length = top.keys ? top.keys.length : (top.node as unknown[]).length;
    if (top.index >= length) {
      open.delete(frames.pop()!.node);
      continue;
    }
    const key = top.keys ? top.keys[top.index]! : top.index;
    top.index++;
    const child = (top.node as Record<string | number, unknown>)[key];
    if (!isContainer(child) || open.has(child)) continue;
    if (frames.length >= MAX_JSON_DEPTH) {
      const segments = frames.map((frame) => (frame.keys ? frame.keys[frame.index - 1]! : frame.index - 1));
      return { pointer: `/${segments.map(pointerSegment).join('/')}` };
    }
    frames.push(frameOf(child));
    open.add(child);
  }
  return undefined;
}

const frameOf = (node: object): Frame => ({
  node,
  keys: Array.isArray(node) ? undefined : Object.keys(node),
  index: 0,
});

/** A container being read in `findTooDeepInText`: an array's element index, or an object's key. */
interface TextFrame {
  array: boolean;
  segment: string | number;
  expectKey: boolean;
}

/**
 * The first object or array of JSON `text` that opens inside more than MAX_JSON_DEPTH
 * containers, with its pointer and 1-based line and column; `undefined` if none. It reads
 * the brackets outside strings only, so it works on text too deep for `JSON.parse`.
 */
export function findTooDeepInText(text: string): TooDeep | undefined {
  const frames: TextFrame[] = [];
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22 /* " */) {
      const start = i;
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
      const top = frames[frames.length - 1];
      if (top && !top.array && top.expectKey) {
        top.segment = keyOf(text.slice(start, i + 1));
        top.expectKey = false;
      }
    } else if (code === 0x7b /* { */ || code === 0x5b /* [ */) {
      if (frames.length >= MAX_JSON_DEPTH) {
        const pointer = `/${frames.map((frame) => pointerSegment(frame.segment)).join('/')}`;
        return { pointer, line, column: i - lineStart + 1 };
      }
      frames.push({ array: code === 0x5b, segment: code === 0x5b ? 0 : '', expectKey: code === 0x7b });
    } else if (code === 0x7d /* } */ || code === 0x5d /* ] */) frames.pop();
    else if (code === 0x2c /* , */) {
      const top = frames[frames.length - 1];
      if (top?.array) top.segment = (top.segment as number) + 1;
      else if (top) top.expectKey = true;
    } else if (code === 0x0a) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return undefined;
}

function keyOf(quoted: string): string {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return quoted.slice(1, -1);
  }
}
