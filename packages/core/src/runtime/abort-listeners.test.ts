import { describe, expect, it, vi } from 'vitest';
import { onAbort } from './abort-listeners.js';

describe('onAbort', () => {
  it('calls every callback once, in subscription order, and not the cancelled ones', () => {
    const controller = new AbortController();
    const calls: string[] = [];
    onAbort(controller.signal, () => calls.push('a'));
    const cancelB = onAbort(controller.signal, () => calls.push('b'));
    onAbort(controller.signal, () => calls.push('c'));
    cancelB();
    controller.abort();
    controller.abort();
    expect(calls).toEqual(['a', 'c']);
  });

  it('adds one listener to the signal however many wait on it', () => {
    const controller = new AbortController();
    const add = vi.spyOn(controller.signal, 'addEventListener');
    const callbacks = Array.from({ length: 100 }, () => vi.fn());
    for (const callback of callbacks) onAbort(controller.signal, callback);
    expect(add).toHaveBeenCalledTimes(1);
    controller.abort();
    expect(callbacks.every((callback) => callback.mock.calls.length === 1)).toBe(true);
  });

  it('never calls what subscribes during or after the abort', () => {
    const controller = new AbortController();
    const late = vi.fn();
    onAbort(controller.signal, () => onAbort(controller.signal, late));
    controller.abort();
    onAbort(controller.signal, late);
    expect(late).not.toHaveBeenCalled();
  });
});
