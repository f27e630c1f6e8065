/**
 * `SdkHttpMetadata` as Step Functions' Java SDK v1 writes it into `lambda:invoke` results:
 * `AllHttpHeaders` is a Java `HashMap` of name → values (its iteration order follows the
 * names' hash buckets), `HttpHeaders` a case-insensitive `TreeMap` of name → value.
 * (conformance: local_mocking__lambda_service_invoke: the recorded order is exactly this.)
 */
import type { JsonObject } from '@aslkit/core';

/** Lambda's spelling of the headers it sends; Node hands them over in lower case. */
const CANONICAL = new Map(
  [
    'Connection',
    'Content-Length',
    'Content-Type',
    'Date',
    'X-Amz-Executed-Version',
    'X-Amz-Function-Error',
    'X-Amz-Log-Result',
    'x-amzn-Remapped-Content-Length',
    'x-amzn-RequestId',
    'X-Amzn-Trace-Id',
  ].map((name) => [name.toLowerCase(), name]),
);

export const canonicalHeaderName = (name: string): string => CANONICAL.get(name.toLowerCase()) ?? name;

/** Java's `String.hashCode`, spread as `HashMap.hash` does. */
function javaHash(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(31, hash) + text.charCodeAt(i)) | 0;
  return hash ^ (hash >>> 16);
}

/** The order a Java `HashMap` iterates `names` in, inserted in the given order. */
export function javaHashMapOrder(names: readonly string[]): string[] {
  let capacity = 16;
  // HashMap doubles its table once size exceeds 3/4 of it; a split keeps each bucket's order.
  while (names.length > capacity * 0.75) capacity *= 2;
  return names
    .map((name, index) => ({ name, index, bucket: javaHash(name) & (capacity - 1) }))
    .sort((a, b) => a.bucket - b.bucket || a.index - b.index)
    .map((entry) => entry.name);
}

/** Builds `SdkHttpMetadata` from response headers in the order they arrived. */
export function sdkHttpMetadata(headers: ReadonlyArray<readonly [string, string]>, statusCode: number): JsonObject {
  const values = new Map<string, string[]>();
  for (const [rawName, value] of headers) {
    const name = canonicalHeaderName(rawName);
    const list = values.get(name);
    if (list) list.push(value);
    else values.set(name, [value]);
  }
  const all: JsonObject = {};
  for (const name of javaHashMapOrder([...values.keys()])) define(all, name, values.get(name)!);
  const single: JsonObject = {};
  const sorted = [...values.keys()].sort((a, b) => {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  });
  for (const name of sorted) define(single, name, values.get(name)!.at(-1)!);
  return { AllHttpHeaders: all, HttpHeaders: single, HttpStatusCode: statusCode };
}

/** Header names come from the network: `__proto__` must stay a plain key. */
function define(object: JsonObject, key: string, value: JsonObject[string]): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}
