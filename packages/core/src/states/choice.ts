/** Choice: the first rule that holds picks `Next`; else `Default`; else States.NoChoiceMatched. */
import { ErrorName, StatesError } from '../errors/states-error.js';
import type { CompiledChoice } from '../runtime/compiled-state.js';
import type { StateExecutor, StateOutcome, StateRun } from './executor.js';

/**
 * On the root fiber a rule set that evaluates synchronously (every JSONPath rule) decides at
 * once. In Parallel branches and Map iterations a Choice decision is a pause (the awaited path):
 * its turns are part of the event order of concurrent branches (docs/architecture.md).
 */
export const executeChoice: StateExecutor<CompiledChoice> = (_input, run) => {
  if (run.fiber.concurrent) return chooseAsync(run);
  const index = run.state.flow.choose(run.effective, run.env);
  return typeof index === 'number' ? decide(index, run) : index.then((settled) => decide(settled, run));
};

async function chooseAsync(run: StateRun<CompiledChoice>): Promise<StateOutcome> {
  return decide(await run.state.flow.choose(run.effective, run.env), run);
}

function decide(index: number, run: StateRun<CompiledChoice>): StateOutcome {
  const { targets, defaultNext } = run.state;
  // `index` is -1 when no rule holds.
  const target = targets[index];
  if (target !== undefined) return { kind: 'next', result: run.effective, next: target.next, source: target.source };
  if (defaultNext !== undefined) return { kind: 'next', result: run.effective, next: defaultNext };
  // AWS's cause text for this error is not recorded anywhere we could find (docs/research/runtime-errors.md).
  throw new StatesError(ErrorName.NoChoiceMatched, 'No Matches!');
}
