import { describe, expect, it } from 'vitest';
import { AbortedError, VirtualClock } from './clock.js';

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
