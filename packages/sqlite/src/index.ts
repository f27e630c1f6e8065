/**
 * `@aslkit/sqlite`: a SQLite `ExecutionStore` for durable executions
 * (docs/guide/durable-executions.md).
 */
export { SqliteExecutionStore } from './sqlite-store.js';
export type { SqliteStoreOptions } from './sqlite-store.js';
export { SCHEMA_VERSION } from './schema.js';
