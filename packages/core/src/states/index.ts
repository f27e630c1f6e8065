/** The executor registry: one executor per state type. */
import type { StateType } from '../definition/types.js';
import type { StateExecutor } from '../runtime/run-state.js';
import { executeChoice } from './choice.js';
import { executeFail } from './fail.js';
import { executeMap } from './map.js';
import { executeParallel } from './parallel.js';
import { executePass } from './pass.js';
import { executeSucceed } from './succeed.js';
import { executeTask } from './task.js';
import { executeWait } from './wait.js';

export const executors: Record<StateType, StateExecutor> = {
  Pass: executePass,
  Task: executeTask,
  Choice: executeChoice,
  Wait: executeWait,
  Succeed: executeSucceed,
  Fail: executeFail,
  Parallel: executeParallel,
  Map: executeMap,
};
