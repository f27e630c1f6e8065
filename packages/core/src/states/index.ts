/** The executor registry: one executor per state type, each typed for its compiled state. */
import type { Json } from '../json.js';
import type { StateType } from '../definition/types.js';
import type { CompiledStates } from '../runtime/compiled-state.js';
import type { ExecutorRegistry, StateRun } from './executor.js';
import { executeChoice } from './choice.js';
import { executeFail } from './fail.js';
import { executeMap } from './map.js';
import { executeParallel } from './parallel.js';
import { executePass } from './pass.js';
import { executeSucceed } from './succeed.js';
import { executeTask } from './task.js';
import { executeWait } from './wait.js';

export const executors: ExecutorRegistry = {
  Pass: executePass,
  Task: executeTask,
  Choice: executeChoice,
  Wait: executeWait,
  Succeed: executeSucceed,
  Fail: executeFail,
  Parallel: executeParallel,
  Map: executeMap,
};

/**
 * Runs the executor of `type`. The type is passed beside the run (it is `run.state.type`) so
 * that TypeScript ties the two together: the registry's entry and the run's state agree, no cast.
 */
export const execute = <T extends StateType>(type: T, input: Json, run: StateRun<CompiledStates[T]>) =>
  executors[type](input, run);
