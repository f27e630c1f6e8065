/**
 * The JSONata query language, in AWS's order: `Arguments` builds the task input from
 * `$states.input`; the executor runs; then `Assign` and `Output` are evaluated against the
 * same snapshot (the state's input, its `$states.result`, the variables as they were on
 * entry), and the new variables take effect when the state exits. There is no InputPath:
 * the effective input is the raw input.
 */
import { isJsonObject, type Json, type JsonObject } from '../json.js';
import type { Catcher, ChoiceRule, State } from '../definition/types.js';
import { DiagnosticCode, type Diagnostic } from '../definition/diagnostics.js';
import { parseTimestamp, instantToEpochMillis } from '../query/timestamp.js';
import { isJsonataExpression } from '../query/jsonata/expression.js';
import { evaluateJsonataField, type JsonataScope } from '../query/jsonata/evaluate.js';
import { queryEvaluationError, unexpectedType } from '../query/jsonata/errors.js';
import type { JsonataRuntime } from '../query/jsonata/functions.js';
import {
  compileExpressionField,
  compileJsonataTemplate,
  type ExpressionTemplate,
  type JsonataTemplate,
} from '../query/jsonata/template.js';
import {
  compileFieldReaders,
  mapTemplateSources,
  STATE_FIELD_NAMES,
  type FieldName,
  type FieldValue,
  type MapTemplateName,
  type StateDataFlow,
  type StepEnv,
  type StepOutcome,
} from './pipeline.js';

type Fields = Partial<Record<string, Json | undefined>>;
type Outcome = { assign?: JsonataTemplate; output?: JsonataTemplate };

/** Compiles the JSONata data flow of `state`; problems go to `diagnostics` at `pointer`. */
export function compileJsonataFlow(state: State, pointer: string, diagnostics: Diagnostic[]): StateDataFlow {
  const fields = state as unknown as Fields;
  const template = (name: string): JsonataTemplate | undefined =>
    fields[name] === undefined
      ? undefined
      : compileJsonataTemplate(fields[name], name, `${pointer}/${name}`, diagnostics);
  const assignOf = (value: Json | undefined, at: string): JsonataTemplate | undefined => {
    if (value === undefined) return undefined;
    if (!isJsonObject(value)) {
      diagnostics.push(schemaError("The field 'Assign' must be an object of variable names to values", at));
      return undefined;
    }
    return compileJsonataTemplate(value, 'Assign', at, diagnostics);
  };

  const producesResult = state.Type === 'Task' || state.Type === 'Parallel' || state.Type === 'Map';
  const args = state.Type === 'Task' || state.Type === 'Parallel' ? template('Arguments') : undefined;
  const own: Outcome = {
    assign: assignOf(fields['Assign'], `${pointer}/Assign`),
    output: state.Type === 'Fail' ? undefined : template('Output'),
  };
  const items = state.Type === 'Map' ? compileItems(fields['Items'], `${pointer}/Items`, diagnostics) : undefined;
  const itemSelector = state.Type === 'Map' ? template('ItemSelector') : undefined;
  const mapTemplates = new Map<MapTemplateName, JsonataTemplate>();
  for (const source of mapTemplateSources(fields, pointer, 'Arguments'))
    mapTemplates.set(source.name, compileJsonataTemplate(source.value, source.field, source.pointer, diagnostics));
  // Checked for syntax only: no executor reads Credentials yet.
  if (state.Type === 'Task') template('Credentials');
  const catchers: Outcome[] = ((fields['Catch'] as unknown as Catcher[] | undefined) ?? []).map((catcher, i) => ({
    assign: assignOf(catcher.Assign, `${pointer}/Catch/${i}/Assign`),
    output:
      catcher.Output === undefined
        ? undefined
        : compileJsonataTemplate(catcher.Output, 'Output', `${pointer}/Catch/${i}/Output`, diagnostics),
  }));
  const rules = state.Type === 'Choice' ? compileRules(state.Choices, pointer, diagnostics, assignOf) : [];
  const readers = compileFields(fields, pointer, diagnostics);

  return {
    async input(raw, env) {
      const taskInput = args ? await args(scopeOf(env, { input: raw, context: env.context })) : raw;
      if (args) env.stages?.('afterArguments', taskInput);
      return { effective: raw, taskInput };
    },
    async output(raw, result, env, source): Promise<StepOutcome> {
      // A Choice rule that matched brings its own Assign/Output; the state's own apply on Default.
      const outcome = source?.kind === 'rule' ? (rules[source.index] ?? {}) : own;
      const states: JsonObject = producesResult
        ? { input: raw, context: env.context, result }
        : { input: raw, context: env.context };
      return settle(outcome, scopeOf(env, states), result, env);
    },
    catchOutput(index, raw, errorOutput, env) {
      return settle(
        catchers[index] ?? {},
        scopeOf(env, { input: raw, context: env.context, errorOutput }),
        errorOutput,
      );
    },
    async items(effective, env) {
      // Not a stage TestState reports for JSONata; an inspecting run shows it as `Items`.
      if (!items) {
        const list = requireArray(effective);
        env.stages?.('afterItemsPath', list);
        return list;
      }
      const listed = items(scopeOf(env, { input: effective, context: env.context }));
      // Told on the side, not chained: the run takes the same turns inspecting or not (history order).
      if (env.stages) listed.then((list) => env.stages?.('afterItemsPath', list), ignore);
      return listed;
    },
    async itemInput(effective, item, env) {
      const selected = itemSelector
        ? await itemSelector(scopeOf(env, { input: effective, context: env.context }))
        : item;
      env.stages?.('afterItemSelector', selected);
      return selected;
    },
    async mapTemplate(name, effective, env) {
      const compiled = mapTemplates.get(name);
      return compiled ? compiled(scopeOf(env, { input: effective, context: env.context })) : undefined;
    },
    async field(name, effective, env) {
      return readers.get(name)?.(scopeOf(env, { input: effective, context: env.context }));
    },
    async choose(effective, env) {
      const scope = scopeOf(env, { input: effective, context: env.context });
      for (let i = 0; i < rules.length; i++) if (await rules[i]!.condition(scope)) return i;
      return -1;
    },
  };
}

/**
 * Assign first, then Output, both from the same snapshot; `fallback` is the output when there is no
 * `Output`. `inspected`: the state's own Assign, whose failure an inspecting run marks.
 */
async function settle(
  outcome: Outcome,
  scope: JsonataScope,
  fallback: Json,
  inspected?: StepEnv,
): Promise<StepOutcome> {
  let assigned: Record<string, Json> | undefined;
  try {
    // Awaited in place (no extra turn): the run takes the same turns inspecting or not.
    assigned = outcome.assign ? ((await outcome.assign(scope)) as Record<string, Json>) : undefined;
  } catch (error) {
    inspected?.stages?.('assignFailed', null);
    throw error;
  }
  const output = outcome.output ? await outcome.output(scope) : fallback;
  return assigned === undefined ? { output } : { output, assigned };
}

function scopeOf(env: StepEnv, states: JsonObject): JsonataScope {
  return { states, variables: env.variables, runtime: new StepRuntime(env), synchronous: env.synchronous === true };
}

/** A class rather than a literal with a getter: V8 builds such literals on a slow path, once per field here. */
class StepRuntime implements JsonataRuntime {
  readonly random: JsonataRuntime['random'];
  readonly budgets: JsonataRuntime['budgets'];

  constructor(private readonly env: StepEnv) {
    this.random = env.random;
    this.budgets = env.queryBudgets;
  }

  // `$now()` is the evaluation time, not the state's entry time: an Output after a Wait sees the time it ends.
  get nowMillis(): number {
    return this.env.now ? this.env.now() : enteredMillis(this.env.context);
  }
}

function enteredMillis(context: Json): number {
  const state = isJsonObject(context) ? context['State'] : undefined;
  const execution = isJsonObject(context) ? context['Execution'] : undefined;
  const text =
    (isJsonObject(state) ? state['EnteredTime'] : undefined) ??
    (isJsonObject(execution) ? execution['StartTime'] : undefined);
  const instant = typeof text === 'string' ? parseTimestamp(text) : undefined;
  return instant ? instantToEpochMillis(instant) : 0;
}

/** AWS-observed text when a Map without `Items` gets a non-array input (conformance scenarios__map_state_items_input_types-*). */
const ignore = (): void => {};

function requireArray(value: Json): Json[] {
  if (!Array.isArray(value))
    throw queryEvaluationError(`Map state input must be an array but was: ${JSON.stringify(value)}`);
  return value;
}

type ItemsReader = (scope: JsonataScope) => Promise<Json[]>;

function compileItems(value: Json | undefined, pointer: string, diagnostics: Diagnostic[]): ItemsReader | undefined {
  if (value === undefined) return undefined;
  if (isJsonataExpression(value)) {
    const field = compileExpressionField(value, 'Items', pointer, diagnostics);
    if (!field) return async () => [];
    return async (scope) => {
      const items = await evaluateJsonataField(field.compiled, scope, 'Items');
      if (!Array.isArray(items)) throw unexpectedType(field.compiled.body, 'Items', 'array', items);
      return items;
    };
  }
  if (!Array.isArray(value)) {
    diagnostics.push(schemaError("The field 'Items' must be an array or a JSONata expression", pointer));
    return undefined;
  }
  const items = compileJsonataTemplate(value, 'Items', pointer, diagnostics);
  return async (scope) => requireArray(await items(scope));
}

interface CompiledRule extends Outcome {
  condition: (scope: JsonataScope) => Promise<boolean> | boolean;
}

function compileRules(
  rules: ChoiceRule[] | undefined,
  pointer: string,
  diagnostics: Diagnostic[],
  assignOf: (value: Json | undefined, at: string) => JsonataTemplate | undefined,
): CompiledRule[] {
  if (!Array.isArray(rules)) return [];
  return rules.map((rule, i) => {
    const at = `${pointer}/Choices/${i}`;
    const output =
      rule.Output === undefined
        ? undefined
        : compileJsonataTemplate(rule.Output, 'Output', `${at}/Output`, diagnostics);
    return {
      condition: compileCondition(rule.Condition, `${at}/Condition`, diagnostics),
      assign: assignOf(rule.Assign, `${at}/Assign`),
      output,
    };
  });
}

function compileCondition(condition: unknown, pointer: string, diagnostics: Diagnostic[]): CompiledRule['condition'] {
  if (typeof condition === 'boolean') return () => condition;
  const field = isJsonataExpression(condition)
    ? compileExpressionField(condition, 'Condition', pointer, diagnostics)
    : undefined;
  if (!field) {
    if (!isJsonataExpression(condition)) {
      diagnostics.push(
        schemaError("A JSONata Choice rule needs a 'Condition': true, false or a {% %} expression", pointer),
      );
    }
    return () => false;
  }
  return async (scope) => {
    const value = await evaluateJsonataField(field.compiled, scope, 'Condition');
    // Unverified wording: AWS's text for a non-boolean Condition is not recorded; this is its Items template.
    if (typeof value !== 'boolean') throw unexpectedType(field.compiled.body, 'Condition', 'boolean', value);
    return value;
  };
}

type FieldReader = (scope: JsonataScope) => Promise<FieldValue>;

const FIELD_TYPES: Record<FieldName, 'number' | 'string'> = {
  TimeoutSeconds: 'number',
  HeartbeatSeconds: 'number',
  Seconds: 'number',
  MaxConcurrency: 'number',
  ToleratedFailurePercentage: 'number',
  ToleratedFailureCount: 'number',
  Timestamp: 'string',
  Error: 'string',
  Cause: 'string',
  MaxItems: 'number',
  MaxItemsPerBatch: 'number',
  MaxInputBytesPerBatch: 'number',
};

/**
 * Configuration fields: literals pass through; a `{% %}` value is evaluated and must have
 * the field's JSON type (range checks stay with the executors, shared with JSONPath mode).
 */
function compileFields(fields: Fields, pointer: string, diagnostics: Diagnostic[]): Map<FieldName, FieldReader> {
  return compileFieldReaders(fields, pointer, STATE_FIELD_NAMES, (source, name, at) => {
    const value = source[name];
    if (value === undefined) return undefined;
    if (!isJsonataExpression(value)) {
      const template = compileJsonataTemplate(value, name, `${at}/${name}`, diagnostics);
      return async (scope: JsonataScope): Promise<FieldValue> => ({ found: true, value: await template(scope) });
    }
    const field = compileExpressionField(value, name, `${at}/${name}`, diagnostics);
    return field ? typedReader(field, FIELD_TYPES[name]) : undefined;
  });
}

function typedReader({ compiled, location }: ExpressionTemplate, expected: 'number' | 'string'): FieldReader {
  return async (scope) => {
    const value = await evaluateJsonataField(compiled, scope, location);
    // Unverified wording except for `Items`: AWS's type-mismatch text for these fields is not recorded.
    if (typeof value !== expected) throw unexpectedType(compiled.body, location, expected, value);
    if (location === 'Timestamp' && parseTimestamp(value as string) === undefined) {
      // AWS-observed (conformance scenarios__wait_timestamp_jsonata-*): a QueryEvaluationError, unlike TimestampPath's States.Runtime.
      throw queryEvaluationError(
        `The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: ${value as string}`,
        location,
      );
    }
    return { found: true, value };
  };
}

const schemaError = (message: string, path: string): Diagnostic => ({
  code: DiagnosticCode.SchemaValidationFailed,
  severity: 'ERROR',
  message,
  path,
});
