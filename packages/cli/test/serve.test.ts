// `aslkit serve` in-process: its flags, its safety refusals, and one session through the API
// and the console (list, history export, the viewer on an execution).
import { readFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/index.js';
import { removeTempDirs, runCli, tempDir } from './cli-harness.js';

const fixtures = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'service');

afterAll(removeTempDirs);

/** Starts `aslkit serve args` and returns its URL, what it printed, and how to stop it. */
async function serve(args: string[]) {
  let stdout = '';
  let stderr = '';
  const stop = new AbortController();
  const exit = main(['serve', ...args], {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    cwd: fixtures,
    signal: stop.signal,
  });
  for (let i = 0; i < 200 && !/http:\/\/\S+:\d+/.test(stdout); i++) {
    const early = await Promise.race([exit, new Promise((resolve) => setTimeout(() => resolve(undefined), 25))]);
    if (early !== undefined) throw new Error(`serve exited ${String(early)}: ${stderr}`);
  }
  const url = /(http:\/\/\S+:\d+)/.exec(stdout)![1]!;
  return {
    url,
    output: () => ({ stdout, stderr }),
    stop: async () => {
      stop.abort();
      return exit;
    },
  };
}

/** One AWS JSON 1.0 call. */
async function call(
  url: string,
  operation: string,
  body: object,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AWSStepFunctions.${operation}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('aslkit serve', () => {
  it('refuses --data with --memory', async () => {
    const run = await runCli(['serve', '--data', '.aslkit', '--memory'], tempDir());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--data and --memory exclude each other');
  });

  it('keeps state machines in --data across a restart, and says what it resumed', async () => {
    const data = join(tempDir(), 'data');
    const first = await serve(['--port', '0', '--data', data]);
    expect(first.output().stdout).toContain(`storage: ${data} (durable; resumed 0 running execution(s))`);
    const created = await call(first.url, 'CreateStateMachine', {
      name: 'Kept',
      definition: JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }),
      roleArn: 'arn:aws:iam::123456789012:role/r',
    });
    expect(created.status).toBe(200);
    expect(await first.stop()).toBe(0);
    const second = await serve(['--port', '0', '--data', data]);
    try {
      const listed = await call(second.url, 'ListStateMachines', {});
      expect((listed.json['stateMachines'] as { name: string }[]).map((machine) => machine.name)).toEqual(['Kept']);
    } finally {
      expect(await second.stop()).toBe(0);
    }
  });

  it('refuses a host beyond loopback without --allow-remote, and warns with it', async () => {
    const refused = await runCli(['serve', '--host', '0.0.0.0'], tempDir());
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('Add --allow-remote');
    const remote = await serve(['--host', '0.0.0.0', '--allow-remote', '--port', '0']);
    expect(remote.output().stderr).toContain('warning: listening on 0.0.0.0, beyond this machine');
    expect(await remote.stop()).toBe(0);
  });

  it('serves the API with the mock config and a console that lists executions, exports histories and opens the viewer', async () => {
    const viewer = tempDir({ 'index.html': '<!doctype html><title>viewer</title>' });
    process.env.ASLKIT_VIEWER_DIR = viewer;
    const server = await serve(['--port', '0', '--mock-config', 'order.mock-config.json']);
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const created = await call(server.url, 'CreateStateMachine', {
        name: 'Orders',
        definition: readFileSync(join(fixtures, 'order.asl.json'), 'utf8'),
        roleArn: 'arn:aws:iam::123456789012:role/r',
      });
      expect(created.status).toBe(200);
      const machine = created.json['stateMachineArn'] as string;
      // PriceDown fails at its first state: no Wait, no callback.
      const started = await call(server.url, 'StartExecution', {
        stateMachineArn: `${machine}#PriceDown`,
        name: 'down',
      });
      const executionArn = started.json['executionArn'] as string;
      let status = 'RUNNING';
      while (status === 'RUNNING')
        status = (await call(server.url, 'DescribeExecution', { executionArn })).json['status'] as string;
      expect(status).toBe('FAILED');

      const page = await (await fetch(`${server.url}/`)).text();
      expect(page).toContain('<td>Orders</td>');
      expect(page).toContain('<td>down</td><td>Orders</td><td>FAILED</td>');
      const history = (await (
        await fetch(`${server.url}/console/history?executionArn=${encodeURIComponent(executionArn)}`)
      ).json()) as {
        events: { type: string }[];
      };
      expect(history.events.at(-1)!.type).toBe('ExecutionFailed');

      const view = await fetch(`${server.url}/console/view?executionArn=${encodeURIComponent(executionArn)}`, {
        redirect: 'manual',
      });
      expect(view.status).toBe(303);
      const viewerUrl = view.headers.get('location')!;
      expect(await (await fetch(viewerUrl)).text()).toContain('<title>viewer</title>');
      const stream = await fetch(`${viewerUrl}api/events`);
      const reader = stream.body!.getReader();
      let text = '';
      while (!text.includes('"state":"done"')) text += new TextDecoder().decode((await reader.read()).value);
      await reader.cancel();
      expect(text).toContain('"type":"init"');
      expect(text).toContain('"ExecutionFailed"');

      // DNS rebinding: another host name is refused.
      // (fetch will not send another Host header; node:http will.)
      const rebound = await new Promise<number>((resolve, reject) =>
        get(`${server.url}/`, { headers: { host: 'evil.example:80' } }, (response) => {
          response.resume();
          resolve(response.statusCode!);
        }).on('error', reject),
      );
      expect(rebound).toBe(403);
    } finally {
      delete process.env.ASLKIT_VIEWER_DIR;
      expect(await server.stop()).toBe(0);
    }
  });
});
