// The Map Run panel in Chromium: a distributed Map whose run tolerates failed items, its counts
// and filters, a failed child opened as a graph of its own, and the breadcrumb back.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from 'vitest-browser-react';
import { page } from 'vitest/browser';
import '@xyflow/react/dist/style.css';
import '../src/style.css';
import { StateMachine } from '@aslkit/core';
import { ExecutionViewer, createHistorySource, createSessionSource, type ViewerSource } from '../src/index.js';
import { deterministic, distributed, shot } from './fixtures.js';
import { byTestId, revealNode, scrubTo, statusOf } from './helpers.js';

afterEach(() => cleanup());

async function open(source: ViewerSource) {
  const screen = await render(
    <div style={{ height: 820 }}>
      <ExecutionViewer source={source} />
    </div>,
  );
  await expect.element(screen.getByTestId('node-CheckItems')).toBeVisible();
  return screen;
}

const childRows = () =>
  [...byTestId('map-run-children').querySelectorAll<HTMLElement>('[data-testid^="map-run-child-"]')].map(
    (row) => `${row.dataset.testid!.slice('map-run-child-'.length)}:${row.dataset.status}`,
  );

describe('Map Run panel', () => {
  it('lists the children by status, opens a failed one as its own graph, and goes back', async () => {
    const source = createSessionSource({
      definition: distributed.definition,
      input: distributed.input,
      start: deterministic,
    });
    const screen = await open(source);
    await screen.getByTestId('control-run').click();
    await expect.element(screen.getByTestId('execution-result')).toHaveAttribute('data-status', 'SUCCEEDED');

    // The parent's history has no iteration events: the badge counts the Map Run's children.
    await expect.element(screen.getByTestId('map-progress-CheckItems')).toHaveTextContent('6/6 · 2 failed');
    await revealNode('CheckItems');
    await screen.getByTestId('node-CheckItems').click();
    await expect.element(screen.getByTestId('map-run-panel')).toBeVisible();
    await expect.element(screen.getByTestId('map-run-status')).toHaveAttribute('data-status', 'SUCCEEDED');
    await expect
      .element(screen.getByTestId('map-run-arn'))
      .toHaveTextContent(/^arn:aws:states:us-east-1:123456789012:mapRun:StateMachine\/Check:/);
    await expect.element(screen.getByTestId('map-run-count-ALL')).toHaveTextContent('Total 6');
    await expect.element(screen.getByTestId('map-run-count-SUCCEEDED')).toHaveTextContent('Succeeded 4');
    await expect.element(screen.getByTestId('map-run-count-FAILED')).toHaveTextContent('Failed 2');
    await expect.element(screen.getByTestId('map-run-count-TIMED_OUT')).toHaveTextContent('Timed out 0');
    await expect
      .poll(childRows)
      .toEqual(['0:SUCCEEDED', '1:FAILED', '2:SUCCEEDED', '3:SUCCEEDED', '4:FAILED', '5:SUCCEEDED']);
    // Only failed children keep their history by default: the others cannot be opened.
    await expect.element(screen.getByTestId('map-run-child-0')).toBeDisabled();

    await screen.getByTestId('map-run-count-FAILED').click();
    await expect.element(screen.getByTestId('map-run-count-FAILED')).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(childRows).toEqual(['1:FAILED', '4:FAILED']);
    await expect.element(screen.getByTestId('map-run-shown')).toHaveTextContent('1–2 of 2');
    await expect.element(screen.getByTestId('map-run-child-4')).toHaveTextContent('Item.Rejected');
    await page.screenshot({ path: shot('viewer-map-run-panel') });

    await screen.getByTestId('map-run-child-4').click();
    // The child's graph: the ItemProcessor as a machine, its history replayed on it.
    await expect.element(screen.getByTestId('node-Inspect')).toBeVisible();
    await expect.element(screen.getByTestId('map-run-breadcrumb')).toHaveTextContent(/CheckItems · item 4/);
    await expect.element(screen.getByTestId('execution-result')).toHaveAttribute('data-status', 'FAILED');
    await expect.element(screen.getByTestId('execution-result')).toHaveTextContent('Item.Rejected: the item is not ok');
    await expect.poll(() => statusOf('Reject')).toBe('failed');
    expect(statusOf('Inspect')).toBe('succeeded');
    expect(statusOf('Accept')).toBe('not-started');
    expect(document.querySelector('[data-testid="node-CheckItems"]')).toBeNull();
    await page.screenshot({ path: shot('viewer-map-run-child') });

    await screen.getByTestId('breadcrumb-0').click();
    await expect.element(screen.getByTestId('node-CheckItems')).toBeVisible();
    expect(document.querySelector('[data-testid="map-run-breadcrumb"]')).toBeNull();
    // The parent is as the user left it: the Map still selected, its panel showing.
    await expect.element(screen.getByTestId('inspector-title')).toHaveTextContent('CheckItems');
    await expect.element(screen.getByTestId('map-run-count-ALL')).toHaveTextContent('Total 6');
    await expect.element(screen.getByTestId('execution-result')).toHaveAttribute('data-status', 'SUCCEEDED');
  });

  it('shows a finished execution given with its mapRuns, every child openable when all histories are kept', async () => {
    const execution = StateMachine.from(distributed.definition).start(distributed.input, {
      ...deterministic,
      mapRuns: { childHistories: 'all' },
    });
    const result = await execution.result;
    const source = createHistorySource({
      definition: distributed.definition,
      events: result.history,
      mapRuns: execution.mapRuns,
    });
    const screen = await open(source);
    await revealNode('CheckItems');
    await screen.getByTestId('node-CheckItems').click();
    await screen.getByTestId('map-run-count-SUCCEEDED').click();
    await expect.poll(childRows).toEqual(['0:SUCCEEDED', '2:SUCCEEDED', '3:SUCCEEDED', '5:SUCCEEDED']);
    await screen.getByTestId('map-run-child-2').click();
    await expect.element(screen.getByTestId('execution-result')).toHaveAttribute('data-status', 'SUCCEEDED');
    await expect.poll(() => statusOf('Accept')).toBe('succeeded');
    expect(statusOf('Reject')).toBe('not-started');
  });

  it('follows the timeline: not started, running with the children of that time, then as it ended', async () => {
    const execution = StateMachine.from(distributed.definition).start(distributed.input, deterministic);
    const result = await execution.result;
    const source = createHistorySource({
      definition: distributed.definition,
      events: result.history,
      mapRuns: execution.mapRuns,
    });
    const screen = await open(source);
    await revealNode('CheckItems');
    await screen.getByTestId('node-CheckItems').click();
    await expect.element(screen.getByTestId('map-run-status')).toHaveAttribute('data-status', 'SUCCEEDED');
    const types = result.history.map((event) => event.type);
    const started = types.indexOf('MapRunStarted') + 1;
    const ended = types.indexOf('MapRunSucceeded') + 1;

    // Before MapRunStarted: the Map has entered, its run has not begun.
    scrubTo(started - 1);
    await expect.element(screen.getByTestId('scrubber-position')).toHaveTextContent(`event ${started - 1} of`);
    await expect.element(screen.getByTestId('map-run-none')).toHaveTextContent(/^Not started yet at this point/);
    await expect.element(screen.getByTestId('map-progress-CheckItems')).not.toHaveTextContent(/6\/6/);

    // At MapRunStarted: running, no end; on the virtual clock every child started then, none ended.
    scrubTo(started);
    await expect.element(screen.getByTestId('map-run-status')).toHaveAttribute('data-status', 'RUNNING');
    await expect.element(screen.getByTestId('map-run-count-SUCCEEDED')).toHaveTextContent('Succeeded 0');
    await expect.element(screen.getByTestId('map-run-count-FAILED')).toHaveTextContent('Failed 0');
    await expect.element(screen.getByTestId('map-run-count-RUNNING')).toHaveTextContent('Running 6');
    await expect
      .poll(childRows)
      .toEqual(['0:RUNNING', '1:RUNNING', '2:RUNNING', '3:RUNNING', '4:RUNNING', '5:RUNNING']);
    // No child can be opened before it ended: its history is of a later time.
    await expect.element(screen.getByTestId('map-run-child-1')).toBeDisabled();
    await page.screenshot({ path: shot('viewer-map-run-scrubbed') });

    // At MapRunSucceeded and after: as it ended.
    scrubTo(ended);
    await expect.element(screen.getByTestId('map-run-status')).toHaveAttribute('data-status', 'SUCCEEDED');
    await expect.element(screen.getByTestId('map-run-count-FAILED')).toHaveTextContent('Failed 2');
    await expect
      .poll(childRows)
      .toEqual(['0:SUCCEEDED', '1:FAILED', '2:SUCCEEDED', '3:SUCCEEDED', '4:FAILED', '5:SUCCEEDED']);
    await expect.element(screen.getByTestId('map-progress-CheckItems')).toHaveTextContent('6/6 · 2 failed');
    await expect.element(screen.getByTestId('map-run-child-1')).toBeEnabled();
  });

  it('says when a history comes without its Map Run records (an imported one)', async () => {
    const result = await StateMachine.from(distributed.definition).run(distributed.input, deterministic);
    const screen = await open(createHistorySource({ definition: distributed.definition, events: result.history }));
    await revealNode('CheckItems');
    await screen.getByTestId('node-CheckItems').click();
    await expect.element(screen.getByTestId('map-run-none')).toHaveTextContent(/has no record of the Map Run/);
  });

  it('says the run has not started before the Map runs, and shows nothing for other states', async () => {
    const source = createSessionSource({
      definition: distributed.definition,
      input: distributed.input,
      start: deterministic,
    });
    const screen = await open(source);
    await revealNode('CheckItems');
    await screen.getByTestId('node-CheckItems').click();
    await expect.element(screen.getByTestId('map-run-none')).toHaveTextContent(/^Not started yet/);
    await revealNode('Report');
    await screen.getByTestId('node-Report').click();
    await expect.element(screen.getByTestId('inspector-title')).toHaveTextContent('Report');
    expect(document.querySelector('[data-testid="map-run-panel"]')).toBeNull();
  });
});
