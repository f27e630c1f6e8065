/** Pass: its result is `Result` when set, else its input (after Parameters). */
import type { CompiledPass } from '../runtime/compiled-state.js';
import type { StateExecutor } from './executor.js';

export const executePass: StateExecutor<CompiledPass> = (input, run) => {
  const { Result } = run.state.definition;
  return { kind: 'result', result: Result === undefined ? input : Result };
};
