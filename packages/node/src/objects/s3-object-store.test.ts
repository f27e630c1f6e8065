/**
 * The S3 store against a tiny S3 endpoint on loopback (path-style GetObject, PutObject and
 * ListObjectsV2 with paging), so the SDK's real requests and error parsing are exercised.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3ObjectStore } from './s3-object-store.js';

const objects = new Map<string, string>([
  ['inputs/a.json', '[1,2]'],
  ['inputs/logs/1.txt', 'one'],
  ['inputs/logs/2.txt', 'two'],
  ['inputs/logs/3.txt', 'three'],
]);
const buckets = new Set(['inputs', 'out']);
let server: Server;
let endpoint: string;

const xmlError = (code: string, message: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;

beforeAll(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const [, bucket = '', ...rest] = url.pathname.split('/');
    const key = decodeURIComponent(rest.join('/'));
    const fail = (status: number, code: string, message: string) => {
      response.writeHead(status, { 'content-type': 'application/xml' }).end(xmlError(code, message));
    };
    if (!buckets.has(bucket)) return fail(404, 'NoSuchBucket', 'The specified bucket does not exist');
    if (request.method === 'PUT') {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        objects.set(`${bucket}/${key}`, Buffer.concat(chunks).toString('utf8'));
        response.writeHead(200, { etag: '"e"' }).end();
      });
      return;
    }
    if (key === '' && url.searchParams.get('list-type') === '2') {
      // Two keys a page, so the store must follow continuation tokens.
      const prefix = url.searchParams.get('prefix') ?? '';
      const start = Number(url.searchParams.get('continuation-token') ?? '0');
      const keys = [...objects.keys()]
        .filter((k) => k.startsWith(`${bucket}/${prefix}`))
        .map((k) => k.slice(bucket.length + 1))
        .sort();
      const page = keys.slice(start, start + 2);
      const truncated = start + 2 < keys.length;
      const contents = page
        .map(
          (k) =>
            `<Contents><Key>${k}</Key><Size>${objects.get(`${bucket}/${k}`)!.length}</Size><LastModified>2024-01-01T00:00:00.000Z</LastModified><ETag>"x"</ETag><StorageClass>STANDARD</StorageClass></Contents>`,
        )
        .join('');
      response
        .writeHead(200, { 'content-type': 'application/xml' })
        .end(
          `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>${bucket}</Name><Prefix>${prefix}</Prefix><KeyCount>${page.length}</KeyCount><IsTruncated>${truncated}</IsTruncated>${
            truncated ? `<NextContinuationToken>${start + 2}</NextContinuationToken>` : ''
          }${contents}</ListBucketResult>`,
        );
      return;
    }
    const body = objects.get(`${bucket}/${key}`);
    if (body === undefined) return fail(404, 'NoSuchKey', 'The specified key does not exist.');
    response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': Buffer.byteLength(body) });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const store = () =>
  createS3ObjectStore({
    config: {
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    },
  });

describe('the S3 object store', () => {
  it('gets, lists (across pages) and puts objects', async () => {
    const s3 = await store();
    expect(new TextDecoder().decode((await s3.getObject('inputs', 'a.json')) as Uint8Array)).toBe('[1,2]');
    const listed = await s3.listObjects('inputs', 'logs/');
    expect(listed.map((o) => o.Key)).toEqual(['logs/1.txt', 'logs/2.txt', 'logs/3.txt']);
    expect(listed[0]).toMatchObject({ Size: 3, LastModified: '2024-01-01T00:00:00.000Z', StorageClass: 'STANDARD' });
    await s3.putObject('out', 'r/manifest.json', '{"ok":true}');
    expect(objects.get('out/r/manifest.json')).toBe('{"ok":true}');
  });

  it("turns S3's errors into store errors with S3's code", async () => {
    const s3 = await store();
    await expect(s3.getObject('inputs', 'nope')).rejects.toMatchObject({ code: 'NoSuchKey' });
    await expect(s3.getObject('missing', 'k')).rejects.toMatchObject({ code: 'NoSuchBucket' });
  });
});
