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
