// The command line on machines kept in templates: `aslkit list`, machine references on run and
// validate, template flags, `--handlers auto`, located template problems (exit 2), and a real
// CDK app synthesized offline and run from cdk.out with its own Lambda handlers.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTempDirs, runCli, tempDir } from './cli-harness.js';

const repo = join(import.meta.dirname, '..', '..', '..');
const templates = 'fixtures/templates';

afterAll(removeTempDirs);

describe('aslkit list', () => {
  it('prints each machine with the reference that runs it', async () => {
    const { code, stdout } = await runCli(
      ['list', `${templates}/sam/template.yaml`, `${templates}/terraform/state.json`],
      repo,
    );
    expect(code).toBe(0);
    expect(stdout).toContain('fixtures/templates/sam/template.yaml (SAM template): 2 state machines');
    expect(stdout).toMatch(
      /fixtures\/templates\/sam\/template\.yaml#OrderFlow\s+order-flow-dev\s+STANDARD\s+fixtures\/templates\/sam\/template\.yaml:27:3/,
    );
    expect(stdout).toMatch(/#RefundFlow\s+RefundFlow\s+EXPRESS/);
    expect(stdout).toContain('fixtures/templates/terraform/state.json#module.orders.aws_sfn_state_machine.flow');
    const json = await runCli(['list', `${templates}/cloudformation/order.yaml`, '--format', 'json'], repo);
    expect(JSON.parse(json.stdout).machines.map((m: { id: string; type: string }) => [m.id, m.type])).toEqual([
      ['ShipFlow', 'STANDARD'],
      ['AuditFlow', 'EXPRESS'],
      ['JoinFlow', 'STANDARD'],
    ]);
  });

  it('names a machine whose Condition is false as not created, and runs it when the parameters make it true', async () => {
    const etl = `${templates}/samples/cfn-etl/template.yaml`;
    const listed = await runCli(['list', etl], repo);
    expect(listed.stdout).toContain(
      `  (${etl}#BackfillStateMachine: not created, its Condition IsProduction is false)\n`,
    );
    const refused = await runCli(['run', `${etl}#BackfillStateMachine`], repo);
    expect([refused.code, refused.stderr]).toEqual([
      2,
      `aslkit run: ${etl}#BackfillStateMachine is not created: its Condition IsProduction is false (give the parameters that make it true)\n`,
    ]);
    const ran = await runCli(['run', `${etl}#BackfillStateMachine`, '--parameter', 'EnvironmentName=production'], repo);
    expect([ran.code, JSON.parse(ran.stdout)]).toEqual([0, { days: 30 }]);
  });
});

describe('aslkit run and validate on templates', () => {
  it('runs a SAM machine with its own functions and mocks named by logical id', async () => {
    const dir = tempDir({
      'mocks.json': { OrdersTable: [{ return: {} }], NotifyQueue: [{ return: { MessageId: 'm-1' } }] },
    });
    const { code, stdout, stderr } = await runCli(
      [
        'run',
        `${repo}/${templates}/sam/template.yaml#OrderFlow`,
        '--handlers',
        'auto',
        '--mocks',
        'mocks.json',
        '--input',
        '{"orderId":"o-1","total":12}',
        '--parameter',
        'Stage=prod',
        '--seed',
        '1',
      ],
      dir,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ orderId: 'o-1', charged: 12, stage: 'prod' });
  });

  it('gives one located problem per bad template and exits 2', async () => {
    for (const [file, where] of [
      ['unknown-tag.yaml', ':8:28: unknown tag !Sup'],
      ['missing-getatt.yaml', ":14:36: Fn::GetAtt: no resource 'ChargeFunctoin'"],
      ['cyclic-substitution.yaml', ':6:9: DefinitionSubstitutions: cyclic substitution'],
      ['missing-definition-file.yaml', ':6:7: DefinitionUri: definition file not found'],
    ] as const) {
      const run = await runCli(['run', `${templates}/bad/${file}`], repo);
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split('\n')).toEqual([
        `aslkit run: ${templates}/bad/${file}${where}${run.stderr.split(where)[1]!.trimEnd()}`,
      ]);
    }
  });

  it("validates every machine of a template, diagnostics at the template's lines", async () => {
    const { code, stdout } = await runCli(['validate', `${templates}/cloudformation/order.json`], repo);
    expect(code).toBe(1);
    expect(stdout).toContain(
      `${templates}/cloudformation/order.json:34:19 MISSING_TRANSITION_TARGET Missing 'Next' target: Nowhere`,
    );
    expect(stdout).toContain('2 files checked: 1 invalid, 2 errors');
  });

  it("fills a plain definition's placeholders from --substitute and --substitutions, and says which are missing", async () => {
    const missing = await runCli(['validate', `${templates}/plain/order.asl.json`], repo);
    expect(missing.stdout).toContain(
      `${templates}/plain/order.asl.json:6:7 UNRESOLVED_SUBSTITUTION unresolved substitution \`\${ChargeFunctionArn}\``,
    );
    const filled = await runCli(
      ['validate', `${templates}/plain/order.asl.json`, '--substitutions', `${templates}/plain/substitutions.json`],
      repo,
    );
    expect(filled.stdout).toBe('1 file checked: valid\n');
    const run = await runCli(
      [
        'run',
        `${templates}/plain/order.asl.json`,
        '--substitute',
        'ChargeFunctionArn=arn:aws:lambda:us-east-1:123456789012:function:charge',
        '--substitute',
        'OrdersTable=orders',
        '--mocks',
        `${templates}/plain/mocks.json`,
        '--input',
        '{"orderId":"o-1"}',
      ],
      repo,
    );
    expect(JSON.parse(run.stdout)).toEqual({ charged: true });
  });
});

describe('a CDK app from cdk.out', () => {
  const app = join(repo, 'fixtures', 'cdk-app');
  beforeAll(() => {
    // Installs the app's own dependencies and synthesizes offline; a no-op when cdk.out is up to date.
    execFileSync(process.execPath, [join(repo, 'scripts', 'cdk-fixture.mjs')], { stdio: 'inherit' });
  }, 300_000);

  it('lists the machines of every stack, nested stacks included, by construct path', async () => {
    const { stdout } = await runCli(['list', 'cdk.out'], app);
    expect(stdout).toMatch(/cdk\.out#OrderStack\/RefundFlow\s+RefundFlow\w+\s+STANDARD/);
    expect(stdout).toMatch(/cdk\.out#OrderStack\/OrderFlow\s+OrderFlow\w+/);
    expect(stdout).toMatch(
      /cdk\.out#OrderStack\/Audit\/AuditFlow\s+AuditFlow\w+\s+STANDARD\s+cdk\.out\/OrderStackAudit\w+\.nested\.template\.json/,
    );
    expect((await runCli(['validate', 'cdk.out'], app)).stdout).toBe('3 files checked: all valid\n');
  });

  it("runs DefinitionBody.fromChainable with the app's handlers, starting the nested stack's machine", async () => {
    const dir = tempDir({ 'mocks.json': { OrdersTable: [{ return: {} }] } });
    const { code, stdout, stderr } = await runCli(
      [
        'run',
        `${app}/cdk.out#OrderFlow`,
        '--handlers',
        'auto',
        '--mocks',
        'mocks.json',
        '--input',
        '{"orderId":"o-7","amount":20}',
        '--seed',
        '1',
      ],
      dir,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      orderId: 'o-7',
      amount: 20,
      charge: { orderId: 'o-7', ok: true, table: expect.stringMatching(/^OrdersTable/), memory: '512' },
      audit: { audit: { audited: 'o-7', table: expect.stringMatching(/^OrdersTable/) } },
    });
    const declined = await runCli(
      ['run', 'cdk.out#OrderStack/OrderFlow', '--handlers', 'auto', '--input', '{"orderId":"o-8","amount":500}'],
      app,
    );
    expect([declined.code, declined.stderr]).toEqual([
      1,
      'Execution FAILED: Order.Declined: the charge was declined\n',
    ]);
  });

  it('runs DefinitionBody.fromFile with its substitutions', async () => {
    const { stdout } = await runCli(
      ['run', 'cdk.out#RefundFlow', '--handlers', 'auto', '--input', '{"orderId":"o-7"}'],
      app,
    );
    expect(JSON.parse(stdout)).toEqual({ refunded: 'o-7', reason: 'customer request' });
  });
});
