/**
 * Abort callbacks through one real listener per signal. The iterations of a Map (and the
 * branches of a Parallel) share one signal, and each of their timers and calls waits on it:
 * past 10 listeners Node prints a MaxListenersExceededWarning to the user's console, and the
 * cure Node offers (`events.setMaxListeners`) does not exist in browsers.
 */
const waiting = new WeakMap<AbortSignal, Set<() => void>>();

/** What the engine's waits take: a DOM `AbortSignal`, or the engine's own lazy `StopSignal`. */
export type Abortable = AbortSignal | StopSignal;

/**
 * An abort signal whose `AbortSignal` is built only when something outside the engine asks for it
 * (a resolver reading `context.signal`). Node 20 builds an `AbortController` in about 4.5 µs and its
 * `EventTarget` keeps two Maps: most executions and task attempts are never stopped and have no
 * resolver that looks, so they pay for neither (profiles of W8 and W9, docs/benchmarks.md). Its
 * callbacks run in the order they were added, as they do on a real signal through `onAbort`.
 */
export class StopSignal {
  aborted = false;
  reason: unknown = undefined;
  #controller: AbortController | undefined;
  #callbacks: Set<() => void> | undefined;

  /** Aborts once (later calls do nothing, as with `AbortController.abort`). */
  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    if (this.#controller) return this.#controller.abort(reason);
    const callbacks = this.#callbacks;
    this.#callbacks = undefined;
    if (callbacks) for (const call of callbacks) call();
  }

  /** The DOM signal, built on first read; the callbacks added so far run through it from then on. */
  get signal(): AbortSignal {
    if (this.#controller) return this.#controller.signal;
    const controller = new AbortController();
    this.#controller = controller;
    if (this.aborted) controller.abort(this.reason);
    else if (this.#callbacks) listen(controller.signal, this.#callbacks);
    this.#callbacks = undefined;
    return controller.signal;
  }

  /** @internal `onAbort` for this signal. */
  onAbort(callback: () => void): () => void {
    if (this.#controller) return onAbort(this.#controller.signal, callback);
    // Spent: like an aborted AbortSignal, it never calls a callback added now.
    if (this.aborted) return noop;
    const callbacks = (this.#callbacks ??= new Set());
    callbacks.add(callback);
    return () => void callbacks.delete(callback);
  }
}

const noop = (): void => undefined;

/** The DOM signal of `signal` (built on first use for a `StopSignal`): what resolvers see. */
export const domSignal = (signal: Abortable): AbortSignal => (signal instanceof StopSignal ? signal.signal : signal);

/** Calls `callback` once when `signal` aborts; returns the function that cancels it. */
export function onAbort(signal: Abortable, callback: () => void): () => void {
  if (signal instanceof StopSignal) return signal.onAbort(callback);
  const registered = waiting.get(signal) ?? listen(signal, new Set());
  registered.add(callback);
  return () => void registered.delete(callback);
}

/** Makes `callbacks` the set that the one real listener of `signal` calls. */
function listen(signal: AbortSignal, callbacks: Set<() => void>): Set<() => void> {
  waiting.set(signal, callbacks);
  signal.addEventListener(
    'abort',
    () => {
      // Like EventTarget: what subscribes during the dispatch is not called (the signal is spent).
      waiting.delete(signal);
      for (const call of callbacks) call();
    },
    { once: true },
  );
  return callbacks;
}
