/**
 * State-machine coverage over a whole Vitest run. The global setup clears a session folder
 * and hands its path to the workers (`provide`); each test file's runs land there as JSON
 * (see worker-coverage.ts), and the teardown merges them, prints the table, writes the
 * merged JSON and the HTML page, and fails the run when a threshold is missed. Vitest only logs an error thrown
 * by a teardown and still exits 0, so a missed threshold sets the exit code instead.
 */
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  checkThresholds,
  formatCoverageText,
  formatThresholdFailure,
  parseThresholds,
  type CoverageReport,
  type CoverageThresholds,
} from '@aslkit/core';
import { readCoverageDir, writeCoverageFile, writeCoverageHtml } from '@aslkit/node';

/** The key under which the global setup provides the workers' coverage folder. */
export const COVERAGE_DIR_KEY = 'aslkitCoverageDir';

export interface CoverageOptions {
  /** Folder for the session, relative to the Vitest root (default `.aslkit/coverage`). */
  dir?: string;
  /** Minimum percents, as an object or as `states=100,transitions=90`. */
  thresholds?: CoverageThresholds | string;
  /** Print the table and the uncovered items (default true). */
  text?: boolean;
  /** Where to write the merged JSON, relative to the Vitest root (default `<dir>/coverage.json`); `false` for none. */
  json?: string | false;
  /** Where to write the HTML page that draws each machine, relative to the Vitest root (default `<dir>/index.html`); `false` for none. */
  html?: string | false;
  /** Where the table and threshold failures are printed (default `process.stdout`). */
  output?: { write(chunk: string): unknown };
  /** Called with the merged report, e.g. to draw it another way. */
  onReport?: (report: CoverageReport) => void | Promise<void>;
}

/** What the global setup needs of Vitest's `TestProject`. */
export interface CoverageSetupProject {
  config: { root: string };
  provide(key: typeof COVERAGE_DIR_KEY, value: string): void;
}

/**
 * Builds a Vitest `globalSetup` function that collects state-machine coverage across workers.
 * @example
 * // aslkit.global-setup.ts, listed in `test.globalSetup`; `@aslkit/vitest/setup` in `test.setupFiles`
 * import { coverageGlobalSetup } from '@aslkit/vitest';
 * export default coverageGlobalSetup({ thresholds: 'states=100,catches=100' });
 */
export function coverageGlobalSetup(
  options: CoverageOptions = {},
): (project: CoverageSetupProject) => () => Promise<void> {
  const thresholds =
    typeof options.thresholds === 'string' ? parseThresholds(options.thresholds) : (options.thresholds ?? {});
  return (project) => {
    const dir = resolve(project.config.root, options.dir ?? '.aslkit/coverage');
    const workers = join(dir, 'workers');
    rmSync(workers, { recursive: true, force: true });
    project.provide(COVERAGE_DIR_KEY, workers);
    return async () => {
      const output = options.output ?? process.stdout;
      const report = readCoverageDir(workers);
      if (options.json !== false)
        writeCoverageFile(resolve(project.config.root, options.json ?? join(dir, 'coverage.json')), report);
      let htmlNote = '';
      if (options.html !== false) {
        const page = resolve(project.config.root, options.html ?? join(dir, 'index.html'));
        await writeCoverageHtml(page, report);
        htmlNote = `HTML report: ${page}\n`;
      }
      if (options.text !== false) output.write(`\nState machine coverage\n${formatCoverageText(report)}${htmlNote}`);
      await options.onReport?.(report);
      const failures = checkThresholds(report, thresholds);
      if (failures.length > 0) {
        output.write(`\n${failures.map((failure) => `✗ ${formatThresholdFailure(failure)}\n`).join('')}`);
        process.exitCode = 1;
      }
    };
  };
}
