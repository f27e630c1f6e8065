/**
 * States.Base64Encode / States.Base64Decode over UTF-8, each limited to 10,000 characters
 * of input (10,000 passes on AWS, 10,001 fails).
 *
 * Decoding is lenient the way Apache commons-codec is, because AWS is: it decodes
 * '!!!invalid!!!', 'abc', 'ab==cd' and ' YWJjZA== ' instead of failing. Characters outside
 * the alphabet are skipped, the first '=' ends the data, and leftover bits are dropped.
 * Bytes that are not UTF-8 become U+FFFD, as Java's `new String(bytes, UTF_8)` does.
 */
import { expectStringWithin } from './argument-checks.js';
import type { IntrinsicTable } from './intrinsic-function.js';

/** AWS documents 10,000 characters as the input limit of both functions. */
export const MAX_BASE64_INPUT = 10_000;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Map<string, number>([...ALPHABET].map((ch, i) => [ch, i]));
// commons-codec also reads the URL-safe alphabet.
DECODE.set('-', 62);
DECODE.set('_', 63);

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** UTF-8 bytes as Java's `getBytes(UTF_8)` makes them: a lone surrogate becomes '?'. */
export function utf8Bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text.replace(LONE_SURROGATE, '?'));
}

/** Standard Base64 with padding. */
export function base64Encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const word = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += ALPHABET[word >> 18]! + ALPHABET[(word >> 12) & 63]!;
    out += b === undefined ? '=' : ALPHABET[(word >> 6) & 63]!;
    out += c === undefined ? '=' : ALPHABET[word & 63]!;
  }
  return out;
}

/** Base64 decoded the lenient commons-codec way (see the file comment). */
export function base64DecodeLenient(text: string): Uint8Array {
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of text) {
    if (ch === '=') break;
    const sextet = DECODE.get(ch);
    if (sextet === undefined) continue;
    buffer = ((buffer << 6) | sextet) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  return Uint8Array.from(bytes);
}

/** States.Base64Encode, States.Base64Decode. */
export const encodingFunctions = {
  'States.Base64Encode': {
    minArgs: 1,
    maxArgs: 1,
    evaluate: ([text]) => base64Encode(utf8Bytes(expectStringWithin(text, 'States.Base64Encode', MAX_BASE64_INPUT))),
  },

  'States.Base64Decode': {
    minArgs: 1,
    maxArgs: 1,
    evaluate: ([text]) => {
      const bytes = base64DecodeLenient(expectStringWithin(text, 'States.Base64Decode', MAX_BASE64_INPUT));
      // ignoreBOM keeps a leading U+FEFF, as Java does.
      return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    },
  },
} satisfies IntrinsicTable;
