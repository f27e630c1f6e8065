/**
 * A distributed Map's dataset may be a JSON object (AWS: "If the input to the Map state is a JSON
 * object, it runs an iteration for each key-value pair"): its values become the items, in the
 * object's order, and each item's key is `$$.Map.Item.Key`. The keys ride beside the items array
 * in a side table, so arrays (every inline Map, most distributed ones) pay nothing.
 */
import type { Json, JsonObject } from '../json.js';

const keysOf = new WeakMap<readonly Json[], readonly string[]>();

/** The object's values as items (at most `maxItems`), their keys remembered for `itemKey`. */
export function keyedItems(object: JsonObject, maxItems = Infinity): Json[] {
  const keys = Object.keys(object);
  if (keys.length > maxItems) keys.length = maxItems;
  const items = keys.map((key) => object[key]!);
  keysOf.set(items, keys);
  return items;
}

/** The key of item `index` when the items came from an object, else `undefined`. */
export const itemKey = (items: readonly Json[], index: number): string | undefined => keysOf.get(items)?.[index];
