/** Any JSON value, as ASL passes it between states. */
export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

/**
 * How deeply JSON may nest (objects and arrays inside one another), in a definition and in every
 * value of a run. Deeper data would exhaust the host's stack in the parsers, the validator and
 * JSON.stringify; real definitions and payloads stay far below it. docs/reference/limits.md.
 */
export const MAX_JSON_DEPTH = 1000;

/** A JSON object: not null, not an array (arrays are objects to `typeof`). */
export const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An object that is not an array, its values not yet trusted (parsed input, a recorded history). */
export const isRecord = (value: unknown): value is Record<string, unknown> => isJsonObject(value);

/**
 * JSON text as a `Json` value: the one place JSON.parse's `any` is typed. For text that is JSON by
 * construction (written by JSON.stringify, or a recorded history's payload); it throws a SyntaxError otherwise.
 */
export const parseJson = (text: string): Json => JSON.parse(text) as Json;

/**
 * A value as text in a message or an identifier: a string as it is, anything else as JSON (never
 * `[object Object]`), `undefined` as ''.
 */
export const asText = (value: unknown): string =>
  typeof value === 'string' ? value : value === undefined ? '' : (JSON.stringify(value) ?? typeof value);

/** Enough of a value to name it in an error (as JSON, cut at 40 characters) without echoing a large hostile one. */
export function quote(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** Own-property lookup that never reaches `Object.prototype` (hostile keys like `__proto__`). */
export const hasOwn = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

/**
 * Sets a key without invoking the `__proto__` setter, so user data named `__proto__`
 * stays data instead of re-parenting the object.
 */
export function setOwn(object: JsonObject, key: string, value: Json): void {
  if (key === '__proto__')
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  else object[key] = value;
}

/** JSON equality as AWS compares values: key order ignored, 1 and 1.0 equal. */
export function jsonEquals(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEquals(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) if (!hasOwn(b, key) || !jsonEquals(a[key], b[key])) return false;
  return true;
}

/** The JSON type name AWS uses in messages. */
export function jsonTypeName(value: Json): 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value as 'boolean' | 'number' | 'string' | 'object';
}
