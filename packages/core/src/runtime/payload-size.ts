/**
 * Payload sizes as AWS measures them: the UTF-8 bytes of a value's JSON text. A value is
 * measured before it is written, and the measuring stops as soon as the limit is passed, so a
 * value that shares one large object many times over (a Parameters template referencing `$` a
 * thousand times) costs at most the limit to refuse, never the gigabytes of its text.
 */
import { MAX_JSON_DEPTH } from '../json.js';

const NON_ASCII = /[^\x00-\x7f]/;
/** Characters whose JSON text is not one byte: controls, `"`, `\` and everything past ASCII. */
const NOT_PLAIN = /[\x00-\x1f"\\\u0080-\uffff]/;

/** UTF-8 size of a JSON text, for AWS's 256 KiB payload limit, without allocating bytes. */
export function utf8Length(text: string): number {
  // Most JSON is ASCII: one native scan instead of a loop over every character.
  if (!NON_ASCII.test(text)) return text.length;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** `jsonBytes` found the text longer than the limit. */
export const OVER_LIMIT = -1;
/** `jsonBytes` found containers nested deeper than `MAX_JSON_DEPTH` (or a cycle). */
export const TOO_DEEP = -2;

/**
 * The UTF-8 size of `JSON.stringify(value)` if it is at most `maxBytes`; `OVER_LIMIT` as soon
 * as it is known to be more, `TOO_DEEP` past `MAX_JSON_DEPTH` levels. `undefined` (which has no
 * text) measures 0. Follows JSON.stringify's rules (toJSON, skipped undefined and functions).
 * @throws TypeError for a BigInt, as JSON.stringify does.
 */
export function jsonBytes(value: unknown, maxBytes: number): number {
  // An unlimited budget stays finite, so that what is left says what was used.
  const budget = Math.min(maxBytes, Number.MAX_SAFE_INTEGER);
  const left = measure(replaced(value, ''), budget, 0);
  return left >= 0 ? budget - left : left === DEEP ? TOO_DEEP : OVER_LIMIT;
}

/**
 * `JSON.stringify(value)` when its text is at most `maxBytes` UTF-8 bytes (and nested at most
 * `MAX_JSON_DEPTH` deep), else `OVER_LIMIT` or `TOO_DEEP`; the text is only written once it is
 * known to fit.
 * @example
 * jsonTextWithin({ a: 1 }, 262_144) // '{"a":1}'
 * jsonTextWithin('x'.repeat(10), 8) // OVER_LIMIT
 */
export function jsonTextWithin(value: unknown, maxBytes: number): string | typeof OVER_LIMIT | typeof TOO_DEEP {
  // A finite number is its own text and needs no walk.
  if (typeof value === 'number' && Number.isFinite(value)) {
    const text = String(value);
    return text.length > maxBytes ? OVER_LIMIT : text;
  }
  const bytes = jsonBytes(value, maxBytes);
  if (bytes < 0) return bytes as typeof OVER_LIMIT | typeof TOO_DEEP;
  return JSON.stringify(value) ?? 'null';
}

// The budget measuring stopped at when containers nest too deeply; any other negative budget means "over".
const DEEP = -Infinity;

/** What JSON.stringify writes in place of `value`: its `toJSON(key)` when it has one. */
const replaced = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function'
    ? (value as { toJSON(key: string): unknown }).toJSON(key)
    : value;

/** undefined, functions and symbols have no text: skipped in objects, `null` in arrays. */
const hasNoText = (value: unknown): boolean =>
  value === undefined || typeof value === 'function' || typeof value === 'symbol';

/** Returns the budget left after `value`'s text (toJSON already applied), negative once exhausted. */
function measure(value: unknown, budget: number, depth: number): number {
  switch (typeof value) {
    case 'string':
      return budget - stringBytes(value, budget);
    case 'number':
      return budget - (Number.isFinite(value) ? numberLength(value) : 4);
    case 'boolean':
      return budget - (value ? 4 : 5);
    case 'bigint':
      throw new TypeError('Do not know how to serialize a BigInt');
    case 'object':
      break;
    default:
      // The root of JSON.stringify(undefined) has no text at all.
      return budget;
  }
  if (value === null) return budget - 4;
  if (depth >= MAX_JSON_DEPTH) return DEEP;
  if (Array.isArray(value)) {
    budget -= value.length > 0 ? value.length + 1 : 2;
    for (let i = 0; i < value.length && budget >= 0; i++) {
      const item = replaced(value[i], String(i));
      budget = hasNoText(item) ? budget - 4 : measure(item, budget, depth + 1);
    }
    return budget;
  }
  // Boxed primitives are written as their primitive value.
  const constructor = (value as { constructor?: unknown }).constructor;
  if (constructor !== Object && (value instanceof Number || value instanceof String || value instanceof Boolean))
    return measure(value.valueOf(), budget, depth);
  budget -= 2;
  let first = true;
  const object = value as Record<string, unknown>;
  // for-in (own keys only, as JSON.stringify) allocates no key list: this runs for every state's output.
  for (const name in object) {
    if (!hasOwn.call(object, name)) continue;
    const member = replaced(object[name], name);
    if (hasNoText(member)) continue;
    // The key, its colon, and a comma before every member but the first.
    budget -= stringBytes(name, budget) + (first ? 1 : 2);
    first = false;
    if (budget < 0) return budget;
    budget = measure(member, budget, depth + 1);
    if (budget < 0) return budget;
  }
  return budget;
}

const hasOwn = Object.prototype.hasOwnProperty;

/** Characters of a finite number's JSON text; small integers are counted without writing them. */
function numberLength(value: number): number {
  if (value >= 0 && value < 1e9 && Math.floor(value) === value) {
    let length = 1;
    for (let bound = 10; bound <= value; bound *= 10) length++;
    return length;
  }
  return String(value).length;
}

/**
 * Bytes of a string's JSON text (quotes and escapes included), or something over `budget` once
 * it cannot fit: every character takes at least one byte, so a long string is refused unread.
 */
function stringBytes(text: string, budget: number): number {
  const length = text.length;
  if (length + 2 > budget) return length + 2;
  // Keys and short values are mostly plain ASCII: a loop beats a regular expression call there.
  if (length < 32) {
    for (let i = 0; i < length; i++) {
      const code = text.charCodeAt(i);
      if (code < 0x20 || code === 0x22 || code === 0x5c || code > 0x7e) return escapedBytes(text);
    }
    return length + 2;
  }
  return NOT_PLAIN.test(text) ? escapedBytes(text) : length + 2;
}

function escapedBytes(text: string): number {
  let bytes = 2;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20) bytes += code === 0x08 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d ? 2 : 6;
    else if (code === 0x22 || code === 0x5c) bytes += 2;
    else if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdfff) {
      // A surrogate pair is one 4-byte character; a lone surrogate is written as a \uXXXX escape.
      const next = text.charCodeAt(i + 1);
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 6;
    } else bytes += 3;
  }
  return bytes;
}
