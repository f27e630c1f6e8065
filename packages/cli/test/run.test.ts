import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs, runCli, tempDir } from './cli-harness.js';

afterAll(removeTempDirs);

const passMachine = {
  StartAt: 'Greet',
  States: { Greet: { Type: 'Pass', Parameters: { 'greeting.$': '$.name' }, End: true } },
};
const echoMachine = { StartAt: 'Echo', States: { Echo: { Type: 'Pass', End: true } } };
const failMachine = {
  StartAt: 'Boom',
  States: { Boom: { Type: 'Fail', Error: 'Custom.Error', Cause: 'it broke' } },
};
const taskMachine = {
  StartAt: 'Pay',
  States: {
    Pay: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:pay', Next: 'Ship' },
    Ship: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:ship', End: true },
  },
};
// Reads everything a seed and a start time decide: the execution name, id and start time.
const contextMachine = {
  StartAt: 'Context',
  States: {
    Context: {
      Type: 'Pass',
      Parameters: { 'name.$': '$$.Execution.Name', 'id.$': '$$.Execution.Id', 'start.$': '$$.Execution.StartTime' },
      End: true,
    },
  },
};

describe('aslkit run', () => {
  it('prints the output as 2-space JSON and exits 0', async () => {
    const dir = tempDir({ 'machine.json': passMachine });
    const run = await runCli(['run', 'machine.json', '--input', '{"name":"Ada"}'], dir);
    expect(run).toEqual({ code: 0, stdout: '{\n  "greeting": "Ada"\n}\n', stderr: '' });
  });

  it('reads --input from a file, and defaults it to {}', async () => {
    const dir = tempDir({ 'machine.json': echoMachine, 'input.json': { items: [1, 2] } });
    const fromFile = await runCli(['run', 'machine.json', '--input', 'input.json'], dir);
    expect(JSON.parse(fromFile.stdout)).toEqual({ items: [1, 2] });
    const byDefault = await runCli(['run', 'machine.json'], dir);
    expect(byDefault.stdout).toBe('{}\n');
  });

  it('keeps __proto__ in the input as plain data', async () => {
    const dir = tempDir({ 'machine.json': echoMachine });
    const run = await runCli(['run', 'machine.json', '--input', '{"__proto__":{"polluted":true}}'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('{\n  "__proto__": {\n    "polluted": true\n  }\n}\n');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reports a failed execution on stderr and exits 1, printing nothing on stdout', async () => {
    const dir = tempDir({ 'machine.json': failMachine });
    const run = await runCli(['run', 'machine.json'], dir);
    expect(run).toEqual({ code: 1, stdout: '', stderr: 'Execution FAILED: Custom.Error: it broke\n' });
  });

  describe('--history', () => {
    it('prints one aligned line per event before the output', async () => {
      const dir = tempDir({ 'machine.json': passMachine });
      const args = [
        'run',
        'machine.json',
        '--input',
        '{"name":"Ada"}',
        '--history',
        '--seed',
        '1',
        '--start-time',
        '2026-01-01T00:00:00Z',
      ];
      const run = await runCli(args, dir);
      expect(run.code).toBe(0);
      const lines = run.stdout.split('\n');
      const events = lines.filter((line) => line.startsWith('#'));
      expect(events.map((line) => line.split(/\s+/)[3])).toEqual([
        'ExecutionStarted',
        'PassStateEntered',
        'PassStateExited',
        'ExecutionSucceeded',
      ]);
      expect(events[0]).toMatch(
        /^#1  0  2026-01-01T00:00:00\.000Z  ExecutionStarted\s+input=\{"name":"Ada"\} roleArn=arn:aws:iam::/,
      );
      expect(events[1]).toMatch(/^#2  0  \S+  PassStateEntered    Greet  input=\{"name":"Ada"\}$/);
      expect(events[2]).toMatch(/^#3  2  \S+  PassStateExited     Greet  output=\{"greeting":"Ada"\}$/);
      // The output follows the events.
      expect(lines.slice(events.length).join('\n')).toBe('{\n  "greeting": "Ada"\n}\n');
    });

    it('still prints the history on stdout when the execution fails', async () => {
      const dir = tempDir({ 'machine.json': failMachine });
      const run = await runCli(['run', 'machine.json', '--history'], dir);
      expect(run.code).toBe(1);
      expect(run.stdout.trimEnd().split('\n').at(-1)).toMatch(
        /ExecutionFailed\s+error=Custom\.Error cause="it broke"$/,
      );
      expect(run.stderr).toBe('Execution FAILED: Custom.Error: it broke\n');
    });

    it('prints one JSON document with --format json', async () => {
      const dir = tempDir({ 'machine.json': passMachine });
      const run = await runCli(
        ['run', 'machine.json', '--input', '{"name":"Ada"}', '--history', '--format', 'json'],
        dir,
      );
      expect(run.code).toBe(0);
      const document = JSON.parse(run.stdout) as {
        status: string;
        output: unknown;
        history: { id: number; type: string }[];
      };
      expect(Object.keys(document)).toEqual(['status', 'output', 'executionArn', 'history']);
      expect(document.status).toBe('SUCCEEDED');
      expect(document.output).toEqual({ greeting: 'Ada' });
      expect(document.history.map((event) => event.id)).toEqual([1, 2, 3, 4]);
      expect(document.history[3]?.type).toBe('ExecutionSucceeded');
    });
  });

  it('--format json reports a failure in the document, with nothing on stderr', async () => {
    const dir = tempDir({ 'machine.json': failMachine });
    const run = await runCli(['run', 'machine.json', '--format', 'json'], dir);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({ status: 'FAILED', error: 'Custom.Error', cause: 'it broke' });
    expect(run.stderr).toBe('');
  });

  it('prints the same bytes twice with --seed and --start-time', async () => {
    const dir = tempDir({ 'machine.json': contextMachine });
    const args = (seed: string) => [
      'run',
      'machine.json',
      '--history',
      '--seed',
      seed,
      '--start-time',
      '2026-03-01T12:00:00Z',
    ];
    const first = await runCli(args('42'), dir);
    const second = await runCli(args('42'), dir);
    expect(first.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(first.stdout).toContain('"start": "2026-03-01T12:00:00.000Z"');
    // The seed is what decides: another one names the execution differently.
    const other = await runCli(args('43'), dir);
    expect(other.stdout).not.toBe(first.stdout);
  });

  it('accepts --real-time (no Wait here, so nothing actually sleeps)', async () => {
    const dir = tempDir({ 'machine.json': echoMachine });
    const run = await runCli(['run', 'machine.json', '--real-time', '--input', '[1]'], dir);
    expect(run).toEqual({ code: 0, stdout: '[\n  1\n]\n', stderr: '' });
  });

  describe('--mocks', () => {
    it('answers tasks from the script, by state name or by resource ARN', async () => {
      const dir = tempDir({
        'machine.json': taskMachine,
        'mocks.json': {
          Pay: [{ return: { paid: true } }],
          'arn:aws:lambda:us-east-1:123456789012:function:ship': [{ return: { shipped: 'yes' } }],
        },
      });
      const run = await runCli(['run', 'machine.json', '--mocks', 'mocks.json'], dir);
      expect(run).toEqual({ code: 0, stdout: '{\n  "shipped": "yes"\n}\n', stderr: '' });
    });

    it('fails the execution with a scripted throw', async () => {
      const dir = tempDir({
        'machine.json': taskMachine,
        'mocks.json': { Pay: [{ throw: { error: 'Card.Declined', cause: 'insufficient funds' } }] },
      });
      const run = await runCli(['run', 'machine.json', '--mocks', 'mocks.json', '--format', 'json'], dir);
      expect(run.code).toBe(1);
      expect(JSON.parse(run.stdout)).toMatchObject({
        status: 'FAILED',
        error: 'Card.Declined',
        cause: 'insufficient funds',
      });
    });

    it('names --mocks when a service task has no response, not the library option', async () => {
      const dir = tempDir({
        'machine.json': {
          StartAt: 'Save',
          States: { Save: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', End: true } },
        },
      });
      const run = await runCli(['run', 'machine.json'], dir);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("No answer for Task 'Save'");
      expect(run.stderr).toContain('--mocks <file>');
      expect(run.stderr).not.toContain("'resolvers' option");
    });

    it('rejects a malformed script, naming the file, key and index', async () => {
      const dir = tempDir({ 'machine.json': taskMachine, 'mocks.json': { Pay: [{ return: 1 }, { retrun: 2 }] } });
      const run = await runCli(['run', 'machine.json', '--mocks', 'mocks.json'], dir);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('mocks.json: "Pay"[1]: ');
      expect(run.stderr).toContain('"retrun"');
    });

    it('reports malformed JSON in the mocks file with line and column', async () => {
      const dir = tempDir({ 'machine.json': taskMachine, 'mocks.json': '{\n  "Pay": [\n    { "return": 1 },\n  ]\n}' });
      const run = await runCli(['run', 'machine.json', '--mocks', 'mocks.json'], dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('mocks.json:4:3: invalid JSON');
    });
  });

  describe('definition errors exit 2', () => {
    it('locates malformed JSON by line and column', async () => {
      const dir = tempDir({ 'machine.json': '{\n  "StartAt": "A",\n  "States": {,}\n}\n' });
      const run = await runCli(['run', 'machine.json'], dir);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^machine\.json:3:\d+ INVALID_JSON_DESCRIPTION /);
    });

    it('names the code and the line:column of a structural problem', async () => {
      const dir = tempDir({ 'machine.json': { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nowhere' } } } });
      const run = await runCli(['run', 'machine.json'], dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^machine\.json:\d+:\d+ MISSING_TRANSITION_TARGET Missing 'Next' target: Nowhere/m);
    });
  });

  describe('file errors exit 2 and name the file', () => {
    it('a missing definition', async () => {
      const run = await runCli(['run', 'nope.json'], tempDir());
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('nope.json');
    });

    it('a missing --input file', async () => {
      const dir = tempDir({ 'machine.json': echoMachine });
      const run = await runCli(['run', 'machine.json', '--input', 'missing-input.json'], dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('missing-input.json');
    });

    it('broken inline --input JSON is located rather than taken for a file name', async () => {
      const dir = tempDir({ 'machine.json': echoMachine });
      const run = await runCli(['run', 'machine.json', '--input', '{"a": }'], dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('--input:1:7: invalid JSON');
    });

    it('a missing --mocks file', async () => {
      const dir = tempDir({ 'machine.json': echoMachine });
      const run = await runCli(['run', 'machine.json', '--mocks', 'absent-mocks.json'], dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('absent-mocks.json');
    });
  });

  describe('usage errors exit 2', () => {
    const dir = tempDir({ 'machine.json': echoMachine });
    it.each([
      ['an unknown flag', ['run', 'machine.json', '--nope'], '--nope'],
      ['a flag missing its value', ['run', 'machine.json', '--input'], '--input'],
      ['an unknown format', ['run', 'machine.json', '--format', 'xml'], 'xml'],
      ['a bad start time', ['run', 'machine.json', '--start-time', 'yesterday'], 'yesterday'],
      ['no definition', ['run'], 'definition'],
      ['two definitions', ['run', 'machine.json', 'other.json'], 'other.json'],
      ['an unknown command', ['walk', 'machine.json'], 'walk'],
    ])('%s', async (_, args, mentioned) => {
      const run = await runCli(args, dir);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(mentioned);
    });
  });
});

describe('aslkit help and version', () => {
  const dir = tempDir();
  it('--help lists the commands', async () => {
    const run = await runCli(['--help'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: aslkit <command>/);
    expect(run.stdout).toMatch(/^ {2}run /m);
  });

  it('run --help lists the run flags', async () => {
    const run = await runCli(['run', '--help'], dir);
    expect(run.code).toBe(0);
    for (const flag of ['--input', '--mocks', '--history', '--seed', '--start-time', '--real-time', '--format']) {
      expect(run.stdout).toContain(flag);
    }
  });

  it('no arguments prints usage on stderr and exits 2', async () => {
    const run = await runCli([], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^Usage: aslkit/);
  });

  it('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    const run = await runCli(['--version'], dir);
    expect(run).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});

describe('aslkit run --s3-dir', () => {
  const distributed = {
    StartAt: 'M',
    States: {
      M: {
        Type: 'Map',
        ItemReader: {
          Resource: 'arn:aws:states:::s3:getObject',
          ReaderConfig: { InputType: 'JSONL' },
          Parameters: { Bucket: 'inputs', Key: 'items.jsonl' },
        },
        ItemBatcher: { MaxItemsPerBatch: 2 },
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
          StartAt: 'Count',
          States: { Count: { Type: 'Pass', Parameters: { 'n.$': 'States.ArrayLength($.Items)' }, End: true } },
        },
        End: true,
      },
    },
  };

  it("reads a distributed Map's items from bucket directories", async () => {
    const dir = tempDir({ 'machine.json': distributed, 'buckets/inputs/items.jsonl': '1\n2\n3\n' });
    const run = await runCli(['run', 'machine.json', '--s3-dir', 'buckets', '--seed', '1'], dir);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([{ n: 2 }, { n: 1 }]);
  });

  it('refuses a --s3-dir that is not a directory', async () => {
    const dir = tempDir({ 'machine.json': distributed });
    const run = await runCli(['run', 'machine.json', '--s3-dir', 'nope'], dir);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("--s3-dir must name a directory of bucket directories, got 'nope'");
  });
});
