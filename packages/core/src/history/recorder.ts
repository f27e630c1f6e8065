/**
 * The only place that numbers events: it assigns `id`, takes `previousEventId` from the
 * caller's fiber, stamps the clock's time, stores the event (unless recording is off) and
 * tells subscribers. Callers that only need ids (recording off, nobody listening) pay for
 * no event objects at all.
 */
import type { EventDetails, HistoryEvent, HistoryEventType } from './events.js';

export type HistoryListener = (event: HistoryEvent) => void;

export interface RecorderOptions {
  /** Keep events in memory (default true). Listeners are told either way. */
  record: boolean;
  /** AWS fails an execution whose history passes 25,000 events; `Infinity` lifts the limit. */
  maxEvents: number;
  /** A stored history to replay before recording anew (a resumed execution). */
  replay?: RecorderReplay;
  /** The history so far of a redriven execution: kept (unless recording is off), never reported again. */
  prior?: readonly HistoryEvent[];
}

/**
 * The stored history a resumed execution replays (durable/replay-log.ts): the recorder hands it
 * each event whose id it holds, and keeps and reports nothing for them but what `take` returns.
 */
export interface RecorderReplay {
  readonly length: number;
  /** Set once the replay recorded something else than the store holds: nothing is recorded after it. */
  readonly divergence: Error | undefined;
  /** The stored event with this id, once the new one is checked against it; throws when they differ. */
  take<T extends HistoryEventType>(
    id: number,
    type: T,
    details: EventDetails<T>,
    previousEventId: number,
  ): HistoryEvent;
}

/** Thrown by `record` when the limit is passed; the run loop turns it into a failed execution. */
export class HistoryLimitExceeded extends Error {
  constructor(readonly limit: number) {
    super(`The execution reached the maximum number of history events (${limit}).`);
    this.name = 'HistoryLimitExceeded';
  }
}

export class HistoryRecorder {
  readonly events: HistoryEvent[] = [];
  private lastId = 0;
  /** Made on the first subscription: most executions have no listener. */
  private listeners: Set<HistoryListener> | undefined;
  private limitHit = false;

  constructor(
    private readonly now: () => string,
    private readonly options: RecorderOptions,
  ) {
    const prior = options.prior;
    if (prior && prior.length > 0) {
      if (options.record) this.events.push(...prior);
      this.lastId = prior[prior.length - 1]!.id;
    }
  }

  /** Why a resumed execution stopped replaying its stored history, if it did. */
  get divergence(): Error | undefined {
    return this.options.replay?.divergence;
  }

  get count(): number {
    return this.lastId;
  }

  /** Appends an event and returns its id. */
  record<T extends HistoryEventType>(type: T, details: EventDetails<T>, previousEventId: number): number {
    // AWS keeps the last id for the execution's own end: ExecutionFailed is event 25,000, so a
    // state's event that would take that id fails the execution and is never recorded.
    if (this.lastId + 1 >= this.options.maxEvents && !this.limitHit && !type.startsWith('Execution')) {
      this.limitHit = true;
      throw new HistoryLimitExceeded(this.options.maxEvents);
    }
    const id = ++this.lastId;
    const replay = this.options.replay;
    if (replay !== undefined && id <= replay.length) {
      // Replayed: already reported and stored the first time.
      const event = replay.take(id, type, details, previousEventId);
      if (this.options.record) this.events.push(event);
      return id;
    }
    const listeners = this.listeners;
    if (this.options.record || (listeners !== undefined && listeners.size > 0)) {
      const event = { id, previousEventId, timestamp: this.now(), type, ...details } as unknown as HistoryEvent;
      if (this.options.record) this.events.push(event);
      if (listeners)
        for (const listener of listeners) {
          try {
            listener(event);
          } catch {
            // A listener's bug must not change the execution it watches.
          }
        }
    }
    return id;
  }

  subscribe(listener: HistoryListener): () => void {
    const listeners = (this.listeners ??= new Set());
    listeners.add(listener);
    return () => listeners.delete(listener);
  }
}
