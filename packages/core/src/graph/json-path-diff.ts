/**
 * A small structural diff of two JSON values, for showing what one data-flow stage changed:
 * the paths added, removed and changed, written as JSONPath (`$.price.total`, `$.items[0]`).
 * Arrays compare index by index (a value inserted at the front changes every index after it),
 * which is what a reader of `$.items[2]` expects.
 *
 * Hand-written rather than microdiff or deep-diff: those test keys with `in`, so JSON keys that
 * name `Object.prototype` members (`constructor`, `toString`) come out wrong, and they recurse,
 * so deeply nested data exhausts the stack. This walks with an explicit stack and own keys only.
 */
import { hasOwn, type Json } from '../json.js';

export type JsonChangeKind = 'added' | 'removed' | 'changed';

/** One difference: where, and what kind. `path` is JSONPath from the root (`$` for the root itself). */
export interface JsonChange {
  kind: JsonChangeKind;
  path: string;
}

/**
 * What changed between two values. `changes` holds the first `limit` of them, shallow first: at
 * each level the keys or items added and removed, then what changed inside the values both hold.
 */
export interface JsonPathDiff {
  changes: JsonChange[];
  added: number;
  removed: number;
  changed: number;
  /** More changes were found than `changes` holds. */
  truncated: boolean;
}

/** How many changes a diff lists by default; the counts cover them all. */
export const JSON_PATH_DIFF_LIMIT = 100;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `$.a`, or `$['a b']` for a key that is not an identifier. */
const child = (path: string, key: string | number): string => {
  if (typeof key === 'number') return `${path}[${key}]`;
  return IDENTIFIER.test(key) ? `${path}.${key}` : `${path}['${key.replace(/[\\']/g, '\\$&')}']`;
};

/**
 * The paths added, removed and changed from `before` to `after`. A value whose type changes
 * (object to array, string to number) is one change at its path; key order is ignored.
 * @example
 * jsonPathDiff({ a: 1, b: { c: 2 } }, { a: 1, b: { c: 3 }, d: true });
 * // { changes: [{ kind: 'changed', path: '$.b.c' }, { kind: 'added', path: '$.d' }], added: 1, removed: 0, changed: 1, truncated: false }
 */
export function jsonPathDiff(before: Json, after: Json, limit: number = JSON_PATH_DIFF_LIMIT): JsonPathDiff {
  const diff: JsonPathDiff = { changes: [], added: 0, removed: 0, changed: 0, truncated: false };
  const note = (kind: JsonChangeKind, path: string) => {
    diff[kind]++;
    if (diff.changes.length < limit) diff.changes.push({ kind, path });
    else diff.truncated = true;
  };
  // Pairs still to compare (an explicit stack: deep data must not exhaust the call stack).
  const stack: [Json, Json, string][] = [[before, after, '$']];
  while (stack.length > 0) {
    const [a, b, path] = stack.pop()!;
    if (Object.is(a, b)) continue;
    if (
      a === null ||
      b === null ||
      typeof a !== 'object' ||
      typeof b !== 'object' ||
      Array.isArray(a) !== Array.isArray(b)
    ) {
      note('changed', path);
      continue;
    }
    const pending: [Json, Json, string][] = [];
    if (Array.isArray(a) && Array.isArray(b)) {
      const common = Math.min(a.length, b.length);
      for (let i = 0; i < common; i++) pending.push([a[i]!, b[i]!, child(path, i)]);
      const tail: JsonChange[] = [];
      for (let i = common; i < a.length; i++) tail.push({ kind: 'removed', path: child(path, i) });
      for (let i = common; i < b.length; i++) tail.push({ kind: 'added', path: child(path, i) });
      pushInOrder(stack, pending, tail);
      continue;
    }
    const objectA = a as Record<string, Json>;
    const objectB = b as Record<string, Json>;
    const tail: JsonChange[] = [];
    for (const key of Object.keys(objectA)) {
      if (hasOwn(objectB, key)) pending.push([objectA[key]!, objectB[key]!, child(path, key)]);
      else tail.push({ kind: 'removed', path: child(path, key) });
    }
    for (const key of Object.keys(objectB))
      if (!hasOwn(objectA, key)) tail.push({ kind: 'added', path: child(path, key) });
    pushInOrder(stack, pending, tail);
  }
  return diff;

  function pushInOrder(stack: [Json, Json, string][], pending: [Json, Json, string][], tail: JsonChange[]): void {
    // This level's additions and removals now; the pairs reversed so they pop in key order.
    for (const change of tail) note(change.kind, change.path);
    for (let i = pending.length - 1; i >= 0; i--) stack.push(pending[i]!);
  }
}
