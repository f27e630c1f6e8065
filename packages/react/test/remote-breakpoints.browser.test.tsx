// The viewer over createRemoteSource (as `aslkit view` serves it) against a fake server: the
// page's EventSource and fetch are stubbed, so the test decides when and how each POST answers.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render } from 'vitest-browser-react';
import '@xyflow/react/dist/style.css';
import '../src/style.css';
import { ExecutionViewer, createRemoteSource } from '../src/index.js';
import type { ViewerBreakpoint, ViewerCommand, ViewerMessage } from '../src/index.js';
import { order } from './fixtures.js';
import { byTestId, revealNode } from './helpers.js';

/** The one event stream the page opens; `emit` plays the server's side. */
class FakeEventSource {
  static readonly CLOSED = 2;
  static current: FakeEventSource | undefined;
  readyState = 1;
  onmessage: ((event: MessageEvent<string>) => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeEventSource.current = this;
  }
  emit(message: ViewerMessage): void {
    this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(message) }));
  }
  close(): void {
    this.readyState = FakeEventSource.CLOSED;
  }
}

/** A POST the server has received and not answered yet. */
interface PendingCommand {
  command: ViewerCommand;
  answer(status: number, body?: string): void;
}

let pending: PendingCommand[] = [];

beforeEach(() => {
  pending = [];
  const realFetch = globalThis.fetch;
  vi.stubGlobal('EventSource', FakeEventSource);
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
    if (String(input) !== '/api/command') return realFetch(input, init);
    return new Promise<Response>((resolve) => {
      pending.push({
        command: JSON.parse(String(init?.body)) as ViewerCommand,
        answer: (status, body) => resolve(new Response(status === 204 ? null : (body ?? ''), { status })),
      });
    });
  });
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  FakeEventSource.current = undefined;
});

const checked = (id: 'breakpoint-enter' | 'breakpoint-exit') => (byTestId(id) as HTMLInputElement).checked;
const server = () => FakeEventSource.current!;
const nextCommand = async (): Promise<PendingCommand> => {
  await expect.poll(() => pending.length).toBeGreaterThan(0);
  return pending.shift()!;
};

async function openRemote(breakpoints: ViewerBreakpoint[] = []) {
  const screen = await render(
    <div style={{ height: 800 }}>
      <ExecutionViewer source={createRemoteSource('/api')} />
    </div>,
  );
  await expect.poll(() => FakeEventSource.current?.url).toBe('/api/events');
  server().emit({ type: 'init', mode: 'live', definition: order.definition, title: 'order', breakpoints });
  server().emit({ type: 'events', events: [] });
  server().emit({ type: 'session', session: { state: 'idle' } });
  await expect.element(screen.getByTestId('node-Total')).toBeVisible();
  await revealNode('Total');
  await screen.getByTestId('node-Total').click();
  await expect.element(screen.getByTestId('inspector-title')).toHaveTextContent('Total');
  return screen;
}

describe('breakpoints over a remote source', () => {
  it('shows a toggle at once and keeps it when the server accepts and echoes it', async () => {
    const screen = await openRemote();
    await screen.getByTestId('breakpoint-enter').click();
    // Before the server has answered anything.
    expect(pending).toHaveLength(1);
    expect(checked('breakpoint-enter')).toBe(true);
    await expect.element(screen.getByTestId('node-Total').getByTitle('Breakpoint on enter')).toBeVisible();

    const post = await nextCommand();
    expect(post.command).toEqual({ type: 'breakpoints', breakpoints: [{ stateName: 'Total', on: 'enter' }] });
    post.answer(204);
    server().emit({ type: 'breakpoints', breakpoints: [{ stateName: 'Total', on: 'enter' }] });
    await expect.poll(() => checked('breakpoint-enter')).toBe(true);
    expect(checked('breakpoint-exit')).toBe(false);

    // An echo with nothing of ours pending is the server's word (another page changed the set).
    server().emit({
      type: 'breakpoints',
      breakpoints: [
        { stateName: 'Total', on: 'enter' },
        { stateName: 'Total', on: 'exit' },
      ],
    });
    await expect.poll(() => checked('breakpoint-exit')).toBe(true);
    expect(screen.getByTestId('viewer-error').query()).toBeNull();
  });

  it('does not let the echo of an older set undo a newer toggle', async () => {
    const screen = await openRemote([{ stateName: 'Total', on: 'enter' }]);
    await expect.poll(() => checked('breakpoint-enter')).toBe(true);
    await screen.getByTestId('breakpoint-exit').click();
    await screen.getByTestId('breakpoint-enter').click();
    expect(checked('breakpoint-exit')).toBe(true);
    expect(checked('breakpoint-enter')).toBe(false);

    const first = await nextCommand();
    const second = await nextCommand();
    expect(second.command).toEqual({ type: 'breakpoints', breakpoints: [{ stateName: 'Total', on: 'exit' }] });
    first.answer(204);
    server().emit({
      type: 'breakpoints',
      breakpoints: [
        { stateName: 'Total', on: 'enter' },
        { stateName: 'Total', on: 'exit' },
      ],
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(checked('breakpoint-enter')).toBe(false);

    second.answer(204);
    server().emit({ type: 'breakpoints', breakpoints: [{ stateName: 'Total', on: 'exit' }] });
    await expect.poll(() => checked('breakpoint-exit')).toBe(true);
    expect(checked('breakpoint-enter')).toBe(false);
  });

  it('takes a toggle back when the server refuses it, and says why', async () => {
    const screen = await openRemote([{ stateName: 'Total', on: 'enter' }]);
    await expect.poll(() => checked('breakpoint-enter')).toBe(true);
    await screen.getByTestId('breakpoint-exit').click();
    expect(checked('breakpoint-exit')).toBe(true);

    (await nextCommand()).answer(409, 'the session is gone');
    await expect.poll(() => checked('breakpoint-exit')).toBe(false);
    expect(checked('breakpoint-enter')).toBe(true);
    await expect.element(screen.getByTestId('node-Total').getByTitle('Breakpoint on enter')).toBeVisible();
    // Worded like any other refused command.
    await expect
      .element(screen.getByTestId('viewer-error'))
      .toHaveTextContent('breakpoints was refused: the session is gone');
  });
});
