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
   * Told the value after each data-processing stage, when someone asks (TestState, `inspect: true`).
   * Absent by default: a run that does not inspect pays one property check per stage.
   */
  readonly stages?: StageSink;
  /**
   * Nothing runs alongside (the execution's own fiber): small JSONata fields may then be answered
   * synchronously (query/jsonata/direct.ts). Off in Parallel branches and Map iterations, where the
   * turns of each evaluation are part of the event order (docs/architecture.md).
   */
  readonly synchronous?: boolean;
}

/**
 * The stages TestState reports (AWS's `inspectionData` names). The pipeline tells each value it
 * computes; which of them AWS shows depends on the state type and query language (test-state/).
 */
export type StageName =
  | 'afterInputPath'
  | 'afterParameters'
  | 'afterArguments'
  | 'afterItemsPointer'
  | 'afterItemsPath'
  | 'afterItemSelector'
  | 'afterItemBatcher'
  | 'afterResultSelector'
  | 'afterResultPath';

/**
 * `index`: the Map item an `afterItemSelector` value belongs to. `'assignFailed'` (value `null`)
 * is no stage: Assign raised the error the attempt is about to fail with.
 */
export type StageSink = (stage: StageName | 'assignFailed', value: Json, index?: number) => void;

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
  | 'Cause'
  /** ItemReader.ReaderConfig.MaxItems(Path). */
  | 'MaxItems'
  /** ItemBatcher's. */
  | 'MaxItemsPerBatch'
  | 'MaxInputBytesPerBatch';

/** The fields a state holds itself (not in a nested object), in the order both query languages compile them. */
export const STATE_FIELD_NAMES: readonly FieldName[] = [
  'TimeoutSeconds',
  'HeartbeatSeconds',
  'Seconds',
  'Timestamp',
  'MaxConcurrency',
  'ToleratedFailurePercentage',
  'ToleratedFailureCount',
  'Error',
  'Cause',
];

/** A distributed Map's nested payload templates: where each sits, and so what it reads. */
export type MapTemplateName = 'ItemReader' | 'BatchInput' | 'ResultWriter';

/**
 * Where each distributed-Map field sits in the state: `ItemReader.ReaderConfig.MaxItems`,
 * `ItemBatcher.MaxItemsPerBatch`. Both query languages read them from there.
 */
const NESTED_FIELDS: readonly { readonly parent: readonly string[]; readonly names: readonly FieldName[] }[] = [
  { parent: ['ItemReader', 'ReaderConfig'], names: ['MaxItems'] },
  { parent: ['ItemBatcher'], names: ['MaxItemsPerBatch', 'MaxInputBytesPerBatch'] },
];

type FieldsObject = Partial<Record<string, Json | undefined>>;

/** A Map state's nested field groups that are present: their object, names and JSON pointer. */
function nestedFieldGroups(
  fields: FieldsObject,
  pointer: string,
): { fields: FieldsObject; names: readonly FieldName[]; pointer: string }[] {
  if (fields['Type'] !== 'Map') return [];
  return NESTED_FIELDS.flatMap(({ parent, names }) => {
    const nested = nestedObject(fields, parent);
    return nested ? [{ fields: nested, names, pointer: `${pointer}/${parent.join('/')}` }] : [];
  });
}

/**
 * One reader per configuration field the state sets: its own fields (`stateFields`), then, for a
 * Map, the nested ones. `compileField` compiles one field of one object, or gives `undefined`.
 */
export function compileFieldReaders<R>(
  fields: FieldsObject,
  pointer: string,
  stateFields: readonly FieldName[],
  compileField: (source: FieldsObject, name: FieldName, pointer: string) => R | undefined,
): Map<FieldName, R> {
  const readers = new Map<FieldName, R>();
  const add = (source: FieldsObject, names: readonly FieldName[], at: string): void => {
    for (const name of names) {
      const reader = compileField(source, name, at);
      if (reader !== undefined) readers.set(name, reader);
    }
  };
  add(fields, stateFields, pointer);
  for (const group of nestedFieldGroups(fields, pointer)) add(group.fields, group.names, group.pointer);
  return readers;
}

/**
 * A Map state's payload templates that are present: ItemReader's and ResultWriter's `Parameters`
 * (JSONPath) or `Arguments` (JSONata), ItemBatcher's `BatchInput`.
 */
export function mapTemplateSources(
  fields: FieldsObject,
  pointer: string,
  payloadField: 'Parameters' | 'Arguments',
): { name: MapTemplateName; field: string; value: Json; pointer: string }[] {
  if (fields['Type'] !== 'Map') return [];
  const places: [MapTemplateName, string, string][] = [
    ['ItemReader', 'ItemReader', payloadField],
    ['BatchInput', 'ItemBatcher', 'BatchInput'],
    ['ResultWriter', 'ResultWriter', payloadField],
  ];
  return places.flatMap(([name, parent, field]) => {
    const value = nestedObject(fields, [parent])?.[field];
    return value === undefined ? [] : [{ name, field, value, pointer: `${pointer}/${parent}/${field}` }];
  });
}

/** The object at `path` under `fields` (undefined when a step is missing or not an object). */
function nestedObject(fields: FieldsObject, path: readonly string[]): FieldsObject | undefined {
  let node: Json | undefined = fields as Json;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = (node as Record<string, Json | undefined>)[key];
  }
  return node !== null && typeof node === 'object' && !Array.isArray(node) ? node : undefined;
}

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
  /**
   * A distributed Map's template, evaluated against the effective input: the ItemReader's or
   * ResultWriter's Parameters (JSONPath) / Arguments (JSONata), the ItemBatcher's BatchInput.
   * `undefined` when the state has none.
   */
  mapTemplate(name: MapTemplateName, effective: Json, env: StepEnv): Awaitable<Json | undefined>;
  /** A configuration value (`undefined` when the state sets neither the field nor its path form). */
  field(name: FieldName, effective: Json, env: StepEnv): Awaitable<FieldValue | undefined>;
  /** Choice: index of the first rule that holds, or -1. */
  choose(effective: Json, env: StepEnv): Awaitable<number>;
}
