// Type-checked (never run) by matcher-types.test.ts: the matchers on Vitest's `expect` once
// @aslkit/vitest is imported, with their argument types. Each @ts-expect-error line must fail
// to compile; an unused one is itself an error, so wrong typings cannot pass silently.
import { expect, expectTypeOf } from 'vitest';
import { runMachine, type MachineRun } from '../../src/index.js';

export async function usesTheMatchers(): Promise<void> {
  const run = await runMachine({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } });
  expectTypeOf(run).toMatchTypeOf<MachineRun>();
  expectTypeOf(run.path).toEqualTypeOf<string[]>();

  expect(run).toSucceed();
  expect(run).toSucceedWith({ total: 60 });
  expect(run).toSucceedWith(expect.objectContaining({ total: 60 }));
  expect(run).toFailWith('States.TaskFailed');
  expect(run).toFailWith(/Payments\./, expect.stringContaining('declined'));
  expect(run).toHaveVisited('A');
  expect(run).toHaveVisited('A', 2);
  expect(run).toHaveTakenPath(['A', 'B']);
  expect(run).toHaveTransitioned('A', 'B');
  expect(run).toHaveRetried('A');
  expect(run).toHaveRetried('A', 2);
  expect(run).toHaveCaught('A');
  expect(run).toHaveCaught('A', 'States.ALL');
  expect(run).not.toHaveCaught('A', /Timeout/);

  // @ts-expect-error a path is a list of state names
  expect(run).toHaveTakenPath('A');
  // @ts-expect-error times is a number
  expect(run).toHaveVisited('A', 'twice');
  // @ts-expect-error toHaveTransitioned needs both ends
  expect(run).toHaveTransitioned('A');
  // @ts-expect-error an error name is text, a RegExp or an asymmetric matcher
  expect(run).toFailWith(42);
  // @ts-expect-error no such matcher
  expect(run).toHaveSucceeded();
}
