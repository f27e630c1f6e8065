import { describe, expect, it, vi } from 'vitest';
import { domSignal, onAbort, StopSignal } from './abort-listeners.js';

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

describe('StopSignal', () => {
  it('calls its callbacks once, in order, without building a DOM signal', () => {
    const stop = new StopSignal();
    const calls: string[] = [];
    onAbort(stop, () => calls.push('a'));
    const cancelB = onAbort(stop, () => calls.push('b'));
    onAbort(stop, () => calls.push(`c:${String(stop.reason)}`));
    cancelB();
    stop.abort('why');
    stop.abort('again');
    expect(calls).toEqual(['a', 'c:why']);
    expect(stop.aborted).toBe(true);
    expect(stop.reason).toBe('why');
  });

  it('never calls what subscribes during or after the abort', () => {
    const stop = new StopSignal();
    const late = vi.fn();
    onAbort(stop, () => onAbort(stop, late));
    stop.abort('x');
    onAbort(stop, late);
    expect(late).not.toHaveBeenCalled();
  });

  it('orders callbacks and DOM listeners as onAbort on a DOM signal does, once its signal is read', () => {
    const stop = new StopSignal();
    const calls: string[] = [];
    onAbort(stop, () => calls.push('before'));
    const signal = stop.signal;
    expect(stop.signal).toBe(signal);
    signal.addEventListener('abort', () => calls.push(`listener:${String(signal.reason)}`));
    onAbort(stop, () => calls.push('after'));
    stop.abort('why');
    // The callbacks share one listener, added when the first one was: all of them come first.
    expect(calls).toEqual(['before', 'after', 'listener:why']);
    expect(signal.aborted).toBe(true);
  });

  it('hands out an aborted DOM signal, with its reason, once stopped', () => {
    const stop = new StopSignal();
    stop.abort('why');
    expect(domSignal(stop).aborted).toBe(true);
    expect(domSignal(stop).reason).toBe('why');
    const controller = new AbortController();
    expect(domSignal(controller.signal)).toBe(controller.signal);
  });
});
