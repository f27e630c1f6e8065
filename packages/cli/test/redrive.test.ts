import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs, runCli, tempDir } from './cli-harness.js';

afterAll(removeTempDirs);

const taskMachine = {
  StartAt: 'Pay',
  States: {
    Pay: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:pay', Next: 'Ship' },
    Ship: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:ship', End: true },
  },
};

describe('aslkit run --redrive', () => {
  it('redrives a saved failed execution: same ARN, only the failed state runs again', async () => {
    const dir = tempDir({
      'machine.json': taskMachine,
      'broken.json': {
        Pay: [{ return: { paid: true } }],
        Ship: [{ throw: { error: 'Carrier.Down', cause: 'no truck' } }],
      },
      'fixed.json': { Ship: [{ return: { shipped: 'yes' } }] },
    });
    const start = ['--seed', '7', '--start-time', '2026-03-01T00:00:00Z'];
    const first = await runCli(
      ['run', 'machine.json', '--mocks', 'broken.json', '--history', '--format', 'json', ...start],
      dir,
    );
    expect(first.code).toBe(1);
    writeFileSync(join(dir, 'saved.json'), first.stdout);
    const saved = JSON.parse(first.stdout) as { executionArn: string; history: unknown[] };

    const redrive = [
      'run',
      'machine.json',
      '--redrive',
      'saved.json',
      '--mocks',
      'fixed.json',
      '--history',
      '--format',
      'json',
    ];
    const again = await runCli([...redrive, '--seed', '8', '--start-time', '2026-03-02T00:00:00Z'], dir);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    const document = JSON.parse(again.stdout) as {
      status: string;
      output: unknown;
      redriveCount: number;
      executionArn: string;
      history: { type: string; stateEnteredEventDetails?: { name: string } }[];
    };
    expect(document).toMatchObject({ status: 'SUCCEEDED', output: { shipped: 'yes' }, redriveCount: 1 });
    expect(document.executionArn).toBe(saved.executionArn);
    expect(document.history.slice(0, saved.history.length)).toEqual(saved.history);
    const after = document.history.slice(saved.history.length);
    expect(after[0]?.type).toBe('ExecutionRedriven');
    expect(after[1]?.stateEnteredEventDetails?.name).toBe('Ship');
    // The same redrive prints the same bytes.
    const twice = await runCli([...redrive, '--seed', '8', '--start-time', '2026-03-02T00:00:00Z'], dir);
    expect(twice.stdout).toBe(again.stdout);
  });

  it('refuses a succeeded execution with AWS reason, and a file that is not a saved execution', async () => {
    const dir = tempDir({
      'machine.json': taskMachine,
      'ok.json': { '*': [{ return: 1, repeat: true }] },
      'bad.json': { status: 'FAILED' },
    });
    const first = await runCli(['run', 'machine.json', '--mocks', 'ok.json', '--history', '--format', 'json'], dir);
    writeFileSync(join(dir, 'saved.json'), first.stdout);
    const refused = await runCli(['run', 'machine.json', '--redrive', 'saved.json'], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('Execution is SUCCEEDED and cannot be redriven');
    const bad = await runCli(['run', 'machine.json', '--redrive', 'bad.json'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('a --redrive file is a saved execution');
    const input = await runCli(['run', 'machine.json', '--redrive', 'saved.json', '--input', '{}'], dir);
    expect(input.stderr).toContain('--input cannot be given with --redrive');
  });
});

describe('aslkit run --redrive with a hostile file', () => {
  const machine = {
    StartAt: 'Pay',
    States: { Pay: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:pay', End: true } },
  };
  const forged = readFileSync(
    join(import.meta.dirname, '..', '..', '..', 'fixtures', 'hostile', 'redrive-forged-ids.json'),
    'utf8',
  );

  it.each([
    ['malformed JSON', '{"executionArn":', /^aslkit run: saved\.json:1:17: invalid JSON/],
    ['not an object', '[1]', /^aslkit run: saved\.json: a --redrive file is a saved execution/],
    [
      '__proto__ standing in for the fields',
      '{"__proto__":{"executionArn":"x","history":[]}}',
      /saved\.json: a --redrive file is a saved execution/,
    ],
    [
      'a forged history (fixtures/hostile/redrive-forged-ids.json)',
      forged,
      /^aslkit run: saved\.json: history: Event at index 2: "id" is 2, expected 3/,
    ],
  ])('refuses %s with exit 2, naming the file', async (_name, text, message) => {
    const dir = tempDir({ 'machine.json': machine });
    writeFileSync(join(dir, 'saved.json'), text);
    const run = await runCli(
      ['run', 'machine.json', '--redrive', 'saved.json', '--start-time', '2026-03-02T00:00:00Z'],
      dir,
    );
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/TypeError|\n\s+at /);
  });

  it('refuses a file past the size cap before reading it, naming the file', async () => {
    const dir = tempDir({ 'machine.json': machine });
    writeFileSync(join(dir, 'huge.json'), '');
    truncateSync(join(dir, 'huge.json'), 300 * 1024 * 1024); // sparse: nothing is written to disk
    const run = await runCli(['run', 'machine.json', '--redrive', 'huge.json'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^aslkit run: --redrive file huge\.json is larger than 268435456 bytes/);
  });

  it("refuses an execution already redriven 1,000 times, with AWS's ExecutionNotRedrivable", async () => {
    const dir = tempDir({ 'machine.json': machine, 'fail.json': { Pay: [{ throw: { error: 'Down' } }] } });
    const first = await runCli(
      ['run', 'machine.json', '--mocks', 'fail.json', '--history', '--format', 'json', '--seed', '1'],
      dir,
    );
    const saved = JSON.parse(first.stdout) as { history: { id: number; previousEventId: number; timestamp: string }[] };
    const failure = saved.history[saved.history.length - 1]!;
    for (let redrive = 1; redrive <= 1000; redrive++) {
      const id = saved.history.length + 1;
      saved.history.push(
        {
          ...failure,
          id,
          previousEventId: id - 1,
          type: 'ExecutionRedriven',
          executionRedrivenEventDetails: { redriveCount: redrive },
        } as never,
        { ...failure, id: id + 1, previousEventId: id },
      );
    }
    writeFileSync(join(dir, 'saved.json'), JSON.stringify(saved));
    const run = await runCli(['run', 'machine.json', '--redrive', 'saved.json'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Execution redrive count limit exceeded');
  });
});
