// The AWS JSON 1.0 protocol at the edges, with raw HTTP: what malformed requests get (AWS's
// error shapes and codes), the body limit, and where the service agrees to listen.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../src/index.js';

let service: RunningService;

beforeAll(async () => {
  service = await startService({ port: 0, maxBodyBytes: 4096, activityPollMs: 60_000 });
});
afterAll(() => service?.close());

async function post(
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; type: string | null; json: Record<string, unknown> }> {
  const response = await fetch(service.url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', ...headers },
    body,
  });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    json: (await response.json()) as Record<string, unknown>,
  };
}

const target = (operation: string) => ({ 'x-amz-target': `AWSStepFunctions.${operation}` });

describe('malformed requests', () => {
  it('answers a body that is not JSON with SerializationException', async () => {
    const answer = await post('{"name":', target('ListStateMachines'));
    expect(answer.status).toBe(400);
    expect(answer.type).toBe('application/x-amz-json-1.0');
    expect(answer.json['__type']).toBe('SerializationException');
    expect(answer.json['message']).toMatch(/not JSON/);
    expect((await post('[1]', target('ListStateMachines'))).json['__type']).toBe('SerializationException');
  });

  it('answers an unknown or missing target with UnknownOperationException', async () => {
    expect((await post('{}', target('LaunchRockets'))).json).toEqual({
      __type: 'UnknownOperationException',
      message: 'The operation LaunchRockets is not supported.',
    });
    expect((await post('{}')).json['__type']).toBe('UnknownOperationException');
    // Inherited object keys are no operations.
    expect((await post('{}', target('constructor'))).json['__type']).toBe('UnknownOperationException');
  });

  it('names a missing member (ValidationException) and a member of the wrong type (SerializationException)', async () => {
    const missing = await post('{}', target('DescribeExecution'));
    expect(missing.json).toEqual({
      __type: 'ValidationException',
      message:
        "1 validation error detected: Value null at 'executionArn' failed to satisfy constraint: Member must not be null",
    });
    const wrong = await post('{"executionArn": 7}', target('DescribeExecution'));
    expect(wrong.json['__type']).toBe('SerializationException');
    const range = await post('{"maxResults": 5000}', target('ListStateMachines'));
    expect(range.json['__type']).toBe('ValidationException');
  });

  it('refuses a body over the limit with 413 and closes the connection', async () => {
    const answer = await post(JSON.stringify({ name: 'x'.repeat(5000) }), target('CreateActivity'));
    expect(answer.status).toBe(413);
    expect(answer.json['__type']).toBe('ValidationException');
  });

  it('accepts any SigV4 Authorization header without checking it', async () => {
    const answer = await post('{}', {
      ...target('ListActivities'),
      authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/states/aws4_request, Signature=00',
    });
    expect(answer).toMatchObject({ status: 200, json: { activities: [] } });
  });

  it('ends a waiting GetActivityTask when its client goes away', async () => {
    await post('{"name":"idle"}', target('CreateActivity'));
    const abort = new AbortController();
    const poll = fetch(service.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', ...target('GetActivityTask') },
      body: JSON.stringify({ activityArn: 'arn:aws:states:us-east-1:123456789012:activity:idle' }),
      signal: abort.signal,
    });
    setTimeout(() => abort.abort(), 50);
    await expect(poll).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 50));
    // The abandoned poll holds no place in line: the next task goes to the next poll.
    const activityArn = 'arn:aws:states:us-east-1:123456789012:activity:idle';
    const definition = JSON.stringify({
      StartAt: 'T',
      States: { T: { Type: 'Task', Resource: activityArn, End: true } },
    });
    const machine = await post(
      JSON.stringify({ name: 'Idle', definition, roleArn: 'arn:aws:iam::123456789012:role/r' }),
      target('CreateStateMachine'),
    );
    await post(
      JSON.stringify({ stateMachineArn: machine.json['stateMachineArn'], input: '{"n":1}' }),
      target('StartExecution'),
    );
    const task = await post(JSON.stringify({ activityArn, workerName: 'w' }), target('GetActivityTask'));
    expect(task.json['input']).toBe('{"n":1}');
  });
});

describe('DNS rebinding', () => {
  it('answers only requests addressed to a loopback name', async () => {
    // fetch will not send another Host header; node:http will.
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        service.url,
        {
          method: 'POST',
          headers: { host: 'rebound.example:8083', 'x-amz-target': 'AWSStepFunctions.ListStateMachines' },
        },
        (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.on('end', () => resolve({ status: response.statusCode!, body }));
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body)).toMatchObject({ __type: 'AccessDeniedException' });
  });
});

describe('where it listens', () => {
  it('refuses an address beyond loopback unless remote access is allowed', async () => {
    await expect(startService({ port: 0, host: '0.0.0.0' })).rejects.toThrow(/allowRemote/);
  });
});
