// A 10,000-event history in the viewer: it renders, the timeline stays virtual, and time travel works.
import { afterEach, expect, it } from 'vitest';
import { cleanup, render } from 'vitest-browser-react';
import '@xyflow/react/dist/style.css';
import '../src/style.css';
import { StateMachine } from '@aslkit/core';
import { ExecutionViewer, createHistorySource } from '../src/index.js';
import { itemsFor, wideMapDefinition } from '../bench/large-machines.js';
import { statusOf } from './helpers.js';

afterEach(() => cleanup());

it('shows a 10,000-event history and travels through it', { timeout: 60_000 }, async () => {
  const definition = wideMapDefinition();
  const items = itemsFor(10_000);
  const { history } = await StateMachine.from(definition).run(
    { items },
    { seed: 1, startTime: '2026-01-01T00:00:00Z', history: { maxEvents: Infinity } },
  );
  expect(history.length).toBeGreaterThanOrEqual(10_000);
  const screen = await render(
    <div style={{ height: 800 }}>
      <ExecutionViewer source={createHistorySource({ definition, events: history })} />
    </div>,
  );
  const total = history.length.toLocaleString();
  await expect.element(screen.getByTestId('timeline-count')).toHaveTextContent(`${total} events`);
  await expect.element(screen.getByTestId('map-progress-Each')).toHaveTextContent(`${items.length}/${items.length}`);
  expect(statusOf('Each')).toBe('succeeded');
  // Only the rows in view (plus a margin) are in the page.
  expect(document.querySelectorAll('[data-testid="timeline-row"]').length).toBeLessThan(100);

  const middle = history.length >> 1;
  await screen.getByTestId('scrubber-range').fill(String(middle));
  await expect
    .element(screen.getByTestId('scrubber-position'))
    .toHaveTextContent(`event ${middle} of ${history.length}`);
  await expect.poll(() => statusOf('Each')).toBe('running');
  await expect
    .element(screen.getByRole('listbox', { name: 'History events' }).getByRole('option', { selected: true }))
    .toHaveAttribute('data-event-id', String(history[middle - 1]!.id));
});
