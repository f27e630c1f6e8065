// The inspector's stage view in Chromium: a visit's data flow as a pipeline of stages, live from a
// debug session with inspect: true and from a finished run; the stage where an error arose marked.
// Screenshots go to out/ for a person to look at (the package's pattern); what they show is
// asserted on the DOM and the computed layout, which stay the same on any machine.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from 'vitest-browser-react';
import { page } from 'vitest/browser';
import '@xyflow/react/dist/style.css';
import '../src/style.css';
import { StateMachine, type StateMachineDefinition } from '@aslkit/core';
import { ExecutionViewer, createHistorySource, createSessionSource, type ViewerSource } from '../src/index.js';
import { deterministic, order, shot } from './fixtures.js';
import { byTestId, revealNode } from './helpers.js';

afterEach(() => cleanup());

async function open(source: ViewerSource, firstNode: string) {
  const screen = await render(
    <div style={{ height: 900 }}>
      <ExecutionViewer source={source} />
    </div>,
  );
  await expect.element(screen.getByTestId(`node-${firstNode}`)).toBeVisible();
  return screen;
}

/** The stages listed, as `label: summary`. */
const listed = () =>
  [...byTestId('stage-view').querySelectorAll<HTMLElement>('[data-stage]')].map(
    (item) =>
      `${item.querySelector('.aslkit-stage__label')!.textContent}: ${item.querySelector('.aslkit-stage__summary')!.textContent}`,
  );

describe('stage view over a live debug session', () => {
  it("with inspect: true, shows the selected visit's stages, their values and what each changed, attempt by attempt", async () => {
    const source = createSessionSource({
      definition: order.definition,
      input: order.input,
      start: { ...order.start, inspect: true },
    });
    const screen = await open(source, 'ValidateOrder');
    await screen.getByTestId('control-run').click();
    await expect.element(screen.getByTestId('execution-result')).toHaveAttribute('data-status', 'SUCCEEDED');

    await revealNode('Total');
    await screen.getByTestId('node-Total').click();
    await expect.element(screen.getByTestId('stage-view')).toBeVisible();
    expect(listed()).toEqual([
      'Input: state input',
      'InputPath: unchanged',
      // { orderId, lines: [...], validation, priced } → { orderId, lines: 2, total: 59 }
      'Parameters: 1 added, 2 removed, 1 changed',
      'ResultPath: 3 added, 1 removed, 1 changed',
      'OutputPath: unchanged',
    ]);
    // Changed stages are open with their diff and value; unchanged ones are one compact line.
    const parameters = byTestId('stage-afterParameters');
    expect(parameters.dataset.look).toBe('changed');
    expect(byTestId('stage-value-afterParameters').textContent).toContain('"total": 59');
    const resultPath = byTestId('stage-diff-afterResultPath');
    expect([...resultPath.querySelectorAll('li')].map((li) => [li.dataset.kind, li.textContent])).toContainEqual([
      'added',
      '+ $.summary added',
    ]);
    const unchanged = byTestId('stage-afterInputPath');
    expect(unchanged.dataset.look).toBe('unchanged');
    expect(unchanged.querySelector('.aslkit-stage__body')).toBeNull();
    expect(unchanged.getBoundingClientRect().height).toBeLessThan(parameters.getBoundingClientRect().height / 2);
    await page.screenshot({ path: shot('stage-view-total'), element: byTestId('stage-view') });
    await screen.getByTestId('stage-afterInputPath').getByRole('button').click();
    await expect.element(screen.getByTestId('stage-value-afterInputPath')).toHaveTextContent('"orderId"');

    // Charge failed once (retried) and then succeeded: the latest attempt first, the failed one on request.
    await revealNode('Fulfil/1/Charge');
    await screen.getByTestId('node-Fulfil/1/Charge').click();
    await expect.element(screen.getByTestId('stage-attempt')).toHaveValue('1');
    expect(listed()).toContain('Task result: 2 added, 1 removed');
    await screen.getByTestId('stage-attempt').selectOptions('0');
    await expect.element(screen.getByTestId('stage-result')).toHaveAttribute('data-look', 'error');
    await expect.element(screen.getByTestId('stage-error-name')).toHaveTextContent('Payments.Unavailable');
    await expect.element(screen.getByTestId('stage-error-cause')).toHaveTextContent('gateway timeout');
    expect(listed()).toEqual([
      'Input: state input',
      'InputPath: unchanged',
      'Parameters: 1 added, 5 removed',
      'Task result: Payments.Unavailable',
    ]);
    await page.screenshot({ path: shot('stage-view-retried-attempt'), element: byTestId('stage-view') });
  });
  it('says how to get stages when the session does not inspect', async () => {
    const source = createSessionSource({ definition: order.definition, input: order.input, start: order.start });
    const screen = await open(source, 'ValidateOrder');
    await screen.getByTestId('control-run').click();
    await expect.element(screen.getByTestId('execution-result')).toHaveAttribute('data-status', 'SUCCEEDED');
    await screen.getByTestId('node-ValidateOrder').click();
    await expect.element(screen.getByTestId('stage-view-empty')).toHaveTextContent('inspect: true');
  });
});

describe('stage view over a finished run', () => {
  const definition: StateMachineDefinition = {
    StartAt: 'Prepare',
    States: {
      Prepare: { Type: 'Pass', Parameters: { 'name.$': '$.customer' }, Next: 'Store' },
      Store: { Type: 'Pass', Result: { ok: true }, ResultPath: '$.name.first', End: true },
    },
  };

  it('marks the stage where a failing ResultPath arose, in the failed colour, with the error and cause', async () => {
    const result = await StateMachine.from(definition).run({ customer: 'Ada' }, { ...deterministic, inspect: true });
    expect(result.status).toBe('FAILED');
    const source = createHistorySource({ definition, events: result.history, inspections: result.inspections });
    const screen = await open(source, 'Store');
    await screen.getByTestId('node-Store').click();
    await expect.element(screen.getByTestId('stage-view')).toBeVisible();
    expect(listed()).toEqual([
      'Input: state input',
      'InputPath: unchanged',
      'Parameters: unchanged',
      'Result: 1 added, 1 removed',
      `ResultPath: ${result.error}`,
    ]);
    const failed = byTestId('stage-afterResultPath');
    expect(failed.dataset.look).toBe('error');
    await expect.element(screen.getByTestId('stage-error-name')).toHaveTextContent(result.error!);
    await expect.element(screen.getByTestId('stage-error-cause')).toHaveTextContent(result.cause!);
    // Not reached: no value, and the palette's failed colour on the stage's line and label.
    expect(failed.querySelector('[data-testid="stage-value-afterResultPath"]')).toBeNull();
    const failedColour = getComputedStyle(byTestId('execution-viewer')).getPropertyValue('--aslkit-status-failed');
    const probe = document.createElement('span');
    probe.style.color = failedColour;
    document.body.append(probe);
    const rgb = getComputedStyle(probe).color;
    probe.remove();
    expect(getComputedStyle(failed).borderLeftColor).toBe(rgb);
    expect(getComputedStyle(failed.querySelector('.aslkit-stage__summary')!).color).toBe(rgb);
    await page.screenshot({ path: shot('stage-view-resultpath-error'), element: byTestId('inspector') });

    // Back in time, while Store has not ended, its stages are not shown yet.
    await screen.getByTestId('scrubber-range').fill('4');
    await expect.element(screen.getByTestId('stage-view-empty')).toHaveTextContent('once this attempt ends');
  });

  it('shows nothing for a recorded history without inspections', async () => {
    const result = await StateMachine.from(definition).run({ customer: 'Ada' }, deterministic);
    const screen = await open(createHistorySource({ definition, events: result.history }), 'Store');
    await screen.getByTestId('node-Store').click();
    await expect.element(screen.getByTestId('inspector-visit-details')).toBeVisible();
    expect(document.querySelector('[data-testid="stage-view"]')).toBeNull();
  });
});
