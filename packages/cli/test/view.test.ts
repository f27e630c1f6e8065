// `aslkit view` over real HTTP on 127.0.0.1: static files, the event stream, commands, and
// (when the viewer is built and Chromium is installed) the served page in a real browser.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../scripts/chromium.js';
import { StateMachine, importAwsHistory, type Json, type MockScript, type StateMachineDefinition } from '@aslkit/core';
import type { ViewerSource } from '@aslkit/core/debug';
import { startViewServer, type ViewServer, type ViewServerBudgets } from '../src/view-server.js';
import { historyBackend, liveBackend } from '../src/commands/view.js';
import { removeTempDirs, runCli, tempDir } from './cli-harness.js';
import { main } from '../src/index.js';

const repo = join(import.meta.dirname, '..', '..', '..');
const readJson = <T>(path: string) => JSON.parse(readFileSync(join(repo, path), 'utf8')) as T;
const pipeline = StateMachine.from(readFileSync(join(repo, 'fixtures/examples/order-pipeline.asl.json'), 'utf8'));
const pipelineInput = readJson<Json>('fixtures/examples/order-pipeline.input.json');
const pipelineMocks = readJson<MockScript>('fixtures/examples/order-pipeline.mocks.json');
const pipelineStart = { mocks: pipelineMocks, seed: 7, startTime: '2026-01-01T00:00:00Z' };

const servers: ViewServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});
afterAll(removeTempDirs);

/** A viewer folder with a page, a script, and a secret beside it that must stay out of reach. */
function fakeViewer(): string {
  const root = tempDir({ 'secret.txt': 'do not serve' });
  const dir = join(root, 'viewer');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>viewer</title>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
  return dir;
}

/** A message as it crosses the wire: JSON, read without trusting its shape. */
type WireMessage = { type: string; [key: string]: unknown };

async function serve(
  backend: ViewerSource,
  viewerDir = fakeViewer(),
  budgets?: Partial<ViewServerBudgets>,
): Promise<ViewServer> {
  const server = await startViewServer({ viewerDir, backend, port: 0, ...(budgets ? { budgets } : {}) });
  servers.push(server);
  return server;
}

/** A raw GET, so that paths reach the server exactly as written (fetch would normalize `..`). */
function rawGet(
  server: ViewServer,
  path: string,
  host = `127.0.0.1:${server.port}`,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const post = (
  server: ViewServer,
  body: string,
  headers: Record<string, string> = { 'content-type': 'application/json' },
) => fetch(`${server.url}api/command`, { method: 'POST', headers, body });

/** Reads the SSE stream until `done` holds for the messages so far. */
async function readStream(
  server: ViewServer,
  done: (messages: WireMessage[]) => boolean,
  afterOpen?: () => Promise<unknown>,
): Promise<WireMessage[]> {
  const controller = new AbortController();
  const response = await fetch(`${server.url}api/events`, { signal: controller.signal });
  expect(response.headers.get('content-type')).toBe('text/event-stream');
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const messages: WireMessage[] = [];
  let buffer = '';
  let opened = false;
  try {
    while (!done(messages)) {
      const { value, done: ended } = await reader.read();
      if (ended) throw new Error('the stream ended early');
      buffer += value;
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        if (frame.startsWith('data: ')) messages.push(JSON.parse(frame.slice(6)) as WireMessage);
      }
      if (!opened && afterOpen) {
        opened = true;
        await afterOpen();
      }
    }
  } finally {
    controller.abort();
  }
  return messages;
}

const sessionStates = (messages: WireMessage[]) =>
  messages.filter((m) => m.type === 'session').map((m) => (m.session as { state: string }).state);
const eventCount = (messages: WireMessage[]) =>
  messages.filter((m) => m.type === 'events').reduce((n, m) => n + (m.events as unknown[]).length, 0);

describe('view server: static files', () => {
  it('serves the page and its assets with their content types', async () => {
    const server = await serve(liveBackend(pipeline, pipelineInput, pipelineStart));
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<title>viewer</title>');
    const script = await fetch(`${server.url}assets/app.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await fetch(`${server.url}assets/missing.js`)).status).toBe(404);
  });

  it('refuses paths that climb out of the viewer folder', async () => {
    const server = await serve(liveBackend(pipeline, pipelineInput, pipelineStart));
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt']) {
      const { status, body } = await rawGet(server, path);
      expect(status, path).toBeGreaterThanOrEqual(400);
      expect(body, path).not.toContain('do not serve');
    }
    expect((await rawGet(server, '/%E0%A4%A')).status).toBe(400);
  });

  it('answers only to its own host name (DNS rebinding)', async () => {
    const server = await serve(liveBackend(pipeline, pipelineInput, pipelineStart));
    expect((await rawGet(server, '/', 'evil.example:80')).status).toBe(403);
    expect((await rawGet(server, '/', `localhost:${server.port}`)).status).toBe(200);
  });
});

describe('view server: commands', () => {
  it('answers 400 to a body that is not JSON or not a command', async () => {
    const server = await serve(liveBackend(pipeline, pipelineInput, pipelineStart));
    const notJson = await post(server, '{"type": "run"');
    expect(notJson.status).toBe(400);
    expect(await notJson.text()).toBe('body is not JSON');
    for (const body of ['[]', 'null', '"run"', '{"type": 1}', '{"__proto__": {"type": "run"}}'])
      expect((await post(server, body)).status, body).toBe(400);
    expect((await post(server, '{"type": "launch"}')).status).toBe(400);
    expect((await post(server, '{"type": "step", "by": "nonsense"}')).status).toBe(400);
    expect(
      (await post(server, JSON.stringify({ type: 'breakpoints', breakpoints: [{ stateName: 'X', on: 'sideways' }] })))
        .status,
    ).toBe(400);
    expect((await post(server, JSON.stringify({ type: 'pause', pad: 'x'.repeat(100_000) }))).status).toBe(413);
  });

  it('refuses other content types, other methods and other origins', async () => {
    const server = await serve(liveBackend(pipeline, pipelineInput, pipelineStart));
    expect((await post(server, '{"type":"run"}', { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await fetch(`${server.url}api/command`)).status).toBe(405);
    expect(
      (await post(server, '{"type":"run"}', { 'content-type': 'application/json', origin: 'http://evil.example' }))
        .status,
    ).toBe(403);
  });

  it('answers 409 to a command for a recorded history', async () => {
    const server = await serve(historyBackend(pipeline.definition, []));
    const refused = await post(server, '{"type":"run"}');
    expect(refused.status).toBe(409);
    expect(await refused.text()).toMatch(/recorded history/);
  });
});

describe('view server: hardening', () => {
  const securityHeaders = {
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'content-security-policy': "frame-ancestors 'none'; base-uri 'none'; object-src 'none'; form-action 'none'",
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };
  const headersOf = (response: Response) => Object.fromEntries(response.headers.entries());

  it('sends headers against framing and sniffing with every response', async () => {
    const server = await serve(liveBackend(pipeline, pipelineInput, pipelineStart));
    const controller = new AbortController();
    const responses = [
      await fetch(server.url),
      await fetch(`${server.url}assets/app.js`),
      await fetch(`${server.url}nope`),
      await post(server, '{"type":"pause"}'),
      await post(server, 'not json'),
      await fetch(`${server.url}api/events`, { signal: controller.signal }),
    ];
    controller.abort();
    expect(responses.map((r) => r.status)).toEqual([200, 200, 404, 204, 400, 200]);
    for (const response of responses) expect(headersOf(response)).toMatchObject(securityHeaders);
  });

  it('answers 413 to a body over the budget, declared or streamed, and reads no further', async () => {
    const server = await serve(liveBackend(pipeline, pipelineInput, pipelineStart), fakeViewer(), {
      maxBodyBytes: 100,
    });
    const declared = await post(server, JSON.stringify({ type: 'pause', pad: 'x'.repeat(200) }));
    expect(declared.status).toBe(413);
    expect(await declared.text()).toBe('body larger than 100 bytes');
    // Chunked: no Content-Length, so the limit applies while reading.
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(50)));
        controller.close();
      },
    });
    const streamed = await fetch(`${server.url}api/command`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
  });

  it('cuts off a client that sends its request too slowly (408)', async () => {
    const server = await serve(liveBackend(pipeline, pipelineInput, pipelineStart), fakeViewer(), {
      requestTimeoutMs: 200,
    });
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/api/command',
          method: 'POST',
          headers: { host: `127.0.0.1:${server.port}`, 'content-type': 'application/json', 'content-length': '100' },
        },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.on('error', reject);
      // Ten bytes of a hundred, then nothing.
      req.write('{"type":"p');
    });
    expect(status).toBe(408);
  });

  it('answers 503 to a command the session does not finish in time, and to one stream too many', async () => {
    const stuck: ViewerSource = { connect: () => () => {}, send: () => new Promise(() => {}) };
    const server = await serve(stuck, fakeViewer(), { commandTimeoutMs: 50, maxStreams: 1 });
    const timedOut = await post(server, '{"type":"run"}');
    expect(timedOut.status).toBe(503);
    expect(await timedOut.text()).toBe('the command timed out');
    const controller = new AbortController();
    const first = await fetch(`${server.url}api/events`, { signal: controller.signal });
    const second = await fetch(`${server.url}api/events`, { signal: controller.signal });
    controller.abort();
    expect([first.status, second.status]).toEqual([200, 503]);
  });

  it('refuses breakpoints whose condition or state name is far longer than any real one', async () => {
    const server = await serve(liveBackend(pipeline, pipelineInput, pipelineStart));
    const set = (breakpoint: object) =>
      post(server, JSON.stringify({ type: 'breakpoints', breakpoints: [breakpoint] }));
    expect((await set({ stateName: 'Validate', on: 'enter', condition: `$.a == '${'x'.repeat(5_000)}'` })).status).toBe(
      400,
    );
    expect((await set({ stateName: 'x'.repeat(2_000), on: 'enter' })).status).toBe(400);
    expect((await set({ stateName: 'Validate', on: 'enter' })).status).toBe(204);
  });
});

describe('view server: event stream', () => {
  it('replays the session to a new page, then streams a run started by a command', async () => {
    const server = await serve(liveBackend(pipeline, pipelineInput, pipelineStart, 'order'));
    const messages = await readStream(
      server,
      (all) => sessionStates(all).includes('done'),
      async () => expect((await post(server, '{"type":"run"}')).status).toBe(204),
    );
    expect(messages[0]).toMatchObject({ type: 'init', mode: 'live', title: 'order' });
    expect(sessionStates(messages)[0]).toBe('idle');
    const free = await pipeline.run(pipelineInput, pipelineStart);
    expect(eventCount(messages)).toBe(free.history.length);
    expect(messages.at(-1)).toMatchObject({
      type: 'session',
      session: { state: 'done', result: { status: 'SUCCEEDED' } },
    });
  });

  it('pauses at a breakpoint set over HTTP, and a second page catches up from the replay', async () => {
    const server = await serve(liveBackend(pipeline, pipelineInput, pipelineStart));
    const breakpoints = JSON.stringify({ type: 'breakpoints', breakpoints: [{ stateName: 'Total', on: 'enter' }] });
    const first = await readStream(
      server,
      (all) => sessionStates(all).includes('paused'),
      async () => {
        expect((await post(server, breakpoints)).status).toBe(204);
        expect((await post(server, '{"type":"run"}')).status).toBe(204);
      },
    );
    expect(first.at(-1)).toMatchObject({
      session: { state: 'paused', pausedAt: { stateName: 'Total', on: 'enter', reason: 'breakpoint' } },
    });
    const second = await readStream(server, (all) => all.length >= 3);
    expect(second.map((m) => m.type)).toEqual(['init', 'events', 'session']);
    expect(second[0]).toMatchObject({ breakpoints: [{ stateName: 'Total', on: 'enter' }] });
    expect(eventCount(second)).toBe(eventCount(first));
  });

  it('aborts a run paused at a breakpoint: the execution ends ABORTED', async () => {
    const server = await serve(liveBackend(pipeline, pipelineInput, pipelineStart));
    const breakpoints = JSON.stringify({ type: 'breakpoints', breakpoints: [{ stateName: 'Total', on: 'enter' }] });
    let abort: Promise<Response> | undefined;
    const messages = await readStream(
      server,
      (all) => {
        if (!abort && sessionStates(all).includes('paused')) abort = post(server, '{"type":"abort"}');
        return sessionStates(all).includes('done');
      },
      async () => {
        expect((await post(server, breakpoints)).status).toBe(204);
        expect((await post(server, '{"type":"run"}')).status).toBe(204);
      },
    );
    expect((await abort)?.status).toBe(204);
    expect(messages.at(-1)).toMatchObject({
      type: 'session',
      session: { state: 'done', result: { status: 'ABORTED' } },
    });
    const events = messages.filter((m) => m.type === 'events').flatMap((m) => m.events as { type: string }[]);
    expect(events.at(-1)?.type).toBe('ExecutionAborted');
    // Nothing past the breakpoint ran.
    expect(JSON.stringify(events)).toContain('"name":"PriceLines"');
    expect(JSON.stringify(events)).not.toContain('"name":"Ship"');
    // Aborting a finished execution changes nothing.
    expect((await post(server, '{"type":"abort"}')).status).toBe(204);
    const replay = await readStream(server, (all) => all.length >= 3);
    expect(replay[2]).toMatchObject({ session: { state: 'done', result: { status: 'ABORTED' } } });
  });

  it('echoes the breakpoints it took to every page, and keeps its set when it refuses one', async () => {
    const server = await serve(liveBackend(pipeline, pipelineInput, pipelineStart));
    const set = JSON.stringify({
      type: 'breakpoints',
      breakpoints: [{ stateName: 'Total', on: 'exit', condition: '' }],
    });
    const echoed = await readStream(
      server,
      (all) => all.some((m) => m.type === 'breakpoints'),
      async () => expect((await post(server, set)).status).toBe(204),
    );
    // The empty condition is dropped: the echo is the set as the session holds it.
    expect(echoed.find((m) => m.type === 'breakpoints')).toEqual({
      type: 'breakpoints',
      breakpoints: [{ stateName: 'Total', on: 'exit' }],
    });

    const bad = await post(
      server,
      JSON.stringify({ type: 'breakpoints', breakpoints: [{ stateName: 'Total', on: 'enter', condition: '$.a[' }] }),
    );
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/invalid condition/);
    expect((await post(server, '{"type":"restart"}')).status).toBe(204);
    const after = await readStream(server, (all) => all.length >= 1);
    expect(after[0]).toMatchObject({ type: 'init', breakpoints: [{ stateName: 'Total', on: 'exit' }] });
  });

  it("streams each attempt's stages as a typed inspections message when the session inspects", async () => {
    const start = { ...pipelineStart, inspect: true };
    const server = await serve(liveBackend(pipeline, pipelineInput, start));
    const messages = await readStream(
      server,
      (all) => sessionStates(all).includes('done'),
      async () => expect((await post(server, '{"type":"run"}')).status).toBe(204),
    );
    const free = await pipeline.run(pipelineInput, start);
    const streamed = messages.filter((m) => m.type === 'inspections').flatMap((m) => m.inspections as unknown[]);
    expect(streamed).toEqual(JSON.parse(JSON.stringify(free.inspections)));
    // A page that connects later gets them in the replay, after the events.
    const replay = await readStream(server, (all) => all.length >= 4);
    expect(replay.map((m) => m.type)).toEqual(['init', 'events', 'inspections', 'session']);
  });

  it('shows an imported AWS history with its outcome', async () => {
    const definition = readJson<StateMachineDefinition>('fixtures/histories/aws-map-timeout.asl.json');
    const events = importAwsHistory(
      readJson<{ events: Json }>('fixtures/histories/aws-map-timeout.history.json').events,
    );
    const server = await serve(historyBackend(definition, events));
    const messages = await readStream(server, (all) => all.length >= 3);
    expect(messages[0]).toMatchObject({ type: 'init', mode: 'history' });
    expect(eventCount(messages)).toBe(events.length);
    expect(messages[2]).toMatchObject({ session: { state: 'done', result: { status: expect.any(String) } } });
  });
});

const distributed = StateMachine.from(
  readFileSync(join(repo, 'fixtures/states/distributed-map-failures.asl.json'), 'utf8'),
);
const distributedInput = readJson<{ cases: { input: Json }[] }>('fixtures/states/distributed-map-failures.test.json')
  .cases[0]!.input;
const distributedStart = { seed: 1, startTime: '2026-01-01T00:00:00Z' };
const query = (
  server: ViewServer,
  body: unknown,
  headers: Record<string, string> = { 'content-type': 'application/json' },
) => fetch(`${server.url}api/query`, { method: 'POST', headers, body: JSON.stringify(body) });

/** Runs `server`'s session to its end; returns the last Map Runs it sent. */
async function runToEnd(server: ViewServer): Promise<{ mapRunArn: string; itemCounts: Record<string, number> }[]> {
  const messages = await readStream(
    server,
    (all) => sessionStates(all).includes('done'),
    async () => expect((await post(server, '{"type":"run"}')).status).toBe(204),
  );
  return messages.filter((m) => m.type === 'mapRuns').at(-1)!.mapRuns as never;
}

describe('view server: Map Run queries', () => {
  it("streams the Map Run and answers for its children and a failed child's history", async () => {
    const server = await serve(liveBackend(distributed, distributedInput, distributedStart));
    const [run] = await runToEnd(server);
    expect(run!.itemCounts).toMatchObject({ succeeded: 4, failed: 2, total: 6 });

    const pageResponse = await query(server, { type: 'mapRunChildren', mapRunArn: run!.mapRunArn, status: 'FAILED' });
    expect(pageResponse.status).toBe(200);
    expect(pageResponse.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const page = (await pageResponse.json()) as {
      matching: number;
      children: { index: number; executionArn: string }[];
    };
    expect(page.matching).toBe(2);
    expect(page.children.map((child) => child.index)).toEqual([1, 4]);

    const child = (await (
      await query(server, { type: 'childExecution', executionArn: page.children[1]!.executionArn })
    ).json()) as {
      stateName: string;
      definition: { StartAt: string };
      events: { type: string }[];
    };
    expect(child.stateName).toBe('CheckItems');
    expect(child.definition.StartAt).toBe('Inspect');
    expect(child.events.at(-1)!.type).toBe('ExecutionFailed');
  });

  it('answers 400 to a malformed query, 404 to an unknown run or a source without children, 405 to GET', async () => {
    const server = await serve(liveBackend(distributed, distributedInput, distributedStart));
    await runToEnd(server);
    const bad = await query(server, { type: 'mapRunChildren', mapRunArn: 'arn:x', status: 'LOST' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('status must be one of PENDING');
    const unknown = await query(server, {
      type: 'childExecution',
      executionArn: 'arn:aws:states:x:1:execution:M:nope',
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toBe('no child execution arn:aws:states:x:1:execution:M:nope');
    expect(
      (await query(server, { type: 'childExecution', executionArn: 'arn:x' }, { 'content-type': 'text/plain' })).status,
    ).toBe(415);
    expect((await fetch(`${server.url}api/query`)).status).toBe(405);

    const history = await serve(historyBackend({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }, []));
    const none = await query(history, { type: 'childExecution', executionArn: 'arn:x' });
    expect(none.status).toBe(404);
    expect(await none.text()).toBe('this execution lists no Map Run children');
  });

  it('keeps every child history with --child-histories all (liveBackend options)', async () => {
    const server = await serve(
      liveBackend(distributed, distributedInput, { ...distributedStart, mapRuns: { childHistories: 'all' } }),
    );
    const [run] = await runToEnd(server);
    const page = (await (await query(server, { type: 'mapRunChildren', mapRunArn: run!.mapRunArn })).json()) as {
      children: { hasHistory: boolean }[];
    };
    expect(page.children.map((child) => child.hasHistory)).toEqual([true, true, true, true, true, true]);
  });
});

describe('aslkit view (command line)', () => {
  it('says how to build the viewer when it is not built', async () => {
    const saved = process.env.ASLKIT_VIEWER_DIR;
    process.env.ASLKIT_VIEWER_DIR = tempDir();
    try {
      const dir = tempDir({ 'm.asl.json': { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } } });
      const run = await runCli(['view', 'm.asl.json'], dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('the viewer app is not built');
      expect(run.stderr).toContain('npm run build:viewer');
    } finally {
      if (saved === undefined) delete process.env.ASLKIT_VIEWER_DIR;
      else process.env.ASLKIT_VIEWER_DIR = saved;
    }
  });

  it("inspects by default, so the page gets each attempt's stages; --no-inspect turns it off", async () => {
    const saved = process.env.ASLKIT_VIEWER_DIR;
    process.env.ASLKIT_VIEWER_DIR = fakeViewer();
    const dir = tempDir({ 'm.asl.json': { StartAt: 'A', States: { A: { Type: 'Pass', Result: 1, End: true } } } });
    try {
      for (const [flags, inspected] of [
        [[], true],
        [['--no-inspect'], false],
      ] as const) {
        const stop = new AbortController();
        let stdout = '';
        const io = { stdout: { write: (chunk: string) => (stdout += chunk) }, stderr: { write: () => true } };
        const exited = main(['view', ...flags, 'm.asl.json'], { ...io, cwd: dir, signal: stop.signal });
        const url = await vi.waitUntil(() => /http:\/\/127\.0\.0\.1:\d+\//.exec(stdout)?.[0]);
        const server = { url } as ViewServer;
        const messages = await readStream(
          server,
          (all) => sessionStates(all).includes('done'),
          async () => expect((await post(server, '{"type":"run"}')).status).toBe(204),
        );
        expect(messages.some((m) => m.type === 'inspections')).toBe(inspected);
        stop.abort();
        expect(await exited).toBe(0);
      }
      const history = await runCli(['view', '--history', 'h.json', '--no-inspect', 'm.asl.json'], dir);
      expect(history.stderr).toContain('--no-inspect do not apply');
    } finally {
      if (saved === undefined) delete process.env.ASLKIT_VIEWER_DIR;
      else process.env.ASLKIT_VIEWER_DIR = saved;
    }
  });

  it('refuses run options with --history and a bad --port', async () => {
    const saved = process.env.ASLKIT_VIEWER_DIR;
    process.env.ASLKIT_VIEWER_DIR = fakeViewer();
    try {
      const dir = tempDir({
        'm.asl.json': { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } },
        'h.json': { events: [] },
      });
      const withInput = await runCli(['view', '--history', 'h.json', '--input', '{}', 'm.asl.json'], dir);
      expect(withInput.code).toBe(2);
      expect(withInput.stderr).toContain('--input do not apply');
      const badPort = await runCli(['view', '--port', '70000', 'm.asl.json'], dir);
      expect(badPort.code).toBe(2);
      expect(badPort.stderr).toContain('--port must be a number from 0 to 65535');
      const badHistories = await runCli(['view', '--child-histories', 'some', 'm.asl.json'], dir);
      expect(badHistories.code).toBe(2);
      expect(badHistories.stderr).toContain("--child-histories must be none, failed or all, got 'some'");
      const withHistories = await runCli(
        ['view', '--history', 'h.json', '--child-histories', 'all', 'm.asl.json'],
        dir,
      );
      expect(withHistories.code).toBe(2);
      expect(withHistories.stderr).toContain('--child-histories do not apply');
    } finally {
      if (saved === undefined) delete process.env.ASLKIT_VIEWER_DIR;
      else process.env.ASLKIT_VIEWER_DIR = saved;
    }
  });
});

// The built page in Debian's Chromium, driven by playwright-core. It needs `npm run build:viewer`
// (part of `npm run build`) and /usr/bin/chromium; CI has both.
const builtViewer = join(repo, 'packages/cli/viewer');
const browserReady = existsSync(join(builtViewer, 'index.html')) && existsSync(CHROMIUM_PATH);

describe.skipIf(!browserReady)('aslkit view in Chromium (end to end)', () => {
  it('loads the served viewer, runs the execution and shows the result and stages', { timeout: 60_000 }, async () => {
    const { chromium: launcher } = await import('playwright-core');
    // As the command starts it: inspecting.
    const start = { ...pipelineStart, inspect: true };
    const server = await serve(liveBackend(pipeline, pipelineInput, start, 'order pipeline'), builtViewer);
    const browser = await launcher.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
      await page.goto(server.url);
      await page.getByTestId('node-ValidateOrder').waitFor();
      await page.getByTestId('node-Total').click();
      // The box shows the session's breakpoints, which come back from the server: click, then wait for the echo.
      const pauseOnEnter = page.getByTestId('breakpoint-enter');
      await pauseOnEnter.click();
      await expect.poll(() => pauseOnEnter.isChecked(), { timeout: 10_000 }).toBe(true);
      await page.getByTestId('control-run').click();
      await page.getByText('Paused before Total (breakpoint)').waitFor();
      expect(await page.getByTestId('node-PriceLines').getAttribute('data-status')).toBe('succeeded');
      expect(await page.getByTestId('node-Fulfil').getAttribute('data-status')).toBe('not-started');
      mkdirSync(join(repo, 'out'), { recursive: true });
      await page.screenshot({ path: join(repo, 'out', 'aslkit-view-paused.png') });
      await page.getByTestId('control-resume').click();
      await page.locator('[data-testid="execution-result"][data-status="SUCCEEDED"]').waitFor();
      expect(await page.getByTestId('node-Ship').getAttribute('data-status')).toBe('succeeded');
      // Total is still selected: its stages came over the wire.
      await page.getByTestId('stage-afterResultPath').getByText('3 added, 1 removed, 1 changed').waitFor();
      await page.screenshot({ path: join(repo, 'out', 'aslkit-view-finished.png') });
    } finally {
      await browser.close();
    }
  });

  it('lists a Map Run, opens a failed child and goes back', { timeout: 60_000 }, async () => {
    const { chromium: launcher } = await import('playwright-core');
    const server = await serve(
      liveBackend(distributed, distributedInput, distributedStart, 'tolerated failures'),
      builtViewer,
    );
    const browser = await launcher.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
      await page.goto(server.url);
      await page.getByTestId('node-CheckItems').waitFor();
      await page.getByTestId('control-run').click();
      await page.locator('[data-testid="execution-result"][data-status="SUCCEEDED"]').waitFor();
      await page.getByText('CheckItems', { exact: true }).first().click();
      await page.getByTestId('map-run-count-FAILED').click();
      await page.getByTestId('map-run-shown').getByText('1–2 of 2').waitFor();
      await page.getByTestId('map-run-child-1').click();
      await page.getByTestId('map-run-breadcrumb').waitFor();
      await page.locator('[data-testid="node-Reject"][data-status="failed"]').waitFor();
      expect(await page.getByTestId('node-Accept').getAttribute('data-status')).toBe('not-started');
      mkdirSync(join(repo, 'out'), { recursive: true });
      await page.screenshot({ path: join(repo, 'out', 'aslkit-view-map-run-child.png') });
      await page.getByTestId('breadcrumb-0').click();
      await page.getByTestId('map-run-count-ALL').getByText('Total 6').waitFor();
    } finally {
      await browser.close();
    }
  });

  it('shows an imported AWS history and replays it step by step', { timeout: 60_000 }, async () => {
    const { chromium: launcher } = await import('playwright-core');
    const definition = readJson<StateMachineDefinition>('fixtures/histories/aws-map-timeout.asl.json');
    const events = importAwsHistory(
      readJson<{ events: Json }>('fixtures/histories/aws-map-timeout.history.json').events,
    );
    const server = await serve(historyBackend(definition, events, 'map-timeout'), builtViewer);
    const browser = await launcher.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
      await page.goto(server.url);
      await page.locator('[data-testid="execution-result"][data-status="FAILED"]').waitFor();
      expect(await page.getByTestId('node-MapWait').getAttribute('data-status')).toBe('failed');
      await page.getByTestId('scrubber-position').getByText(`live · ${events.length} events`).waitFor();
      await page
        .getByTestId('control-restart')
        .count()
        .then((n) => expect(n).toBe(0));
      await page.getByRole('button', { name: 'First event' }).click();
      await page.getByTestId('control-step-transition').click();
      await page.getByTestId('control-step-transition').click();
      await page.getByTestId('scrubber-position').getByText(`event 2 of ${events.length}`).waitFor();
      expect(await page.getByTestId('node-MapWait').getAttribute('data-status')).toBe('running');
      await page.screenshot({ path: join(repo, 'out', 'aslkit-view-history.png') });
    } finally {
      await browser.close();
    }
  });
});

describe('view server: hostile queries', () => {
  const run = 'arn:aws:states:us-east-1:123456789012:mapRun:M/Map:x';
  const raw = (server: ViewServer, body: string) =>
    fetch(`${server.url}api/query`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  it.each([
    ['malformed JSON', '{"type":', 400, 'body is not JSON'],
    ['NaN', `{"type":"mapRunChildren","mapRunArn":"${run}","offset":NaN}`, 400, 'body is not JSON'],
    ['not an object', '[1]', 400, 'a query is a JSON object with a string "type"'],
    ['null', 'null', 400, 'a query is a JSON object with a string "type"'],
    ['a numeric type', '{"type":5}', 400, 'a query is a JSON object with a string "type"'],
    ['type __proto__', '{"type":"__proto__"}', 400, 'unknown query "__proto__"'],
    [
      'offset -1',
      JSON.stringify({ type: 'mapRunChildren', mapRunArn: run, offset: -1 }),
      400,
      'offset must be a whole number of at least 0',
    ],
    [
      'offset 1e300',
      JSON.stringify({ type: 'mapRunChildren', mapRunArn: run, offset: 1e300 }),
      400,
      'offset must be a whole number of at least 0',
    ],
    [
      'offset "5"',
      JSON.stringify({ type: 'mapRunChildren', mapRunArn: run, offset: '5' }),
      400,
      'offset must be a whole number of at least 0',
    ],
    [
      'limit 1.5',
      JSON.stringify({ type: 'mapRunChildren', mapRunArn: run, limit: 1.5 }),
      400,
      'limit must be a whole number of at least 0',
    ],
    [
      'status 5',
      JSON.stringify({ type: 'mapRunChildren', mapRunArn: run, status: 5 }),
      400,
      'status must be one of PENDING',
    ],
    [
      'a numeric ARN',
      JSON.stringify({ type: 'mapRunChildren', mapRunArn: 5 }),
      400,
      'mapRunArn must be an ARN of at most 2048 characters',
    ],
    [
      'an ARN of 1 MB',
      JSON.stringify({ type: 'mapRunChildren', mapRunArn: 'a'.repeat(1_000_000) }),
      413,
      'body larger than 65536 bytes',
    ],
    [
      'executionArn __proto__',
      JSON.stringify({ type: 'childExecution', executionArn: '__proto__' }),
      404,
      'no child execution __proto__',
    ],
    [
      'mapRunArn toString',
      JSON.stringify({ type: 'mapRunChildren', mapRunArn: 'toString' }),
      404,
      'no Map Run toString',
    ],
    [
      '__proto__ members',
      `{"type":"mapRunChildren","mapRunArn":"${run}","__proto__":{"offset":-1}}`,
      404,
      `no Map Run ${run}`,
    ],
    [
      'limit 2^53 - 1',
      JSON.stringify({ type: 'mapRunChildren', mapRunArn: run, limit: Number.MAX_SAFE_INTEGER }),
      404,
      `no Map Run ${run}`,
    ],
  ])('answers %s with a located refusal, and keeps answering', async (_name, body, status, text) => {
    const server = await serve(liveBackend(distributed, distributedInput, distributedStart));
    const answer = await raw(server, body);
    expect(answer.status).toBe(status);
    expect(await answer.text()).toContain(text);
    expect((await query(server, { type: 'childExecution', executionArn: 'arn:x' })).status).toBe(404);
  });
});
