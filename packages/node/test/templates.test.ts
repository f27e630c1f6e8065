// Machines loaded from where users keep them: SAM, CloudFormation, Serverless and Terraform
// fixtures in fixtures/templates, resolved, located and run (with the templates' own functions).
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lambdaResolvers } from '@aslkit/lambda';
import { loadMachine, loadMachineSet, selectMachine, TemplateError, templateRun } from '../src/index.js';

const fixtures = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'templates');
const cwd = join(fixtures, '..', '..');
const at = (path: string) => join(fixtures, path);
const closers: (() => void)[] = [];
afterAll(() => closers.forEach((close) => close()));

async function run(reference: string, input: object, mocks = {}, template = {}) {
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

  it('runs DefinitionUri with substitutions and the functions\' own Node.js and Python code', async () => {
    const { result } = await run('sam/template.yaml#OrderFlow', { orderId: 'o-1', total: 40 }, {
      OrdersTable: [{ return: {} }],
      NotifyQueue: [{ return: { MessageId: 'm-1' } }],
    });
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
