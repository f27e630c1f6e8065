/**
 * The default clock: virtual time. Waits, retry intervals and timeouts take no real time; time
 * moves to the next timer only when every fiber and every open resolver call is waiting, and
 * results of calls that settle together are delivered in rounds, in call order, so the same run
 * gives the same history. A wait that only the host can end (a task token) is skipped like any
 * other, once the host's event loop has had a full turn to end it (docs/decisions/0002).
 */
import { onAbort, type Abortable } from './abort-listeners.js';
import { isPromise } from './awaitable.js';
import { abortError, hostTurn, macrotask, MAX_DATE_MS, type Clock, type Sleeper } from './clock.js';

interface Timer {
  at: number;
  seq: number;
  fire: () => void;
}

type CallState = 'running' | 'sleeping' | 'settled';

const ignore = (): void => undefined;

/**
 * An open resolver call, and the sleeper it is handed: a resolver asleep on virtual time is not
 * "running", so time may advance for it. One object per call (a Task loop makes tens of thousands).
 */
class TrackedCall implements Sleeper {
  state: CallState = 'running';
  release?: () => void;

  constructor(
    private readonly clock: VirtualClock,
    private readonly signal: Abortable | undefined,
  ) {}

  async sleep(ms: number, sleepSignal?: Abortable): Promise<void> {
    if (this.state === 'running') {
      this.state = 'sleeping';
      this.clock.callStopped();
    }
    try {
      await this.clock.sleep(ms, sleepSignal ?? this.signal);
    } finally {
      if (this.state === 'sleeping') {
        this.state = 'running';
        this.clock.callResumed();
      }
    }
  }
}

export class VirtualClock implements Clock {
  private time: number;
  private readonly timers: Timer[] = [];
  private seq = 0;
  private busy = 0;
  private readonly calls: TrackedCall[] = [];
  private tickQueued = false;
  /** Open waits on the host (task tokens). */
  private hostWaits = 0;
  /** Bumped whenever something happens; the host's turn counts only if nothing did meanwhile. */
  private progress = 0;
  /** The `progress` at which the host last had its full turn. */
  private hostTurnAt = -1;

  constructor(startMs: number) {
    this.time = startMs;
  }

  now(): number {
    return this.time;
  }

  /** Moves time forward to `ms`, never back: a resumed real-time execution follows its stored timestamps. */
  advanceTo(ms: number): void {
    if (ms > this.time) this.time = ms;
  }

  sleep(ms: number, signal?: Abortable): Promise<void> {
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
      const cancelAbort =
        signal &&
        onAbort(signal, () => {
          const index = this.timers.indexOf(timer);
          if (index >= 0) this.timers.splice(index, 1);
          reject(abortError(signal));
        });
      // A sleep that is never due (Infinity, NaN, or past the largest date) parks until aborted; it never moves time.
      if (!(timer.at <= MAX_DATE_MS)) return;
      this.insertTimer(timer);
      this.queueTick();
    });
  }

  timer(ms: number, due: () => void): () => void {
    // The same timer a sleep inserts (same sequence number, same tick), minus the promise and signal.
    const timer: Timer = { at: this.time + Math.max(0, ms), seq: this.seq++, fire: () => queueMicrotask(due) };
    if (!(timer.at <= MAX_DATE_MS)) return () => undefined;
    this.insertTimer(timer);
    this.queueTick();
    return () => {
      const index = this.timers.indexOf(timer);
      if (index >= 0) this.timers.splice(index, 1);
    };
  }

  run<T>(work: (sleeper: Sleeper) => T | Promise<T>, signal?: Abortable): Promise<T> {
    const call = this.openCall(signal);
    return this.deliver(call, signal, () => work(call));
  }

  runInline<T>(work: (sleeper: Sleeper) => T | Promise<T>, signal?: Abortable): T | Promise<T> {
    if (this.calls.length > 0 || signal?.aborted) return this.run(work, signal);
    const call = this.openCall(signal);
    let started: T | Promise<T> | undefined;
    let thrown: { error: unknown } | undefined;
    try {
      started = work(call);
    } catch (error) {
      thrown = { error };
    }
    // Only this call is open and it neither slept nor was aborted: deliver now, in order by construction.
    if (!isPromise(started) && call.state === 'running' && this.calls.length === 1 && !signal?.aborted) {
      this.calls.pop();
      this.busy--;
      if (thrown) throw thrown.error;
      return started as T;
    }
    // The work already ran: if it stopped its own call, the abort decides the outcome and `deliver`
    // never reads `started`, so its rejection (a sleep refused on the aborted signal) is observed here.
    if (signal?.aborted && isPromise(started)) started.then(undefined, ignore);
    return this.deliver(call, signal, () => {
      if (thrown) throw thrown.error;
      return started as T | Promise<T>;
    });
  }

  private openCall(signal: Abortable | undefined): TrackedCall {
    const call = new TrackedCall(this, signal);
    this.calls.push(call);
    this.busy++;
    return call;
  }

  /** @internal A call went to sleep on the clock. */
  callStopped(): void {
    this.busy--;
    this.releaseReady();
    this.queueTick();
  }

  /** @internal A sleeping call woke up. */
  callResumed(): void {
    this.busy++;
  }

  /** Settles an open call with what `start` yields, released in rounds (see `releaseReady`). */
  private deliver<T>(call: TrackedCall, signal: Abortable | undefined, start: () => T | Promise<T>): Promise<T> {
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
      Promise.resolve(started)
        .then(
          (value) => settle(() => resolve(value)),
          (error: unknown) => settle(() => reject(error)),
        )
        .finally(() => cancelAbort?.());
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

  waitForHost(): () => void {
    this.hostWaits++;
    this.progress++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.hostWaits--;
      this.progress++;
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
    this.progress++;
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
    if (this.hostWaits > 0 && this.hostTurnAt !== this.progress) {
      // The host may be about to answer (from its own zero-delay timer or I/O callback): give it
      // one full turn, and skip ahead only if nothing at all happened meanwhile.
      const seen = this.progress;
      this.tickQueued = true;
      hostTurn(() => {
        this.tickQueued = false;
        if (this.progress !== seen) return this.queueTick();
        this.hostTurnAt = seen;
        this.tick();
      });
      return;
    }
    const at = this.timers[0]!.at;
    if (at > this.time) this.time = at;
    const due: Timer[] = [];
    while (this.timers.length > 0 && this.timers[0]!.at <= this.time) due.push(this.timers.shift()!);
    for (const timer of due) timer.fire();
    this.queueTick();
  }
}
