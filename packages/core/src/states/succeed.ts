/** Succeed: ends its scope with its input. */
import type { StateExecutor } from '../runtime/run-state.js';

export const executeSucceed: StateExecutor = (input) => ({ result: input, end: true });
