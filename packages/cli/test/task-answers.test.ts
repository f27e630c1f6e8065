// How a command-line user answers Tasks: the "*" mocks key and repeating entries, warnings for
// keys that name nothing, failure messages that name the flags for every resource type, and
// Step Functions Local mock configs run by `aslkit test` with their inputs.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseResource } from '@aslkit/core';
import { noAnswerMessage } from '../src/no-answer.js';
import { removeTempDirs, runCli, tempDir } from './cli-harness.js';

afterAll(removeTempDirs);

const lambda = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;
const task = (resource: string, next?: string, extra: object = {}) => ({
  Type: 'Task',
  Resource: resource,
  ...extra,
  ...(next ? { Next: next } : { End: true }),
});

describe('mocks on the command line', () => {
  it('answers a 100-item Map from one repeating "*" entry', async () => {
    const machine = {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemProcessor: { StartAt: 'Price', States: { Price: task(lambda('price')) } },
          End: true,
        },
      },
    };
    const dir = tempDir({
      'm.asl.json': machine,
      'mocks.json': { '*': [{ return: { price: 1 }, repeat: true }] },
    });
    const input = JSON.stringify(Array.from({ length: 100 }, (_, i) => i));
    const run = await runCli(['run', 'm.asl.json', '--input', input, '--mocks', 'mocks.json'], dir);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual(Array.from({ length: 100 }, () => ({ price: 1 })));
  });

  it('warns about keys that name no state or resource, with the closest state', async () => {
    const machine = {
      StartAt: 'Charge',
      States: { Charge: task(lambda('charge-card'), 'Ship'), Ship: task('arn:aws:states:::sqs:sendMessage') },
    };
    const dir = tempDir({
      'm.asl.json': machine,
      'mocks.json': { Chrage: [{ return: 1 }], '*': [{ return: {}, repeat: true }] },
      'handlers.json': { 'chrage-card': './h.mjs#charge' },
      'h.mjs': 'export const charge = async () => ({ ok: true });',
      'config.json': {
        StateMachines: { M: { TestCases: { Happy: { Shipp: 'Sent' } } } },
        MockedResponses: { Sent: { '0': { Return: {} } } },
      },
    });
    const run = await runCli(
      ['run', 'm.asl.json', '--mocks', 'mocks.json', '--handlers', 'handlers.json', '--mock-config', 'config.json'],
      dir,
    );
    expect(run.stderr.split('\n').filter((line) => line.includes('warning'))).toEqual([
      "aslkit run: warning: --mocks key 'Chrage' matches no state or resource; did you mean 'Charge'?",
      "aslkit run: warning: --mock-config test case 'Happy' key 'Shipp' matches no state; did you mean 'Ship'?",
      "aslkit run: warning: --handlers key 'chrage-card' matches no Lambda function of the definition; did you mean 'charge-card'?",
    ]);
    // Charge has no handler under its real name, so "*" does not reach it: --handlers answers Lambda tasks.
    expect(run.code).toBe(1);
  });
});

describe('a Task nothing answers', () => {
  const options = { realLambda: true };
  it.each([
    ['an AWS SDK integration', 'arn:aws:states:::aws-sdk:s3:getObject', 'aslkit calls no AWS service'],
    ['an optimized integration', 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', 'aslkit calls no AWS service'],
    ['an HTTP task', 'arn:aws:states:::http:invoke', 'aslkit calls no AWS service'],
    ['an activity', 'arn:aws:states:us-east-1:123456789012:activity:review', 'has no worker here'],
    ['a nested execution', 'arn:aws:states:::states:startExecution.sync:2', 'does not start the nested execution'],
  ])('names the CLI flags for %s', async (_, resource, what) => {
    const dir = tempDir({ 'm.asl.json': { StartAt: 'Call', States: { Call: task(resource) } } });
    const run = await runCli(['run', 'm.asl.json'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`No answer for Task 'Call': `);
    expect(run.stderr).toContain(what);
    const base = resource.replace(/\.(sync(:\d+)?|waitForTaskToken)$/, '');
    expect(run.stderr).toContain(`--mocks <file> (key 'Call', '${base}' or '*'; see docs/reference/mocks.md)`);
    expect(run.stderr).toContain('--mock-config <file> --test-case <name>');
    expect(run.stderr).not.toMatch(/'resolvers' option|--lambda real/);
  });

  it('names --handlers and --lambda real for Lambda, and leaves --lambda real out where the command has none', () => {
    const resource = parseResource('arn:aws:states:::lambda:invoke', 'us-east-1');
    const message = noAnswerMessage(resource, 'Charge', { FunctionName: 'charge' }, options);
    expect(message).toBe(
      "No answer for Task 'Charge': Lambda function 'charge' has no handler. To answer it, map the function to a local " +
        "handler with --handlers <file>, script the state with --mocks <file> (key 'Charge', 'arn:aws:states:::lambda:invoke' " +
        "or '*'; see docs/reference/mocks.md) or --mock-config <file> --test-case <name>, or invoke it on AWS with --lambda real.",
    );
    expect(noAnswerMessage(resource, 'Charge', {}, { realLambda: false })).not.toContain('--lambda real');
  });
});

describe('aslkit test MockConfigFile.json', () => {
  // Only amounts over 100 reach Charge, so which test case fails shows which input it ran with.
  const machine = {
    StartAt: 'Route',
    States: {
      Route: {
        Type: 'Choice',
        Choices: [{ Variable: '$.amount', NumericGreaterThan: 100, Next: 'Charge' }],
        Default: 'Done',
      },
      Charge: task(lambda('charge'), 'Done'),
      Done: { Type: 'Succeed' },
    },
  };
  const config = {
    StateMachines: { Orders: { TestCases: { Small: { Charge: 'Charged' }, Large: { Charge: 'Refused' } } } },
    MockedResponses: {
      Charged: { '0': { Return: { ok: true } } },
      Refused: { '0': { Throw: { Error: 'Card.Declined', Cause: 'limit' } } },
    },
  };

  it('runs every test case with its input from the files beside the config, and one with --input', async () => {
    const dir = tempDir({
      'Orders.asl.json': machine,
      'MockConfigFile.json': config,
      'Orders.input.json': { amount: 5 },
      'Orders.Large.input.json': { amount: 500 },
    });
    const run = await runCli(['test', 'MockConfigFile.json', '--reporter', 'json'], dir);
    const report = JSON.parse(run.stdout) as { cases: { name: string; status: string; failures: unknown[] }[] };
    expect(report.cases.map((c) => [c.name, c.status])).toEqual([
      ['Small', 'passed'],
      ['Large', 'failed'],
    ]);
    expect(run.code).toBe(1);
    const verbose = await runCli(['test', 'MockConfigFile.json'], dir);
    expect(verbose.stdout).toContain('MockConfigFile.json › Orders\n  ✓ Small\n  ✗ Large\n');
    expect(verbose.stdout).toContain('Path: Route → Charge [failed: Card.Declined]');
    const withInput = await runCli(['test', 'MockConfigFile.json', '--input', '{"amount": 1}'], dir);
    expect(withInput).toMatchObject({ code: 0 });
    expect(withInput.stdout).toContain('  ✓ Small\n  ✓ Large\n');
  });

  it('takes the definition from --definition, and refuses it for a config of several machines', async () => {
    const dir = tempDir({ 'flows/orders.asl.json': machine, 'MockConfigFile.json': config });
    const missing = await runCli(['test', 'MockConfigFile.json'], dir);
    expect(missing.stdout).toContain('no definition for state machine "Orders"; expected Orders.asl.json beside');
    const given = await runCli(
      ['test', 'MockConfigFile.json', '--definition', 'flows/orders.asl.json', '--input', '{"amount": 500}'],
      dir,
    );
    expect(given.stdout).toContain('  ✓ Small\n  ✗ Large\n');
    const two = tempDir({
      'orders.asl.json': machine,
      'MockConfigFile.json': { ...config, StateMachines: { ...config.StateMachines, Refunds: { TestCases: {} } } },
    });
    const refused = await runCli(['test', 'MockConfigFile.json', '--definition', 'orders.asl.json'], two);
    expect(refused.stdout).toContain('applies to one state machine; the config has 2 (Orders, Refunds)');
  });

  it('warns about test-case states the definition does not have', async () => {
    const dir = tempDir({
      'Orders.asl.json': machine,
      'MockConfigFile.json': { ...config, StateMachines: { Orders: { TestCases: { Typo: { Chage: 'Charged' } } } } },
    });
    const run = await runCli(['test', join(dir, 'MockConfigFile.json')], dir);
    expect(run.stderr).toContain(
      "aslkit test: warning: MockConfigFile.json › Orders › Typo: test case 'Typo' key 'Chage' matches no state; did you mean 'Charge'?",
    );
  });
});
