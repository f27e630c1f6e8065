/**
 * `@aslkit/service/durable`: the service's durable store on a SQLite file (`aslkit serve --data`).
 * A separate entry point so that only hosts asking for durability load `@aslkit/sqlite` and its
 * native better-sqlite3.
 * @module
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteExecutionStore } from '@aslkit/sqlite';
import { SqliteServiceStore } from './store/sqlite-service-store.js';

export { SqliteServiceStore } from './store/sqlite-service-store.js';

/** The database file in a data directory. */
export const DATA_FILE = 'aslkit.db';

/**
 * Opens (or creates) the durable store in `dir`: `dir/aslkit.db`, created with the directory.
 * @example
 * const service = await startService({ store: openDataDir('.aslkit') });
 */
export function openDataDir(dir: string): SqliteServiceStore {
  mkdirSync(dir, { recursive: true });
  return new SqliteServiceStore(new SqliteExecutionStore(join(dir, DATA_FILE)));
}
