import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StateMachine, ObjectStoreError } from '@aslkit/core';
import { createDirectoryObjectStore } from './directory-object-store.js';

function buckets(): string {
  const root = mkdtempSync(join(tmpdir(), 'aslkit-s3-'));
  mkdirSync(join(root, 'inputs', 'data'), { recursive: true });
  mkdirSync(join(root, 'out'));
  writeFileSync(join(root, 'inputs', 'data', 'items.csv'), 'id,name\n1,Ada\n2,Alan\n');
  writeFileSync(join(root, 'inputs', 'top.json'), '[1]');
  return root;
}

describe('a directory as an object store', () => {
  it('reads, lists and writes objects as files under bucket directories', async () => {
    const root = buckets();
    const store = createDirectoryObjectStore(root);
    expect(new TextDecoder().decode((await store.getObject('inputs', 'data/items.csv')) as Uint8Array)).toContain(
      'Ada',
    );
    expect((await store.listObjects('inputs', 'data/')).map((o) => [o.Key, o.Size])).toEqual([['data/items.csv', 21]]);
    await store.putObject('out', 'runs/x/manifest.json', '{}');
    expect(readFileSync(join(root, 'out', 'runs', 'x', 'manifest.json'), 'utf8')).toBe('{}');
  });

  it("fails as S3 does: NoSuchBucket, NoSuchKey, and never outside a bucket's directory", async () => {
    const store = createDirectoryObjectStore(buckets());
    await expect(store.getObject('nope', 'k')).rejects.toMatchObject({ code: 'NoSuchBucket' });
    await expect(store.getObject('inputs', 'missing.json')).rejects.toMatchObject({ code: 'NoSuchKey' });
    await expect(store.getObject('inputs', '../out/x')).rejects.toBeInstanceOf(ObjectStoreError);
    await expect(store.getObject('..', 'inputs/top.json')).rejects.toMatchObject({ code: 'NoSuchBucket' });
    await expect(store.putObject('nope', 'k', 'v')).rejects.toMatchObject({ code: 'NoSuchBucket' });
  });

  it('feeds a distributed Map that reads a CSV and writes its results', async () => {
    const root = buckets();
    const machine = StateMachine.from({
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          ItemReader: {
            Resource: 'arn:aws:states:::s3:getObject',
            ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' },
            Parameters: { Bucket: 'inputs', Key: 'data/items.csv' },
          },
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
            StartAt: 'P',
            States: { P: { Type: 'Pass', End: true } },
          },
          ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'out', Prefix: 'runs' } },
          End: true,
        },
      },
    });
    const result = await machine.run({}, { seed: 1, startTime: 0, objectStore: createDirectoryObjectStore(root) });
    expect(result.status).toBe('SUCCEEDED');
    const details = (result.output as { ResultWriterDetails: { Key: string } }).ResultWriterDetails;
    const manifest = JSON.parse(readFileSync(join(root, 'out', details.Key), 'utf8')) as {
      ResultFiles: { SUCCEEDED: { Key: string }[] };
    };
    const succeeded = JSON.parse(readFileSync(join(root, 'out', manifest.ResultFiles.SUCCEEDED[0]!.Key), 'utf8')) as {
      Output: string;
    }[];
    expect(succeeded.map((r) => JSON.parse(r.Output) as unknown)).toEqual([
      { id: '1', name: 'Ada' },
      { id: '2', name: 'Alan' },
    ]);
  });
});
