/**
 * What inline and distributed Maps read alike: MaxConcurrency, the tolerated failures, and one
 * iteration's view of the context for ItemSelector (`$$.Map.Item`).
 */
import type { Json } from '../json.js';
import { runtimeError } from '../errors/states-error.js';
import { withMapItem } from '../runtime/context-object.js';
import type { CompiledMap } from '../runtime/compiled-state.js';
import { invalidPathCause, type FieldName, type FieldValue, type StepEnv } from '../dataflow/pipeline.js';
import type { StateRun } from './executor.js';
import { failsState } from './state-failure.js';

/** The items, or, in JSONata, a failure that records MapStateFailed (after its EvaluationFailed). */
export async function failIfJsonata<T>(run: StateRun<CompiledMap>, items: T | Promise<T>): Promise<T> {
  try {
    return await items;
  } catch (error) {
    throw run.state.queryLanguage === 'JSONata' ? failsState(error) : error;
  }
}

/** One iteration's view for ItemSelector; `$$.Map.Item` is built only if the selector reads `$$`. */
export class ItemEnv implements StepEnv {
  private built: Json | undefined;

  constructor(
    private readonly parent: StepEnv,
    private readonly index: number,
    private readonly item: Json,
    private readonly key?: string,
  ) {}

  get context(): Json {
    return (this.built ??= withMapItem(this.parent.context, this.index, this.item, this.key));
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

export const valueText = (value: Json): string => (typeof value === 'string' ? value : JSON.stringify(value));

/** AWS parses these fields from the value's text, so `"3"` counts as 3 (conformance: MAP_STATE_REFERENCE_IN_MAX_CONCURRENCY_PATH). */
export const asInteger = (value: Json): number | undefined =>
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
  const value = numberOf(
    await run.state.flow.field('MaxConcurrency', run.effective, run.env),
    'MaxConcurrency',
    'integer',
  );
  if (value === undefined) return 0;
  if (value < 0) throw runtimeError(`Expected non-negative integer for MaxConcurrency, got '${value}' instead.`);
  return value;
}

/**
 * A numeric configuration field as read (literal or `...Path`), or `undefined` when the state does not set it:
 * a path that does not resolve, or a value that is no integer (or float) even as text, is AWS's runtime error.
 */
function numberOf(field: FieldValue | undefined, name: FieldName, kind: 'integer' | 'float'): number | undefined {
  if (!field) return undefined;
  if (!field.found) throw runtimeError(invalidPathCause(field.path, field.miss));
  const value = kind === 'integer' ? asInteger(field.value) : asFloat(field.value);
  if (value === undefined) {
    throw runtimeError(
      `The ${name}Path field refers to value "${valueText(field.value)}" which is not a valid ${kind}: ${field.path ?? name}`,
    );
  }
  return value;
}

/** ToleratedFailurePercentage and ToleratedFailureCount, checked; `undefined` when the state sets neither. */
export interface Tolerance {
  percentage?: number;
  count?: number;
}

/** The number of failures tolerated among `itemCount` items (the larger of the two limits). */
export function toleratedFailures(tolerance: Tolerance, itemCount: number): number {
  const byPercentage =
    tolerance.percentage === undefined ? undefined : Math.floor((tolerance.percentage / 100) * itemCount);
  return Math.max(byPercentage ?? 0, tolerance.count ?? 0);
}

export async function readTolerance(run: MapFieldView): Promise<Tolerance | undefined> {
  // Both are read before either is checked, so a failing read of the second wins over a bad first value.
  const percentageField = await run.state.flow.field('ToleratedFailurePercentage', run.effective, run.env);
  const countField = await run.state.flow.field('ToleratedFailureCount', run.effective, run.env);
  let tolerance: Tolerance | undefined;
  const percentage = numberOf(percentageField, 'ToleratedFailurePercentage', 'float');
  if (percentage !== undefined) {
    if (percentage < 0 || percentage > 100) throw runtimeError('ToleratedFailurePercentage must be between 0 and 100.');
    tolerance = { percentage };
  }
  const count = numberOf(countField, 'ToleratedFailureCount', 'integer');
  if (count !== undefined) {
    if (count < 0) throw runtimeError('ToleratedFailureCount cannot be negative.');
    tolerance = { ...tolerance, count };
  }
  return tolerance;
}
