import { describe, expect, it } from 'vitest';
import { AbortedError } from './clock.js';
import { onAbort } from './abort-listeners.js';
import { runChildren } from './scheduler.js';

/** One microtask turn: how long a child pauses at each scripted step. */
const turn = (): Promise<void> => Promise.resolve();

/** Scripted children: a child given `count` logs `index:step` for each of its steps, pausing one turn between. */
function scripted(log: string[]) {
  return async (count: number, index: number): Promise<void> => {
    for (let step = 0; step < count; step++) {
      if (step > 0) await turn();
      log.push(`${index}:${step}`);
    }
  };
}

describe('runChildren: the order children run in', () => {
  it('starts children in index order and runs each as far as it can before the next starts', async () => {
    const log: string[] = [];
    // No pauses: every child runs to its end before the next one starts.
    await runChildren(['a', 'b', 'c'], 3, new AbortController().signal, async (child, index) => {
      log.push(`start ${child}${index}`);
      log.push(`end ${child}${index}`);
    });
    expect(log).toEqual(['start a0', 'end a0', 'start b1', 'end b1', 'start c2', 'end c2']);
  });

  it('advances children that are ready together in lockstep, one step each per turn, in index order', async () => {
    const log: string[] = [];
    const counts = [3, 1, 2];
    await runChildren(counts, 3, new AbortController().signal, scripted(log));
    expect(log).toEqual(['0:0', '1:0', '2:0', '0:1', '2:1', '0:2']);
  });

  it('runs at most `limit` at once; a freed slot starts the next child one turn after its child ended', async () => {
    const log: string[] = [];
    const counts = [3, 1, 1, 1];
    await runChildren(counts, 2, new AbortController().signal, scripted(log));
    // Child 1 ends at once; its slot starts child 2 a turn later, behind child 0's step already due.
    expect(log).toEqual(['0:0', '1:0', '0:1', '2:0', '0:2', '3:0']);
  });

  it('treats a limit of 0 as 1 and never starts more children than there are', async () => {
    let running = 0;
    let most = 0;
    await runChildren([1, 2, 3], 0, new AbortController().signal, async () => {
      most = Math.max(most, ++running);
      await turn();
      running--;
    });
    expect(most).toBe(1);
    expect(await runChildren([], 40, new AbortController().signal, async () => undefined)).toEqual({});
  });
});

describe('runChildren: failures', () => {
  it('aborts the running siblings, starts no more children, and reports the failure after they unwind', async () => {
    const log: string[] = [];
    const outcome = await runChildren([0, 1, 2, 3], 2, new AbortController().signal, async (_child, index, signal) => {
      log.push(`start ${index}`);
      if (index === 1) {
        await turn();
        throw new Error('boom');
      }
      await new Promise<void>((resolve, reject) =>
        onAbort(signal, () => reject(new AbortedError(signal.reason))),
      ).finally(() => log.push(`unwound ${index}`));
    });
    expect(log).toEqual(['start 0', 'start 1', 'unwound 0']);
    expect(outcome.failure?.index).toBe(1);
    expect(outcome.failure?.error).toEqual(new Error('boom'));
  });

  it('goes on past a failure the caller tolerates', async () => {
    const seen: number[] = [];
    const outcome = await runChildren(
      [0, 1, 2],
      1,
      new AbortController().signal,
      async (child) => {
        seen.push(child);
        if (child !== 2) throw new Error(`child ${child}`);
      },
      (_error, index) => index === 0,
    );
    expect(seen).toEqual([0, 1]);
    expect(outcome.failure?.index).toBe(1);
  });

  it('rethrows the parent’s abort once every child has unwound', async () => {
    const parent = new AbortController();
    const unwound: number[] = [];
    const running = runChildren([0, 1], 2, parent.signal, async (child, _index, signal) => {
      await new Promise<void>((_resolve, reject) =>
        onAbort(signal, () => reject(new AbortedError(signal.reason))),
      ).finally(() => unwound.push(child));
    });
    parent.abort('stop');
    await expect(running).rejects.toBeInstanceOf(AbortedError);
    expect(unwound).toEqual([0, 1]);
  });
});

describe('runChildren with a limit that changes (UpdateMapRun)', () => {
  /** A limit the test changes, and children that each wait for the test to release them. */
  function controlled(initial: number) {
    let value = initial;
    const listeners = new Set<() => void>();
    const limit = {
      current: () => value,
      onChange: (listener: () => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    const set = (next: number) => {
      value = next;
      for (const listener of listeners) listener();
    };
    return { limit, set, listeners };
  }

  function gatedChildren(count: number) {
    const started: number[] = [];
    const release: (() => void)[] = [];
    const body = (_child: number, index: number) =>
      new Promise<void>((resolve) => {
        started.push(index);
        release[index] = resolve;
      });
    return { children: Array.from({ length: count }, (_, index) => index), started, release, body };
  }

  const settle = async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };

  it('starts more children at once when the limit is raised, and fewer after it is lowered', async () => {
    const { limit, set, listeners } = controlled(1);
    const { children, started, release, body } = gatedChildren(6);
    const done = runChildren(children, limit, new AbortController().signal, body);
    await settle();
    expect(started).toEqual([0]);
    set(3);
    await settle();
    // Two workers join the one running: children 1 and 2 start at once, in index order.
    expect(started).toEqual([0, 1, 2]);
    set(1);
    release[0]!();
    release[1]!();
    await settle();
    // Three children ran at once; the limit of 1 lets none start while child 2 runs.
    expect(started).toEqual([0, 1, 2]);
    release[2]!();
    await settle();
    expect(started).toEqual([0, 1, 2, 3]);
    release[3]!();
    await settle();
    release[4]!();
    await settle();
    release[5]!();
    await expect(done).resolves.toEqual({});
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    // The run stopped listening when it ended.
    expect(listeners.size).toBe(0);
  });

  it('with a limit that never changes, runs as with the same fixed number', async () => {
    const log: string[] = [];
    const fixed: string[] = [];
    const { limit } = controlled(2);
    await runChildren([3, 1, 2], limit, new AbortController().signal, scripted(log));
    await runChildren([3, 1, 2], 2, new AbortController().signal, scripted(fixed));
    expect(log).toEqual(fixed);
    expect(log.length).toBe(6);
  });
});
