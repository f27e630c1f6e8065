import { afterEach, describe, expect, it, vi } from 'vitest';
import { runMachine } from './run-machine.js';

const machine = {
  StartAt: 'Charge',
  States: { Charge: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:charge', End: true } },
};

describe('runMachine', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('warns once per machine about mocks and tasks keys that name nothing, with the closest state', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const options = {
      mocks: { Chrage: [{ return: 1 }], '*': [{ return: { ok: true }, repeat: true }] },
      tasks: { Chargee: () => 1 },
      label: 'warned machine',
    };
    const run = await runMachine(machine, options);
    await runMachine(machine, options);
    expect(run.output).toEqual({ ok: true });
    expect(warn.mock.calls.map((call) => call[0])).toEqual([
      "aslkit: warned machine: mocks key 'Chrage' matches no state or resource; did you mean 'Charge'?",
      "aslkit: warned machine: tasks key 'Chargee' matches no state or resource; did you mean 'Charge'?",
    ]);
  });

  it('says nothing when every key names a state, a resource or "*"', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await runMachine(machine, { mocks: { Charge: [{ return: 1 }], '*': [] } });
    expect(warn).not.toHaveBeenCalled();
  });
});

describe("runMachine on a template's machine", () => {
  const template = new URL('../../../fixtures/templates/sam/template.yaml', import.meta.url).pathname;

  it("takes a reference, runs the template's own functions and mocks named by logical id", async () => {
    const run = await runMachine(`${template}#OrderFlow`, {
      input: { orderId: 'o-9', total: 20 },
      handlers: 'auto',
      template: { parameters: { Stage: 'prod' } },
      mocks: { OrdersTable: [{ return: {} }], NotifyQueue: [{ return: { MessageId: 'm-9' } }] },
      coverage: false,
    });
    expect([run.status, run.output]).toEqual([
      'SUCCEEDED',
      expect.objectContaining({ orderId: 'o-9', charged: 20, stage: 'prod' }),
    ]);
    expect(run.path).toEqual(['Score', 'Check', 'Charge', 'Record', 'Notify']);
  });

  it('runs a machine of an object Definition (SAM sorts its keys and inserts intrinsics as text)', async () => {
    const run = await runMachine(`${template}#RefundFlow`, {
      input: { orderId: 'o-9' },
      mocks: { ChargeFunction: [{ return: { Payload: { refunded: 'o-9' } } }] },
      coverage: false,
    });
    expect([run.status, run.output]).toEqual(['SUCCEEDED', { refunded: 'o-9' }]);
    expect(Object.keys(run.definition.States['Refund']!)).toEqual([
      'End',
      'OutputPath',
      'Parameters',
      'Resource',
      'Type',
    ]);
  });
});

describe('runMachine validateMocks', () => {
  const definition = {
    StartAt: 'Start',
    States: { Start: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution', End: true } },
  };
  it('refuses a mock the API could not return, and runs one it could', async () => {
    await expect(
      runMachine(definition, { mocks: { Start: [{ return: {} }] }, validateMocks: 'STRICT', coverage: false }),
    ).rejects.toThrow(
      "mocks key 'Start' response 0 (state 'Start'): Mock result schema validation error: Required field 'ExecutionArn' is missing",
    );
    const run = await runMachine(definition, {
      mocks: { Start: [{ return: {} }] },
      validateMocks: 'PRESENT',
      coverage: false,
    });
    expect(run.status).toBe('SUCCEEDED');
  });
});
