/** Pass: its result is `Result` when set, else its input (after Parameters). */
import type { PassState } from '../definition/types.js';
import type { StateExecutor } from '../runtime/run-state.js';

export const executePass: StateExecutor = (input, run) => {
  const { Result } = run.state.definition as PassState;
  return { result: Result === undefined ? input : Result };
};
