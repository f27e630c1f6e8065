/**
 * S3 on disk: a directory whose subdirectories are buckets and whose files are objects, keyed by
 * their path under the bucket (`buckets/inputs/data/items.json` is `s3://inputs/data/items.json`).
 * What `aslkit run --s3-dir` gives a distributed Map's ItemReader and ResultWriter. A key never
 * leaves its bucket's directory.
 */
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { noSuchBucket, noSuchKey, ObjectStoreError, type ObjectStore, type ObjectSummary } from '@aslkit/core';

/**
 * A store over `root`: each subdirectory is a bucket. Writes need the bucket's directory to exist,
 * as S3 needs the bucket.
 * @example
 * const result = await machine.run(input, { objectStore: createDirectoryObjectStore('./buckets') });
 */
export function createDirectoryObjectStore(root: string): ObjectStore {
  const base = resolve(root);
  const bucketDir = async (bucket: string): Promise<string> => {
    if (bucket === '' || bucket === '.' || bucket === '..' || /[/\\]/.test(bucket)) throw noSuchBucket(bucket);
    const dir = join(base, bucket);
    const info = await stat(dir).catch(() => undefined);
    if (!info?.isDirectory()) throw noSuchBucket(bucket);
    return dir;
  };
  const objectPath = (dir: string, bucket: string, key: string): string => {
    const path = resolve(dir, key);
    if (key === '' || !path.startsWith(dir + sep))
      throw new ObjectStoreError('InvalidKey', `The key '${key}' leaves the bucket '${bucket}'.`);
    return path;
  };
  return {
    async getObject(bucket, key) {
      const path = objectPath(await bucketDir(bucket), bucket, key);
      try {
        return new Uint8Array(await readFile(path));
      } catch (error) {
        if (isMissing(error)) throw noSuchKey(bucket, key);
        throw error;
      }
    },
    async listObjects(bucket, prefix) {
      const dir = await bucketDir(bucket);
      const objects: ObjectSummary[] = [];
      for (const path of await filesUnder(dir)) {
        const key = relative(dir, path).split(sep).join('/');
        if (!key.startsWith(prefix)) continue;
        const info = await stat(path);
        objects.push({ Key: key, Size: info.size, LastModified: info.mtime.toISOString() });
      }
      return objects.sort((a, b) => (a.Key < b.Key ? -1 : a.Key > b.Key ? 1 : 0));
    },
    async putObject(bucket, key, body) {
      const path = objectPath(await bucketDir(bucket), bucket, key);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, body);
    },
  };
}

const isMissing = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  ['ENOENT', 'EISDIR', 'ENOTDIR'].includes(String((error as { code?: unknown }).code));

async function filesUnder(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await filesUnder(path)));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}
