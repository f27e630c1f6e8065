/**
 * An `ExecutionStore` in a SQLite file (better-sqlite3): durable executions that survive a
 * restart or a crash of the process. WAL journal, one transaction per event batch, a schema
 * version table so later versions can migrate the file.
 */
import Database from 'better-sqlite3';
import {
  checkNextIds,
  executionExists,
  executionMissing,
  heartbeatRecord,
  redriveRecord,
  type EventBatch,
  type ExecutionEnd,
  type ExecutionRecord,
  type ExecutionStatus,
  type ExecutionStore,
  type HistoryEvent,
  type StoredRedrive,
} from '@aslkit/core';
import { migrate } from './schema.js';

export interface SqliteStoreOptions {
  /**
   * `NORMAL` (default) survives a crash of the process, as WAL does; `FULL` also survives a crash
   * of the machine (a power cut), at the cost of an fsync per batch.
   */
  synchronous?: 'NORMAL' | 'FULL';
  /** How long a write waits for another process's transaction, in ms (default 5000). */
  busyTimeoutMs?: number;
}

/**
 * @example
 * const store = new SqliteExecutionStore('.aslkit/executions.db');
 * machine.start(input, { store, resolvers });
 * // after a restart:
 * const { executions } = resumeAll(store, { resolvers });
 */
export class SqliteExecutionStore implements ExecutionStore {
  readonly db: Database.Database;
  private readonly statements;
  private readonly append: (executionArn: string, events: readonly HistoryEvent[], end?: ExecutionEnd) => void;
  private readonly appendMany: (batches: readonly EventBatch[]) => void;

  /** @param file a path (created when missing), `:memory:`, or an open better-sqlite3 database */
  constructor(file: string | Database.Database, options: SqliteStoreOptions = {}) {
    this.db = typeof file === 'string' ? new Database(file) : file;
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous === 'FULL' ? 'FULL' : 'NORMAL'}`);
    this.db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
    migrate(this.db);
    const db = this.db;
    this.statements = {
      insert: db.prepare('INSERT INTO executions (execution_arn, status, record) VALUES (?, ?, ?)'),
      get: db.prepare<[string], { record: string; event_count: number }>(
        'SELECT record, event_count FROM executions WHERE execution_arn = ?',
      ),
      listAll: db.prepare<[], { record: string }>('SELECT record FROM executions ORDER BY seq'),
      listByStatus: db.prepare<[string], { record: string }>(
        'SELECT record FROM executions WHERE status = ? ORDER BY seq',
      ),
      events: db.prepare<[string], { body: string }>('SELECT body FROM events WHERE execution_arn = ? ORDER BY id'),
      insertEvent: db.prepare('INSERT INTO events (execution_arn, id, body) VALUES (?, ?, ?)'),
      count: db.prepare('UPDATE executions SET event_count = ? WHERE execution_arn = ?'),
      end: db.prepare('UPDATE executions SET status = ?, record = ? WHERE execution_arn = ?'),
      setRecord: db.prepare('UPDATE executions SET record = ? WHERE execution_arn = ?'),
    };
    const { get, insertEvent, count, end } = this.statements;
    const write = (executionArn: string, events: readonly HistoryEvent[], ending?: ExecutionEnd) => {
      const row = get.get(executionArn);
      if (!row) throw executionMissing(executionArn);
      checkNextIds(executionArn, row.event_count, events);
      for (const event of events) insertEvent.run(executionArn, event.id, JSON.stringify(event));
      if (events.length > 0) count.run(row.event_count + events.length, executionArn);
      if (ending) {
        const record = { ...(JSON.parse(row.record) as ExecutionRecord), ...ending };
        end.run(ending.status, JSON.stringify(record), executionArn);
      }
    };
    this.append = db.transaction(write);
    this.appendMany = db.transaction((batches: readonly EventBatch[]) => {
      for (const batch of batches) write(batch.executionArn, batch.events, batch.end);
    });
  }

  createExecution(record: ExecutionRecord): void {
    try {
      this.statements.insert.run(record.executionArn, record.status, JSON.stringify(record));
    } catch (error) {
      if (isConstraint(error)) throw executionExists(record.executionArn);
      throw error;
    }
  }

  appendEvents(executionArn: string, events: readonly HistoryEvent[], end?: ExecutionEnd): void {
    this.append(executionArn, events, end);
  }

  /** Several executions' batches in one transaction (the engine's writes of one microtask). */
  appendBatches(batches: readonly EventBatch[]): void {
    this.appendMany(batches);
  }

  redriveExecution(executionArn: string, redrive: StoredRedrive): void {
    const row = this.statements.get.get(executionArn);
    if (!row) throw executionMissing(executionArn);
    const record = redriveRecord(JSON.parse(row.record) as ExecutionRecord, redrive);
    this.statements.end.run(record.status, JSON.stringify(record), executionArn);
  }

  recordHeartbeat(executionArn: string, token: string, at: number): void {
    const row = this.statements.get.get(executionArn);
    if (!row) throw executionMissing(executionArn);
    const record = heartbeatRecord(JSON.parse(row.record) as ExecutionRecord, token, at);
    this.statements.setRecord.run(JSON.stringify(record), executionArn);
  }

  getExecution(executionArn: string): ExecutionRecord | undefined {
    const row = this.statements.get.get(executionArn);
    return row && (JSON.parse(row.record) as ExecutionRecord);
  }

  listExecutions(filter: { status?: ExecutionStatus } = {}): ExecutionRecord[] {
    const rows =
      filter.status === undefined ? this.statements.listAll.all() : this.statements.listByStatus.all(filter.status);
    return rows.map((row) => JSON.parse(row.record) as ExecutionRecord);
  }

  loadEvents(executionArn: string): HistoryEvent[] {
    return this.statements.events.all(executionArn).map((row) => JSON.parse(row.body) as HistoryEvent);
  }

  /** Closes the database (when the store opened it from a path, or was given it). */
  close(): void {
    this.db.close();
  }
}

/** The ARN's UNIQUE constraint. */
const isConstraint = (error: unknown): boolean =>
  error instanceof Error && (error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE';
