/**
 * Coverage inside a Vitest worker. Each test file's module graph records its runs here;
 * `flushCoverage()` (an `afterAll` in the setup file) writes them as one JSON file in the
 * session folder, and the global setup's teardown merges every worker's files.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CoverageCollector, type HistoryEvent, type MapRun, type StateMachineDefinition } from '@aslkit/core';

interface Session {
  dir: string;
  collector: CoverageCollector;
  pending: Set<Promise<void>>;
}

let session: Session | undefined;

/** Starts recording runs into `dir` (from `inject('aslkitCoverageDir')`); `undefined` leaves coverage off. */
export function startCoverage(dir: string | undefined): void {
  if (dir === undefined || dir === '') return;
  if (session?.dir === dir) return;
  session = { dir, collector: new CoverageCollector(), pending: new Set() };
}

/** True while a coverage session is recording. */
export const coverageActive = (): boolean => session !== undefined;

/** Records one run when a session is active; runMachine and the case runner call it. */
export function recordCoverage(
  definition: StateMachineDefinition,
  history: readonly HistoryEvent[],
  label: string,
  mapRuns: readonly MapRun[] = [],
): void {
  if (!session) return;
  const { pending, collector } = session;
  const recording = collector.record(definition, history, label, mapRuns).finally(() => pending.delete(recording));
  pending.add(recording);
}

/** Writes what was recorded since the last flush to a new file in the session folder; returns its path. */
export async function flushCoverage(): Promise<string | undefined> {
  if (!session) return undefined;
  const current = session;
  await Promise.all(current.pending);
  const report = current.collector.report();
  current.collector = new CoverageCollector();
  if (report.machines.length === 0) return undefined;
  mkdirSync(current.dir, { recursive: true });
  // One file per flush: workers never write the same file, so no locking is needed.
  const file = join(current.dir, `worker-${process.pid}-${randomUUID()}.json`);
  writeFileSync(file, JSON.stringify(report));
  return file;
}
