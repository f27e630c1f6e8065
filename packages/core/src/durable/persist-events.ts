/**
 * Writes an execution's new events to its store as they are reported: the events recorded in
 * one synchronous stretch of the run go in one batch (one transaction), written on the
 * microtask after it, before the execution takes its next step. The batch that holds the
 * execution's last event also sets its status.
 */
import type { HistoryEvent } from '../history/events.js';
import type { HistoryListener } from '../history/recorder.js';
import type { ExecutionEnd, ExecutionStore } from './execution-store.js';

const END_STATUS: Record<string, ExecutionEnd['status']> = {
  ExecutionSucceeded: 'SUCCEEDED',
  ExecutionFailed: 'FAILED',
  ExecutionTimedOut: 'TIMED_OUT',
  ExecutionAborted: 'ABORTED',
};

/** The end an execution's last event stands for, if it is one. */
export function executionEnd(event: HistoryEvent): ExecutionEnd | undefined {
  const status = END_STATUS[event.type];
  return status && { status, stopDate: event.timestamp };
}

/**
 * A history listener that persists what it hears.
 * @param onError called once when the store throws; nothing more is written after it
 */
export function eventPersister(
  store: ExecutionStore,
  executionArn: string,
  onError: (error: unknown) => void,
): HistoryListener {
  let batch: HistoryEvent[] = [];
  let failed = false;
  const flush = () => {
    const events = batch;
    batch = [];
    if (failed) return;
    try {
      store.appendEvents(executionArn, events, executionEnd(events[events.length - 1]!));
    } catch (error) {
      failed = true;
      onError(error);
    }
  };
  return (event) => {
    if (batch.length === 0) queueMicrotask(flush);
    batch.push(event);
  };
}
