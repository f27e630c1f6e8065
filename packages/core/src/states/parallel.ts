/**
 * Parallel: every branch runs on the same input in a fiber of its own; the output lists
 * branch outputs in declaration order. The first branch failure stops the others and fails
 * the state with that branch's own error and cause.
 */
import type { Json } from '../json.js';
import { runChildren } from '../runtime/scheduler.js';
import type { StateExecutor } from '../runtime/run-state.js';
import type { Fiber } from '../runtime/fiber.js';
import { resultLimitError } from '../runtime/payload-limits.js';

export const executeParallel: StateExecutor = async (input, run) => {
  const { state, fiber } = run;
  const branches = state.branches!;
  const startedId = fiber.record('ParallelStateStarted', {});
  const outputs: Json[] = new Array<Json>(branches.length);
  const children: Fiber[] = [];
  const { failure } = await runChildren(branches.length, branches.length, run.signal, async (index, signal) => {
    const child = fiber.fork(signal, startedId);
    children[index] = child;
    outputs[index] = await run.runScope(branches[index]!, input, child);
  });
  if (failure) {
    fiber.lastEventId = children[failure.index]!.lastEventId;
    fiber.record('ParallelStateFailed', {});
    throw failure.error;
  }
  // AWS points both ParallelStateSucceeded and ParallelStateExited at the last branch event.
  const lastBranchEvent = fiber.env.recorder.count;
  fiber.lastEventId = lastBranchEvent;
  const tooLarge = resultLimitError(outputs, fiber.env.limits.payloadBytes, state.name);
  if (tooLarge) {
    fiber.record('ParallelStateFailed', {});
    throw tooLarge;
  }
  fiber.record('ParallelStateSucceeded', {});
  fiber.lastEventId = lastBranchEvent;
  return { result: outputs };
};
