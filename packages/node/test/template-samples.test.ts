// Templates written the way public AWS sample repositories write them (fixtures/templates/samples):
// each loads, validates and runs as deployed, with the functions' own code where it is local.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { JsonObject, MockScript } from '@aslkit/core';
import { loadMachine, loadMachineSet, templateRun, type TemplateOptions } from '../src/index.js';

const samples = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'templates', 'samples');
const cwd = join(samples, '..', '..', '..');
const closers: (() => void)[] = [];
afterAll(() => closers.forEach((close) => close()));

async function run(reference: string, input: JsonObject, mocks: MockScript, template: TemplateOptions = {}) {
  const loaded = loadMachine(join(samples, reference), {}, undefined, { cwd, ...template });
  const run = { seed: 1, startTime: '2026-01-01T00:00:00Z' };
  if (!loaded.template) return { result: await loaded.machine.run(input, { ...run, mocks }), loaded };
  const setup = await templateRun(loaded.template, loaded.machine, loaded.set!, { mocks, autoHandlers: true });
  closers.push(setup.close);
  const result = await loaded.machine.run(input, {
    ...run,
    ...(setup.mocks ? { mocks: setup.mocks } : {}),
    resolvers: [...setup.resolvers, ...setup.fallbacks],
  });
  return { result, loaded };
}

describe('SAM: DefinitionUri with DefinitionSubstitutions, Globals (stock-trader style)', () => {
  it('fills the definition file and runs the functions with the Globals environment and memory', async () => {
    const { result, loaded } = await run(
      'sam-stock-trader/template.yaml',
      { price: 30 },
      { TransactionTable: [{ return: {} }] },
      { parameters: { Environment: 'prod', BuyThreshold: '40' } },
    );
    expect(loaded.machine.arn).toBe('arn:aws:states:us-east-1:123456789012:stateMachine:stock-trading-prod');
    // A Number parameter substituted into an unquoted place is a number again.
    expect(loaded.definition.States['Buy or Sell?']).toMatchObject({ Choices: [{ NumericLessThanEquals: 40 }] });
    expect(loaded.definition.States['Record Transaction']).toMatchObject({
      Resource: 'arn:aws:states:::dynamodb:putItem',
      Parameters: { TableName: 'TransactionTable' },
    });
    expect([result.status, result.error]).toEqual(['SUCCEEDED', undefined]);
    const scheduled = result.history.filter((e) => e.type === 'TaskScheduled').at(-1);
    const item = JSON.parse(scheduled!.taskScheduledEventDetails!.parameters).Item;
    // Globals' ENVIRONMENT and MemorySize reach the handler, with its own SIDE variable merged in.
    expect(item).toMatchObject({ Type: { S: 'buy' }, Price: { N: '30' }, Timestamp: { S: 'prod:buy:128' } });
  });
});

describe('CloudFormation YAML: !Sub with a variable map, !Join, !If, Conditions, Mappings', () => {
  it('builds both machines from the Mappings and Conditions of the chosen environment', async () => {
    const set = loadMachineSet(join(samples, 'cfn-etl/template.yaml'), { cwd });
    expect(set.machines.map((m) => [m.id, m.name, m.type])).toEqual([
      ['EtlStateMachine', 'nightly-etl-staging', undefined],
      ['CleanupStateMachine', 'CleanupStateMachine', 'EXPRESS'],
    ]);
    const { result, loaded } = await run(
      'cfn-etl/template.yaml#EtlStateMachine',
      {},
      {
        ExtractFunction: [{ return: { rows: 3 } }],
        LoadJob: [{ throw: { error: 'Glue.ConcurrentRunsExceededException', cause: 'busy' } }],
        AlertTopic: [{ return: { MessageId: 'm-1' } }],
      },
    );
    expect(loaded.definition.States).toMatchObject({
      Extract: {
        Resource: 'arn:aws:lambda:us-east-1:123456789012:function:template-extract',
        Retry: [{ MaxAttempts: 2 }],
      },
      Settle: { Seconds: 5 },
      Load: { Parameters: { JobName: 'etl-load-staging' } },
      Alert: {
        Parameters: {
          TopicArn: 'arn:aws:sns:us-east-1:123456789012:etl-alerts-staging',
          Subject: 'ETL failed in staging',
        },
      },
    });
    expect([result.status, result.output]).toEqual(['SUCCEEDED', { MessageId: 'm-1' }]);

    // A machine whose Condition is false is not created, and naming it says why.
    expect(set.notCreated).toEqual([{ id: 'BackfillStateMachine', reason: 'its Condition IsProduction is false' }]);
    expect(() =>
      loadMachine(join(samples, 'cfn-etl/template.yaml#BackfillStateMachine'), {}, undefined, { cwd }),
    ).toThrow(
      'fixtures/templates/samples/cfn-etl/template.yaml#BackfillStateMachine is not created: its Condition IsProduction is false',
    );
    const production = { parameters: { EnvironmentName: 'production' } };
    const inProduction = loadMachineSet(join(samples, 'cfn-etl/template.yaml'), { cwd, ...production });
    expect([inProduction.machines.map((m) => m.id), inProduction.notCreated]).toEqual([
      ['EtlStateMachine', 'CleanupStateMachine', 'BackfillStateMachine'],
      undefined,
    ]);
    const etl = loadMachine(join(samples, 'cfn-etl/template.yaml#EtlStateMachine'), {}, undefined, {
      cwd,
      ...production,
    });
    expect(etl.definition.States).toMatchObject({ Settle: { Seconds: 60 }, Extract: { Retry: [{ MaxAttempts: 6 }] } });
    const cleanup = loadMachine(join(samples, 'cfn-etl/template.yaml#CleanupStateMachine'), {}, undefined, {
      cwd,
      ...production,
    });
    expect((await cleanup.machine.run({ purge: true })).output).toEqual({
      mode: 'soft',
      topic: 'arn:aws:sns:us-east-1:123456789012:etl-alerts',
    });
  });
});

describe('serverless.yml: ${file()} and ${self:} variables', () => {
  it('resolves ${self:} inside a ${file()} definition against serverless.yml, through a ${file()} value', async () => {
    const { result, loaded } = await run(
      'serverless-orders/serverless.yml#fulfilOrder',
      { orderId: 'o-1' },
      { OrdersTable: [{ return: {} }] },
      { parameters: { stage: 'prod' } },
    );
    expect(loaded.definition.Comment).toBe('Fulfil an order (prod)');
    expect(loaded.definition.States['ValidateOrder']).toMatchObject({
      Resource: 'arn:aws:lambda:us-west-2:123456789012:function:order-fulfilment-prod-validateOrder',
      Retry: [{ MaxAttempts: 2, IntervalSeconds: 1 }],
    });
    expect([result.status, result.error]).toEqual(['SUCCEEDED', undefined]);
    expect(result.output).toMatchObject({
      logLevel: 'info', // custom.config from ${file(./config/${self:custom.stage}.yml)}
      stock: { reservation: { warehouse: 'eu-central', table: 'order-fulfilment-prod-orders' } },
    });
  });

  it('gives a Ref of a resource under resources.Resources its placeholder', () => {
    const notify = loadMachine(join(samples, 'serverless-orders/serverless.yml#notifyOrder'), {}, undefined, { cwd });
    expect(notify.definition.States['Notify']).toMatchObject({
      Parameters: { TopicArn: 'arn:aws:sns:us-west-2:123456789012:order-fulfilment-dev-orders' },
    });
  });
});

describe('Terraform templatefile()', () => {
  it('fills a .tftpl from the vars map file, numbers unquoted and $${ literal', async () => {
    const { readFileSync } = await import('node:fs');
    const vars = JSON.parse(readFileSync(join(samples, 'terraform-sfn/template-vars.json'), 'utf8'));
    const { result, loaded } = await run(
      'terraform-sfn/statemachine/processor.asl.json.tftpl',
      { records: [{ id: 1 }, { id: 2 }] },
      {
        Process: [{ return: { Payload: { id: 1, done: true } } }, { throw: { error: 'Lambda.Unknown', cause: 'x' } }],
        ParkRecord: [{ return: { MessageId: 'p-2' } }],
      },
      { substitutions: vars },
    );
    expect(loaded.definition.Comment).toBe(
      'batch-processor: process a batch, park failures on the DLQ. Literal: ${not_a_var}',
    );
    expect(loaded.definition.States['ProcessBatch']).toMatchObject({
      ItemProcessor: { States: { Process: { Retry: [{ MaxAttempts: 3 }] } } },
    });
    expect([result.status, result.output]).toEqual(['SUCCEEDED', [{ id: 1, done: true }, { parked: 'p-2' }]]);
  });
});
