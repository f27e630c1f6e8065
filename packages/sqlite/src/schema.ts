/**
 * The store's tables, and the version of their layout: a file written by a later aslkit is
 * refused rather than misread, and an older one is migrated here, step by step.
 */
import type Database from 'better-sqlite3';
import { AslkitError, ErrorCode } from '@aslkit/core';

export const SCHEMA_VERSION = 1;

const STEPS: Record<number, string> = {
  1: `
    CREATE TABLE executions (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      execution_arn TEXT NOT NULL UNIQUE,
      status TEXT NOT NULL,
      event_count INTEGER NOT NULL DEFAULT 0,
      record TEXT NOT NULL
    );
    CREATE INDEX executions_by_status ON executions (status, seq);
    CREATE TABLE events (
      execution_arn TEXT NOT NULL,
      id INTEGER NOT NULL,
      body TEXT NOT NULL,
      PRIMARY KEY (execution_arn, id)
    ) WITHOUT ROWID;
  `,
};

/** Brings the file's tables to SCHEMA_VERSION, in one transaction. */
export function migrate(db: Database.Database): void {
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    const row = db.prepare<[], { version: number }>('SELECT version FROM schema_version').get();
    const current = row?.version ?? 0;
    if (current > SCHEMA_VERSION)
      throw new AslkitError(
        ErrorCode.Usage,
        `This execution store was written by a later aslkit (schema version ${current}; this one reads up to ${SCHEMA_VERSION})`,
      );
    for (let version = current + 1; version <= SCHEMA_VERSION; version++) db.exec(STEPS[version]!);
    if (!row) db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(SCHEMA_VERSION);
    else if (current !== SCHEMA_VERSION) db.prepare('UPDATE schema_version SET version = ?').run(SCHEMA_VERSION);
  }).immediate();
}
