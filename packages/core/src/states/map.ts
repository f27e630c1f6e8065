/**
 * Inline Map: one fiber per item, at most MaxConcurrency at once (0 means AWS's inline limit of
 * 40), output in item order. ItemsPath/Items and ItemSelector are data-flow steps; this file owns
 * iteration, concurrency and tolerance. A DISTRIBUTED Map is a Map Run (distributed-map.ts).
 */
import type { Json } from '../json.js';
import { ErrorName, StatesError } from '../errors/states-error.js';
import { AbortedError } from '../runtime/clock.js';
import { runChildren } from '../runtime/scheduler.js';
import type { Fiber } from '../runtime/fiber.js';
import { resultLimitError } from '../runtime/payload-limits.js';
import type { CompiledMap } from '../runtime/compiled-state.js';
import type { StateExecutor } from './executor.js';
import { executeDistributedMap } from './distributed-map.js';
import { failIfJsonata, ItemEnv, readMaxConcurrency, readTolerance, toleratedFailures } from './map-settings.js';
import { failsState } from './state-failure.js';

/** AWS runs at most 40 inline iterations at once. */
export const INLINE_CONCURRENCY = 40;

export const executeMap: StateExecutor<CompiledMap> = async (_input, run) => {
  if (run.state.distributed) return executeDistributedMap(run);
  const { state, fiber } = run;
  const { flow } = state;
  // A JSONata Items that gives no array fails the state: EvaluationFailed, then MapStateFailed.
  const items = await failIfJsonata(run, flow.items(run.effective, run.env));
  const maxConcurrency = await readMaxConcurrency(run);
  const tolerance = await readTolerance(run);
  const tolerated = tolerance && toleratedFailures(tolerance, items.length);
  fiber.record('MapStateStarted', { mapStateStartedEventDetails: { length: items.length } });
  const outputs: Json[] = new Array<Json>(items.length);
  // Only an unfinished iteration's fiber is needed afterwards (a failure's last event); keeping every
  // child fiber and its variable scope alive until the Map ends costs garbage-collector time.
  const unfinished = new Map<number, Fiber>();
  let failures = 0;
  const redrive = run.redrive?.children;
  const limit = maxConcurrency === 0 ? INLINE_CONCURRENCY : Math.min(maxConcurrency, INLINE_CONCURRENCY);
  const { failure } = await runChildren(
    items,
    limit,
    run.signal,
    async (item, index, signal) => {
      // A redrive runs again only the iterations that did not succeed, from where they stopped.
      const planned = redrive?.get(index);
      if (planned && 'output' in planned) {
        outputs[index] = planned.output;
        return;
      }
      const itemEnv = new ItemEnv(run.env, index, item);
      const itemInput = await flow.itemInput(run.effective, item, itemEnv);
      const child = fiber.iteration(signal, state.distributed);
      unfinished.set(index, child);
      const details = { name: state.name, index };
      child.record('MapIterationStarted', { mapIterationStartedEventDetails: details });
      try {
        outputs[index] = await run.runScope(state.processor, itemInput, child, planned?.scope);
      } catch (error) {
        if (error instanceof AbortedError)
          child.record('MapIterationAborted', { mapIterationAbortedEventDetails: details });
        // Outside the chain: MapStateFailed (or a retry's MapStateStarted) follows the failing inner event.
        else child.recordAside('MapIterationFailed', { mapIterationFailedEventDetails: details });
        throw error;
      }
      child.record('MapIterationSucceeded', { mapIterationSucceededEventDetails: details });
      unfinished.delete(index);
    },
    (error, index) => {
      if (!(error instanceof StatesError) || error.error === ErrorName.Runtime || tolerated === undefined) return false;
      failures++;
      if (failures > tolerated) return false;
      // A tolerated failure leaves its error output in the item's slot (unverified against AWS).
      outputs[index] = { Error: error.error ?? null, Cause: error.causeText ?? null };
      return true;
    },
  );
  if (failure) {
    // After the failed iteration's last event (or the latest one, when it failed before it started).
    fiber.pointAfter(unfinished.get(failure.index));
    if (tolerance && failure.error instanceof StatesError && failure.error.error !== ErrorName.Runtime) {
      throw failsState(
        new StatesError(
          ErrorName.ExceedToleratedFailureThreshold,
          'The specified tolerated failure threshold was exceeded',
        ),
      );
    }
    throw failsState(failure.error);
  }
  const tooLarge = resultLimitError(outputs, fiber.env.limits.payloadBytes, state.name);
  if (tooLarge) {
    fiber.pointAfter(undefined);
    throw failsState(tooLarge);
  }
  fiber.recordJoined('MapStateSucceeded', {});
  return { kind: 'result', result: outputs };
};
