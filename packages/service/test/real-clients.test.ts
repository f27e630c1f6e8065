// boto3 and the AWS CLI v2 (Debian's python3-boto3 and awscli, at /usr/bin; .ci/run installs them)
// against a service on a free loopback port: each runs fixtures/service/order.asl.json end to end,
// a mocked Lambda call, a Wait and a callback. The scripts assert; these tests check what they print.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../src/index.js';
import { FIXTURES, mockConfig } from './service-harness.js';

const run = promisify(execFile);
const clients = join(import.meta.dirname, 'clients');
const definition = join(FIXTURES, 'order.asl.json');
// Nothing from the user's own AWS setup (profiles, a pyenv's CLI on PATH) may take part.
const env = {
  PATH: '/usr/bin:/bin',
  HOME: '/nonexistent',
  AWS_ACCESS_KEY_ID: 'AKIDLOCAL',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_CONFIG_FILE: '/nonexistent/config',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
  AWS_PAGER: '',
  AWS: '/usr/bin/aws',
};

let service: RunningService | undefined;
afterEach(async () => {
  await service?.close();
  service = undefined;
});

describe('real AWS clients against aslkit serve', () => {
  it('boto3 runs the order machine: mock config, Wait, callback', async () => {
    service = await startService({ port: 0, mockConfig: mockConfig() });
    const { stdout } = await run('/usr/bin/python3', [join(clients, 'order-client.py'), service.url, definition], {
      env,
      timeout: 60_000,
    });
    const summary = JSON.parse(stdout) as { status: string; output: unknown; events: string[] };
    expect(summary.status).toBe('SUCCEEDED');
    expect(summary.output).toEqual({ orderId: 'py-1', price: { total: 42 }, approval: { approvedBy: 'boto3' } });
    expect(summary.events).toContain('WaitStateExited');
    expect(summary.events.at(-1)).toBe('ExecutionSucceeded');
  }, 90_000);

  it('the AWS CLI runs the order machine: mock config, Wait, callback', async () => {
    service = await startService({ port: 0, mockConfig: mockConfig() });
    const { stdout } = await run('/bin/bash', [join(clients, 'order-client.sh'), service.url, definition], {
      env,
      timeout: 90_000,
    });
    const described = JSON.parse(stdout) as { status: string; output: string; name: string };
    expect(described).toMatchObject({ status: 'SUCCEEDED', name: 'cli-order' });
    expect(JSON.parse(described.output)).toEqual({
      orderId: 'cli-1',
      price: { total: 42 },
      approval: { approvedBy: 'aws-cli' },
    });
  }, 120_000);
});
