/** Choice: the first rule that holds picks `Next`; else `Default`; else States.NoChoiceMatched. */
import type { ChoiceState } from '../definition/types.js';
import { ErrorName, StatesError } from '../errors/states-error.js';
import type { StateExecutor } from '../runtime/run-state.js';

export const executeChoice: StateExecutor = async (_input, run) => {
  const state = run.state.definition as ChoiceState;
  const index = await run.state.flow.choose(run.effective, run.env);
  if (index >= 0) return { result: run.effective, next: state.Choices[index]!.Next, source: { kind: 'rule', index } };
  if (state.Default !== undefined) return { result: run.effective, next: state.Default };
  // AWS's cause text for this error is not recorded anywhere we could find (docs/research/runtime-errors.md).
  throw new StatesError(ErrorName.NoChoiceMatched, 'No Matches!');
};
