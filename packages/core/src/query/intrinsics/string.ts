/**
 * States.StringSplit behaves like Java's `StringTokenizer(text, delimiters)`: every character
 * of the second argument is a delimiter and empty pieces are dropped. AWS-observed:
 * ",,,," → [], ", , ," → [" ", " "], "1+2,3.4" with ".+," → ["1","2","3","4"], "" → [].
 * Characters are whole code points, so an emoji delimiter matches the emoji, not half of it.
 */
import { expectString } from './argument-checks.js';
import type { IntrinsicTable } from './intrinsic-function.js';

/** Non-empty pieces of `text` between any of the `delimiters` characters. */
export function splitOnAnyOf(text: string, delimiters: string): string[] {
  const delimiterSet = new Set(Array.from(delimiters));
  const pieces: string[] = [];
  let current = '';
  for (const ch of text) {
    if (!delimiterSet.has(ch)) current += ch;
    else if (current !== '') {
      pieces.push(current);
      current = '';
    }
  }
  if (current !== '') pieces.push(current);
  return pieces;
}

/** States.StringSplit. */
export const stringFunctions = {
  'States.StringSplit': {
    minArgs: 2,
    maxArgs: 2,
    evaluate: ([text, delimiters]) =>
      splitOnAnyOf(expectString(text, 'States.StringSplit'), expectString(delimiters, 'States.StringSplit')),
  },
} satisfies IntrinsicTable;
