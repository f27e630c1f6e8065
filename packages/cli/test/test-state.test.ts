import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs, runCli, tempDir } from './cli-harness.js';

afterAll(removeTempDirs);

const task = {
  Type: 'Task',
  Resource: 'arn:aws:states:::events:putEvents',
  Parameters: { 'Entries.$': '$.entries' },
  ResultPath: '$.sent',
  End: true,
};

describe('aslkit test-state', () => {
  it('answers a request file as AWS would, with the stages at DEBUG', async () => {
    const dir = tempDir({
      'request.yaml': [
        'definition:',
        '  Type: Pass',
        '  Parameters: { "picked.$": "$.a" }',
        '  Next: Done',
        'input: \'{"a": 1}\'',
        'inspectionLevel: DEBUG',
      ].join('\n'),
    });
    const run = await runCli(['test-state', 'request.yaml'], dir);
    expect(run.code).toBe(0);
    const answer = JSON.parse(run.stdout);
    expect(answer.status).toBe('SUCCEEDED');
    expect(answer.nextState).toBe('Done');
    expect(JSON.parse(answer.output)).toEqual({ picked: 1 });
    expect(JSON.parse(answer.inspectionData.afterParameters)).toEqual({ picked: 1 });
  });

  it('builds the request from flags, and reports a refused mock with AWS code and message', async () => {
    const dir = tempDir({ 'task.json': task });
    const ok = await runCli(
      [
        'test-state',
        '--definition',
        'task.json',
        '--input',
        '{"entries": []}',
        '--mock-result',
        '{"FailedEntryCount": 0}',
      ],
      dir,
    );
    expect(ok.code).toBe(0);
    expect(JSON.parse(JSON.parse(ok.stdout).output)).toEqual({ entries: [], sent: { FailedEntryCount: 0 } });
    const refused = await runCli(
      [
        'test-state',
        '--definition',
        'task.json',
        '--mock-result',
        '{"Entries": "none"}',
        '--field-validation-mode',
        'PRESENT',
      ],
      dir,
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      "aslkit test-state: ValidationException: Mock result schema validation error: Field 'Entries' must be an array\n",
    );
  });

  it('exits 1 for a state that fails, and names a missing definition', async () => {
    const dir = tempDir({ 'task.json': task });
    const failed = await runCli(
      [
        'test-state',
        '--definition',
        'task.json',
        '--input',
        '{"entries": []}',
        '--mock-error',
        'Boom',
        '--mock-cause',
        'why',
      ],
      dir,
    );
    expect(failed.code).toBe(1);
    expect(JSON.parse(failed.stdout)).toEqual({ status: 'FAILED', error: 'Boom', cause: 'why' });
    // --reveal-secrets is a TestState field like the others: AWS refuses it with a mock.
    const secrets = await runCli(
      ['test-state', '--definition', 'task.json', '--mock-error', 'Boom', '--reveal-secrets'],
      dir,
    );
    expect([secrets.code, secrets.stderr]).toEqual([
      2,
      'aslkit test-state: ValidationException: TestState does not support RevealSecrets when a mock is specified.\n',
    ]);
    const missing = await runCli(['test-state'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('test-state needs a definition');
  });
});

describe('aslkit run --inspect and --start-at', () => {
  const machine = {
    StartAt: 'One',
    States: {
      One: { Type: 'Pass', Result: 1, ResultPath: '$.one', Next: 'Two' },
      Two: { Type: 'Pass', InputPath: '$.x', Parameters: { 'y.$': '$' }, End: true },
    },
  };

  it('prints the stages of every attempt before the output, from the given state', async () => {
    const dir = tempDir({ 'machine.json': machine });
    const run = await runCli(['run', 'machine.json', '--input', '{"x": 5}', '--start-at', 'Two', '--inspect'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        'Two  attempt 0  succeeded',
        '  input                {"x":5}',
        '  afterInputPath       5',
        '  afterParameters      {"y":5}',
        '  result               {"y":5}',
        '  afterResultSelector  {"y":5}',
        '  afterResultPath      {"y":5}',
        '  output               {"y":5}',
        '{',
        '  "y": 5',
        '}',
        '',
      ].join('\n'),
    );
  });
});

describe('aslkit run --inspect, an Assign that fails', () => {
  it('says the error arose in Assign', async () => {
    const dir = tempDir({
      'machine.json': { StartAt: 'Keep', States: { Keep: { Type: 'Pass', Assign: { 'x.$': '$.nope' }, End: true } } },
    });
    const run = await runCli(['run', 'machine.json', '--input', '{}', '--inspect'], dir);
    expect(run.stdout.split('\n')[0]).toMatch(/^Keep {2}attempt 0 {2}failed {2}States\.Runtime: .* \(in Assign\)$/);
  });
});

describe('aslkit run --validate-mocks', () => {
  it('refuses a --mocks return the Task API could not give', async () => {
    const dir = tempDir({
      'machine.json': { StartAt: 'Notify', States: { Notify: { ...task, ResultPath: null } } },
      'mocks.json': { Notify: [{ return: { Entries: 'none' } }] },
    });
    const run = await runCli(
      ['run', 'machine.json', '--input', '{"entries": []}', '--mocks', 'mocks.json', '--validate-mocks', 'strict'],
      dir,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "aslkit run: --mocks key 'Notify' response 0 (state 'Notify'): Mock result schema validation error: Field 'Entries' must be an array\n",
    );
  });
});
