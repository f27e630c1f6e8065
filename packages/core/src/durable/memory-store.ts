/**
 * An `ExecutionStore` in memory: for tests, browsers, and hosts that only need a resume within
 * one process (after `stop`, or to move executions between engines). Records and events are
 * kept as JSON text, so nothing a caller does to a returned object reaches the store.
 */
import type { HistoryEvent } from '../history/events.js';
import type { ExecutionStatus } from '../runtime/execution.js';
import {
  heartbeatRecord,
  redriveRecord,
  type ExecutionEnd,
  type ExecutionRecord,
  type ExecutionStore,
  type StoredRedrive,
} from './execution-store.js';
import { checkNextIds, executionExists, executionMissing } from './store-errors.js';

interface Entry {
  record: string;
  events: string[];
}

/**
 * @example
 * const store = new MemoryExecutionStore();
 * const execution = machine.start(input, { store });
 * // later, in the same process: resumeExecution(store, execution.executionArn, { resolvers })
 */
export class MemoryExecutionStore implements ExecutionStore {
  private readonly entries = new Map<string, Entry>();

  createExecution(record: ExecutionRecord): void {
    if (this.entries.has(record.executionArn)) throw executionExists(record.executionArn);
    this.entries.set(record.executionArn, { record: JSON.stringify(record), events: [] });
  }

  appendEvents(executionArn: string, events: readonly HistoryEvent[], end?: ExecutionEnd): void {
    const entry = this.entry(executionArn);
    checkNextIds(executionArn, entry.events.length, events);
    for (const event of events) entry.events.push(JSON.stringify(event));
    if (end) update(entry, (record) => ({ ...record, ...end }));
  }

  redriveExecution(executionArn: string, redrive: StoredRedrive): void {
    update(this.entry(executionArn), (record) => redriveRecord(record, redrive));
  }

  recordHeartbeat(executionArn: string, token: string, at: number): void {
    update(this.entry(executionArn), (record) => heartbeatRecord(record, token, at));
  }

  getExecution(executionArn: string): ExecutionRecord | undefined {
    const entry = this.entries.get(executionArn);
    return entry && (JSON.parse(entry.record) as ExecutionRecord);
  }

  listExecutions(filter: { status?: ExecutionStatus } = {}): ExecutionRecord[] {
    const records = [...this.entries.values()].map((entry) => JSON.parse(entry.record) as ExecutionRecord);
    return filter.status === undefined ? records : records.filter((record) => record.status === filter.status);
  }

  loadEvents(executionArn: string): HistoryEvent[] {
    return (this.entries.get(executionArn)?.events ?? []).map((text) => JSON.parse(text) as HistoryEvent);
  }

  /** The stored execution, which must exist. */
  private entry(executionArn: string): Entry {
    const entry = this.entries.get(executionArn);
    if (!entry) throw executionMissing(executionArn);
    return entry;
  }
}

/** Rewrites the entry's record (kept as text, so callers never share the stored object). */
function update(entry: Entry, change: (record: ExecutionRecord) => ExecutionRecord): void {
  entry.record = JSON.stringify(change(JSON.parse(entry.record) as ExecutionRecord));
}
