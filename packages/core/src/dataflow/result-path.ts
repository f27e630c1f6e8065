/**
 * ResultPath: writes a result into the state's raw input. Only reference paths (names and
 * indexes) can be written; intermediate objects are created as needed. Writes copy the
 * spine they walk and nothing else, so values shared with other states are never mutated.
 */
import { hasOwn, isJsonObject, setOwn, type Json, type JsonObject } from '../json.js';
import { ErrorName, StatesError } from '../errors/states-error.js';
import type { CompiledPath, PathSegment } from '../query/jsonpath.js';

/** `null` ResultPath discards the result; `undefined` (absent) means `$`. */
export function applyResultPath(input: Json, result: Json, path: CompiledPath | null | undefined): Json {
  if (path === null) return input;
  if (path === undefined || path.segments?.length === 0) return result;
  const segments = path.segments!;
  const written = writeAt(input, segments, 0, result);
  if (written === undefined) {
    throw new StatesError(
      ErrorName.ResultPathMatchFailure,
      `Unable to apply ReferencePath ${path.source} to input ${JSON.stringify(input)}`,
    );
  }
  return written;
}

function writeAt(
  target: Json | undefined,
  segments: readonly PathSegment[],
  at: number,
  value: Json,
): Json | undefined {
  if (at === segments.length) return value;
  const segment = segments[at]!;
  if (typeof segment === 'number') {
    if (!Array.isArray(target)) return undefined;
    const index = segment < 0 ? target.length + segment : segment;
    if (index < 0 || index >= target.length) return undefined;
    const child = writeAt(target[index], segments, at + 1, value);
    if (child === undefined) return undefined;
    const copy = target.slice();
    copy[index] = child;
    return copy;
  }
  if (target !== undefined && !isJsonObject(target)) return undefined;
  const existing = target !== undefined && hasOwn(target, segment) ? target[segment] : undefined;
  const child = writeAt(existing === undefined ? {} : existing, segments, at + 1, value);
  if (child === undefined) return undefined;
  const copy: JsonObject = target === undefined ? {} : { ...target };
  setOwn(copy, segment, child);
  return copy;
}
