/**
 * Real S3 (or any S3-compatible endpoint, such as an emulator on loopback) through
 * `@aws-sdk/client-s3`, loaded only when a store is created: a machine without a distributed Map
 * never pays for the SDK.
 */
import { ObjectStoreError, type ObjectStore, type ObjectSummary } from '@aslkit/core';
import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';

export interface S3ObjectStoreOptions {
  /** A client of your own (region, credentials, endpoint); else one is made from `config`. */
  client?: S3Client;
  /** For the client aslkit makes: e.g. `{ endpoint: 'http://127.0.0.1:4566', forcePathStyle: true }`. */
  config?: S3ClientConfig;
}

/**
 * A store that reads and writes S3 objects.
 * @example
 * const objectStore = await createS3ObjectStore({ config: { region: 'eu-west-1' } });
 */
export async function createS3ObjectStore(options: S3ObjectStoreOptions = {}): Promise<ObjectStore> {
  const sdk = await import('@aws-sdk/client-s3');
  const client = options.client ?? new sdk.S3Client(options.config ?? {});
  const call = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw storeError(error);
    }
  };
  return {
    getObject: (bucket, key) =>
      call(async () => {
        const response = await client.send(new sdk.GetObjectCommand({ Bucket: bucket, Key: key }));
        if (!response.Body) return new Uint8Array();
        return response.Body.transformToByteArray();
      }),
    listObjects: (bucket, prefix) =>
      call(async () => {
        const objects: ObjectSummary[] = [];
        let token: string | undefined;
        do {
          const page = await client.send(
            new sdk.ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
          );
          for (const object of page.Contents ?? []) {
            if (object.Key === undefined) continue;
            objects.push({
              Key: object.Key,
              Size: object.Size ?? 0,
              ...(object.LastModified ? { LastModified: object.LastModified.toISOString() } : {}),
              ...(object.ETag ? { Etag: object.ETag } : {}),
              ...(object.StorageClass ? { StorageClass: object.StorageClass } : {}),
            });
          }
          token = page.IsTruncated ? page.NextContinuationToken : undefined;
        } while (token);
        return objects;
      }),
    putObject: (bucket, key, body) =>
      call(async () => {
        await client.send(
          new sdk.PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'application/json' }),
        );
      }),
  };
}

/** The SDK's error as a store error with S3's code (`NoSuchKey`, `NoSuchBucket`, `AccessDenied`, ...). */
function storeError(error: unknown): ObjectStoreError {
  const named = error as { name?: unknown; Code?: unknown; message?: unknown };
  const code = typeof named.Code === 'string' ? named.Code : typeof named.name === 'string' ? named.name : 'S3Error';
  const message = typeof named.message === 'string' && named.message !== '' ? named.message : code;
  return new ObjectStoreError(code, message);
}
