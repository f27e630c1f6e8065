/**
 * JSON manipulation: States.StringToJson, States.JsonToString, States.JsonMerge.
 */
import { setOwn, type Json, type JsonObject } from '../../json.js';
import { expectObject, expectString } from './argument-checks.js';
import { invalidArguments, type IntrinsicTable } from './intrinsic-function.js';
import { compactJson } from './java-text.js';

/**
 * Parses JSON text. Empty or blank text is `null` (AWS returns null for "", conformance
 * string_to_json__h0). `-0` becomes 0, as Jackson reads it as the integer 0. JSON.parse
 * defines keys as own data properties, so `__proto__` in the text stays a plain key.
 */
function parseJsonText(text: string): Json {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text, (_key, value: unknown) => (Object.is(value, -0) ? 0 : value)) as Json;
  } catch {
    throw invalidArguments('States.StringToJson');
  }
}

/**
 * Jackson's `JsonNode.asBoolean()`: AWS accepts a non-boolean deep flag such as "false" and
 * merges shallowly, so the flag is read leniently; only a true reading is refused.
 */
function readsAsTrue(flag: Json | undefined): boolean {
  if (typeof flag === 'boolean') return flag;
  if (typeof flag === 'string') return flag.trim() === 'true';
  if (typeof flag === 'number') return flag !== 0;
  return false;
}

/** Shallow merge: `right`'s keys win, nested objects are replaced whole (conformance json_merge__h0). */
function shallowMerge(left: JsonObject, right: JsonObject): JsonObject {
  const merged: JsonObject = {};
  for (const key of Object.keys(left)) setOwn(merged, key, left[key]!);
  for (const key of Object.keys(right)) setOwn(merged, key, right[key]!);
  return merged;
}

/** States.StringToJson, States.JsonToString, States.JsonMerge. */
export const jsonFunctions = {
  'States.StringToJson': {
    minArgs: 1,
    maxArgs: 1,
    evaluate: ([text]) => parseJsonText(expectString(text, 'States.StringToJson')),
  },

  'States.JsonToString': { minArgs: 1, maxArgs: 1, evaluate: ([value]) => compactJson(value!) },

  // Deep merging is documented as unsupported: `true` must fail.
  'States.JsonMerge': {
    minArgs: 3,
    maxArgs: 3,
    evaluate: ([left, right, deep]) => {
      const name = 'States.JsonMerge';
      const merged = shallowMerge(expectObject(left, name), expectObject(right, name));
      if (readsAsTrue(deep)) throw invalidArguments(name);
      return merged;
    },
  },
} satisfies IntrinsicTable;
