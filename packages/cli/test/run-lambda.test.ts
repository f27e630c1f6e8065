import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs, runCli, tempDir } from './cli-harness.js';

afterAll(removeTempDirs);

// The example in fixtures/lambda: a refund machine, its local handlers and a Step Functions Local mock config.
const fixtures = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'lambda');
const base = ['run', 'refund.asl.json', '--seed', '1', '--start-time', '2026-01-01T00:00:00Z'];

describe('aslkit run with Lambda resources', () => {
  it('runs the example against local handlers (--handlers)', async () => {
    const run = await runCli([...base, '--input', 'refund.input.json', '--handlers', 'handlers.json'], fixtures);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ refundId: expect.stringMatching(/^rf-[0-9a-f]{8}$/), amount: 25 });
    // Seeded: the request id, hence the refund id, repeats.
    expect(
      (await runCli([...base, '--input', 'refund.input.json', '--handlers', 'handlers.json'], fixtures)).stdout,
    ).toBe(run.stdout);
  });

  it('shows LambdaFunction* and Task* events, and Retry then Catch on a handler error', async () => {
    const run = await runCli(
      [
        ...base,
        '--input',
        '{"orderId":"o-2","amount":5000,"reason":"late"}',
        '--handlers',
        'handlers.json',
        '--history',
        '--format',
        'json',
      ],
      fixtures,
    );
    expect(run.code).toBe(1);
    const document = JSON.parse(run.stdout) as { status: string; error: string; history: { type: string }[] };
    expect(document).toMatchObject({ status: 'FAILED', error: 'RefundFailed' });
    const types = document.history.map((event) => event.type);
    expect(types).toContain('LambdaFunctionSucceeded');
    expect(types.filter((type) => type === 'TaskFailed')).toHaveLength(3);
  });

  it('fails a Lambda task with no mock, handler or --lambda real, saying how to provide one', async () => {
    const run = await runCli([...base, '--input', 'refund.input.json'], fixtures);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      "No answer for Task 'CheckEligibility': Lambda function 'arn:aws:lambda:us-east-1:123456789012:function:check-eligibility' has no handler.",
    );
    for (const flag of ['--handlers <file>', '--mocks <file>', '--mock-config <file>', '--lambda real'])
      expect(run.stderr).toContain(flag);
    expect(run.stderr).not.toContain("'resolvers' option");
    const partial = await runCli([...base, '--input', 'refund.input.json', '--handlers', tempHandlers()], fixtures);
    expect(partial.stderr).toContain(
      "No answer for Task 'IssueRefund': Lambda function 'issue-refund' has no handler. To answer it, map the function to a local handler with --handlers <file>",
    );
  });

  it('runs a test case of a Step Functions Local mock config (--mock-config, --test-case)', async () => {
    const happy = await runCli(
      [...base, '--input', 'refund.input.json', '--mock-config', 'refund.mock-config.json', '--test-case', 'HappyPath'],
      fixtures,
    );
    expect(happy).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(happy.stdout)).toEqual({ refundId: 'rf-mocked', amount: 25 });
    const down = await runCli(
      [
        ...base,
        '--input',
        'refund.input.json',
        '--mock-config',
        'refund.mock-config.json',
        '--test-case',
        'Refund/GatewayDown',
      ],
      fixtures,
    );
    expect(down.code).toBe(1);
    expect(down.stderr).toBe('Execution FAILED: RefundFailed: The payment gateway did not refund the order\n');
  });

  it('reports unknown test cases, missing flags and bad values as usage errors', async () => {
    const unknown = await runCli(
      [...base, '--mock-config', 'refund.mock-config.json', '--test-case', 'Nope'],
      fixtures,
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      'mock config has no test case "Nope"; it has "Refund/HappyPath", "Refund/GatewayDown"',
    );
    const ambiguous = await runCli([...base, '--mock-config', 'refund.mock-config.json'], fixtures);
    expect(ambiguous).toMatchObject({ code: 2 });
    expect(ambiguous.stderr).toContain('has 2 test cases; pick one with --test-case <name>');
    expect((await runCli([...base, '--test-case', 'HappyPath'], fixtures)).stderr).toContain(
      '--test-case needs --mock-config <file>',
    );
    expect((await runCli([...base, '--lambda', 'fake'], fixtures)).stderr).toContain("--lambda takes 'real'");
    const broken = tempDir({ 'bad.json': { StateMachines: {}, MockedResponses: { R: { '1': { Return: 1 } } } } });
    const malformed = await runCli(
      ['run', join(fixtures, 'refund.asl.json'), '--mock-config', 'bad.json', '--test-case', 'x'],
      broken,
    );
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('bad.json: MockedResponses.R: no response for invocation 0');
  });

  it('reports a handlers file that names a missing export', async () => {
    const dir = tempDir({ 'h.json': { 'check-eligibility': `${join(fixtures, 'handlers.mjs')}#nope` } });
    const run = await runCli(['run', join(fixtures, 'refund.asl.json'), '--handlers', 'h.json'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('h.json: "check-eligibility": ');
    expect(run.stderr).toContain(
      "has no function export 'nope' (it exports checkEligibility, issueRefund, notifyCustomer)",
    );
  });

  it('takes a JS module whose default export maps functions to handlers', async () => {
    const dir = tempDir({
      'handlers.mjs': 'export default { "check-eligibility": async () => ({ eligible: false }) };\n',
    });
    const run = await runCli(['run', join(fixtures, 'refund.asl.json'), '--handlers', 'handlers.mjs'], dir);
    expect(run).toMatchObject({
      code: 1,
      stderr: 'Execution FAILED: NotEligible: The order is not eligible for a refund\n',
    });
  });

  it('invokes functions for real with --lambda real, through the SDK environment (AWS_ENDPOINT_URL_LAMBDA)', async () => {
    const seen: string[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const name = decodeURIComponent(req.url!.split('/')[3]!);
        seen.push(name);
        const payload = name.endsWith('check-eligibility')
          ? { eligible: true }
          : name === 'issue-refund'
            ? { refundId: 'rf-real', amount: (JSON.parse(body) as { amount: number }).amount }
            : null;
        res.writeHead(name === 'notify-customer' ? 202 : 200, {
          'Content-Type': 'application/json',
          'X-Amz-Executed-Version': '$LATEST',
          'x-amzn-RequestId': 'r-1',
        });
        res.end(payload === null ? '' : JSON.stringify(payload));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const saved = { ...process.env };
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_LAMBDA: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_MAX_ATTEMPTS: '1',
    });
    try {
      const run = await runCli([...base, '--input', 'refund.input.json', '--lambda', 'real'], fixtures);
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(JSON.parse(run.stdout)).toEqual({ refundId: 'rf-real', amount: 25 });
      expect(seen).toEqual([
        'arn:aws:lambda:us-east-1:123456789012:function:check-eligibility',
        'issue-refund',
        'notify-customer',
      ]);
    } finally {
      process.env = saved;
      server.closeAllConnections();
      server.close();
    }
  });
});

/** A handlers file with only the first function, to show the message for the next one. */
function tempHandlers(): string {
  const dir = tempDir({ 'h.json': { 'check-eligibility': `${join(fixtures, 'handlers.mjs')}#checkEligibility` } });
  return join(dir, 'h.json');
}
