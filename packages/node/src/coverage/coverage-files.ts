/**
 * Reading and writing coverage JSON files: the per-worker files of a Vitest run and the
 * merged report. A file that is not a coverage report is an error, not silently skipped:
 * dropping a worker's file would under-report coverage and could pass a threshold wrongly.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ErrorCode, isCoverageReport, mergeCoverage, UsageError, type CoverageReport } from '@aslkit/core';

/** Reads one coverage JSON file. @throws UsageError `ASLKIT_INVALID_COVERAGE_FILE` */
export function readCoverageFile(path: string): CoverageReport {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(
      ErrorCode.InvalidCoverageFile,
      `cannot read coverage file ${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (!isCoverageReport(value))
    throw new UsageError(ErrorCode.InvalidCoverageFile, `${path} is not an aslkit coverage report (version 1)`);
  return value;
}

/** Merges every `*.json` file of a folder (none, or a missing folder, gives an empty report). */
export function readCoverageDir(dir: string): CoverageReport {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .sort();
  } catch {
    return { version: 1, machines: [] };
  }
  return mergeCoverage(...names.map((name) => readCoverageFile(join(dir, name))));
}

/** Writes a report as indented JSON, creating the folder. */
export function writeCoverageFile(path: string, report: CoverageReport): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
}
