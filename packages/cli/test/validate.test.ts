import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs, runCli, tempDir } from './cli-harness.js';

afterAll(removeTempDirs);

const valid = { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } };
// A literal that looks like a path: accepted by AWS, flagged NO_DOLLAR.
const withWarning = { StartAt: 'A', States: { A: { Type: 'Pass', Parameters: { id: '$.id' }, End: true } } };
const brokenTarget = {
  StartAt: 'A',
  States: { A: { Type: 'Pass', Next: 'Nowhere' }, B: { Type: 'Succeed' } },
};
const callback = {
  StartAt: 'Wait',
  States: {
    Wait: {
      Type: 'Task',
      Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
      Parameters: { QueueUrl: 'q', MessageBody: { 'token.$': '$$.Task.Token' } },
      End: true,
    },
  },
};

interface JsonReport {
  valid: boolean;
  errorCount: number;
  warningCount: number;
  files: {
    file: string;
    valid: boolean;
    unreadable?: string;
    errorCount: number;
    warningCount: number;
    diagnostics: {
      code: string;
      severity: string;
      path: string;
      line?: number;
      column?: number;
      location?: string;
      stateName?: string;
    }[];
  }[];
}

describe('aslkit validate', () => {
  it('exits 0 with only a summary for a valid definition', async () => {
    const run = await runCli(['validate', 'ok.json'], tempDir({ 'ok.json': valid }));
    expect(run).toEqual({ code: 0, stdout: '1 file checked: valid\n', stderr: '' });
  });

  it('prints warnings marked as such and still exits 0', async () => {
    const run = await runCli(['validate', 'warn.json'], tempDir({ 'warn.json': withWarning }));
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^warn\.json:\d+:\d+ warning NO_DOLLAR /);
    expect(lines.at(-1)).toBe('1 file checked: valid, 1 warning');
  });

  it('exits 1 and prints every error as file:line:col CODE message, top to bottom', async () => {
    const run = await runCli(['validate', 'bad.json'], tempDir({ 'bad.json': brokenTarget }));
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    // tempDir writes 2-space JSON: the "Next" key is at 6:7, state B opens at 8:5.
    expect(run.stdout).toBe(
      [
        "bad.json:6:7 MISSING_TRANSITION_TARGET Missing 'Next' target: Nowhere",
        'bad.json:8:5 MISSING_TRANSITION_TARGET State "B" is not reachable.',
        '1 file checked: 1 invalid, 2 errors',
        '',
      ].join('\n'),
    );
  });

  it('checks every file given and sums them up', async () => {
    const dir = tempDir({ 'a.json': valid, 'b.json': brokenTarget, 'c.json': withWarning });
    const run = await runCli(['validate', 'a.json', 'b.json', 'c.json'], dir);
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.map((line) => line.split(':')[0])).toEqual(['b.json', 'b.json', 'c.json', '3 files checked']);
    expect(lines.at(-1)).toBe('3 files checked: 1 invalid, 2 errors, 1 warning');
  });

  it('reports malformed JSON as an invalid definition (exit 1), located', async () => {
    const run = await runCli(
      ['validate', 'broken.json'],
      tempDir({ 'broken.json': '{\n  "StartAt": "A",\n  "States": {,}\n}\n' }),
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^broken\.json:3:\d+ INVALID_JSON_DESCRIPTION /);
  });

  it.each([
    ['an empty file', ''],
    ['a JSON array', '[1, 2]'],
    ['a BOM-prefixed invalid file', '\uFEFF{"StartAt": "A"}'],
  ])('rejects %s with SCHEMA_VALIDATION_FAILED', async (_, text) => {
    const run = await runCli(['validate', 'odd.json'], tempDir({ 'odd.json': text }));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('SCHEMA_VALIDATION_FAILED');
  });

  it('keeps a __proto__ state name as data', async () => {
    const machine = '{"StartAt":"__proto__","States":{"__proto__":{"Type":"Pass","Next":"x"}}}';
    const run = await runCli(['validate', 'proto.json', '--format', 'json'], tempDir({ 'proto.json': machine }));
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.files[0]?.diagnostics.map((d) => [d.code, d.stateName])).toContainEqual([
      'MISSING_TRANSITION_TARGET',
      '__proto__',
    ]);
    expect(({} as Record<string, unknown>).Type).toBeUndefined();
  });

  describe('--format json', () => {
    it('prints one document with every file, counts, and AWS-style locations', async () => {
      const dir = tempDir({ 'a.json': valid, 'b.json': brokenTarget });
      const run = await runCli(['validate', 'a.json', 'b.json', '--format', 'json'], dir);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe('');
      const report = JSON.parse(run.stdout) as JsonReport;
      expect(report).toMatchObject({ valid: false, errorCount: 2, warningCount: 0 });
      expect(report.files.map((file) => [file.file, file.valid, file.errorCount])).toEqual([
        ['a.json', true, 0],
        ['b.json', false, 2],
      ]);
      expect(report.files[1]?.diagnostics[0]).toEqual({
        code: 'MISSING_TRANSITION_TARGET',
        severity: 'ERROR',
        message: "Missing 'Next' target: Nowhere",
        path: '/States/A/Next',
        location: '/States/A/Next',
        stateName: 'A',
        line: 6,
        column: 7,
      });
    });

    it('writes array indexes in brackets in location, as AWS does', async () => {
      const choice = {
        StartAt: 'C',
        States: {
          C: { Type: 'Choice', Choices: [{ Variable: '$.x', IsNull: true, Next: 'Gone' }], Default: 'D' },
          D: { Type: 'Succeed' },
        },
      };
      const run = await runCli(['validate', 'c.json', '--format', 'json'], tempDir({ 'c.json': choice }));
      const report = JSON.parse(run.stdout) as JsonReport;
      const diagnostic = report.files[0]?.diagnostics.find((d) => d.code === 'MISSING_TRANSITION_TARGET');
      expect(diagnostic).toMatchObject({ path: '/States/C/Choices/0/Next', location: '/States/C/Choices[0]/Next' });
    });

    it('is valid with warnings and exits 0', async () => {
      const run = await runCli(['validate', 'w.json', '--format', 'json'], tempDir({ 'w.json': withWarning }));
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ valid: true, errorCount: 0, warningCount: 1 });
    });
  });

  describe('--type', () => {
    it('EXPRESS adds the express rules; STANDARD is the default', async () => {
      const dir = tempDir({ 'cb.json': callback });
      expect((await runCli(['validate', 'cb.json'], dir)).code).toBe(0);
      expect((await runCli(['validate', 'cb.json', '--type', 'STANDARD'], dir)).code).toBe(0);
      const express = await runCli(['validate', 'cb.json', '--type', 'EXPRESS'], dir);
      expect(express.code).toBe(1);
      expect(express.stdout).toMatch(
        /^cb\.json:\d+:\d+ SCHEMA_VALIDATION_FAILED Express state machine does not support/m,
      );
    });

    it('accepts the type in any case', async () => {
      const run = await runCli(['validate', 'cb.json', '--type', 'express'], tempDir({ 'cb.json': callback }));
      expect(run.code).toBe(1);
    });
  });

  describe('usage errors exit 2', () => {
    const dir = tempDir({ 'ok.json': valid });
    it.each([
      ['no file', ['validate'], 'definition file'],
      ['an unknown flag', ['validate', 'ok.json', '--strict'], '--strict'],
      ['an unknown format', ['validate', 'ok.json', '--format', 'sarif'], 'sarif'],
      ['an unknown type', ['validate', 'ok.json', '--type', 'BATCH'], 'BATCH'],
      ['a flag missing its value', ['validate', 'ok.json', '--type'], '--type'],
    ])('%s', async (_, args, mentioned) => {
      const run = await runCli(args, dir);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(mentioned);
    });

    it('an unreadable file, while the other files are still checked', async () => {
      const run = await runCli(['validate', 'missing.json', 'ok.json'], dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe('aslkit validate: definition not found: missing.json\n');
      expect(run.stdout).toBe('2 files checked: 1 unreadable\n');
    });

    it('an unreadable file outranks an invalid one, and shows in the JSON document', async () => {
      const dir2 = tempDir({ 'bad.json': brokenTarget });
      const run = await runCli(['validate', 'bad.json', '.', '--format', 'json'], dir2);
      expect(run.code).toBe(2);
      const report = JSON.parse(run.stdout) as JsonReport;
      expect(report.valid).toBe(false);
      expect(report.files[1]).toMatchObject({ file: '.', valid: false, diagnostics: [] });
      expect(report.files[1]?.unreadable).toContain('directory');
    });
  });

  it('is listed in aslkit --help, and validate --help lists its flags', async () => {
    const dir = tempDir();
    expect((await runCli(['--help'], dir)).stdout).toMatch(/^ {2}validate /m);
    const help = await runCli(['validate', '--help'], dir);
    expect(help.code).toBe(0);
    for (const flag of ['--format', '--type']) expect(help.stdout).toContain(flag);
  });
});

describe('YAML definitions', () => {
  const brokenYaml = [
    'StartAt: A',
    'States:',
    '  A:',
    '    Type: Pass',
    '    Next: Nowhere',
    '  B:',
    '    Type: Succeed',
    '',
  ].join('\n');

  it('validates a .asl.yaml file with each diagnostic at its YAML line and column', async () => {
    const run = await runCli(['validate', 'bad.asl.yaml'], tempDir({ 'bad.asl.yaml': brokenYaml }));
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        "bad.asl.yaml:5:5 MISSING_TRANSITION_TARGET Missing 'Next' target: Nowhere",
        'bad.asl.yaml:6:3 MISSING_TRANSITION_TARGET State "B" is not reachable.',
        '1 file checked: 1 invalid, 2 errors',
        '',
      ].join('\n'),
    );
  });

  it('runs a .yml definition, and refuses malformed YAML and non-mapping files as unreadable', async () => {
    const dir = tempDir({
      'ok.yml': "StartAt: Hello\nStates:\n  Hello:\n    Type: Pass\n    Result: { greeting: 'hi' }\n    End: true\n",
      'broken.yaml': 'StartAt: A\nStates: [\n',
      'list.yaml': '- StartAt: A\n',
    });
    const ran = await runCli(['run', 'ok.yml'], dir);
    expect(ran.code).toBe(0);
    expect(JSON.parse(ran.stdout)).toEqual({ greeting: 'hi' });
    const refused = await runCli(['validate', 'broken.yaml', 'list.yaml'], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^aslkit validate: broken\.yaml:\d+:\d+: invalid YAML \(/m);
    expect(refused.stderr).toContain(
      'aslkit validate: list.yaml: a state machine definition is a mapping (StartAt, States, ...), not a list',
    );
  });

  it('refuses a YAML alias bomb with the file, line and column, never a stack trace', async () => {
    const level = (name: string, of: string) => `${name}: &${name} [${Array(9).fill(of).join(', ')}]`;
    const bomb = [level('a', '"lol"'), level('b', '*a'), level('c', '*b'), level('d', '*c'), level('e', '*d')];
    const dir = tempDir({
      'bomb.asl.yaml': [...bomb, 'StartAt: A', 'States: { A: { Type: Pass, End: true } }'].join('\n'),
    });
    for (const command of ['validate', 'run']) {
      const run = await runCli([command, 'bomb.asl.yaml'], dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        new RegExp(`^aslkit ${command}: bomb\\.asl\\.yaml:2:8: invalid YAML \\(its aliases expand too far`),
      );
      expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
    }
  });
});
