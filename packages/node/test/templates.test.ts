// Machines loaded from where users keep them: SAM, CloudFormation, Serverless and Terraform
// fixtures in fixtures/templates, resolved, located and run (with the templates' own functions).
import { join } from 'node:path';
import type { Json } from '@aslkit/core';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMachine, loadMachineSet, TemplateError, templateRun } from '../src/index.js';

const fixtures = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'templates');
const cwd = join(fixtures, '..', '..');
const at = (path: string) => join(fixtures, path);
const closers: (() => void)[] = [];
afterAll(() => closers.forEach((close) => close()));

async function run(reference: string, input: Json, mocks = {}, template = {}) {
  const loaded = loadMachine(at(reference), {}, undefined, { cwd, ...template });
  const setup = await templateRun(loaded.template!, loaded.machine, loaded.set!, { mocks, autoHandlers: true });
  closers.push(setup.close);
  const result = await loaded.machine.run(input, {
    seed: 1,
    startTime: '2026-01-01T00:00:00Z',
    ...(setup.mocks ? { mocks: setup.mocks } : {}),
    resolvers: [...setup.resolvers, ...setup.fallbacks],
  });
  return { result, setup, loaded };
}

describe('SAM', () => {
  it('lists its machines with their placeholder names and types', () => {
    const set = loadMachineSet(at('sam/template.yaml'), { cwd });
    expect(set.kind).toBe('sam');
    expect(set.machines.map((m) => [m.id, m.name, m.arn, m.type])).toEqual([
      ['OrderFlow', 'order-flow-dev', 'arn:aws:states:us-east-1:123456789012:stateMachine:order-flow-dev', undefined],
      ['RefundFlow', 'RefundFlow', 'arn:aws:states:us-east-1:123456789012:stateMachine:RefundFlow', 'EXPRESS'],
    ]);
  });

  it("runs DefinitionUri with substitutions and the functions' own Node.js and Python code", async () => {
    const { result } = await run(
      'sam/template.yaml#OrderFlow',
      { orderId: 'o-1', total: 40 },
      {
        OrdersTable: [{ return: {} }],
        NotifyQueue: [{ return: { MessageId: 'm-1' } }],
      },
    );
    expect([result.error, result.cause]).toEqual([undefined, undefined]);
    expect(result.output).toEqual({
      orderId: 'o-1',
      charged: 40,
      table: 'OrdersTable',
      stage: 'dev',
      function: 'ChargeFunction',
      memory: '256',
    });
  });
});

/** The located problems a reference gives, as `file:line:col message`. */
function problems(reference: string, template = {}): string[] {
  try {
    loadMachine(at(reference), {}, undefined, { cwd, ...template });
  } catch (error) {
    if (error instanceof TemplateError)
      return error.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.message}`);
    if (error instanceof Error && 'diagnostics' in error)
      return (
        error as { diagnostics: { file?: string; line?: number; column?: number; code: string }[] }
      ).diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`);
    throw error;
  }
  return [];
}

describe('CloudFormation', () => {
  it('resolves a !Sub block, an object with intrinsics and a !Join with substitutions', async () => {
    const ship = loadMachine(at('cloudformation/order.yaml#ShipFlow'), {}, undefined, { cwd });
    expect(ship.definition.States['Ship']).toMatchObject({
      Resource: 'arn:aws:lambda:us-east-1:123456789012:function:order-ship',
    });
    expect(ship.definition.States['Queue']).toMatchObject({
      Resource: 'arn:aws:states:::sqs:sendMessage',
      Parameters: { QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/shipments' },
    });
    expect(ship.template?.roleArn).toBe('arn:aws:iam::123456789012:role/ShipRole');
    const audit = loadMachine(at('cloudformation/order.yaml#audit'), {}, undefined, { cwd, region: 'eu-west-1' });
    expect(audit.machine.arn).toBe('arn:aws:states:eu-west-1:123456789012:stateMachine:audit');
    expect(audit.machine.type).toBe('EXPRESS');
    expect((await audit.machine.run({})).output).toEqual({
      queue: 'arn:aws:sqs:eu-west-1:123456789012:shipments',
      region: 'eu-west-1',
      zones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
    });
    const join = loadMachine(at('cloudformation/order.yaml#JoinFlow'), {}, undefined, {
      cwd,
      parameters: { QueueName: 'parcels' },
    });
    expect((await join.machine.run({})).output).toEqual({
      text: 'hello',
      queue: 'https://sqs.us-east-1.amazonaws.com/123456789012/parcels',
    });
  });

  it('points a diagnostic of a Fn::Join definition at the part and the column that hold it', () => {
    // `\"Next\"` of the third part: line 34, column 19 of the JSON template (the state's start is in the first part).
    expect(problems('cloudformation/order.json#BrokenFlow')).toEqual([
      expect.stringMatching(/^fixtures\/templates\/cloudformation\/order\.json:34:19 MISSING_TRANSITION_TARGET$/),
      expect.stringMatching(/^fixtures\/templates\/cloudformation\/order\.json:28:9 MISSING_END_STATE$/),
    ]);
  });
});

describe('bad templates give one located problem each', () => {
  it.each([
    ['bad/unknown-tag.yaml', /^fixtures\/templates\/bad\/unknown-tag\.yaml:8:28 unknown tag !Sup/],
    [
      'bad/missing-getatt.yaml',
      /^fixtures\/templates\/bad\/missing-getatt\.yaml:14:36 Fn::GetAtt: no resource 'ChargeFunctoin' .*did you mean 'ChargeFunction'/,
    ],
    [
      'bad/cyclic-substitution.yaml',
      /^fixtures\/templates\/bad\/cyclic-substitution\.yaml:6:9 DefinitionSubstitutions: cyclic substitution \$\{First\} → \$\{Second\} → \$\{First\}/,
    ],
    [
      'bad/missing-definition-file.yaml',
      /^fixtures\/templates\/bad\/missing-definition-file\.yaml:6:7 DefinitionUri: definition file not found/,
    ],
  ])('%s', (file, expected) => {
    const found = problems(file);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(expected);
  });
});

describe('Serverless Framework', () => {
  it('resolves variables, function names and #{} pseudo parameters, and runs the function', async () => {
    const set = loadMachineSet(at('serverless/serverless.yml'), { cwd, parameters: { stage: 'dev' } });
    expect(set.machines.map((m) => [m.id, m.path, m.name, m.type])).toEqual([
      ['orderFlow', 'OrderFlowStepFunctionsStateMachine', 'orders-dev', undefined],
      ['refundFlow', 'RefundStateMachine', 'RefundStateMachine', 'EXPRESS'],
    ]);
    const { result, loaded } = await run(
      'serverless/serverless.yml#orderFlow',
      { amount: 5 },
      { Publish: [{ return: {} }] },
    );
    expect(loaded.definition.States['Charge']).toMatchObject({
      Resource: 'arn:aws:lambda:eu-west-1:123456789012:function:orders-dev-charge-card',
    });
    expect(loaded.definition.States['Publish']).toMatchObject({
      Parameters: { TopicArn: 'arn:aws:sns:eu-west-1:123456789012:orders' },
    });
    expect(loaded.definition.Comment).toBe('hello from dev');
    expect([result.error, result.cause]).toEqual([undefined, undefined]);
    expect(result.output).toEqual({ message: 'hello from dev: charged 5 (orders-dev-orders, orders-dev-charge-card)' });
  });

  it('reads a ${file(...)} definition and locates its diagnostics in that file', () => {
    const refund = loadMachine(at('serverless/serverless.yml#RefundStateMachine'), {}, undefined, { cwd });
    expect(refund.definition.StartAt).toBe('Refund');
  });
});

describe('Terraform', () => {
  it('loads machines by address from state JSON, with their ARNs', () => {
    const flow = loadMachine(at('terraform/state.json#module.orders.aws_sfn_state_machine.flow'), {}, undefined, {
      cwd,
    });
    expect(flow.machine.arn).toBe('arn:aws:states:eu-central-1:111122223333:stateMachine:orders-flow');
    expect(flow.template?.functions[0]).toMatchObject({
      id: 'aws_lambda_function.charge',
      unavailable: expect.stringContaining('zip'),
    });
  });

  it("locates a plan definition's diagnostic inside the JSON string, and says when a definition is unknown until apply", () => {
    expect(problems('terraform/plan.json#aws_sfn_state_machine.audit')).toEqual([
      expect.stringMatching(/^fixtures\/templates\/terraform\/plan\.json:15:117 MISSING_TRANSITION_TARGET$/),
      expect.stringMatching(/plan\.json:15:13 MISSING_END_STATE$/),
    ]);
    expect(problems('terraform/plan.json#pending')).toEqual([
      expect.stringMatching(/plan\.json:21:9 aws_sfn_state_machine\.pending: the definition is known only after apply/),
    ]);
  });
});

describe('plain definitions with placeholders', () => {
  it('fills ${Name} from substitutions, and a .tftpl as templatefile() does', () => {
    const plain = loadMachine(at('plain/order.asl.json'), {}, undefined, {
      cwd,
      substitutions: {
        ChargeFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:charge',
        OrdersTable: 'orders',
      },
    });
    expect(plain.definition.States['Charge']).toMatchObject({ Parameters: { table: 'orders' } });
    const tf = loadMachine(at('plain/order.asl.json.tftpl'), {}, undefined, {
      cwd,
      substitutions: { charge_arn: 'arn:aws:lambda:us-east-1:123456789012:function:charge', timeout: 30 },
    });
    expect(tf.definition).toMatchObject({
      Comment: 'A templatefile() template: ${literal} stays',
      States: { Charge: { TimeoutSeconds: 30 } },
    });
    expect(problems('plain/order.asl.json.tftpl', { substitutions: { charge_arn: 'x' } })).toEqual([
      expect.stringMatching(/order\.asl\.json\.tftpl:5:80 vars map does not contain key "timeout"/),
    ]);
  });

  it('without values, refuses the placeholder Resource with UNRESOLVED_SUBSTITUTION at its line', () => {
    expect(problems('plain/order.asl.json')).toEqual([
      'undefined:6:7 UNRESOLVED_SUBSTITUTION',
      'undefined:7:23 UNRESOLVED_SUBSTITUTION',
    ]);
  });
});

describe('case files', () => {
  it('run a template\'s machine by reference, with "handlers": "auto" and mocks by logical id', async () => {
    const { runCaseFiles } = await import('../src/index.js');
    const report = await runCaseFiles([at('sam/order-flow.test.json')], { cwd });
    expect(report.fileErrors).toEqual([]);
    expect(report.results.map((r) => [r.name, r.status, r.failures, r.error])).toEqual([
      ['charges an order under the limit with the real functions', 'passed', [], undefined],
      ['sends an order over the limit to review', 'passed', [], undefined],
      ["a Python error reaches the machine in Lambda's shape", 'passed', [], undefined],
    ]);
    expect(report.warnings).toEqual([]);
  });
});
