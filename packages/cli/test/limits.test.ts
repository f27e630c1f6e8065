// The limits as the command line meets them: hostile definitions (fixtures/hostile/) end with a
// located diagnostic or AWS's error and the usual exit codes, never a stack trace or a hang.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs, runCli, tempDir } from './cli-harness.js';

afterAll(removeTempDirs);

const hostile = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'hostile');

describe('aslkit run: limits', () => {
  it('a definition nested 5,000 deep is a located diagnostic and exit 2', async () => {
    const run = await runCli(['run', 'deep-parameters.asl.json'], hostile);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^deep-parameters\.asl\.json:1:\d+ TOO_DEEPLY_NESTED The definition is nested more than 1000 levels deep\n$/,
    );
  });

  it('a callback nobody answers ends TIMED_OUT after one year: exit 1, the usual output', async () => {
    const dir = tempDir({ 'mocks.json': { AwaitApproval: [{ timeout: true }] } });
    const run = await runCli(
      ['run', join(hostile, 'callback-unanswered.asl.json'), '--mocks', 'mocks.json', '--format', 'json'],
      dir,
    );
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({ status: 'TIMED_OUT', error: 'States.Timeout' });
  });

  it('--type EXPRESS applies the Express rules, the express ARN and the 5-minute limit', async () => {
    const refused = await runCli(['run', 'callback-unanswered.asl.json', '--type', 'EXPRESS'], hostile);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("Express state machine does not support '.waitForTaskToken' service integration");
    const dir = tempDir({
      'split.asl.json': {
        StartAt: 'Wait',
        States: {
          Wait: { Type: 'Wait', Seconds: 200, Next: 'Split' },
          Split: { Type: 'Pass', Parameters: { 'parts.$': "States.StringSplit($$.Execution.Id, ':')" }, End: true },
        },
      },
    });
    const express = await runCli(['run', 'split.asl.json', '--type', 'express', '--seed', '1'], dir);
    expect(express.code).toBe(0);
    expect((JSON.parse(express.stdout) as { parts: string[] }).parts.slice(0, 6)).toEqual([
      'arn',
      'aws',
      'states',
      'us-east-1',
      '123456789012',
      'express',
    ]);
    const timedOut = await runCli(['run', 'express-long-wait.asl.json', '--type', 'EXPRESS'], hostile);
    expect(timedOut).toMatchObject({ code: 1, stderr: 'Execution TIMED_OUT: States.Timeout\n' });
    const bad = await runCli(['run', 'express-long-wait.asl.json', '--type', 'SYNC'], hostile);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--type must be STANDARD or EXPRESS, got 'SYNC'");
  });

  it('a definition too deep for the YAML reader is refused, not a stack trace', async () => {
    const dir = tempDir({
      'deep.asl.yaml': `StartAt: P\nStates:\n  P:\n    Type: Pass\n    End: true\n    Result: ${'['.repeat(2_000)}${']'.repeat(2_000)}\n`,
    });
    const run = await runCli(['run', 'deep.asl.yaml'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
  });
});
