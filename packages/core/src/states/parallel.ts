/**
 * Parallel: every branch runs on the same input in a fiber of its own; the output lists
 * branch outputs in declaration order. The first branch failure stops the others and fails
 * the state with that branch's own error and cause.
 */
import type { Json } from '../json.js';
import { runChildren } from '../runtime/scheduler.js';
import type { CompiledParallel } from '../runtime/compiled-state.js';
import type { Fiber } from '../runtime/fiber.js';
import { resultLimitError } from '../runtime/payload-limits.js';
import type { StateExecutor } from './executor.js';
import { failsState } from './state-failure.js';

export const executeParallel: StateExecutor<CompiledParallel> = async (input, run) => {
  const { state, fiber } = run;
  const branches = state.branches;
  fiber.record('ParallelStateStarted', {});
  const outputs: Json[] = new Array<Json>(branches.length);
  const children: Fiber[] = [];
  const redrive = run.redrive?.children;
  const { failure } = await runChildren(branches, branches.length, run.signal, async (branch, index, signal) => {
    // A redrive runs again only the branches that did not succeed, from where they stopped.
    const planned = redrive?.get(index);
    if (planned && 'output' in planned) {
      outputs[index] = planned.output;
      return;
    }
    const child = fiber.branch(signal);
    children[index] = child;
    outputs[index] = await run.runScope(branch, input, child, planned?.scope);
  });
  if (failure) {
    fiber.pointAfter(children[failure.index]);
    throw failsState(failure.error);
  }
  const tooLarge = resultLimitError(outputs, fiber.env.limits.payloadBytes, state.name);
  if (tooLarge) {
    fiber.pointAfter(undefined);
    throw failsState(tooLarge);
  }
  fiber.recordJoined('ParallelStateSucceeded', {});
  return { kind: 'result', result: outputs };
};
