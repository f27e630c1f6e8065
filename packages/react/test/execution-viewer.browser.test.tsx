// The viewer in Chromium over real debug sessions: step, break, time-travel, Catch and Choice.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render } from 'vitest-browser-react';
import { page, userEvent } from 'vitest/browser';
import '@xyflow/react/dist/style.css';
import '../src/style.css';
import { ExecutionViewer, createSessionSource } from '../src/index.js';
import { deterministic, order, parallelMapDefinition, shot, waitAndChoiceDefinition } from './fixtures.js';
import { byTestId, clickUntil, revealNode, statusOf } from './helpers.js';

afterEach(() => cleanup());

async function open(source: ReturnType<typeof createSessionSource>) {
  const screen = await render(
    <div style={{ height: 800 }}>
      <ExecutionViewer source={source} />
    </div>,
  );
  await expect
    .element(
      screen.getByTestId('node-ValidateOrder').or(screen.getByTestId('node-Both')).or(screen.getByTestId('node-Route')),
    )
    .toBeVisible();
  return screen;
}

describe('order pipeline (Choice, Map, Parallel, Retry, Catch)', () => {
  const source = () => createSessionSource({ definition: order.definition, input: order.input, start: order.start });

  it('steps state by state and event by event', async () => {
    const screen = await open(source());
    expect(statusOf('ValidateOrder')).toBe('not-started');
    await expect.element(screen.getByTestId('session-state')).toHaveAttribute('data-state', 'idle');

    await clickUntil('control-step-transition', () => statusOf('ValidateOrder') === 'succeeded');
    // Stepping stops at every transition: nothing after the Choice has run yet.
    expect(statusOf('PriceLines')).toBe('not-started');
    expect(statusOf('Ship')).toBe('not-started');
    await expect.element(screen.getByTestId('session-state')).toHaveAttribute('data-state', 'paused');

    const before = Number(byTestId('timeline').querySelectorAll('[data-testid="timeline-row"]').length);
    await screen.getByTestId('control-step-event').click();
    await expect
      .poll(() => byTestId('timeline').querySelectorAll('[data-testid="timeline-row"]').length)
      .toBeGreaterThan(before);

    await clickUntil('control-step-transition', () => statusOf('PriceLines') !== 'not-started');
    await page.screenshot({ path: shot('viewer-stepping') });

    await screen.getByTestId('control-resume').click();
    await expect.element(screen.getByTestId('execution-result')).toHaveAttribute('data-status', 'SUCCEEDED');
    expect(statusOf('Ship')).toBe('succeeded');
    expect(statusOf('Rejected')).toBe('not-started');
  });

  it('pauses at a breakpoint, shows the paused state, and resumes', async () => {
    const screen = await open(source());
    await revealNode('Fulfil/1/Charge');
    await screen.getByTestId('node-Fulfil/1/Charge').click();
    await expect.element(screen.getByTestId('inspector-title')).toHaveTextContent('Charge');
    await screen.getByTestId('breakpoint-enter').click();
    await expect.element(screen.getByTestId('node-Fulfil/1/Charge').getByTitle('Breakpoint on enter')).toBeVisible();

    await screen.getByTestId('control-run').click();
    await expect.element(screen.getByTestId('session-state')).toHaveAttribute('data-state', 'paused');
    await expect.element(screen.getByTestId('session-state')).toHaveTextContent(/Charge/);
    await expect.element(screen.getByTestId('paused-Fulfil/1/Charge')).toBeVisible();
    expect(statusOf('ValidateOrder')).toBe('succeeded');
    expect(statusOf('PriceLines')).toBe('succeeded');
    expect(statusOf('Fulfil')).toBe('running');
    expect(statusOf('Ship')).toBe('not-started');
    await expect.element(screen.getByTestId('map-progress-PriceLines')).toHaveTextContent('2/2');
    await page.screenshot({ path: shot('viewer-breakpoint') });

    await screen.getByTestId('control-resume').click();
    await expect.element(screen.getByTestId('execution-result')).toHaveAttribute('data-status', 'SUCCEEDED');
    await expect.element(screen.getByTestId('node-Fulfil/1/Charge')).toHaveAttribute('data-status', 'succeeded');
    // Charge failed once with Payments.Unavailable and was retried.
    await revealNode('Fulfil/1/Charge');
    await screen.getByTestId('node-Fulfil/1/Charge').click();
    await expect.element(screen.getByTestId('inspector-retries')).toHaveTextContent('1');
    await expect.element(screen.getByTestId('inspector-output')).toHaveTextContent('ch-42');
  });

  it('travels back in time with the scrubber and the timeline', async () => {
    const screen = await open(source());
    await screen.getByTestId('control-run').click();
    await expect.element(screen.getByTestId('execution-result')).toHaveAttribute('data-status', 'SUCCEEDED');
    await expect.element(screen.getByTestId('scrubber-position')).toHaveTextContent('live · 50 events');

    // Event 37 is Charge's first, failed attempt; the retry has not happened yet.
    await screen.getByTestId('scrubber-range').fill('37');
    await expect.element(screen.getByTestId('scrubber-position')).toHaveTextContent('event 37 of 50');
    await expect.poll(() => statusOf('Fulfil/1/Charge')).toBe('retrying');
    expect(statusOf('Fulfil/0/ReserveStock')).toBe('running');
    expect(statusOf('Ship')).toBe('not-started');
    await expect
      .element(screen.getByRole('listbox', { name: 'History events' }).getByRole('option', { selected: true }))
      .toHaveAttribute('data-event-id', '37');
    await page.screenshot({ path: shot('viewer-time-travel') });

    // A timeline row travels too.
    await screen.getByTestId('timeline-filter').fill('PriceLine');
    await expect.element(screen.getByTestId('timeline-count')).toHaveTextContent(/of 50 events/);
    const row = await vi.waitUntil(() =>
      document.querySelector<HTMLElement>('[data-testid="timeline-row"][data-event-id="12"]'),
    );
    row.click();
    await expect.element(screen.getByTestId('scrubber-position')).toHaveTextContent('event 12 of 50');
    await expect.poll(() => statusOf('PriceLines/PriceLine')).toBe('running');
    expect(statusOf('Total')).toBe('not-started');

    await screen.getByTestId('scrubber-live').click();
    await expect.poll(() => statusOf('Ship')).toBe('succeeded');
  });

  it('is driven from the keyboard', async () => {
    const screen = await open(source());
    const node = document.querySelector<HTMLElement>('.react-flow__node[data-id="ValidateOrder"]')!;
    node.focus();
    await userEvent.keyboard('{Enter}');
    await expect.element(screen.getByTestId('inspector-title')).toHaveTextContent('ValidateOrder');
    await userEvent.keyboard('{ArrowDown}');
    expect(document.activeElement?.getAttribute('data-id')).not.toBe('ValidateOrder');
    await userEvent.keyboard('{F10}');
    await expect.element(screen.getByTestId('session-state')).toHaveAttribute('data-state', 'paused');
    await userEvent.keyboard('{F8}');
    await expect.element(screen.getByTestId('execution-result')).toHaveAttribute('data-status', 'SUCCEEDED');
    // Two presses of '[' (written '[[' each in user-event's syntax), however many land in one frame.
    await userEvent.keyboard('[[[[');
    await expect.element(screen.getByTestId('scrubber-position')).toHaveTextContent('event 48 of 50');
    await userEvent.keyboard(']');
    await expect.element(screen.getByTestId('scrubber-position')).toHaveTextContent('event 49 of 50');
  });

  it('aborts a run paused at a breakpoint: the execution ends ABORTED', async () => {
    const screen = await open(source());
    const abort = () => byTestId('control-abort') as HTMLButtonElement;
    // Nothing runs yet, so there is nothing to abort.
    expect(abort().disabled).toBe(true);
    await revealNode('Total');
    await screen.getByTestId('node-Total').click();
    await screen.getByTestId('breakpoint-enter').click();
    await screen.getByTestId('control-run').click();
    await expect.element(screen.getByTestId('session-state')).toHaveTextContent('Paused before Total (breakpoint)');
    expect(abort().disabled).toBe(false);

    await screen.getByTestId('control-abort').click();
    await expect.element(screen.getByTestId('execution-result')).toHaveAttribute('data-status', 'ABORTED');
    await expect.element(screen.getByTestId('session-state')).toHaveAttribute('data-state', 'done');
    expect(abort().disabled).toBe(true);
    await expect.poll(() => statusOf('__end__')).toBe('aborted');
    // Stopped before Total was entered: it and everything after it never ran.
    expect(statusOf('PriceLines')).toBe('succeeded');
    expect(statusOf('Total')).toBe('not-started');
    expect(statusOf('Ship')).toBe('not-started');
    await expect.element(screen.getByTestId('timeline')).toHaveTextContent('ExecutionAborted');
    await page.screenshot({ path: shot('viewer-aborted') });

    // Restart brings a fresh, runnable execution back.
    await screen.getByTestId('control-restart').click();
    await expect.element(screen.getByTestId('session-state')).toHaveAttribute('data-state', 'idle');
    expect(abort().disabled).toBe(true);
  });

  it('aborts from the keyboard with Shift+F8', async () => {
    const screen = await open(source());
    document.querySelector<HTMLElement>('.react-flow__node[data-id="ValidateOrder"]')!.focus();
    await userEvent.keyboard('{Shift>}{F8}{/Shift}');
    // Idle: Shift+F8 neither aborts nor runs.
    await expect.element(screen.getByTestId('session-state')).toHaveAttribute('data-state', 'idle');
    await userEvent.keyboard('{F10}');
    await expect.element(screen.getByTestId('session-state')).toHaveAttribute('data-state', 'paused');
    await userEvent.keyboard('{Shift>}{F8}{/Shift}');
    await expect.element(screen.getByTestId('execution-result')).toHaveAttribute('data-status', 'ABORTED');
  });

  it('restarts with a fresh run and keeps the breakpoints', async () => {
    const screen = await open(source());
    await screen.getByTestId('control-run').click();
    await expect.element(screen.getByTestId('execution-result')).toBeVisible();
    await revealNode('Total');
    await screen.getByTestId('node-Total').click();
    await screen.getByTestId('breakpoint-exit').click();
    await screen.getByTestId('control-restart').click();
    await expect.poll(() => statusOf('Ship')).toBe('not-started');
    await expect.element(screen.getByTestId('scrubber-position')).toHaveTextContent('live · 0 events');
    await screen.getByTestId('control-run').click();
    await expect.element(screen.getByTestId('session-state')).toHaveTextContent(/after Total/);
    expect(statusOf('Total')).toBe('succeeded');
    expect(statusOf('Fulfil')).toBe('not-started');
  });

  // 4 states/s: Total is 11 transitions in (about 3 s), Ship 11 more, so the pause lands
  // between them with seconds to spare even on a slow machine.
  it('runs at a chosen speed, one state at a time', { timeout: 40_000 }, async () => {
    const screen = await open(source());
    await screen.getByTestId('control-speed').selectOptions('4');
    await screen.getByTestId('control-run').click();
    await expect.element(screen.getByTestId('session-state')).toHaveTextContent('Running step by step');
    // Both PriceLine iterations stop after event 22 in a row; pacing must step past the second stop.
    await expect.poll(() => statusOf('Total'), { timeout: 20_000 }).toBe('succeeded');
    await screen.getByTestId('control-pause').click();
    await expect.element(screen.getByTestId('session-state')).toHaveAttribute('data-state', 'paused');
    expect(statusOf('Ship')).toBe('not-started');
  });
});

describe('Catch and Choice fixtures', () => {
  it('shows a caught Map failure along its Catch edge (parallel-map)', async () => {
    const source = createSessionSource({
      definition: parallelMapDefinition,
      input: { items: [3, 11, 2] },
      start: deterministic,
    });
    const screen = await open(source);
    await screen.getByTestId('control-run').click();
    await expect.element(screen.getByTestId('execution-result')).toHaveAttribute('data-status', 'SUCCEEDED');
    expect(statusOf('Both/1/Each')).toBe('caught');
    expect(statusOf('Both/1/Report')).toBe('succeeded');
    expect(statusOf('Both/0/Count')).toBe('succeeded');
    const catchEdge = document.querySelector<SVGPathElement>('path.aslkit-edge[data-kind="catch"]')!;
    expect(catchEdge.dataset.taken).toBe('true');
    await expect.element(screen.getByTestId(`edge-label-${catchEdge.id}`)).toHaveTextContent('TooBig');
    await revealNode('Both/1/Each');
    await screen.getByTestId('node-Both/1/Each').click();
    await expect.element(screen.getByTestId('inspector-error')).toHaveTextContent('TooBig');
    // The Catch's ResultPath put the error and cause into the input of the state it led to.
    await revealNode('Both/1/Report');
    await screen.getByTestId('node-Both/1/Report').click();
    await expect.element(screen.getByTestId('inspector-output')).toHaveTextContent('11 is too big');
    await page.screenshot({ path: shot('viewer-catch') });
  });

  it('labels Choice rules and takes the dashed Default edge (wait-and-choice)', async () => {
    const source = createSessionSource({
      definition: waitAndChoiceDefinition,
      input: { priority: 'low', delay: 60 },
      start: deterministic,
    });
    const screen = await open(source);
    const labels = () => [...document.querySelectorAll<HTMLElement>('.aslkit-edge-label[data-kind="choice"]')];
    await expect.poll(() => labels().length).toBe(2);
    await expect.element(screen.getByTestId('node-Route')).toHaveAttribute('data-kind', 'Choice');
    await screen.getByTestId('control-run').click();
    await expect.element(screen.getByTestId('execution-result')).toHaveAttribute('data-status', 'SUCCEEDED');
    const defaultEdge = document.querySelector<SVGPathElement>('path.aslkit-edge[data-kind="default"]')!;
    expect(defaultEdge.dataset.taken).toBe('true');
    expect(getComputedStyle(defaultEdge).strokeDasharray).not.toBe('none');
    expect(statusOf('Later')).toBe('succeeded');
    expect(statusOf('Soon')).toBe('not-started');
    await page.screenshot({ path: shot('viewer-choice') });
  });
});
