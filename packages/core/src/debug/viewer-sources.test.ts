// The viewer sources of @aslkit/core/debug: a debug session, a finished history, and a server
// across the network (its EventSource and fetch stubbed here, as a browser would provide them).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Json } from '../json.js';
import type { MockScript } from '../resolvers/mocks.js';
import { StateMachine, type StartOptions } from '../runtime/state-machine.js';
import type { ViewerMessage, ViewerSource } from './protocol.js';
import { createSessionSource } from './session-source.js';
import { createHistorySource, outcomeOf } from './history-source.js';
import { createRemoteSource } from './remote-source.js';

const fixtures = join(import.meta.dirname, '..', '..', '..', '..', 'fixtures');
const read = <T>(path: string) => JSON.parse(readFileSync(join(fixtures, path), 'utf8')) as T;
const definition = read<Json>('examples/order-pipeline.asl.json');
const input = read<Json>('examples/order-pipeline.input.json');
const start: StartOptions = {
  seed: 7,
  startTime: '2026-01-01T00:00:00Z',
  mocks: read<MockScript>('examples/order-pipeline.mocks.json'),
};
const machine = StateMachine.from(definition as object);

/** Connects and collects messages until `done` holds for them. */
function follow(source: ViewerSource, done: (messages: ViewerMessage[]) => boolean) {
  const messages: ViewerMessage[] = [];
  let resolve!: () => void;
  const finished = new Promise<void>((r) => (resolve = r));
  const disconnect = source.connect((message) => {
    messages.push(message);
    if (done(messages)) resolve();
  });
  return { messages, finished: finished.then(() => (disconnect(), messages)) };
}
const states = (messages: ViewerMessage[]) => messages.flatMap((m) => (m.type === 'session' ? [m.session.state] : []));
const events = (messages: ViewerMessage[]) => messages.flatMap((m) => (m.type === 'events' ? m.events : []));

describe('createSessionSource', () => {
  it('replays the session to a new viewer, then streams a run to the same history as a free run', async () => {
    const source = createSessionSource({ definition: machine, input, start, title: 'order' });
    const run = follow(source, (all) => states(all).includes('done'));
    expect(run.messages.map((m) => m.type)).toEqual(['init', 'events', 'session']);
    expect(run.messages[0]).toEqual({
      type: 'init',
      mode: 'live',
      definition: machine.definition,
      breakpoints: [],
      title: 'order',
    });
    await source.send({ type: 'run' });
    const messages = await run.finished;
    const free = await machine.run(input, start);
    expect(JSON.stringify(events(messages))).toBe(JSON.stringify(free.history));
    expect(messages.at(-1)).toEqual({ type: 'session', session: { state: 'done', result: { status: 'SUCCEEDED' } } });
  });

  it('pauses at a breakpoint, echoes the set it took, keeps it when refusing one, and restarts with it', async () => {
    const source = createSessionSource({ definition: JSON.stringify(definition), input, start });
    const run = follow(source, (all) => states(all).includes('paused'));
    await source.send({ type: 'breakpoints', breakpoints: [{ stateName: 'Total', on: 'enter' }] });
    expect(run.messages.at(-1)).toEqual({ type: 'breakpoints', breakpoints: [{ stateName: 'Total', on: 'enter' }] });
    await expect(
      source.send({ type: 'breakpoints', breakpoints: [{ stateName: 'Total', on: 'enter', condition: '$.a[' }] }),
    ).rejects.toMatchObject({ code: 'ASLKIT_INVALID_BREAKPOINT' });
    await source.send({ type: 'run' });
    const paused = await run.finished;
    expect(paused.at(-1)).toMatchObject({
      session: { state: 'paused', pausedAt: { stateName: 'Total', on: 'enter', reason: 'breakpoint' } },
    });

    const again = follow(source, (all) => all.length >= 5);
    await source.send({ type: 'restart' });
    const restarted = await again.finished;
    // The replay, then the fresh run's init (with the breakpoints) and its idle session.
    expect(restarted.slice(3)).toEqual([
      {
        type: 'init',
        mode: 'live',
        definition: machine.definition,
        breakpoints: [{ stateName: 'Total', on: 'enter' }],
      },
      { type: 'session', session: { state: 'idle' } },
    ]);
  });

  it('sends what changed through `schedule`, so a burst goes out together', async () => {
    const queued: (() => void)[] = [];
    const source = createSessionSource({
      definition: machine,
      input,
      start,
      schedule: (publish) => queued.push(publish),
    });
    const run = follow(source, (all) => states(all).includes('done'));
    await source.send({ type: 'run' });
    while (!states(run.messages).includes('done')) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      for (const publish of queued.splice(0)) publish();
    }
    const messages = await run.finished;
    expect(events(messages)).toHaveLength((await machine.run(input, start)).history.length);
  });

  it("with inspect: true, streams every attempt's stages as attempts end, replays them, and clears them on restart", async () => {
    const source = createSessionSource({ definition: machine, input, start: { ...start, inspect: true } });
    const run = follow(source, (all) => states(all).includes('done'));
    await source.send({ type: 'run' });
    const messages = await run.finished;
    const free = await machine.run(input, { ...start, inspect: true });
    const streamed = messages.flatMap((m) => (m.type === 'inspections' ? m.inspections : []));
    expect(streamed).toEqual(free.inspections);
    // Live: as attempts end, not once at the end.
    expect(messages.filter((m) => m.type === 'inspections').length).toBeGreaterThan(1);
    expect(JSON.stringify(events(messages))).toBe(JSON.stringify(free.history));

    const replay = follow(source, () => true);
    const replayed = await replay.finished;
    expect(replayed.map((m) => m.type)).toEqual(['init', 'events', 'inspections', 'session']);
    expect(replayed[2]).toEqual({ type: 'inspections', inspections: free.inspections });

    const again = follow(source, (all) => all.some((m, i) => i > 3 && m.type === 'session'));
    await source.send({ type: 'restart' });
    const restarted = await again.finished;
    expect(restarted.slice(4).map((m) => m.type)).toEqual(['init', 'session']);
  });

  it('sends no inspections without inspect: true', async () => {
    const source = createSessionSource({ definition: machine, input, start });
    const run = follow(source, (all) => states(all).includes('done'));
    await source.send({ type: 'run' });
    expect((await run.finished).some((m) => m.type === 'inspections')).toBe(false);
  });

  it('refuses an unknown command from an untyped caller', async () => {
    const source = createSessionSource({ definition: machine, input, start });
    await expect(source.send({ type: 'launch' } as never)).rejects.toMatchObject({ code: 'ASLKIT_INVALID_COMMAND' });
  });
});

describe('createHistorySource', () => {
  it('replays the history with its outcome and refuses commands', async () => {
    const { history } = await machine.run(input, start);
    const source = createHistorySource({ definition: machine.definition, events: history, title: 'recorded' });
    const messages: ViewerMessage[] = [];
    source.connect((message) => messages.push(message));
    expect(messages).toEqual([
      { type: 'init', mode: 'history', definition: machine.definition, title: 'recorded' },
      { type: 'events', events: history },
      { type: 'session', session: { state: 'done', result: { status: 'SUCCEEDED' } } },
    ]);
    await expect(source.send({ type: 'run' })).rejects.toMatchObject({ code: 'ASLKIT_COMMAND_REFUSED' });
  });

  it("replays a run's inspections after its events", async () => {
    const { history, inspections } = await machine.run(input, { ...start, inspect: true });
    const source = createHistorySource({ definition: machine.definition, events: history, inspections });
    const messages: ViewerMessage[] = [];
    source.connect((message) => messages.push(message));
    expect(messages.map((m) => m.type)).toEqual(['init', 'events', 'inspections', 'session']);
    expect(messages[2]).toEqual({ type: 'inspections', inspections });
  });

  it('reads the outcome from the last Execution event', async () => {
    expect(outcomeOf([])).toBeUndefined();
    const failing = StateMachine.from({ StartAt: 'F', States: { F: { Type: 'Fail', Error: 'E', Cause: 'C' } } });
    expect(outcomeOf((await failing.run({})).history)).toEqual({ status: 'FAILED', error: 'E', cause: 'C' });
  });
});

describe('createRemoteSource', () => {
  class FakeEventSource {
    static readonly CLOSED = 2;
    static current: FakeEventSource | undefined;
    readyState = 1;
    onmessage: ((event: { data: string }) => void) | null = null;
    onerror: (() => void) | null = null;
    closed = false;
    constructor(readonly url: string) {
      FakeEventSource.current = this;
    }
    close() {
      this.closed = true;
    }
  }
  afterEach(() => vi.unstubAllGlobals());

  it('checks each message from the server before passing it on', () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    const messages: ViewerMessage[] = [];
    const disconnect = createRemoteSource('/api/').connect((message) => messages.push(message));
    const server = FakeEventSource.current!;
    expect(server.url).toBe('/api/events');
    server.onmessage!({ data: JSON.stringify({ type: 'session', session: { state: 'idle' } }) });
    server.onmessage!({ data: '{"type":' });
    server.onmessage!({ data: JSON.stringify({ type: 'session', session: { state: 'sleeping' } }) });
    server.readyState = FakeEventSource.CLOSED;
    server.onerror!();
    disconnect();
    expect(server.closed).toBe(true);
    expect(messages).toEqual([
      { type: 'session', session: { state: 'idle' } },
      { type: 'error', message: 'The server sent a message that is not JSON.' },
      {
        type: 'error',
        message:
          'The server sent a message that is not understood: session needs a state: idle, running, paused, stepping or done.',
      },
      { type: 'error', message: 'Lost the connection to aslkit view.' },
    ]);
  });

  it("posts commands as JSON and turns a refusal into an error with the server's reason", async () => {
    const posts: { url: string; body: string }[] = [];
    vi.stubGlobal('fetch', async (url: string, init: { body: string }) => {
      posts.push({ url, body: init.body });
      return posts.length === 1 ? new Response(null, { status: 204 }) : new Response('not now', { status: 409 });
    });
    const source = createRemoteSource('/api');
    await source.send({ type: 'step', by: 'event' });
    await expect(source.send({ type: 'run' })).rejects.toThrow('run was refused: not now');
    expect(posts).toEqual([
      { url: '/api/command', body: '{"type":"step","by":"event"}' },
      { url: '/api/command', body: '{"type":"run"}' },
    ]);
  });
});
