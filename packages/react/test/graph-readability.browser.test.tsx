// The graph as a user first sees it: Parallel branches in definition order, a legend that
// leaves the zoom controls free and shows every status swatch, and state names that stay
// readable when a 30-state machine is fitted to the window.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from 'vitest-browser-react';
import { page } from 'vitest/browser';
import '@xyflow/react/dist/style.css';
import '../src/style.css';
import { ExecutionGraph, ExecutionViewer, createSessionSource, useSourceStore } from '../src/index.js';
import { deterministic, fourBranchParallel, longMachine, order, shot } from './fixtures.js';
import { byTestId } from './helpers.js';
import { readableViewport } from '../src/graph/readable-fit.js';

afterEach(() => cleanup());

async function view(definition: Parameters<typeof createSessionSource>[0]['definition'], first: string) {
  const screen = await render(
    <div style={{ height: 800 }}>
      <ExecutionViewer source={createSessionSource({ definition, input: {}, start: deterministic })} />
    </div>,
  );
  await expect.element(screen.getByTestId(`node-${first}`)).toBeInTheDocument();
  // Let the first fit settle (React Flow measures the nodes, then fits).
  await expect
    .poll(() => document.querySelector('.react-flow__viewport')?.getAttribute('style') ?? '')
    .toContain('scale');
  await new Promise((resolve) => setTimeout(resolve, 300));
  return screen;
}

const rect = (element: Element) => element.getBoundingClientRect();
const overlaps = (a: DOMRect, b: DOMRect) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe('graph readability', () => {
  it('lays out Parallel branches left to right in definition order', async () => {
    await view(fourBranchParallel(), 'FanOut');
    await page.screenshot({ path: shot('graph-parallel-4-branches') });
    const lefts = [0, 1, 2, 3].map((i) => rect(byTestId(`node-FanOut/${i}`)).left);
    expect([...lefts].sort((a, b) => a - b)).toEqual(lefts);
    // Side by side, not stacked: all four branch frames start on one row.
    const tops = [0, 1, 2, 3].map((i) => Math.round(rect(byTestId(`node-FanOut/${i}`)).top));
    expect(new Set(tops).size).toBe(1);
  });

  it('keeps the legend clear of the zoom and fit controls, and shows every swatch', async () => {
    await view(order.definition, 'ValidateOrder');
    const legend = document.querySelector('.aslkit-legend')!;
    const controls = document.querySelector('.react-flow__controls')!;
    expect(overlaps(rect(legend), rect(controls))).toBe(false);
    for (const swatch of legend.querySelectorAll('.aslkit-status-dot')) {
      const colour = getComputedStyle(swatch).backgroundColor;
      expect(colour, (swatch.parentElement as HTMLElement).dataset.status).not.toMatch(
        /rgba\(0, 0, 0, 0\)|transparent/,
      );
    }
    const notStarted = legend.querySelector('[data-status="not-started"] .aslkit-status-dot')!;
    expect(getComputedStyle(notStarted).backgroundColor).toBe('rgb(135, 149, 150)');
  });

  it('wraps the legend before the controls in a narrow graph', async () => {
    const source = createSessionSource({ definition: order.definition, input: {}, start: deterministic });
    function NarrowGraph() {
      return (
        <div className="aslkit-theme" style={{ height: 500, width: 380 }}>
          <ExecutionGraph store={useSourceStore(source)} />
        </div>
      );
    }
    const screen = await render(<NarrowGraph />);
    await expect.element(screen.getByTestId('node-ValidateOrder')).toBeInTheDocument();
    const legend = document.querySelector('.aslkit-legend')!;
    const controls = document.querySelector('.react-flow__controls')!;
    expect(rect(legend).height).toBeGreaterThan(30); // wrapped onto more than one line
    expect(overlaps(rect(legend), rect(controls))).toBe(false);
  });

  it('fits a 30-state machine with state names readable (>= 9 px), starting at the top', async () => {
    const definition = longMachine(30);
    await view(definition, 'ValidateCustomerAddress1');
    await page.screenshot({ path: shot('graph-30-states') });
    const label = byTestId('node-ValidateCustomerAddress1').querySelector('.aslkit-node__name')!;
    const scale = rect(label).height / (label as HTMLElement).offsetHeight;
    const rendered = parseFloat(getComputedStyle(label).fontSize) * scale;
    expect(rendered).toBeGreaterThanOrEqual(9);
    // The start of the machine is in view; the rest is a pan away.
    const pane = rect(byTestId('execution-graph'));
    const first = rect(byTestId('node-ValidateCustomerAddress1'));
    expect(first.top).toBeGreaterThanOrEqual(pane.top);
    expect(first.bottom).toBeLessThanOrEqual(pane.bottom);
    // The wheel scrolls on down the machine, at the same zoom.
    const last = () => rect(byTestId('node-SendConfirmationEmail3'));
    const before = last().top;
    byTestId('execution-graph')
      .querySelector('.react-flow__pane')!
      .dispatchEvent(new WheelEvent('wheel', { deltaY: 800, bubbles: true, cancelable: true }));
    await expect.poll(() => last().top).toBeLessThan(before - 100);
    expect(rect(label).height / (label as HTMLElement).offsetHeight).toBeCloseTo(scale, 5);
    // The fit button comes back to the same readable view, not to the whole machine at 2px.
    (document.querySelector('.react-flow__controls-fitview') as HTMLButtonElement).click();
    await expect.poll(() => rect(byTestId('node-ValidateCustomerAddress1')).top).toBeCloseTo(first.top, 0);
    expect(rect(label).height / (label as HTMLElement).offsetHeight).toBeCloseTo(scale, 5);
  });
});

describe('readableViewport', () => {
  const pane = { width: 800, height: 600 };
  it('fits a small graph whole and centres it', () => {
    const viewport = readableViewport({ x: 0, y: 0, width: 400, height: 260 }, pane.width, pane.height, 0.75);
    expect(viewport.zoom).toBeCloseTo(Math.min(752 / 400, 520 / 260), 5);
    expect(viewport.x + 200 * viewport.zoom).toBeCloseTo(24 + 376, 5);
  });

  it('stops at the floor for a tall graph and shows its top', () => {
    const viewport = readableViewport({ x: 10, y: 12, width: 300, height: 3000 }, pane.width, pane.height, 0.75);
    expect(viewport).toEqual({ zoom: 0.75, x: 24 + 376 - 160 * 0.75, y: 24 - 12 * 0.75 });
  });
});
