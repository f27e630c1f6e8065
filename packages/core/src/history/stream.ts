/**
 * Live consumption of a history: an async iterator that replays what was recorded so far
 * and then follows new events until the execution ends.
 */
import type { HistoryEvent } from './events.js';

export interface EventSource {
  readonly recorded: readonly HistoryEvent[];
  subscribe(listener: (event: HistoryEvent) => void): () => void;
  readonly done: Promise<unknown>;
}

export async function* followEvents(source: EventSource): AsyncGenerator<HistoryEvent, void, undefined> {
  const queue: HistoryEvent[] = [...source.recorded];
  const seen = new Set<number>(queue.map((e) => e.id));
  let next = 0;
  let wake: (() => void) | undefined;
  let finished = false;
  const unsubscribe = source.subscribe((event) => {
    if (seen.has(event.id)) return;
    queue.push(event);
    wake?.();
  });
  void source.done.then(
    () => ((finished = true), wake?.()),
    () => ((finished = true), wake?.()),
  );
  try {
    for (;;) {
      while (next < queue.length) yield queue[next++]!;
      if (finished) return;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
  } finally {
    unsubscribe();
  }
}
