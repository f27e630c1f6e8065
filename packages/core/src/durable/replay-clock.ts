/**
 * The clock of a resumed real-time execution. While it replays its stored history it runs on
 * virtual time that follows the stored timestamps (so timers fire in the order they did, without
 * waiting again); a timer not due before the last stored event cannot have fired before the
 * crash, so it is parked and, once the replay has caught up, set in real time for its due time.
 * From then on it is the real clock.
 */
import { abortError, RealClock, type Clock, type Sleeper } from '../runtime/clock.js';
import { onAbort, type Abortable } from '../runtime/abort-listeners.js';
import { VirtualClock } from '../runtime/virtual-clock.js';

interface Parked {
  due: number;
  signal: Abortable | undefined;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class ReplayClock implements Clock {
  private readonly virtual: VirtualClock;
  private readonly real = new RealClock();
  private live = false;
  private readonly parked = new Set<Parked>();

  /**
   * @param startMs the execution's start time
   * @param horizon the time of the last stored event, in ms
   */
  constructor(
    startMs: number,
    private readonly horizon: number,
  ) {
    this.virtual = new VirtualClock(startMs);
  }

  /** Follows a replayed event's time. */
  follow(ms: number): void {
    this.virtual.advanceTo(ms);
  }

  /** The replay caught up: parked timers start counting in real time. */
  goLive(): void {
    if (this.live) return;
    this.live = true;
    for (const timer of this.parked)
      this.real.sleep(timer.due - this.real.now(), timer.signal).then(timer.resolve, timer.reject);
    this.parked.clear();
  }

  private get current(): Clock {
    return this.live ? this.real : this.virtual;
  }

  now(): number {
    return this.current.now();
  }

  sleep(ms: number, signal?: Abortable): Promise<void> {
    const due = this.now() + Math.max(0, ms);
    if (this.live || due <= this.horizon) return this.current.sleep(ms, signal);
    if (signal?.aborted) return Promise.reject(abortError(signal));
    return new Promise<void>((resolve, reject) => {
      const timer: Parked = { due, signal, resolve, reject };
      this.parked.add(timer);
      if (signal)
        onAbort(signal, () => {
          if (this.parked.delete(timer)) reject(abortError(signal));
        });
    });
  }

  // Through sleep, so a deadline not due before the last stored event is parked like any timer; a
  // resumed execution sets one deadline, so the signal's cost does not matter here.
  timer(ms: number, due: () => void): () => void {
    const cancel = new AbortController();
    this.sleep(ms, cancel.signal).then(due, () => undefined);
    return () => cancel.abort();
  }

  run<T>(work: (sleeper: Sleeper) => T | Promise<T>, signal?: Abortable): Promise<T> {
    return this.current.run(work, signal);
  }

  runInline<T>(work: (sleeper: Sleeper) => T | Promise<T>, signal?: Abortable): T | Promise<T> {
    return this.current.runInline(work, signal);
  }

  hold(): () => void {
    return this.current.hold();
  }

  yieldToHost(): Promise<void> {
    return this.current.yieldToHost();
  }

  waitForHost(): () => void {
    return this.current.waitForHost();
  }
}
