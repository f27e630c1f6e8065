/**
 * The durable store (`aslkit serve --data DIR`): one SQLite file holding two kinds of records, each
 * kept by one implementation. State machines, activities, tags and the service's execution records
 * (status, output, test case) are this class's tables; the engine's executions (definition, seed,
 * start options) and their history events are `@aslkit/sqlite`'s `SqliteExecutionStore`, on the
 * same database, written by the engine itself as events are reported. Express executions are not
 * durable (as on AWS, their history is not kept): their events stay in memory.
 */
import { countChildren, type ExecutionStore, type HistoryEvent, type MapRun } from '@aslkit/core';
import type { SqliteExecutionStore } from '@aslkit/sqlite';
import type { ActivityRecord, ExecutionRecord, MachineRecord, ServiceStore, Tag } from './service-store.js';

/** The layout of the service's tables (its own version: `@aslkit/sqlite` versions the engine's). */
const SERVICE_SCHEMA_VERSION = 2;
/** The statements that bring the tables from the version before to each version. */
const SERVICE_SCHEMA_STEPS: Record<number, string> = {
  1: `
    CREATE TABLE service_machines (seq INTEGER PRIMARY KEY AUTOINCREMENT, arn TEXT NOT NULL UNIQUE, record TEXT NOT NULL);
    CREATE TABLE service_activities (seq INTEGER PRIMARY KEY AUTOINCREMENT, arn TEXT NOT NULL UNIQUE, record TEXT NOT NULL);
    CREATE TABLE service_tags (arn TEXT PRIMARY KEY, tags TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE service_executions (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      arn TEXT NOT NULL UNIQUE,
      machine_arn TEXT NOT NULL,
      status TEXT NOT NULL,
      record TEXT NOT NULL
    );
    CREATE INDEX service_executions_by_machine ON service_executions (machine_arn, seq);
    CREATE INDEX service_executions_by_status ON service_executions (status, seq);
  `,
  // The Map Runs of ended executions, which the engine's store does not keep.
  2: `
    CREATE TABLE service_map_runs (seq INTEGER PRIMARY KEY AUTOINCREMENT, arn TEXT NOT NULL UNIQUE, runs TEXT NOT NULL);
  `,
};

/**
 * @example
 * const store = new SqliteServiceStore(new SqliteExecutionStore('.aslkit/aslkit.db'));
 * const service = await startService({ store });
 */
export class SqliteServiceStore implements ServiceStore {
  readonly durable = true;
  readonly executionStore: ExecutionStore;
  private readonly sql;
  /** Events of executions the engine does not persist (express). */
  private readonly transient = new Map<string, HistoryEvent[]>();
  private closed = false;

  constructor(private readonly executions: SqliteExecutionStore) {
    this.executionStore = executions;
    const db = executions.db;
    db.transaction(() => {
      db.exec('CREATE TABLE IF NOT EXISTS service_schema_version (version INTEGER NOT NULL)');
      const row = db.prepare<[], { version: number }>('SELECT version FROM service_schema_version').get();
      if (row && row.version > SERVICE_SCHEMA_VERSION)
        throw new Error(
          `This service store was written by a later aslkit (service schema version ${row.version}; this one reads up to ${SERVICE_SCHEMA_VERSION})`,
        );
      const current = row?.version ?? 0;
      for (let version = current + 1; version <= SERVICE_SCHEMA_VERSION; version++)
        db.exec(SERVICE_SCHEMA_STEPS[version]!);
      if (!row) db.prepare('INSERT INTO service_schema_version (version) VALUES (?)').run(SERVICE_SCHEMA_VERSION);
      else if (current !== SERVICE_SCHEMA_VERSION)
        db.prepare('UPDATE service_schema_version SET version = ?').run(SERVICE_SCHEMA_VERSION);
    }).immediate();
    const records = (table: string) => ({
      get: db.prepare<[string], { record: string }>(`SELECT record FROM ${table} WHERE arn = ?`),
      put: db.prepare(
        `INSERT INTO ${table} (arn, record) VALUES (?, ?) ON CONFLICT (arn) DO UPDATE SET record = excluded.record`,
      ),
      delete: db.prepare(`DELETE FROM ${table} WHERE arn = ?`),
      list: db.prepare<[], { record: string }>(`SELECT record FROM ${table} ORDER BY seq`),
    });
    this.sql = {
      machines: records('service_machines'),
      activities: records('service_activities'),
      getTags: db.prepare<[string], { tags: string }>('SELECT tags FROM service_tags WHERE arn = ?'),
      putTags: db.prepare(
        'INSERT INTO service_tags (arn, tags) VALUES (?, ?) ON CONFLICT (arn) DO UPDATE SET tags = excluded.tags',
      ),
      deleteTags: db.prepare('DELETE FROM service_tags WHERE arn = ?'),
      getExecution: db.prepare<[string], { record: string }>('SELECT record FROM service_executions WHERE arn = ?'),
      putExecution: db.prepare(
        'INSERT INTO service_executions (arn, machine_arn, status, record) VALUES (?, ?, ?, ?) ' +
          'ON CONFLICT (arn) DO UPDATE SET status = excluded.status, record = excluded.record',
      ),
      executionsOf: db.prepare<[string], { record: string }>(
        'SELECT record FROM service_executions WHERE machine_arn = ? ORDER BY seq',
      ),
      allExecutions: db.prepare<[], { record: string }>('SELECT record FROM service_executions ORDER BY seq'),
      putMapRuns: db.prepare(
        'INSERT INTO service_map_runs (arn, runs) VALUES (?, ?) ON CONFLICT (arn) DO UPDATE SET runs = excluded.runs',
      ),
      mapRuns: db.prepare<[], { arn: string; runs: string }>('SELECT arn, runs FROM service_map_runs ORDER BY seq'),
      running: db.prepare<[], { record: string }>(
        "SELECT record FROM service_executions WHERE status = 'RUNNING' ORDER BY seq",
      ),
    };
  }

  getMachine(arn: string): MachineRecord | undefined {
    return parsed<MachineRecord>(this.sql.machines.get.get(arn));
  }
  putMachine(record: MachineRecord): void {
    this.sql.machines.put.run(record.arn, JSON.stringify(record));
  }
  deleteMachine(arn: string): void {
    this.atomic(() => {
      this.sql.machines.delete.run(arn);
      this.sql.deleteTags.run(arn);
    });
  }
  listMachines(): readonly MachineRecord[] {
    return this.sql.machines.list.all().map((row) => JSON.parse(row.record) as MachineRecord);
  }

  getExecution(arn: string): ExecutionRecord | undefined {
    return parsed<ExecutionRecord>(this.sql.getExecution.get(arn));
  }
  putExecution(record: ExecutionRecord): void {
    this.sql.putExecution.run(record.arn, record.machineArn, record.status, JSON.stringify(record));
  }
  listExecutions(machineArn: string): readonly ExecutionRecord[] {
    return this.sql.executionsOf.all(machineArn).map((row) => JSON.parse(row.record) as ExecutionRecord);
  }
  allExecutions(): readonly ExecutionRecord[] {
    return this.sql.allExecutions.all().map((row) => JSON.parse(row.record) as ExecutionRecord);
  }
  /** The service's records still RUNNING (start-up: each is resumed or closed). */
  runningExecutions(): readonly ExecutionRecord[] {
    return this.sql.running.all().map((row) => JSON.parse(row.record) as ExecutionRecord);
  }
  appendEvents(executionArn: string, events: readonly HistoryEvent[]): void {
    let history = this.transient.get(executionArn);
    if (!history) this.transient.set(executionArn, (history = []));
    history.push(...events);
  }
  events(executionArn: string): readonly HistoryEvent[] {
    return this.transient.get(executionArn) ?? this.executions.loadEvents(executionArn);
  }

  putMapRuns(executionArn: string, runs: readonly MapRun[]): void {
    this.sql.putMapRuns.run(executionArn, JSON.stringify(runs.map(mapRunData)));
  }
  storedMapRuns(): readonly { executionArn: string; runs: readonly MapRun[] }[] {
    return this.sql.mapRuns.all().map((row) => ({
      executionArn: row.arn,
      runs: (JSON.parse(row.runs) as MapRunData[]).map(storedMapRun),
    }));
  }

  getActivity(arn: string): ActivityRecord | undefined {
    return parsed<ActivityRecord>(this.sql.activities.get.get(arn));
  }
  putActivity(record: ActivityRecord): void {
    this.sql.activities.put.run(record.arn, JSON.stringify(record));
  }
  deleteActivity(arn: string): void {
    this.atomic(() => {
      this.sql.activities.delete.run(arn);
      this.sql.deleteTags.run(arn);
    });
  }
  listActivities(): readonly ActivityRecord[] {
    return this.sql.activities.list.all().map((row) => JSON.parse(row.record) as ActivityRecord);
  }

  tags(resourceArn: string): readonly Tag[] {
    const row = this.sql.getTags.get(resourceArn);
    return row ? (JSON.parse(row.tags) as Tag[]) : [];
  }
  setTags(resourceArn: string, tags: readonly Tag[]): void {
    this.sql.putTags.run(resourceArn, JSON.stringify(tags));
  }

  /** Runs `write` in one transaction: a StartExecution's engine record and service record land together. */
  atomic<T>(write: () => T): T {
    return this.executions.db.transaction(write)();
  }

  /** Closes the file. Executions still running in this process can then write nothing more. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.executions.close();
  }
}

const parsed = <T>(row: { record: string } | undefined): T | undefined => row && (JSON.parse(row.record) as T);

/** A Map Run's fields as JSON: `itemCounts` is counted from the children again when it is read. */
type MapRunData = Omit<MapRun, 'itemCounts'>;

function mapRunData(run: MapRun): MapRunData {
  const { itemCounts: _counts, ...data } = { ...run, itemCounts: undefined };
  return data;
}

function storedMapRun(data: MapRunData): MapRun {
  return { ...data, itemCounts: countChildren(data.children) };
}
