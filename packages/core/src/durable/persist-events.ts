/**
 * Writes an execution's new events to its store as they are reported: the events recorded in
 * one synchronous stretch of the run go in one batch (one transaction), written on the
 * microtask after it, before the execution takes its next step. The batch that holds the
 * execution's last event also sets its status.
 */
import type { HistoryEvent } from '../history/events.js';
import type { HistoryListener } from '../history/recorder.js';
import { END_STATUS } from '../history/reader/event-kinds.js';
import type { ExecutionEnd, ExecutionStore } from './execution-store.js';

/** The end an execution's last event stands for, if it is one. */
export function executionEnd(event: HistoryEvent): ExecutionEnd | undefined {
  const status = END_STATUS[event.type];
  return status && { status, stopDate: event.timestamp };
}

/** One execution's events of one stretch, and its end if they hold it. */
interface Pending {
  executionArn: string;
  events: HistoryEvent[];
  failed: boolean;
  onError: (error: unknown) => void;
}

/** The batches of every execution of a store recorded in the same stretch, written together. */
const queues = new WeakMap<ExecutionStore, Pending[]>();

function flush(store: ExecutionStore): void {
  const pending = queues.get(store) ?? [];
  queues.delete(store);
  const batches = pending.map((entry) => {
    const events = entry.events;
    entry.events = [];
    return { executionArn: entry.executionArn, events, end: executionEnd(events[events.length - 1]!) };
  });
  if (store.appendBatches && batches.length > 1) {
    try {
      return store.appendBatches(batches);
    } catch {
      // One execution's batch spoiled the transaction: write each alone, so only that one fails.
    }
  }
  batches.forEach((batch, i) => {
    const entry = pending[i]!;
    try {
      store.appendEvents(batch.executionArn, batch.events, batch.end);
    } catch (error) {
      entry.failed = true;
      entry.onError(error);
    }
  });
}

/**
 * A history listener that persists what it hears. The batches of all the store's executions
 * recorded before the same microtask go in one `appendBatches` call when the store has it.
 * @param onError called once when the store throws; nothing more is written after it
 */
export function eventPersister(
  store: ExecutionStore,
  executionArn: string,
  onError: (error: unknown) => void,
): HistoryListener {
  const entry: Pending = { executionArn, events: [], failed: false, onError };
  return (event) => {
    if (entry.failed) return;
    if (entry.events.length === 0) {
      let queue = queues.get(store);
      if (!queue) {
        queues.set(store, (queue = []));
        queueMicrotask(() => flush(store));
      }
      queue.push(entry);
    }
    entry.events.push(event);
  };
}
