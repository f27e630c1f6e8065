import { describe, expect, it } from 'vitest';
import { AbortedError, RealClock } from './clock.js';
import { VirtualClock } from './virtual-clock.js';

describe('VirtualClock', () => {
  it('advances instantly to the earliest timer once everything is blocked', async () => {
    const clock = new VirtualClock(1_000);
    const order: string[] = [];
    await Promise.all([
      clock.sleep(5_000).then(() => order.push(`b@${clock.now()}`)),
      clock.sleep(2_000).then(() => order.push(`a@${clock.now()}`)),
    ]);
    expect(order).toEqual(['a@3000', 'b@6000']);
  });

  it('does not advance while tracked work runs, and hands results back in start order', async () => {
    const clock = new VirtualClock(0);
    const order: string[] = [];
    let finishSlow!: (v: string) => void;
    const slow = clock.run(() => new Promise<string>((resolve) => (finishSlow = resolve)));
    const fast = clock.run(() => 'fast');
    const timer = clock.sleep(1_000).then(() => order.push(`timer@${clock.now()}`));
    slow.then((v) => order.push(v));
    fast.then((v) => order.push(v));
    await new Promise((r) => setTimeout(r, 20));
    expect(order).toEqual([]);
    expect(clock.now()).toBe(0);
    finishSlow('slow');
    await timer;
    expect(order).toEqual(['slow', 'fast', 'timer@1000']);
  });

  it('lets a resolver sleep on virtual time without blocking the clock', async () => {
    const clock = new VirtualClock(0);
    const value = await clock.run(async (sleeper) => {
      await sleeper.sleep(60_000);
      return clock.now();
    });
    expect(value).toBe(60_000);
  });

  it('rejects a sleep when aborted and drops its timer', async () => {
    const clock = new VirtualClock(0);
    const controller = new AbortController();
    const sleeping = clock.sleep(10_000, controller.signal);
    controller.abort('stop');
    await expect(sleeping).rejects.toBeInstanceOf(AbortedError);
    await clock.sleep(1);
    expect(clock.now()).toBe(1);
  });

  it('holds time still while held', async () => {
    const clock = new VirtualClock(0);
    const release = clock.hold();
    let fired = false;
    void clock.sleep(1).then(() => (fired = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(fired).toBe(false);
    release();
    await new Promise((r) => setTimeout(r, 10));
    expect(fired).toBe(true);
  });
});

describe('VirtualClock.runInline', () => {
  it('returns a plain result at once when no other call is outstanding', () => {
    const clock = new VirtualClock(0);
    expect(clock.runInline(() => 42)).toBe(42);
    expect(() =>
      clock.runInline(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    // Nothing stays open: a later timer still fires.
    return clock.sleep(10).then(() => expect(clock.now()).toBe(10));
  });

  it('queues behind an outstanding call, keeping start order', async () => {
    const clock = new VirtualClock(0);
    const order: string[] = [];
    let finishSlow!: (v: string) => void;
    const slow = clock.run(() => new Promise<string>((resolve) => (finishSlow = resolve)));
    const inline = clock.runInline(() => 'inline');
    expect(inline).toBeInstanceOf(Promise);
    slow.then((v) => order.push(v));
    (inline as Promise<string>).then((v) => order.push(v));
    await new Promise((r) => setTimeout(r, 10));
    expect(order).toEqual([]);
    finishSlow('slow');
    await inline;
    expect(order).toEqual(['slow', 'inline']);
  });

  it('falls back to a promise when the work returns one, sleeps, or the signal is aborted', async () => {
    const clock = new VirtualClock(0);
    expect(clock.runInline(() => Promise.resolve(1))).toBeInstanceOf(Promise);
    const slept = clock.runInline((sleeper) => (void sleeper.sleep(1_000), 'after-sleep-call'));
    expect(slept).toBeInstanceOf(Promise);
    await expect(slept).resolves.toBe('after-sleep-call');
    const controller = new AbortController();
    controller.abort('stop');
    await expect(clock.runInline(() => 1, controller.signal)).rejects.toBeInstanceOf(AbortedError);
    const during = new AbortController();
    await expect(clock.runInline(() => (during.abort('mid'), 1), during.signal)).rejects.toBeInstanceOf(AbortedError);
  });

  it('leaves no unhandled rejection when the work stops its own call and then sleeps', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const clock = new VirtualClock(0);
      const controller = new AbortController();
      // A resolver that stops its own execution (execution.stop()) and then awaits a sleep.
      const call = clock.runInline(async (sleeper) => {
        controller.abort('stopped');
        await sleeper.sleep(1_000);
        return 'never';
      }, controller.signal);
      await expect(call).rejects.toBeInstanceOf(AbortedError);
      // Unhandled rejections are reported after the microtasks of a macrotask: give them two.
      for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setTimeout(resolve, 0));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});

describe('VirtualClock.yieldToHost', () => {
  it('does not let time advance while the yielding fiber is still runnable', async () => {
    const clock = new VirtualClock(0);
    let fired = false;
    void clock.sleep(60_000).then(() => (fired = true));
    for (let i = 0; i < 5; i++) await clock.yieldToHost();
    expect(fired).toBe(false);
    expect(clock.now()).toBe(0);
    // Once nothing runs, the timer fires as usual.
    await new Promise((r) => setTimeout(r, 5));
    expect(fired).toBe(true);
    expect(clock.now()).toBe(60_000);
  });
});

describe('VirtualClock: timers that are never due', () => {
  it('parks a sleep of NaN, Infinity or past the largest date until aborted, without moving time', async () => {
    const clock = new VirtualClock(0);
    const controller = new AbortController();
    const parked = [NaN, Infinity, 8.64e15 + 1].map((ms) => clock.sleep(ms, controller.signal));
    const later = clock.sleep(1_000).then(() => clock.now());
    await expect(later).resolves.toBe(1_000);
    controller.abort('done');
    for (const sleep of parked) await expect(sleep).rejects.toBeInstanceOf(AbortedError);
    expect(clock.now()).toBe(1_000);
  });

  it('parks a RealClock sleep of NaN instead of firing it at once', async () => {
    const controller = new AbortController();
    let fired = false;
    const sleep = new RealClock().sleep(NaN, controller.signal).then(() => (fired = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(fired).toBe(false);
    controller.abort('done');
    await expect(sleep).rejects.toBeInstanceOf(AbortedError);
  });
});

describe('VirtualClock.waitForHost', () => {
  it('gives the host a full turn (its zero-delay timers run) before skipping past a wait only it can end', async () => {
    const clock = new VirtualClock(0);
    const deadline = clock.sleep(60_000).then(() => 'deadline');
    const endWait = clock.waitForHost();
    const answered = new Promise<string>((resolve) =>
      setTimeout(() => {
        endWait();
        resolve(`answered@${clock.now()}`);
      }, 0),
    );
    await expect(Promise.race([answered, deadline])).resolves.toBe('answered@0');
    await expect(deadline).resolves.toBe('deadline');
  });

  it('skips ahead once a full host turn passes with nothing happening', async () => {
    const clock = new VirtualClock(0);
    clock.waitForHost();
    await expect(clock.sleep(60_000).then(() => clock.now())).resolves.toBe(60_000);
  });
});

describe('Clock.timer', () => {
  it('fires in order with sleeps set at the same time, one microtask after its turn, as a resolved sleep would', async () => {
    const clock = new VirtualClock(0);
    const order: string[] = [];
    clock.timer(1_000, () => order.push(`timer@${clock.now()}`));
    const sleep = clock.sleep(1_000).then(() => order.push(`sleep@${clock.now()}`));
    clock.timer(500, () => order.push(`early@${clock.now()}`));
    await sleep;
    expect(order).toEqual(['early@500', 'timer@1000', 'sleep@1000']);
  });

  it('never fires once cancelled, and its cancelled timer no longer moves time', async () => {
    const clock = new VirtualClock(0);
    let fired = false;
    const cancel = clock.timer(10_000, () => (fired = true));
    cancel();
    cancel();
    await clock.sleep(100);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(fired).toBe(false);
    expect(clock.now()).toBe(100);
  });

  it('parks a timer that is never due', async () => {
    const clock = new VirtualClock(0);
    let fired = false;
    clock.timer(Infinity, () => (fired = true))();
    clock.timer(NaN, () => (fired = true));
    await clock.sleep(1);
    expect(fired).toBe(false);
  });

  it('works on the real clock: fires after the delay, or never once cancelled', async () => {
    const clock = new RealClock();
    const fired: string[] = [];
    clock.timer(1, () => fired.push('kept'));
    clock.timer(1, () => fired.push('cancelled'))();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(fired).toEqual(['kept']);
  });
});
