import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { runMachine } from '../run-machine.js';
import { readCoverageDir, readCoverageFile } from '@aslkit/node';
import { coverageGlobalSetup } from './global-setup.js';
import { coverageActive, flushCoverage, startCoverage } from './worker-coverage.js';

const root = mkdtempSync(join(tmpdir(), 'aslkit-coverage-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const machine = {
  StartAt: 'Pick',
  States: {
    Pick: { Type: 'Choice', Choices: [{ Variable: '$.left', BooleanEquals: true, Next: 'Left' }], Default: 'Right' },
    Left: { Type: 'Succeed' },
    Right: { Type: 'Succeed' },
  },
};

/** Stands in for Vitest's TestProject: what the global setup provides, by key. */
function fakeProject(dir: string) {
  const provided: Record<string, string> = {};
  return {
    provided,
    project: { config: { root: dir }, provide: (key: string, value: string) => void (provided[key] = value) },
  };
}

describe('worker coverage', () => {
  afterEach(async () => {
    await flushCoverage();
  });

  it('records nothing until a session starts', async () => {
    expect(coverageActive()).toBe(false);
    await runMachine(machine, { input: { left: true } });
    expect(await flushCoverage()).toBeUndefined();
  });

  it('writes one file per flush with the runs since the last one, and merges files by machine', async () => {
    const dir = join(root, 'workers-a');
    startCoverage(dir);
    expect(coverageActive()).toBe(true);
    await runMachine(machine, { input: { left: true }, label: 'pick.asl.json' });
    await runMachine(machine, { input: { left: false }, label: 'pick.asl.json', coverage: false });
    const first = await flushCoverage();
    await runMachine(machine, { input: { left: false }, label: 'pick.asl.json' });
    const second = await flushCoverage();
    expect(first).toMatch(/worker-\d+-[0-9a-f-]+\.json$/);
    expect(second).not.toBe(first);
    expect(readCoverageFile(first!).machines[0]!.executions).toBe(1);
    const merged = readCoverageDir(dir);
    const hits = Object.fromEntries(merged.machines[0]!.items.map((item) => [item.id, item.hits]));
    expect(merged.machines[0]).toMatchObject({ label: 'pick.asl.json', executions: 2 });
    expect([hits['choice:Pick#0'], hits['choice:Pick#default']]).toEqual([1, 1]);
    expect(await flushCoverage()).toBeUndefined();
  });

  it('refuses a file that is not a coverage report', () => {
    const dir = join(root, 'bad');
    mkdirSync(dir);
    writeFileSync(join(dir, 'x.json'), '{"version": 1, "machines": [{}]}');
    expect(() => readCoverageDir(dir)).toThrow(expect.objectContaining({ code: 'ASLKIT_INVALID_COVERAGE_FILE' }));
    writeFileSync(join(dir, 'x.json'), '{');
    expect(() => readCoverageDir(dir)).toThrow(expect.objectContaining({ code: 'ASLKIT_INVALID_COVERAGE_FILE' }));
    expect(readCoverageDir(join(root, 'no-such-dir'))).toEqual({ version: 1, machines: [] });
  });
});

describe('coverageGlobalSetup', () => {
  const exitCode = process.exitCode;
  afterEach(() => {
    process.exitCode = exitCode;
  });

  it('hands workers a clean folder, then merges, prints and writes the report', async () => {
    const dir = join(root, 'session');
    mkdirSync(join(dir, '.aslkit', 'coverage', 'workers'), { recursive: true });
    writeFileSync(join(dir, '.aslkit', 'coverage', 'workers', 'stale.json'), 'left from the last run');
    const { provided, project } = fakeProject(dir);
    let printed = '';
    const teardown = coverageGlobalSetup({ output: { write: (chunk: string) => (printed += chunk) } })(project);
    const workers = provided['aslkitCoverageDir']!;
    expect(workers).toBe(join(dir, '.aslkit', 'coverage', 'workers'));
    expect(existsSync(join(workers, 'stale.json'))).toBe(false);

    startCoverage(workers);
    await runMachine(machine, { input: { left: true }, label: 'pick.asl.json' });
    await flushCoverage();
    await teardown();
    expect(printed).toContain('State machine coverage\n');
    expect(printed).toMatch(/pick\.asl\.json \| +66\.66% \(2\/3\)/);
    expect(printed).toContain('  choice      Pick Default → Right');
    expect(readCoverageFile(join(dir, '.aslkit', 'coverage', 'coverage.json')).machines[0]!.executions).toBe(1);
    const page = join(dir, '.aslkit', 'coverage', 'index.html');
    expect(printed).toContain(`HTML report: ${page}\n`);
    expect(readFileSync(page, 'utf8')).toContain('<g class="node state uncovered"><title>Right (Succeed): 0 hits');
    expect(process.exitCode).toBe(exitCode);
  });

  it('fails the run through the exit code when a threshold is missed', async () => {
    const dir = join(root, 'thresholds');
    const { provided, project } = fakeProject(dir);
    let printed = '';
    let reported = 0;
    const setup = coverageGlobalSetup({
      dir: 'out',
      json: false,
      html: false,
      thresholds: 'states=100,choices=50',
      output: { write: (chunk: string) => (printed += chunk) },
      onReport: (report) => void (reported = report.machines.length),
    });
    const teardown = setup(project);
    startCoverage(provided['aslkitCoverageDir']);
    await runMachine(machine, { input: { left: true }, label: 'pick.asl.json' });
    await flushCoverage();
    await teardown();
    expect(reported).toBe(1);
    expect(printed).toContain('✗ coverage for states (66.66%) is below the threshold (100%) in pick.asl.json\n');
    expect(printed).not.toContain('coverage for choices');
    expect(process.exitCode).toBe(1);
    expect(readdirSync(join(dir, 'out'))).toEqual(['workers']);
  });

  it('rejects a malformed threshold when the config is read', () => {
    expect(() => coverageGlobalSetup({ thresholds: 'lines=90' })).toThrow(
      expect.objectContaining({ code: 'ASLKIT_INVALID_THRESHOLD' }),
    );
  });
});
