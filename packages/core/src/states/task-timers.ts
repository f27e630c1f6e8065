/**
 * The heartbeat timer of one Task attempt, and its real-time limits. HeartbeatSeconds runs on
 * the execution's clock and restarts on every heartbeat. A resolver that waits on the outside
 * world (`context.useRealTime()`: a real Lambda, a network service) is also held to
 * TimeoutSeconds and HeartbeatSeconds in real time, even on the virtual clock, where time
 * otherwise stands still while a call runs: when real time runs out, its call stops counting as
 * running, so virtual time moves on to the task's own timer, which times the task out as AWS
 * does (States.Timeout), at the same virtual time as any other timeout. docs/decisions/0002.
 */
import { onAbort, StopSignal, type Abortable } from '../runtime/abort-listeners.js';
import { RealClock, wallClock, type Clock, type Sleeper } from '../runtime/clock.js';

/** The reason given when a timer is cancelled; a reason-less abort() builds a DOMException each time. */
export const SETTLED = Symbol('settled');

const noop = (): void => undefined;

export class AttemptTimers {
  /** Called when HeartbeatSeconds passes on the execution's clock. */
  onHeartbeatExpired: () => void = noop;
  private heartbeatTimer: StopSignal | undefined;
  private realHeartbeat: StopSignal | undefined;
  private realTime = false;
  private outOfTime = false;
  private sleeper: Sleeper | undefined;

  constructor(
    private readonly clock: Clock,
    /** The attempt's signal: aborted when the attempt ends, which cancels every timer. */
    private readonly signal: Abortable,
    private readonly timeoutSeconds: number | undefined,
    private readonly heartbeatSeconds: number | undefined,
  ) {}

  /** True once a real-time limit passed: the call's outcome no longer counts. */
  get expired(): boolean {
    return this.outOfTime;
  }

  /** The clock's sleeper of the resolver call, which `expire` puts to sleep. */
  track(sleeper: Sleeper): void {
    this.sleeper = sleeper;
  }

  /**
   * (Re)starts HeartbeatSeconds: when the attempt starts and on every heartbeat. `at`: a heartbeat
   * stored before a restart, which counts from when it came.
   */
  heartbeat(at?: number): void {
    const seconds = this.heartbeatSeconds;
    if (seconds === undefined) return;
    const ms = at === undefined ? seconds * 1000 : Math.max(0, at + seconds * 1000 - this.clock.now());
    this.heartbeatTimer = this.restart(this.clock, ms, () => this.onHeartbeatExpired(), this.heartbeatTimer);
    if (this.realTime)
      this.realHeartbeat = this.restart(wallClock, seconds * 1000, () => this.expire(), this.realHeartbeat);
  }

  /** The resolver waits on the outside world: its limits run in real time too (not on the real clock, where they do already). */
  useRealTime(): void {
    if (this.realTime || this.clock instanceof RealClock) return;
    if (this.timeoutSeconds === undefined && this.heartbeatSeconds === undefined) return;
    this.realTime = true;
    if (this.timeoutSeconds !== undefined)
      wallClock.sleep(this.timeoutSeconds * 1000, this.signal).then(() => this.expire(), noop);
    if (this.heartbeatSeconds !== undefined)
      this.realHeartbeat = this.restart(wallClock, this.heartbeatSeconds * 1000, () => this.expire(), undefined);
  }

  private expire(): void {
    if (this.outOfTime) return;
    this.outOfTime = true;
    // Asleep for good, the call no longer holds virtual time; the attempt's end wakes it (aborted).
    this.sleeper?.sleep(Infinity, this.signal).catch(noop);
  }

  private restart(clock: Sleeper, ms: number, onExpire: () => void, previous: StopSignal | undefined): StopSignal {
    previous?.abort(SETTLED);
    const timer = new StopSignal();
    const cancel = onAbort(this.signal, () => timer.abort(SETTLED));
    onAbort(timer, cancel);
    clock.sleep(ms, timer).then(onExpire, noop);
    return timer;
  }
}
