// Helpers for the viewer's browser tests: read what the page shows, drive the controls.
import { expect } from 'vitest';

/** The element with a data-testid, or throws (for reads inside expect.poll). */
export function byTestId(id: string): HTMLElement {
  const element = document.querySelector<HTMLElement>(`[data-testid="${CSS.escape(id)}"]`);
  if (!element) throw new Error(`no element with data-testid ${id}`);
  return element;
}

/** A state's status as its node shows it. */
export function statusOf(nodeId: string): string | undefined {
  return document.querySelector<HTMLElement>(`[data-testid="node-${CSS.escape(nodeId)}"]`)?.dataset.status;
}

/** Resolves after the store's next publish had a chance to render. */
export function frames(count = 2): Promise<void> {
  return new Promise((resolve) => {
    const tick = (left: number) => (left === 0 ? resolve() : requestAnimationFrame(() => tick(left - 1)));
    tick(count);
  });
}

/**
 * Clicks a control again and again (waiting until it is enabled each time) until `done()`
 * holds; returns how many clicks it took.
 */
export async function clickUntil(testId: string, done: () => boolean, max = 80): Promise<number> {
  for (let clicks = 0; clicks <= max; clicks++) {
    await frames();
    if (done()) return clicks;
    await expect.poll(() => (byTestId(testId) as HTMLButtonElement).disabled, { timeout: 5000 }).toBe(false);
    byTestId(testId).click();
  }
  throw new Error(`${testId}: condition still false after ${max} clicks`);
}

/** Sets the time-travel slider as a user dragging it would. */
export function scrubTo(position: number): void {
  const range = byTestId('scrubber-range') as HTMLInputElement;
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  setter.call(range, String(position));
  range.dispatchEvent(new Event('input', { bubbles: true }));
}

/**
 * Scrolls the graph (the wheel pans it) until a node's centre is in view and clear of the
 * legend and the controls, as a user would before clicking a state the first view leaves
 * below the fold.
 */
export async function revealNode(nodeId: string): Promise<void> {
  const graph = byTestId('execution-graph');
  const pane = graph.querySelector('.react-flow__pane')!;
  // In view on two checks running: the first fit may still move the graph after the first one.
  let settled = 0;
  for (let attempt = 0; attempt < 40; attempt++) {
    await frames();
    const view = graph.getBoundingClientRect();
    const bottom = graph.querySelector('.aslkit-legend')?.getBoundingClientRect().top ?? view.bottom;
    const right = graph.querySelector('.react-flow__controls')?.getBoundingClientRect().left ?? view.right;
    const box = byTestId(`node-${nodeId}`).getBoundingClientRect();
    const x = box.left + box.width / 2;
    const y = box.top + box.height / 2;
    const inside = y > view.top + 20 && y < bottom - 20 && x > view.left + 20 && x < right - 20;
    if (inside) {
      if (++settled === 2) return;
      continue;
    }
    settled = 0;
    const deltaY = y - (view.top + bottom) / 2;
    const deltaX = x - (view.left + right) / 2;
    pane.dispatchEvent(new WheelEvent('wheel', { deltaX, deltaY, bubbles: true, cancelable: true }));
  }
  throw new Error(`node ${nodeId} could not be scrolled into view`);
}
