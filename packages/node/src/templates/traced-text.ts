/**
 * Text that remembers where each of its characters came from. A `DefinitionString` built with
 * `Fn::Join` or `Fn::Sub`, or a definition file after `${Name}` substitution, is one string to the
 * engine; its segments lead a diagnostic at any character back to the template part (and the
 * column inside it) that holds that character.
 */
import type { Position, SourceDocument } from './source-document.js';

/** Where a run of characters came from: the value at `pointer`, from its character `offset` on when given. */
export interface Origin {
  document: SourceDocument;
  pointer: string;
  /** Set when the characters are a literal run of that string; absent for a computed value (a Ref, a GetAtt). */
  offset?: number;
  /** Every character is at `offset` (a `${Name}` inside a string, standing for its value). */
  fixed?: boolean;
}

export interface TextSegment {
  start: number;
  end: number;
  origin: Origin;
}

export interface TracedText {
  text: string;
  segments: TextSegment[];
}

/** A literal string of the document, character for character. */
export const literalText = (text: string, document: SourceDocument, pointer: string, offset = 0): TracedText => ({
  text,
  segments: text === '' ? [] : [{ start: 0, end: text.length, origin: { document, pointer, offset } }],
});

/** A computed value, all of it attributed to the place that computed it. */
export const computedText = (text: string, document: SourceDocument, pointer: string): TracedText => ({
  text,
  segments: text === '' ? [] : [{ start: 0, end: text.length, origin: { document, pointer } }],
});

/** The parts one after the other. */
export function joinTexts(parts: readonly TracedText[]): TracedText {
  let text = '';
  const segments: TextSegment[] = [];
  for (const part of parts) {
    for (const segment of part.segments)
      segments.push({ ...segment, start: segment.start + text.length, end: segment.end + text.length });
    text += part.text;
  }
  return { text, segments };
}

/** A piece of `traced`, from `start` to `end`, with its origins cut to fit. */
export function sliceText(traced: TracedText, start: number, end: number): TracedText {
  const segments: TextSegment[] = [];
  for (const segment of traced.segments) {
    const from = Math.max(segment.start, start);
    const to = Math.min(segment.end, end);
    if (from >= to) continue;
    const { origin } = segment;
    segments.push({
      start: from - start,
      end: to - start,
      origin:
        origin.offset === undefined || origin.fixed
          ? origin
          : { ...origin, offset: origin.offset + (from - segment.start) },
    });
  }
  return { text: traced.text.slice(start, end), segments };
}

/** A place in a file; line and column when the file says. */
export type FilePlace = Partial<Position> & { file: string };

/** Where a value of `document` is, as a place. */
export function placeOf(document: SourceDocument, pointer: string, offset?: number): FilePlace {
  const position = document.position(pointer, offset);
  return position ? { file: document.file, ...position } : { file: document.file };
}

/** The file and position of character `index` (the last character when past the end). */
export function tracePosition(traced: TracedText, index: number): FilePlace | undefined {
  const at = Math.max(0, Math.min(index, traced.text.length - 1));
  // Past the end: the last character's place; a character with no origin (a value given on the command line): none.
  const segment =
    index >= traced.text.length ? traced.segments.at(-1) : traced.segments.find((s) => s.start <= at && at < s.end);
  if (!segment) return undefined;
  const { document, pointer, offset, fixed } = segment.origin;
  return placeOf(document, pointer, offset === undefined ? undefined : fixed ? offset : offset + (at - segment.start));
}
