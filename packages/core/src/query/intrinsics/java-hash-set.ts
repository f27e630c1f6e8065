/**
 * States.ArrayUnique's output order is Java `HashSet` order, not first-seen order: AWS returns
 * `[false, true]` for `[true, false, true, false]` and `[[2,1],[1,2]]` for `[[1,2],[1,2],[2,1]]`
 * (observations run against AWS). Those orders follow from `new HashSet<>(list)` over the Java
 * objects Jackson converts JSON to (Boolean, Integer, Long, Double, String, List, Map, null),
 * so this file reproduces Java's hashCode of those types and HashMap's bucket order.
 * Not modelled: a bucket that Java turns into a tree (8+ colliding hashes in a 64+ table).
 */
import { isJsonObject, type Json } from '../../json.js';
import { isInt32 } from './argument-checks.js';

const view = new DataView(new ArrayBuffer(8));

function stringHash(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(31, hash) + text.charCodeAt(i)) | 0;
  return hash;
}

/** `Long.hashCode` / `Double.hashCode`: the two 32-bit halves XOR-ed. */
function halvesHash(high: number, low: number): number {
  return (high ^ low) | 0;
}

function numberHash(value: number): number {
  if (isInt32(value)) return value | 0;
  if (Number.isInteger(value) && Math.abs(value) < 2 ** 63) {
    const long = BigInt.asIntN(64, BigInt(value));
    return halvesHash(Number(BigInt.asIntN(32, long >> 32n)), Number(BigInt.asIntN(32, long)));
  }
  view.setFloat64(0, value);
  return halvesHash(view.getInt32(0), view.getInt32(4));
}

/** Java's `hashCode()` of the object Jackson converts `value` to (null hashes to 0 in a HashMap). */
export function javaHashCode(value: Json): number {
  if (value === null) return 0;
  if (typeof value === 'boolean') return value ? 1231 : 1237;
  if (typeof value === 'number') return numberHash(value);
  if (typeof value === 'string') return stringHash(value);
  if (Array.isArray(value)) {
    let hash = 1;
    for (const item of value) hash = (Math.imul(31, hash) + javaHashCode(item)) | 0;
    return hash;
  }
  let hash = 0;
  if (isJsonObject(value))
    for (const key of Object.keys(value)) hash = (hash + (stringHash(key) ^ javaHashCode(value[key]!))) | 0;
  return hash;
}

/** Java's `HashMap.tableSizeFor(max(n / .75 + 1, 16))`, as `new HashSet<>(collection)` sizes its table. */
function initialCapacity(count: number): number {
  const wanted = Math.max(Math.floor(count / 0.75) + 1, 16);
  let capacity = 16;
  while (capacity < wanted && capacity < 2 ** 30) capacity *= 2;
  return capacity;
}

/**
 * A text equal for values Java's `equals` calls equal (maps ignore key order), so duplicates
 * are found in linear time even when an input is crafted to collide in one bucket.
 */
function identityKey(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(identityKey).join(',')}]`;
  if (isJsonObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${identityKey(value[key]!)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Distinct values of `items` (deep JSON equality) in the order Java's `new HashSet<>(items)` iterates them. */
export function javaHashSetOrder(items: readonly Json[]): Json[] {
  const capacity = initialCapacity(items.length);
  const seen = new Set<string>();
  const buckets = new Map<number, Json[]>();
  for (const item of items) {
    const key = identityKey(item);
    if (seen.has(key)) continue;
    seen.add(key);
    const hash = javaHashCode(item);
    const index = (hash ^ (hash >>> 16)) & (capacity - 1);
    const bucket = buckets.get(index);
    if (bucket) bucket.push(item);
    else buckets.set(index, [item]);
  }
  return [...buckets.keys()].sort((a, b) => a - b).flatMap((index) => buckets.get(index)!);
}
