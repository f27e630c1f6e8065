/** Succeed: ends its scope with its input. */
import type { CompiledSucceed } from '../runtime/compiled-state.js';
import type { StateExecutor } from './executor.js';

export const executeSucceed: StateExecutor<CompiledSucceed> = (input) => ({ kind: 'end', result: input });
