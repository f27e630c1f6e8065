/**
 * A distributed Map's ItemBatcher: the items (after ItemSelector) grouped into child inputs of
 * the form `{"BatchInput": ..., "Items": [...]}`, each holding at most MaxItemsPerBatch items and at
 * most MaxInputBytesPerBatch bytes of JSON text.
 */
import type { Json, JsonObject } from '../json.js';
import { ErrorName, StatesError } from '../errors/states-error.js';
import { jsonBytes, utf8Length } from '../runtime/payload-size.js';

export interface BatchLimits {
  /** Items per batch (Infinity: no limit of its own). */
  maxItems: number;
  /** Bytes of a child input (Infinity: no limit of its own). */
  maxBytes: number;
  /** BatchInput, evaluated; `undefined` when the state sets none. */
  batchInput: Json | undefined;
}

/** Groups `items` into batch inputs, in item order. */
export function batchItems(items: readonly Json[], limits: BatchLimits): JsonObject[] {
  const head: JsonObject = limits.batchInput === undefined ? {} : { BatchInput: limits.batchInput };
  // The JSON text of `{...head, "Items": []}`: a batch's size is that plus its items and commas.
  const emptySize = utf8Length(JSON.stringify({ ...head, Items: [] }));
  const batches: JsonObject[] = [];
  let current: Json[] = [];
  let size = emptySize;
  for (let index = 0; index < items.length; index++) {
    const item = items[index]!;
    const itemSize = Number.isFinite(limits.maxBytes) ? jsonBytes(item, Number.MAX_SAFE_INTEGER) : 0;
    if (emptySize + itemSize > limits.maxBytes) {
      throw new StatesError(
        ErrorName.ItemReaderFailed,
        `The item at index ${index} is ${itemSize} bytes: with the batch's other fields it exceeds MaxInputBytesPerBatch (${limits.maxBytes} bytes).`,
      );
    }
    const added = itemSize + (current.length > 0 ? 1 : 0);
    if (current.length > 0 && (current.length >= limits.maxItems || size + added > limits.maxBytes)) {
      batches.push({ ...head, Items: current });
      current = [];
      size = emptySize;
    }
    size += itemSize + (current.length > 0 ? 1 : 0);
    current.push(item);
  }
  if (current.length > 0) batches.push({ ...head, Items: current });
  return batches;
}
