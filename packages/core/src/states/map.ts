/**
 * Map (inline, and distributed run inline): one fiber per item, at most MaxConcurrency at
 * once (0 means AWS's inline limit of 40), output in item order. ItemsPath/Items and
 * ItemSelector are data-flow steps; this file owns iteration, concurrency and tolerance.
 */
import type { Json } from '../json.js';
import { ErrorName, StatesError, runtimeError } from '../errors/states-error.js';
import { AbortedError } from '../runtime/clock.js';
import { withMapItem } from '../runtime/context-object.js';
import { runChildren } from '../runtime/scheduler.js';
import type { Fiber } from '../runtime/fiber.js';
import { resultLimitError } from '../runtime/payload-limits.js';
import type { CompiledMap } from '../runtime/compiled-state.js';
import { invalidPathCause, type StepEnv } from '../dataflow/pipeline.js';
import type { StateExecutor, StateRun } from './executor.js';

/** AWS runs at most 40 inline iterations at once. */
export const INLINE_CONCURRENCY = 40;

export const executeMap: StateExecutor<CompiledMap> = async (_input, run) => {
  const { state, fiber } = run;
  const { flow } = state;
  const items = await flow.items(run.effective, run.env);
  const maxConcurrency = await readMaxConcurrency(run);
  const tolerance = await readTolerance(run, items.length);
  fiber.record('MapStateStarted', { mapStateStartedEventDetails: { length: items.length } });
  const outputs: Json[] = new Array<Json>(items.length);
  // Only an unfinished iteration's fiber is needed afterwards (a failure's last event); keeping every
  // child fiber and its variable scope alive until the Map ends costs garbage-collector time.
  const unfinished = new Map<number, Fiber>();
  let failures = 0;
  const limit = maxConcurrency === 0 ? INLINE_CONCURRENCY : Math.min(maxConcurrency, INLINE_CONCURRENCY);
  const { failure } = await runChildren(
    items,
    limit,
    run.signal,
    async (item, index, signal) => {
      const itemEnv = new ItemEnv(run.env, index, item);
      const itemInput = await flow.itemInput(run.effective, item, itemEnv);
      const child = fiber.iteration(signal, state.distributed);
      unfinished.set(index, child);
      const details = { name: state.name, index };
      child.record('MapIterationStarted', { mapIterationStartedEventDetails: details });
      try {
        outputs[index] = await run.runScope(state.processor, itemInput, child);
      } catch (error) {
        if (error instanceof AbortedError)
          child.record('MapIterationAborted', { mapIterationAbortedEventDetails: details });
        else child.record('MapIterationFailed', { mapIterationFailedEventDetails: details });
        throw error;
      }
      child.record('MapIterationSucceeded', { mapIterationSucceededEventDetails: details });
      unfinished.delete(index);
    },
    (error, index) => {
      if (!(error instanceof StatesError) || error.error === ErrorName.Runtime || !tolerance) return false;
      failures++;
      if (failures > tolerance.count) return false;
      // A tolerated failure leaves its error output in the item's slot (unverified against AWS).
      outputs[index] = { Error: error.error ?? null, Cause: error.causeText ?? null };
      return true;
    },
  );
  if (failure) {
    // After the failed iteration's last event (or the latest one, when it failed before it started).
    fiber.recordAfter(unfinished.get(failure.index), 'MapStateFailed', {});
    if (tolerance && failure.error instanceof StatesError && failure.error.error !== ErrorName.Runtime) {
      throw new StatesError(
        ErrorName.ExceedToleratedFailureThreshold,
        'The specified tolerated failure threshold was exceeded',
      );
    }
    throw failure.error;
  }
  const tooLarge = resultLimitError(outputs, fiber.env.limits.payloadBytes, state.name);
  if (tooLarge) {
    fiber.recordAfter(undefined, 'MapStateFailed', {});
    throw tooLarge;
  }
  fiber.recordJoined('MapStateSucceeded', {});
  return { kind: 'result', result: outputs };
};

/** One iteration's view for ItemSelector; `$$.Map.Item` is built only if the selector reads `$$`. */
class ItemEnv implements StepEnv {
  private built: Json | undefined;

  constructor(
    private readonly parent: StepEnv,
    private readonly index: number,
    private readonly item: Json,
  ) {}

  get context(): Json {
    return (this.built ??= withMapItem(this.parent.context, this.index, this.item));
  }

  get variables(): StepEnv['variables'] {
    return this.parent.variables;
  }

  get random(): StepEnv['random'] {
    return this.parent.random;
  }

  get now(): StepEnv['now'] {
    return this.parent.now?.bind(this.parent);
  }

  get queryBudgets(): StepEnv['queryBudgets'] {
    return this.parent.queryBudgets;
  }

  get stages(): StepEnv['stages'] {
    const parent = this.parent.stages;
    return parent && ((stage, value) => parent(stage, value, this.index));
  }
}

const valueText = (value: Json): string => (typeof value === 'string' ? value : JSON.stringify(value));

/** AWS parses these fields from the value's text, so `"3"` counts as 3 (conformance: MAP_STATE_REFERENCE_IN_MAX_CONCURRENCY_PATH). */
const asInteger = (value: Json): number | undefined =>
  typeof value === 'number'
    ? Number.isInteger(value)
      ? value
      : undefined
    : typeof value === 'string' && /^-?\d+$/.test(value.trim())
      ? Number(value)
      : undefined;
const asFloat = (value: Json): number | undefined =>
  typeof value === 'number'
    ? value
    : typeof value === 'string' && /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(value.trim())
      ? Number(value)
      : undefined;

/** What reading a Map's configuration needs: TestState reads it without running the Map. */
export type MapFieldView = Pick<StateRun<CompiledMap>, 'state' | 'effective' | 'env'>;

export async function readMaxConcurrency(run: MapFieldView): Promise<number> {
  const field = await run.state.flow.field('MaxConcurrency', run.effective, run.env);
  if (!field) return 0;
  if (!field.found) throw runtimeError(invalidPathCause(field.path, field.miss));
  const value = asInteger(field.value);
  if (value === undefined) {
    throw runtimeError(
      `The MaxConcurrencyPath field refers to value "${valueText(field.value)}" which is not a valid integer: ${field.path ?? 'MaxConcurrency'}`,
    );
  }
  if (value < 0) throw runtimeError(`Expected non-negative integer for MaxConcurrency, got '${value}' instead.`);
  return value;
}

/** The number of failures tolerated, or `undefined` when the state sets no tolerance. */
export async function readTolerance(run: MapFieldView, itemCount: number): Promise<{ count: number } | undefined> {
  const percentage = await run.state.flow.field('ToleratedFailurePercentage', run.effective, run.env);
  const count = await run.state.flow.field('ToleratedFailureCount', run.effective, run.env);
  let tolerated: number | undefined;
  if (percentage) {
    if (!percentage.found) throw runtimeError(invalidPathCause(percentage.path, percentage.miss));
    const value = asFloat(percentage.value);
    if (value === undefined) {
      throw runtimeError(
        `The ToleratedFailurePercentagePath field refers to value "${valueText(percentage.value)}" which is not a valid float: ${percentage.path ?? 'ToleratedFailurePercentage'}`,
      );
    }
    if (value < 0 || value > 100) throw runtimeError('ToleratedFailurePercentage must be between 0 and 100.');
    tolerated = Math.floor((value / 100) * itemCount);
  }
  if (count) {
    if (!count.found) throw runtimeError(invalidPathCause(count.path, count.miss));
    const value = asInteger(count.value);
    if (value === undefined) {
      throw runtimeError(
        `The ToleratedFailureCountPath field refers to value "${valueText(count.value)}" which is not a valid integer: ${count.path ?? 'ToleratedFailureCount'}`,
      );
    }
    if (value < 0) throw runtimeError('ToleratedFailureCount cannot be negative.');
    tolerated = tolerated === undefined ? value : Math.max(tolerated, value);
  }
  return tolerated === undefined ? undefined : { count: tolerated };
}
