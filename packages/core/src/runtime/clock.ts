/**
 * Time for an execution. The engine never reads the wall clock or sets timers itself: it
 * asks its `Clock`. `VirtualClock` (virtual-clock.ts, the default) makes Waits, retry intervals
 * and timeouts instant and deterministic; `RealClock` sleeps for real. Only this file (and
 * random.ts) may touch `Date`, timers or the host's event loop.
 */

import { onAbort, StopSignal, type Abortable } from './abort-listeners.js';

/** Lets resolver code sleep on the execution's clock. */
export interface Sleeper {
  sleep(ms: number, signal?: Abortable): Promise<void>;
}

export interface Clock extends Sleeper {
  /** Milliseconds since the Unix epoch, in the execution's time. */
  now(): number;
  /**
   * Calls `due` once `ms` have passed, a microtask after the timer fires (as a resolved `sleep`
   * would), unless the returned function cancels it first. For the execution's deadline, set and
   * cancelled once per execution: cancelling a `sleep` through a signal costs an AbortController,
   * an abort event and an error each time, which short executions feel.
   */
  timer(ms: number, due: () => void): () => void;
  /**
   * Runs external work (a task resolver). On the virtual clock, time stands still while it
   * runs, and results are handed back in the order the calls started, so a history never
   * depends on how long real work took.
   */
  run<T>(work: (sleeper: Sleeper) => T | Promise<T>, signal?: Abortable): Promise<T>;
  /**
   * Like `run`, but hands a plain (non-promise) result back at once when no other call is
   * outstanding: nothing could be reordered against it, and a loop of synchronous resolver
   * calls then costs no event-loop turn per call. Otherwise it behaves exactly as `run`.
   */
  runInline<T>(work: (sleeper: Sleeper) => T | Promise<T>, signal?: Abortable): T | Promise<T>;
  /** Stops virtual time from advancing until the returned function is called (debugger pauses). */
  hold(): () => void;
  /** Yields to the host's event loop so that timers and I/O outside the engine get a turn. */
  yieldToHost(): Promise<void>;
  /**
   * Marks a wait that only the host can end (a task token, answered by `sendTaskSuccess`) until
   * the returned function is called. Before virtual time skips past such a wait, the host's
   * event loop gets a full turn (its `setTimeout(0)` and `setImmediate` callbacks run first).
   */
  waitForHost(): () => void;
}

export class AbortedError extends Error {
  constructor(readonly reason?: unknown) {
    super('aborted');
    this.name = 'AbortedError';
  }
}

export const abortError = (signal: Abortable): AbortedError => new AbortedError(signal.reason);

/** The reason a cancelled `timer` gives its signal (never seen outside the clock). */
const TIMER_CANCELLED = Symbol('timer cancelled');

/** Runs `callback` after the current microtasks and pending I/O (a macrotask). */
export const macrotask: (callback: () => void) => void = (() => {
  const g = globalThis as { setImmediate?: (cb: () => void) => unknown; MessageChannel?: typeof MessageChannel };
  if (typeof g.setImmediate === 'function') return (cb) => void g.setImmediate!(cb);
  if (typeof g.MessageChannel === 'function') {
    // setTimeout(0) is clamped to 4 ms after a few nestings in browsers; a channel is not.
    const channel = new g.MessageChannel();
    const queue: (() => void)[] = [];
    channel.port1.onmessage = () => queue.shift()?.();
    return (cb) => {
      queue.push(cb);
      channel.port2.postMessage(0);
    };
  }
  return (cb) => void setTimeout(cb, 0);
})();

/**
 * Runs `callback` after one full turn of the host's event loop: after its due `setTimeout(0)`
 * timers, and then after the `setImmediate` callbacks queued before ours.
 */
export const hostTurn = (callback: () => void): void => void setTimeout(() => macrotask(callback), 0);

export const wallClockNow = (): number => Date.now();

/** The largest time a JavaScript Date can hold (ECMA-262 §21.4.1.1). */
export const MAX_DATE_MS = 8.64e15;

let lastIsoMs = NaN;
let lastIso = '';
/** ISO-8601 text of a time; virtual time stands still across many events, so the last one is kept. */
export function isoTimestamp(epochMs: number): string {
  if (epochMs !== lastIsoMs) {
    lastIsoMs = epochMs;
    lastIso = new Date(epochMs).toISOString();
  }
  return lastIso;
}

/** The time of a recorded event's ISO-8601 timestamp (a stored history's, replayed), in ms since the epoch. */
export const timestampMs = (timestamp: string): number => Date.parse(timestamp);

/** Parses an ISO-8601 date for the `startTime` option; `undefined` if it is not one. */
export function parseStartTime(value: string | number | Date): number | undefined {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

export class RealClock implements Clock {
  now(): number {
    return Date.now();
  }

  sleep(ms: number, signal?: Abortable): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    return new Promise<void>((resolve, reject) => {
      // Never due (Infinity, or NaN from a hostile computation): parked until aborted.
      if (!(ms < Infinity)) {
        if (signal) onAbort(signal, () => reject(abortError(signal)));
        return;
      }
      // Hosts fire timers on a monotonic clock that can run a millisecond ahead of Date.now(), and
      // timers beyond 2^31-1 ms overflow to immediate: re-sleep until the wall clock reaches the
      // deadline, so a Wait never ends before its time in the history's timestamps.
      const deadline = Date.now() + Math.max(0, ms);
      const chunk = Math.min(Math.max(0, ms), 2_147_483_647);
      const handle = setTimeout(() => {
        cancelAbort?.();
        const left = deadline - Date.now();
        if (left > 0) this.sleep(left, signal).then(resolve, reject);
        else resolve();
      }, chunk);
      const cancelAbort =
        signal &&
        onAbort(signal, () => {
          clearTimeout(handle);
          reject(abortError(signal));
        });
    });
  }

  timer(ms: number, due: () => void): () => void {
    const cancel = new StopSignal();
    this.sleep(ms, cancel).then(due, () => undefined);
    return () => cancel.abort(TIMER_CANCELLED);
  }

  run<T>(work: (sleeper: Sleeper) => T | Promise<T>, signal?: Abortable): Promise<T> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    return new Promise<T>((resolve, reject) => {
      const cancelAbort = signal && onAbort(signal, () => reject(abortError(signal)));
      Promise.resolve()
        .then(() => work(this))
        .then(resolve, reject)
        .finally(() => cancelAbort?.());
    });
  }

  runInline<T>(work: (sleeper: Sleeper) => T | Promise<T>, signal?: Abortable): Promise<T> {
    return this.run(work, signal);
  }

  hold(): () => void {
    return () => undefined;
  }

  yieldToHost(): Promise<void> {
    return new Promise((resolve) => macrotask(resolve));
  }

  waitForHost(): () => void {
    // Real time passes by itself; nothing to skip.
    return () => undefined;
  }
}

/** Wall-clock sleeps for engine code that must race real I/O even on the virtual clock. */
export const wallClock: Sleeper = new RealClock();
