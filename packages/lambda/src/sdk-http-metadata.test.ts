import { describe, expect, it } from 'vitest';
import { javaHashMapOrder, sdkHttpMetadata } from './sdk-http-metadata.js';

describe('javaHashMapOrder', () => {
  it("reproduces AWS's recorded AllHttpHeaders order from Lambda's send order", () => {
    const sent = [
      'Date',
      'Content-Type',
      'Content-Length',
      'Connection',
      'x-amzn-RequestId',
      'x-amzn-Remapped-Content-Length',
      'X-Amz-Executed-Version',
      'X-Amzn-Trace-Id',
    ];
    // conformance: local_mocking__lambda_service_invoke (expected.json output.SdkHttpMetadata.AllHttpHeaders)
    expect(javaHashMapOrder(sent)).toEqual([
      'X-Amz-Executed-Version',
      'x-amzn-Remapped-Content-Length',
      'Connection',
      'x-amzn-RequestId',
      'Content-Length',
      'Date',
      'X-Amzn-Trace-Id',
      'Content-Type',
    ]);
  });

  it("reproduces StartExecution's recorded order (snapshot: test_sfn_task_service::test_start_execution)", () => {
    expect(javaHashMapOrder(['Date', 'Content-Type', 'Content-Length', 'connection', 'x-amzn-RequestId'])).toEqual([
      'x-amzn-RequestId',
      'connection',
      'Content-Length',
      'Date',
      'Content-Type',
    ]);
  });

  it('grows the table past 12 names, keeping every name once', () => {
    const names = Array.from({ length: 40 }, (_, i) => `X-Header-${i}`);
    const ordered = javaHashMapOrder(names);
    expect(ordered.slice().sort()).toEqual(names.slice().sort());
  });
});

describe('sdkHttpMetadata', () => {
  it("spells Lambda's headers as Lambda does, lists repeated values, and sorts HttpHeaders case-insensitively", () => {
    const metadata = sdkHttpMetadata(
      [
        ['content-type', 'application/json'],
        ['x-amzn-requestid', 'r-1'],
        ['set-cookie', 'a'],
        ['set-cookie', 'b'],
        ['x-amz-executed-version', '$LATEST'],
      ],
      200,
    );
    expect(metadata['AllHttpHeaders']).toMatchObject({
      'Content-Type': ['application/json'],
      'x-amzn-RequestId': ['r-1'],
      'set-cookie': ['a', 'b'],
    });
    expect(Object.keys(metadata['HttpHeaders'] as object)).toEqual([
      'Content-Type',
      'set-cookie',
      'X-Amz-Executed-Version',
      'x-amzn-RequestId',
    ]);
    expect(metadata['HttpHeaders']).toMatchObject({ 'set-cookie': 'b' });
    expect(metadata['HttpStatusCode']).toBe(200);
  });

  it('keeps a __proto__ header as data', () => {
    const metadata = sdkHttpMetadata([['__proto__', 'x']], 200);
    expect(Object.keys(metadata['AllHttpHeaders'] as object)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['0']).toBeUndefined();
    expect(Object.getPrototypeOf(metadata['HttpHeaders'])).toBe(Object.prototype);
  });
});
