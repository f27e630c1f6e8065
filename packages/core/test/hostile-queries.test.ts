// Issues 13 and 15: hostile queries, run against the published build in a child process with a
// 384 MB heap (test/hostile/run-hostile.cjs), so a fatal V8 error fails this test, not the runner.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const packageRoot = join(import.meta.dirname, '..');
const fixture = JSON.parse(
  readFileSync(join(packageRoot, '..', '..', 'fixtures', 'hostile', 'queries.json'), 'utf8'),
) as {
  cases: {
    name: string;
    expect: { status: string; error?: string; cause?: string; causeMatches?: string; output?: unknown };
  }[];
};

interface Report {
  cases: { name: string; ms: number; status: string; error?: string; cause?: string; output?: unknown }[];
  breakpoints: string[];
  fuzz: { runs: number; slowestMs: number };
  rssMb: number;
}

describe('hostile queries (child process, 384 MB heap)', () => {
  const child = spawnSync(process.execPath, ['--max-old-space-size=384', join('test', 'hostile', 'run-hostile.cjs')], {
    cwd: packageRoot,
    encoding: 'utf8',
    timeout: 240_000,
  });

  it('end the process normally', () => {
    expect(child.error, 'run `npm run build:packages` first').toBeUndefined();
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
  });

  const report = (): Report => JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as Report;

  it.each(fixture.cases.map((c) => [c.name, c.expect] as const))('%s', (name, expected) => {
    const actual = report().cases.find((c) => c.name === name)!;
    expect(actual.status).toBe(expected.status);
    if (expected.error) expect(actual.error).toBe(expected.error);
    if (expected.cause) expect(actual.cause).toBe(expected.cause);
    if (expected.causeMatches) expect(actual.cause).toMatch(new RegExp(expected.causeMatches));
    if (expected.output !== undefined) expect(actual.output).toEqual(expected.output);
  });

  it('refuse a breakpoint condition with method calls and run a catastrophic regex condition', () => {
    expect(report().breakpoints[0]).toMatch(/^refused: Breakpoint 0 has an invalid condition/);
    expect(report().breakpoints[1]).toBe('accepted');
  });

  it('fuzzed JSONata expressions, filters and regexes end with a documented outcome and stay small', () => {
    expect(report().fuzz.runs).toBeGreaterThan(100);
    expect(report().rssMb).toBeLessThan(600);
  });
});
