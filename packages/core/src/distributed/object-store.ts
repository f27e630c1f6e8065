/**
 * Where a distributed Map's ItemReader reads objects and its ResultWriter writes them: an S3-shaped
 * interface the host plugs in. Core ships the in-memory store; `@aslkit/node` adds a local
 * directory (`bucket/key` files) and real S3. Browser-safe: bodies are text or bytes.
 */
import type { Json } from '../json.js';

/** One object of a listing, as ListObjectsV2 reports it. */
export interface ObjectSummary {
  Key: string;
  Size: number;
  /** ISO 8601. */
  LastModified?: string;
  Etag?: string;
  StorageClass?: string;
}

/** An S3-like object store. Every method may throw an `ObjectStoreError`. */
export interface ObjectStore {
  /** The object's body. */
  getObject(bucket: string, key: string): Promise<string | Uint8Array>;
  /** Every object whose key starts with `prefix`, in key order (as ListObjectsV2 pages them). */
  listObjects(bucket: string, prefix: string): Promise<ObjectSummary[]>;
  putObject(bucket: string, key: string, body: string): Promise<void>;
}

/** S3's error codes, as its API names them. */
export type ObjectStoreErrorCode = 'NoSuchBucket' | 'NoSuchKey' | 'AccessDenied' | (string & {});

/** A store's failure, with S3's error code: the ItemReader and ResultWriter put it in their causes. */
export class ObjectStoreError extends Error {
  constructor(
    readonly code: ObjectStoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ObjectStoreError';
  }
}

/** S3's messages for the codes stores raise themselves. */
export const noSuchBucket = (bucket: string): ObjectStoreError =>
  new ObjectStoreError('NoSuchBucket', `The specified bucket does not exist (Bucket: ${bucket})`);
export const noSuchKey = (bucket: string, key: string): ObjectStoreError =>
  new ObjectStoreError('NoSuchKey', `The specified key does not exist. (Bucket: ${bucket}, Key: ${key})`);

/** Objects by bucket, then key: text as is, any other JSON value as its JSON text. */
export type ObjectMap = Record<string, Record<string, Json | Uint8Array>>;

/**
 * An in-memory store over `objects` (which it copies): what tests and mocks give a machine. Writes
 * land in the store, readable through `getObject` and `objects()`.
 * @example
 * const store = createMemoryObjectStore({ inputs: { 'items.json': [1, 2, 3] } });
 */
export function createMemoryObjectStore(objects: ObjectMap = {}): MemoryObjectStore {
  return new MemoryObjectStore(objects);
}

export class MemoryObjectStore implements ObjectStore {
  private readonly buckets = new Map<string, Map<string, string | Uint8Array>>();

  constructor(objects: ObjectMap) {
    for (const [bucket, keys] of Object.entries(objects)) {
      const stored = new Map<string, string | Uint8Array>();
      for (const [key, value] of Object.entries(keys ?? {})) stored.set(key, bodyOf(value));
      this.buckets.set(bucket, stored);
    }
  }

  async getObject(bucket: string, key: string): Promise<string | Uint8Array> {
    const body = this.bucket(bucket).get(key);
    if (body === undefined) throw noSuchKey(bucket, key);
    return body;
  }

  async listObjects(bucket: string, prefix: string): Promise<ObjectSummary[]> {
    const stored = this.bucket(bucket);
    return [...stored.keys()]
      .filter((key) => key.startsWith(prefix))
      .sort()
      .map((key) => ({ Key: key, Size: byteLength(stored.get(key)!) }));
  }

  async putObject(bucket: string, key: string, body: string): Promise<void> {
    this.bucket(bucket).set(key, body);
  }

  /** Every object as text, by bucket and key (what a test reads back after a ResultWriter ran). */
  objects(): Record<string, Record<string, string>> {
    const out: Record<string, Record<string, string>> = {};
    for (const [bucket, keys] of this.buckets) {
      out[bucket] = {};
      for (const [key, body] of keys) out[bucket][key] = typeof body === 'string' ? body : textOf(body);
    }
    return out;
  }

  private bucket(name: string): Map<string, string | Uint8Array> {
    const bucket = this.buckets.get(name);
    if (!bucket) throw noSuchBucket(name);
    return bucket;
  }
}

const bodyOf = (value: Json | Uint8Array): string | Uint8Array =>
  value instanceof Uint8Array ? value : typeof value === 'string' ? value : JSON.stringify(value);

/** An object's body as UTF-8 text. */
export const textOf = (body: string | Uint8Array): string =>
  typeof body === 'string' ? body : new TextDecoder().decode(body);

export const byteLength = (body: string | Uint8Array): number =>
  typeof body === 'string' ? new TextEncoder().encode(body).length : body.length;

/** Whether a value is an object map rather than a store (the start option takes either). */
export const isObjectStore = (value: ObjectStore | ObjectMap): value is ObjectStore =>
  typeof (value as Partial<ObjectStore>).getObject === 'function';
