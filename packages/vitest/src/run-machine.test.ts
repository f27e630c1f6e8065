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
