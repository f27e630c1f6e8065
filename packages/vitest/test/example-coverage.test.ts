// Runs the order-processing example (fixtures/testing) through Vitest itself, in a child
// process, the way a project would: setup file, global setup, workers writing coverage and
// the teardown merging it. Leaving out the payment-outage tests must leave the Parallel's
// catch-all uncovered and fail the run on its thresholds; running them all must pass.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCoverageFile } from '@aslkit/node';

const repo = resolve(import.meta.dirname, '..', '..', '..');
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function runExample(...args: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'aslkit-example-'));
  dirs.push(dir);
  // The child is a Vitest of its own: none of this worker's Vitest variables may leak into it.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_OPTIONS'),
  );
  const child = spawnSync(
    process.execPath,
    [
      join(repo, 'node_modules', 'vitest', 'vitest.mjs'),
      'run',
      '--config',
      'fixtures/testing/vitest.config.ts',
      ...args,
    ],
    {
      cwd: repo,
      env: { ...env, ASLKIT_COVERAGE_DIR: dir, NO_COLOR: '1', FORCE_COLOR: '0', CI: '1' },
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  const report = readCoverageFile(join(dir, 'coverage.json'));
  const hits = Object.fromEntries(report.machines[0]!.items.map((item) => [item.id, item.hits]));
  return {
    code: child.status,
    output: `${child.stdout}${child.stderr}`,
    report,
    hits,
    workerFiles: readdirSync(join(dir, 'workers')).length,
  };
}

describe('the order-processing example under Vitest', () => {
  it('reports the uncovered Catch and fails its thresholds without the last cases', () => {
    const { code, output, hits } = runExample('--testNamePattern', '^(?!.*outage)');
    expect(output).toContain('12 passed');
    expect(output).toContain('Uncovered in fixtures/testing/order-processing.asl.json:');
    expect(output).toContain('catch       ProcessOrder Catch[1] [States.ALL] → ParkOrder');
    expect(output).toContain(
      '✗ coverage for catches (75%) is below the threshold (100%) in fixtures/testing/order-processing.asl.json',
    );
    // Exactly the Parallel's catch-all, and the state and edge only it leads to, are missing.
    expect(Object.keys(hits).filter((id) => hits[id] === 0)).toEqual([
      'catch:ProcessOrder#1',
      'state:ParkOrder',
      'transition:ProcessOrder->ParkOrder',
    ]);
    expect(output).toMatch(/HTML report: .*index\.html/);
    expect(code).toBe(1);
  }, 130_000);

  it('covers every item with all the cases, merged from the two test files', () => {
    const { code, output, report, hits, workerFiles } = runExample();
    // One coverage file per test file: the matcher tests and the case-file tests.
    expect(workerFiles).toBe(2);
    expect(output).toContain('14 passed');
    expect(output).not.toContain('Uncovered');
    expect(report.machines).toHaveLength(1);
    // Seven tests with the matchers and seven declarative cases, each one execution, in one report.
    expect(report.machines[0]!.executions).toBe(14);
    expect(hits['catch:ProcessOrder#1']).toBe(2);
    expect(code).toBe(0);
  }, 130_000);
});
