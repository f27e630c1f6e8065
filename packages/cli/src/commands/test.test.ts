import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../cli.js';
import { removeTempDirs, runCli, tempDir } from '../../test/cli-harness.js';

afterAll(removeTempDirs);

const repo = resolve(import.meta.dirname, '..', '..', '..', '..');
const example = 'fixtures/testing/order-processing.test.json';
const machine = {
  StartAt: 'Greet',
  States: { Greet: { Type: 'Pass', Parameters: { 'greeting.$': '$.name' }, End: true } },
};
const cases = (...list: object[]) => ({ definition: 'greet.asl.json', cases: list });

describe('aslkit test', () => {
  it('runs the example case file: a line per case, then N passed, M failed; exit 0', async () => {
    const run = await runCli(['test', example], repo);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(
      run.stdout.startsWith(
        'fixtures/testing/order-processing.test.json\n  ✓ a standard order is reserved, charged and shipped\n',
      ),
    ).toBe(true);
    expect(run.stdout.endsWith('\n7 passed, 0 failed\n')).toBe(true);
  });

  it('prints each failure with a diff and exits 1', async () => {
    const dir = tempDir({
      'greet.asl.json': machine,
      'greet.test.json': cases(
        { name: 'right', input: { name: 'Ada' }, expect: { output: { greeting: 'Ada' } } },
        { name: 'wrong', input: { name: 'Ada' }, expect: { output: { greeting: 'Bob' }, path: ['Greet', 'Bye'] } },
      ),
    });
    const run = await runCli(['test', 'greet.test.json'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('greet.test.json\n  ✓ right\n  ✗ wrong\n');
    expect(run.stdout).toContain(
      '✗ greet.test.json › wrong\n  the output differs\n    - Expected\n    + Actual\n\n      {\n    -   "greeting": "Bob"\n    +   "greeting": "Ada"\n      }\n',
    );
    expect(run.stdout).toContain('  the top-level path differs\n');
    expect(run.stdout).toContain('  Execution: SUCCEEDED with output {"greeting":"Ada"}\n  Path: Greet\n');
    expect(run.stdout.endsWith('\n1 passed, 1 failed\n')).toBe(true);
  });

  it('measures coverage and fails on a missed threshold', async () => {
    const covered = await runCli(['test', example, '--coverage'], repo);
    expect(covered.code).toBe(0);
    expect(covered.stdout).toContain('\nState machine coverage\n');
    expect(covered.stdout).toMatch(
      /fixtures\/testing\/order-processing\.asl\.json \| 100% \(15\/15\) \| 100% \(11\/11\)/,
    );

    const dir = tempDir({
      'greet.asl.json': {
        StartAt: 'Pick',
        States: {
          Pick: { Type: 'Choice', Choices: [{ Variable: '$.hi', BooleanEquals: true, Next: 'Hi' }], Default: 'Bye' },
          Hi: { Type: 'Succeed' },
          Bye: { Type: 'Succeed' },
        },
      },
      'greet.test.json': cases({ name: 'hi', input: { hi: true }, expect: { output: { hi: true } } }),
    });
    const missed = await runCli(
      [
        'test',
        'greet.test.json',
        '--coverage-threshold',
        'states=100,choices=50',
        '--coverage-json',
        'out/coverage.json',
        '--coverage-html',
        'out/coverage.html',
      ],
      dir,
    );
    expect(missed.code).toBe(1);
    expect(missed.stdout).toContain('Uncovered in greet.asl.json:\n  state       Bye (Succeed)\n');
    expect(missed.stdout).toContain('✗ coverage for states (66.66%) is below the threshold (100%) in greet.asl.json\n');
    expect(missed.stdout).not.toContain('coverage for choices');
    expect(missed.stdout.endsWith('\n1 passed, 0 failed\n')).toBe(true);
    const written = JSON.parse(readFileSync(join(dir, 'out', 'coverage.json'), 'utf8')) as {
      version: number;
      machines: { executions: number }[];
    };
    expect(written.version).toBe(1);
    expect(written.machines[0]!.executions).toBe(1);
    const page = readFileSync(join(dir, 'out', 'coverage.html'), 'utf8');
    expect(page).toContain('<g class="node state uncovered"><title>Bye (Succeed): 0 hits');
    expect(page).toContain('<g class="node state covered"><title>Hi (Succeed): 1 hit');
    expect(missed.stdout).toContain('HTML report: out/coverage.html\n');
  });

  it('reports as JSON, with coverage and threshold failures', async () => {
    const run = await runCli(['test', example, '--reporter', 'json', '--coverage-threshold', 'states=100'], repo);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as {
      passed: number;
      failed: number;
      cases: { name: string; status: string; execution: { path: string[] } }[];
      coverage: unknown;
    };
    expect(report).toMatchObject({ passed: 7, failed: 0, skipped: 0 });
    expect(report.cases[2]).toMatchObject({
      name: 'a large order goes to manual review',
      status: 'passed',
      execution: { path: ['ValidateOrder', 'RouteOrder', 'ManualReview'] },
    });
    expect(report.coverage).toMatchObject({ version: 1 });
  });

  it('reports as JUnit XML, escaping names, with the summary on stderr', async () => {
    const dir = tempDir({
      'greet.asl.json': machine,
      'greet.test.json': cases(
        { name: 'quotes "and" <tags> & more', input: { name: 'x' }, expect: { output: { greeting: 'y' } } },
        { name: 'later', skip: true, expect: {} },
      ),
    });
    const run = await runCli(['test', 'greet.test.json', '--reporter', 'junit'], dir);
    expect(run.code).toBe(1);
    expect(
      run.stdout.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="aslkit" tests="2" failures="1" errors="0" skipped="1"',
      ),
    ).toBe(true);
    expect(run.stdout).toContain(
      '<testcase classname="greet.test.json" name="quotes &quot;and&quot; &lt;tags&gt; &amp; more"',
    );
    expect(run.stdout).toContain('<failure message="the output differs" type="AssertionError">');
    expect(run.stdout).toContain('<skipped/>');
    expect(run.stderr.endsWith('0 passed, 1 failed, 1 skipped\n')).toBe(true);
  });

  it('expands folders and quoted globs', async () => {
    const byFolder = await runCli(['test', 'fixtures/testing'], repo);
    expect(byFolder.stdout.endsWith('\n7 passed, 0 failed\n')).toBe(true);
    const byGlob = await runCli(['test', 'fixtures/{examples,states}/**/*.test.json'], repo);
    expect(byGlob.code).toBe(0);
    expect(byGlob.stdout).toContain('fixtures/examples/order-pipeline.test.json\n');
    expect(byGlob.stdout).toContain('fixtures/states/wait-and-choice.test.json\n');
  });

  it('draws a progress line on a terminal and clears it at the end', async () => {
    let stderr = '';
    const code = await main(['test', example], {
      stdout: { write: () => true },
      stderr: Object.assign({ write: (chunk: string) => (stderr += chunk) }, { isTTY: true, columns: 60 }),
      cwd: repo,
    });
    expect(code).toBe(0);
    expect(stderr.startsWith('\r\u001b[2K[1/7] fixtures/testing/order-processing.test.json › a stan…')).toBe(true);
    expect(stderr.endsWith('\r\u001b[2K')).toBe(true);
  });

  it.each([
    [[], 'test needs at least one case file, folder or glob'],
    [['x.json', '--reporter', 'tap'], "--reporter must be text, json or junit, got 'tap'"],
    [['missing.json', 'nothing/*.json'], "no case files match 'missing.json', 'nothing/*.json'"],
    [['x.json', '--coverage-threshold', 'lines=80'], "invalid coverage threshold 'lines=80'"],
  ])('exits 2 on a usage error: %j', async (args, message) => {
    const run = await runCli(['test', ...args], tempDir());
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`aslkit test: ${message}`);
  });

  it('lists itself in the help', async () => {
    const help = await runCli(['--help'], repo);
    expect(help.stdout).toMatch(/\n {2}test +Run declarative test cases and report coverage\n/);
    const usage = await runCli(['test', '--help'], repo);
    expect(usage.stdout.startsWith('Usage: aslkit test <files, folders or globs...> [options]')).toBe(true);
  });
});
