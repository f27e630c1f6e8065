/**
 * The one data-flow pipeline. Each state compiles, once, into a `StateDataFlow` for its
 * query language; the run loop calls it around the executor, so no executor ever touches
 * InputPath, Parameters, ResultSelector, ResultPath, OutputPath, Arguments, Output or Assign.
 *
 *   raw input ─input()─▶ task input ─executor─▶ result ─output()─▶ state output (+ assignments)
 *
 * Map adds `items()` and `itemInput()`; executors read configuration that may come from a
 * path or an expression (SecondsPath, TimeoutSecondsPath, ...) through `field()`.
 */
import type { QueryBudgets } from '../query/jsonata/budget.js';
import type { Json } from '../json.js';
import type { VariableReader } from '../query/jsonpath.js';
import type { Random } from '../runtime/random.js';

export type Awaitable<T> = T | Promise<T>;

/** What a data-flow step reads besides the data it transforms. */
export interface StepEnv {
  /** The context object (`$$` / `$states.context`). */
  readonly context: Json;
  readonly variables: VariableReader;
  readonly random: Random;
  /**
   * The execution clock's current time (epoch ms), which JSONata's `$now()` reports. Absent
   * when a state is evaluated again from a history (coverage); then it is the state's entry time.
   */
  readonly now?: () => number;
  /** The host's query budgets (`limits.queryBudgets`); defaults where absent. */
  readonly queryBudgets?: Partial<QueryBudgets>;
  /**
   * Nothing runs alongside (the execution's own fiber): small JSONata fields may then be answered
   * synchronously (query/jsonata/direct.ts). Off in Parallel branches and Map iterations, where the
   * turns of each evaluation are part of the event order (docs/architecture.md).
   */
  readonly synchronous?: boolean;
}

/** A state's output and the variables it assigns (visible from the next state on). */
export interface StepOutcome {
  output: Json;
  assigned?: Record<string, Json>;
}

/** Configuration values that may be literal or come from a path/expression. */
export type FieldName =
  | 'TimeoutSeconds'
  | 'HeartbeatSeconds'
  | 'Seconds'
  | 'Timestamp'
  | 'MaxConcurrency'
  | 'ToleratedFailurePercentage'
  | 'ToleratedFailureCount'
  | 'Error'
  | 'Cause';

export type FieldValue =
  | { found: true; value: Json; /** The path it came from (JSONPath `...Path` fields). */ path?: string }
  | {
      found: false;
      path: string;
      /** Jayway's reason, as AWS quotes it: `No results for path: $['a']` or `Missing property in path $['a']`. */
      miss: string;
    };

/** AWS's cause for a JSONPath field that finds nothing (conformance scenarios__invalid_jsonpath-*). */
export const invalidPathCause = (path: string, miss: string): string => `Invalid path '${path}' : ${miss}`;

/** Which part of the state produced the result: the state, a Choice rule, or a catcher. */
export type OutcomeSource = { kind: 'state' } | { kind: 'rule'; index: number };

export interface StateDataFlow {
  /** Raw input to the input the executor receives. `effective` is what `field()` and Choice read. */
  input(raw: Json, env: StepEnv): Awaitable<{ effective: Json; taskInput: Json }>;
  /** Result to output; `effective` is the InputPath result, `result` what the executor produced. */
  output(raw: Json, result: Json, env: StepEnv, source?: OutcomeSource): Awaitable<StepOutcome>;
  /** The output of catcher `index`, from the `{Error, Cause}` object. */
  catchOutput(index: number, raw: Json, errorOutput: Json, env: StepEnv): Awaitable<StepOutcome>;
  /** Map: the items to iterate, from the effective input. */
  items(effective: Json, env: StepEnv): Awaitable<Json[]>;
  /** Map: the input of one iteration; `env.context` carries `Map.Item`. */
  itemInput(effective: Json, item: Json, env: StepEnv): Awaitable<Json>;
  /** A configuration value (`undefined` when the state sets neither the field nor its path form). */
  field(name: FieldName, effective: Json, env: StepEnv): Awaitable<FieldValue | undefined>;
  /** Choice: index of the first rule that holds, or -1. */
  choose(effective: Json, env: StepEnv): Awaitable<number>;
}
