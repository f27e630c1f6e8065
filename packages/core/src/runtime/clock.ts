/**
 * Time for an execution. The engine never reads the wall clock or sets timers itself: it
 * asks its `Clock`. `VirtualClock` (the default) makes Waits, retry intervals and timeouts
 * instant and deterministic; `RealClock` sleeps for real. Only this file (and random.ts)
 * may touch `Date`, timers or the host's event loop.
 */

import { onAbort } from './abort-listeners.js';

/** Lets resolver code sleep on the execution's clock. */
export interface Sleeper {
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface Clock extends Sleeper {
  /** Milliseconds since the Unix epoch, in the execution's time. */
  now(): number;
  /**
   * Runs external work (a task resolver). On the virtual clock, time stands still while it
   * runs, and results are handed back in the order the calls started, so a history never
   * depends on how long real work took.
   */
  run<T>(work: (sleeper: Sleeper) => T | Promise<T>, signal?: AbortSignal): Promise<T>;
  /**
   * Like `run`, but hands a plain (non-promise) result back at once when no other call is
   * outstanding: nothing could be reordered against it, and a loop of synchronous resolver
   * calls then costs no event-loop turn per call. Otherwise it behaves exactly as `run`.
   */
  runInline<T>(work: (sleeper: Sleeper) => T | Promise<T>, signal?: AbortSignal): T | Promise<T>;
  /** Stops virtual time from advancing until the returned function is called (debugger pauses). */
  hold(): () => void;
  /** Yields to the host's event loop so that timers and I/O outside the engine get a turn. */
  yieldToHost(): Promise<void>;
}

export class AbortedError extends Error {
  constructor(readonly reason?: unknown) {
    super('aborted');
    this.name = 'AbortedError';
  }
}

const abortError = (signal: AbortSignal): AbortedError => new AbortedError(signal.reason);

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof value === 'object' && value !== null && typeof (value as PromiseLike<unknown>).then === 'function';

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

export const wallClockNow = (): number => Date.now();

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

/** Parses an ISO-8601 date for the `startTime` option; `undefined` if it is not one. */
export function parseStartTime(value: string | number | Date): number | undefined {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

interface Timer {
  at: number;
  seq: number;
  fire: () => void;
}

type CallState = 'running' | 'sleeping' | 'settled';
interface TrackedCall {
  state: CallState;
  release?: () => void;
}

export class VirtualClock implements Clock {
  private time: number;
  private readonly timers: Timer[] = [];
  private seq = 0;
  private busy = 0;
  private readonly calls: TrackedCall[] = [];
  private tickQueued = false;

  constructor(startMs: number) {
    this.time = startMs;
  }

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    return new Promise<void>((resolve, reject) => {
      const timer: Timer = {
        at: this.time + Math.max(0, ms),
        seq: this.seq++,
        fire: () => {
          cancelAbort?.();
          resolve();
        },
      };
      const cancelAbort = signal && onAbort(signal, () => {
        const index = this.timers.indexOf(timer);
        if (index >= 0) this.timers.splice(index, 1);
        reject(abortError(signal));
      });
      // An infinite sleep parks until aborted; it never moves time.
      if (ms === Infinity) return;
      this.insertTimer(timer);
      this.queueTick();
    });
  }

  run<T>(work: (sleeper: Sleeper) => T | Promise<T>, signal?: AbortSignal): Promise<T> {
    const call = this.openCall();
    const sleeper = this.sleeperFor(call, signal);
    return this.deliver(call, signal, () => work(sleeper));
  }

  runInline<T>(work: (sleeper: Sleeper) => T | Promise<T>, signal?: AbortSignal): T | Promise<T> {
    if (this.calls.length > 0 || signal?.aborted) return this.run(work, signal);
    const call = this.openCall();
    let started: T | Promise<T> | undefined;
    let thrown: { error: unknown } | undefined;
    try {
      started = work(this.sleeperFor(call, signal));
    } catch (error) {
      thrown = { error };
    }
    // Only this call is open and it neither slept nor was aborted: deliver now, in order by construction.
    if (!isThenable(started) && call.state === 'running' && this.calls.length === 1 && !signal?.aborted) {
      this.calls.pop();
      this.busy--;
      if (thrown) throw thrown.error;
      return started as T;
    }
    return this.deliver(call, signal, () => {
      if (thrown) throw thrown.error;
      return started as T | Promise<T>;
    });
  }

  private openCall(): TrackedCall {
    const call: TrackedCall = { state: 'running' };
    this.calls.push(call);
    this.busy++;
    return call;
  }

  private sleeperFor(call: TrackedCall, signal: AbortSignal | undefined): Sleeper {
    return {
      sleep: async (ms, sleepSignal) => {
        // A resolver asleep on virtual time is not "running": time may advance for it.
        if (call.state === 'running') (call.state = 'sleeping'), this.busy--, this.releaseReady(), this.queueTick();
        try {
          await this.sleep(ms, sleepSignal ?? signal);
        } finally {
          if (call.state === 'sleeping') (call.state = 'running'), this.busy++;
        }
      },
    };
  }

  /** Settles an open call with what `start` yields, released in rounds (see `releaseReady`). */
  private deliver<T>(call: TrackedCall, signal: AbortSignal | undefined, start: () => T | Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let outcome: () => void = () => undefined;
      const settle = (deliver: () => void) => {
        if (call.state === 'settled') return;
        if (call.state === 'running') this.busy--;
        call.state = 'settled';
        outcome = deliver;
        this.releaseReady();
        this.queueTick();
      };
      call.release = () => outcome();
      const aborted = () => settle(() => reject(abortError(signal!)));
      if (signal?.aborted) return aborted();
      const cancelAbort = signal && onAbort(signal, aborted);
      let started: T | Promise<T>;
      try {
        started = start();
      } catch (error) {
        return settle(() => reject(error));
      }
      Promise.resolve(started).then(
        (value) => settle(() => resolve(value)),
        (error: unknown) => settle(() => reject(error)),
      ).finally(() => cancelAbort?.());
    });
  }

  hold(): () => void {
    this.busy++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.busy--;
      this.releaseReady();
      this.queueTick();
    };
  }

  yieldToHost(): Promise<void> {
    // The fiber is not blocked, only letting the host run: time must not advance meanwhile,
    // or a long synchronous loop would fire the execution's TimeoutSeconds at its first yield.
    const release = this.hold();
    return new Promise((resolve) =>
      macrotask(() => {
        release();
        resolve();
      }),
    );
  }

  /**
   * Hands back settled results, in start order, only once no call is still running: results
   * are delivered in rounds, so what runs next never depends on how long real work took.
   */
  private releaseReady(): void {
    if (this.busy > 0) return;
    const ready = this.calls.filter((call) => call.state === 'settled');
    if (ready.length === 0) return;
    for (let i = this.calls.length - 1; i >= 0; i--) if (this.calls[i]!.state === 'settled') this.calls.splice(i, 1);
    for (const call of ready) call.release!();
  }

  private insertTimer(timer: Timer): void {
    // Sorted insert from the back: timers mostly arrive in time order.
    let i = this.timers.length;
    while (i > 0) {
      const other = this.timers[i - 1]!;
      if (other.at < timer.at || (other.at === timer.at && other.seq < timer.seq)) break;
      i--;
    }
    this.timers.splice(i, 0, timer);
  }

  private queueTick(): void {
    if (this.tickQueued || this.timers.length === 0) return;
    this.tickQueued = true;
    // A macrotask runs only once every fiber has run as far as it can.
    macrotask(() => {
      this.tickQueued = false;
      this.tick();
    });
  }

  private tick(): void {
    if (this.busy > 0 || this.timers.length === 0) return;
    const at = this.timers[0]!.at;
    if (at > this.time) this.time = at;
    const due: Timer[] = [];
    while (this.timers.length > 0 && this.timers[0]!.at <= this.time) due.push(this.timers.shift()!);
    for (const timer of due) timer.fire();
    this.queueTick();
  }
}

export class RealClock implements Clock {
  now(): number {
    return Date.now();
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    return new Promise<void>((resolve, reject) => {
      // Timers beyond 2^31-1 ms overflow to immediate in hosts; clamp and re-sleep.
      const chunk = Math.min(Math.max(0, ms), 2_147_483_647);
      const handle = setTimeout(() => {
        cancelAbort?.();
        if (ms > chunk) this.sleep(ms - chunk, signal).then(resolve, reject);
        else resolve();
      }, chunk);
      const cancelAbort = signal && onAbort(signal, () => {
        clearTimeout(handle);
        reject(abortError(signal));
      });
    });
  }

  run<T>(work: (sleeper: Sleeper) => T | Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    return new Promise<T>((resolve, reject) => {
      const cancelAbort = signal && onAbort(signal, () => reject(abortError(signal)));
      Promise.resolve()
        .then(() => work(this))
        .then(resolve, reject)
        .finally(() => cancelAbort?.());
    });
  }

  runInline<T>(work: (sleeper: Sleeper) => T | Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.run(work, signal);
  }

  hold(): () => void {
    return () => undefined;
  }

  yieldToHost(): Promise<void> {
    return new Promise((resolve) => macrotask(resolve));
  }
}
