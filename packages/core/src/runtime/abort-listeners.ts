/**
 * Abort callbacks through one real listener per signal. The iterations of a Map (and the
 * branches of a Parallel) share one signal, and each of their timers and calls waits on it:
 * past 10 listeners Node prints a MaxListenersExceededWarning to the user's console, and the
 * cure Node offers (`events.setMaxListeners`) does not exist in browsers.
 */
const waiting = new WeakMap<AbortSignal, Set<() => void>>();

/** Calls `callback` once when `signal` aborts; returns the function that cancels it. */
export function onAbort(signal: AbortSignal, callback: () => void): () => void {
  let callbacks = waiting.get(signal);
  if (!callbacks) {
    const created = new Set<() => void>();
    callbacks = created;
    waiting.set(signal, created);
    signal.addEventListener(
      'abort',
      () => {
        // Like EventTarget: what subscribes during the dispatch is not called (the signal is spent).
        waiting.delete(signal);
        for (const call of created) call();
      },
      { once: true },
    );
  }
  const registered = callbacks;
  registered.add(callback);
  return () => void registered.delete(callback);
}
