// Hostile requests to the Map Run operations, RedriveExecution and ListExecutions by mapRunArn, sent as
// raw JSON (an SDK would refuse some of them itself): each answers AWS's error shape, and the service
// keeps answering.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../src/index.js';
import { FIXTURES, ROLE, mockConfig } from './service-harness.js';

let service: RunningService;
let executionArn: string;
let mapRunArn: string;

async function post(operation: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(service.url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AWSStepFunctions.${operation}` },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  service = await startService({ port: 0, mockConfig: mockConfig() });
  const definition = readFileSync(join(FIXTURES, 'map-run.asl.json'), 'utf8');
  const machine = await post('CreateStateMachine', { name: 'Orders', definition, roleArn: ROLE });
  // Both children wait on a callback nobody sends: the Map Run stays RUNNING.
  const input = JSON.stringify({
    orders: [
      { id: 1, hold: true },
      { id: 2, hold: true },
    ],
  });
  executionArn = (await post('StartExecution', { stateMachineArn: machine.json.stateMachineArn, input })).json
    .executionArn as string;
  for (;;) {
    const { mapRuns } = (await post('ListMapRuns', { executionArn })).json as { mapRuns: { mapRunArn: string }[] };
    if (mapRuns.length > 0) {
      mapRunArn = mapRuns[0]!.mapRunArn;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
});
afterAll(() => service?.close());

const token = (offset: number, scope: string) =>
  Buffer.from(JSON.stringify({ o: offset, s: scope })).toString('base64url');
const validation = (field: string, constraint: string) =>
  new RegExp(
    `^1 validation error detected: Value '.*' at '${field}' failed to satisfy constraint: Member must ${constraint}`,
    's',
  );

describe('hostile Map Run requests', () => {
  const cases: [string, string, () => unknown, string, RegExp][] = [
    [
      'UpdateMapRun maxConcurrency -1',
      'UpdateMapRun',
      () => ({ mapRunArn, maxConcurrency: -1 }),
      'ValidationException',
      validation('maxConcurrency', 'have value greater than or equal to 0'),
    ],
    [
      'UpdateMapRun maxConcurrency 2^31',
      'UpdateMapRun',
      () => ({ mapRunArn, maxConcurrency: 2 ** 31 }),
      'ValidationException',
      validation('maxConcurrency', 'have value less than or equal to 2147483647'),
    ],
    [
      'UpdateMapRun maxConcurrency 1.5',
      'UpdateMapRun',
      () => ({ mapRunArn, maxConcurrency: 1.5 }),
      'SerializationException',
      /maxConcurrency' must be an integer/,
    ],
    [
      'UpdateMapRun maxConcurrency "3"',
      'UpdateMapRun',
      () => ({ mapRunArn, maxConcurrency: '3' }),
      'SerializationException',
      /maxConcurrency' must be an integer/,
    ],
    [
      'UpdateMapRun maxConcurrency NaN',
      'UpdateMapRun',
      () => `{"mapRunArn":"${mapRunArn}","maxConcurrency":NaN}`,
      'SerializationException',
      /not JSON/,
    ],
    [
      'UpdateMapRun toleratedFailurePercentage 1e400',
      'UpdateMapRun',
      () => `{"mapRunArn":"${mapRunArn}","toleratedFailurePercentage":1e400}`,
      'SerializationException',
      /must be a number/,
    ],
    [
      'UpdateMapRun toleratedFailurePercentage 101',
      'UpdateMapRun',
      () => ({ mapRunArn, toleratedFailurePercentage: 101 }),
      'ValidationException',
      validation('toleratedFailurePercentage', 'have value less than or equal to 100'),
    ],
    [
      'UpdateMapRun toleratedFailurePercentage -1',
      'UpdateMapRun',
      () => ({ mapRunArn, toleratedFailurePercentage: -1 }),
      'ValidationException',
      validation('toleratedFailurePercentage', 'have value greater than or equal to 0'),
    ],
    [
      'UpdateMapRun toleratedFailureCount -1',
      'UpdateMapRun',
      () => ({ mapRunArn, toleratedFailureCount: -1 }),
      'ValidationException',
      validation('toleratedFailureCount', 'have value greater than or equal to 0'),
    ],
    [
      'UpdateMapRun mapRunArn of 1 MB',
      'UpdateMapRun',
      () => ({ mapRunArn: 'a'.repeat(1_000_000), maxConcurrency: 1 }),
      'ValidationException',
      validation('mapRunArn', 'have length less than or equal to 2000'),
    ],
    [
      'UpdateMapRun mapRunArn a number',
      'UpdateMapRun',
      () => ({ mapRunArn: 5 }),
      'SerializationException',
      /mapRunArn' must be a string/,
    ],
    [
      'DescribeMapRun mapRunArn empty',
      'DescribeMapRun',
      () => ({ mapRunArn: '' }),
      'ValidationException',
      validation('mapRunArn', 'have length greater than or equal to 1'),
    ],
    [
      'DescribeMapRun mapRunArn without its id',
      'DescribeMapRun',
      () => ({ mapRunArn: 'arn:aws:states:us-east-1:123456789012:mapRun:Orders:x' }),
      'InvalidArn',
      /^Invalid Arn: /,
    ],
    [
      'DescribeMapRun an execution ARN',
      'DescribeMapRun',
      () => ({ mapRunArn: executionArn }),
      'InvalidArn',
      /^Invalid Arn: /,
    ],
    [
      'DescribeMapRun __proto__ names',
      'DescribeMapRun',
      () => ({ mapRunArn: 'arn:aws:states:us-east-1:123456789012:mapRun:__proto__/__proto__:constructor' }),
      'ResourceNotFound',
      /^Resource not found: /,
    ],
    [
      'ListMapRuns maxResults 1001',
      'ListMapRuns',
      () => ({ executionArn, maxResults: 1001 }),
      'ValidationException',
      validation('maxResults', 'have value less than or equal to 1000'),
    ],
    [
      'ListMapRuns maxResults -1',
      'ListMapRuns',
      () => ({ executionArn, maxResults: -1 }),
      'ValidationException',
      validation('maxResults', 'have value greater than or equal to 0'),
    ],
    [
      'ListMapRuns a forged nextToken',
      'ListMapRuns',
      () => ({ executionArn, nextToken: 'abc' }),
      'InvalidToken',
      /^Invalid Token: 'abc'/,
    ],
    [
      'ListMapRuns a nextToken of another listing',
      'ListMapRuns',
      () => ({ executionArn, nextToken: token(0, `mapRuns:${executionArn}x`) }),
      'InvalidToken',
      /^Invalid Token/,
    ],
    [
      'ListMapRuns executionArn of 1 MB',
      'ListMapRuns',
      () => ({ executionArn: 'a'.repeat(1_000_000) }),
      'ValidationException',
      validation('executionArn', 'have length less than or equal to 2048'),
    ],
    [
      'ListExecutions mapRunArn of 1 MB',
      'ListExecutions',
      () => ({ mapRunArn: `${mapRunArn}${'x'.repeat(1_000_000)}` }),
      'ValidationException',
      validation('mapRunArn', 'have length less than or equal to 2000'),
    ],
    [
      'ListExecutions redriveFilter not in the enum',
      'ListExecutions',
      () => ({ mapRunArn, redriveFilter: 'SOMETIMES' }),
      'ValidationException',
      validation('redriveFilter', 'satisfy enum value set: \\[REDRIVEN, NOT_REDRIVEN\\]'),
    ],
    [
      'RedriveExecution clientToken of 10 KB',
      'RedriveExecution',
      () => ({ executionArn, clientToken: 'x'.repeat(10_240) }),
      'ValidationException',
      validation('clientToken', 'have length less than or equal to 64'),
    ],
    [
      'RedriveExecution clientToken with a space',
      'RedriveExecution',
      () => ({ executionArn, clientToken: 'a b' }),
      'ValidationException',
      validation('clientToken', 'satisfy regular expression pattern: \\[!-~\\]\\+'),
    ],
    [
      'RedriveExecution executionArn of 1 MB',
      'RedriveExecution',
      () => ({ executionArn: `${executionArn}${'x'.repeat(1_000_000)}` }),
      'ValidationException',
      validation('executionArn', 'have length less than or equal to 2048'),
    ],
  ];
  it.each(cases)('%s: %s answers %s', async (_name, operation, body, type, message) => {
    const answer = await post(operation, body());
    expect(answer.status).toBe(400);
    expect(answer.json.__type).toBe(type);
    expect(answer.json.message).toMatch(message);
  });

  it('takes what AWS takes, ignores a __proto__ member, and keeps answering', async () => {
    expect((await post('UpdateMapRun', `{"mapRunArn":"${mapRunArn}","__proto__":{"maxConcurrency":-5}}`)).status).toBe(
      200,
    );
    expect(
      (await post('UpdateMapRun', { mapRunArn, maxConcurrency: 1e9, toleratedFailurePercentage: 50.5 })).status,
    ).toBe(200);
    expect((await post('ListMapRuns', { executionArn, maxResults: 0 })).json.mapRuns).toHaveLength(1);
    expect(
      (await post('ListMapRuns', { executionArn, nextToken: token(1e300, `mapRuns:${executionArn}`) })).json,
    ).toEqual({ mapRuns: [] });
    expect((await post('DescribeMapRun', { mapRunArn })).json).toMatchObject({
      status: 'RUNNING',
      maxConcurrency: 1e9,
      toleratedFailurePercentage: 50.5,
    });
  });

  it('filters children by redriveFilter', async () => {
    const listed = async (redriveFilter: string) =>
      ((await post('ListExecutions', { mapRunArn, redriveFilter })).json.executions as unknown[]).length;
    expect(await listed('NOT_REDRIVEN')).toBe(2);
    expect(await listed('REDRIVEN')).toBe(0);
  });
});
