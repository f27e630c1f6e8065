/**
 * Array intrinsics. Behaviours below that differ from the obvious reading were observed on
 * AWS (a characterization suite run against AWS, plus the conformance cases).
 */
import type { Json } from '../../json.js';
import { expectArray, truncatedInt } from './argument-checks.js';
import { invalidArguments, type IntrinsicTable } from './intrinsic-function.js';
import { javaHashSetOrder } from './java-hash-set.js';
import { javaString } from './java-text.js';

/** Documented: "ArrayRange ... can return up to 1000 elements"; 1000 passes on AWS, 1001 fails. */
export const MAX_RANGE_ITEMS = 1000;

function arrayRange(start: number, end: number, step: number, name: string): number[] {
  if (step === 0) throw invalidArguments(name);
  // The end is included when the steps land on it; a step pointing away from `end` gives [].
  const distance = (end - start) / step;
  const count = distance < 0 ? 0 : Math.floor(distance) + 1;
  if (count > MAX_RANGE_ITEMS) throw invalidArguments(name);
  return Array.from({ length: count }, (_, i) => start + i * step);
}

function partition(items: readonly Json[], size: number): Json[][] {
  const chunks: Json[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** States.Array, ArrayPartition, ArrayContains, ArrayRange, ArrayGetItem, ArrayLength, ArrayUnique. */
export const arrayFunctions = {
  'States.Array': { minArgs: 0, maxArgs: Infinity, evaluate: (args) => [...args] },

  // Chunk size: a Java int cut toward zero (2.6 → 2; 0.6 → 0, which AWS rejects like 0 and -1).
  'States.ArrayPartition': {
    minArgs: 2,
    maxArgs: 2,
    evaluate: ([array, size]) => {
      const name = 'States.ArrayPartition';
      const items = expectArray(array, name);
      const chunk = truncatedInt(size, name);
      if (chunk <= 0) throw invalidArguments(name);
      return partition(items, chunk);
    },
  },

  // AWS compares Java string renderings, not JSON values: it finds `true` in ["true"] and
  // 9007199254740991 in ["9007199254740991"], but not {"b":2,"a":1} in [{"a":1,"b":2}].
  'States.ArrayContains': {
    minArgs: 2,
    maxArgs: 2,
    evaluate: ([array, value]) => {
      const items = expectArray(array, 'States.ArrayContains');
      const wanted = javaString(value!);
      return items.some((item) => javaString(item) === wanted);
    },
  },

  // Arguments are cut toward zero: AWS gives [1] for (1.6, 1.4, 1) and [5, 3, 1] for (5.4, -0.6, -2.4).
  'States.ArrayRange': {
    minArgs: 3,
    maxArgs: 3,
    evaluate: ([start, end, step]) => {
      const name = 'States.ArrayRange';
      return arrayRange(truncatedInt(start, name), truncatedInt(end, name), truncatedInt(step, name), name);
    },
  },

  // Index cut toward zero (1.2 reads index 1). Out of range fails, except that AWS answers
  // null for any index into an empty array.
  'States.ArrayGetItem': {
    minArgs: 2,
    maxArgs: 2,
    evaluate: ([array, index]) => {
      const name = 'States.ArrayGetItem';
      const items = expectArray(array, name);
      const at = truncatedInt(index, name);
      if (at < 0) throw invalidArguments(name);
      if (items.length === 0) return null;
      if (at >= items.length) throw invalidArguments(name);
      return items[at]!;
    },
  },

  'States.ArrayLength': {
    minArgs: 1,
    maxArgs: 1,
    evaluate: ([array]) => expectArray(array, 'States.ArrayLength').length,
  },

  // Deep equality (key order ignored) but Java HashSet iteration order, as AWS returns it.
  'States.ArrayUnique': {
    minArgs: 1,
    maxArgs: 1,
    evaluate: ([array]) => javaHashSetOrder(expectArray(array, 'States.ArrayUnique')),
  },
} satisfies IntrinsicTable;
