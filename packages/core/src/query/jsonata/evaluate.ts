/**
 * Evaluates one compiled expression for one field: binds `$states` and the variables the
 * expression reads, runs JSONata, and turns its result into plain JSON or into AWS's
 * `States.QueryEvaluationError` for that field.
 */
import { asText, setOwn, type Json, type JsonObject } from '../../json.js';
import type { VariableReader } from '../jsonpath.js';
import type { CompiledJsonata } from './compile.js';
import { returnedNothing, threwError, unsupportedResult } from './errors.js';
import { RUNTIME_BINDING, type JsonataRuntime } from './functions.js';
import { BudgetExceeded, EvaluationBudget, expandedSize, resolveQueryBudgets } from './budget.js';
import { BUDGET_BINDING } from './guard.js';
import { NOT_DIRECT } from './direct.js';

/** Everything an expression can see. */
export interface JsonataScope {
  /** `$states`: `input` and `context`, plus `result` or `errorOutput` where the field has them. */
  readonly states: JsonObject;
  readonly variables: VariableReader;
  readonly runtime: JsonataRuntime;
  /** Small expressions may be answered without JSONata's turns (direct.ts): see `StepEnv.synchronous`. */
  readonly synchronous?: boolean;
}

/**
 * Evaluates `compiled` as the value of `field` (`Output/result`); throws AWS's error for that field.
 * Small expressions are answered synchronously where the scope allows it (direct.ts); the others
 * go through JSONata.
 */
export function evaluateJsonataField(
  compiled: CompiledJsonata,
  scope: JsonataScope,
  field: string,
): Json | Promise<Json> {
  if (scope.synchronous && compiled.direct !== undefined) {
    const value = compiled.direct(scope);
    if (value !== NOT_DIRECT) {
      if (value === undefined) throw returnedNothing(compiled.body, field);
      return value;
    }
  }
  return evaluateWithJsonata(compiled, scope, field);
}

async function evaluateWithJsonata(compiled: CompiledJsonata, scope: JsonataScope, field: string): Promise<Json> {
  let raw: unknown;
  const budget = new EvaluationBudget(resolveQueryBudgets(scope.runtime.budgets));
  try {
    raw = await compiled.evaluate(bindingsFor(compiled, scope, budget));
    // The copy to JSON writes shared parts out: it may not pass the value budget either.
    if (typeof raw === 'object' && raw !== null) budget.reserve(expandedSize(raw, budget.remaining));
  } catch (error) {
    throw threwError(compiled.body, field, errorDetail(error));
  }
  if (raw === undefined) throw returnedNothing(compiled.body, field);
  let value: Json | undefined;
  try {
    value = toJson(raw);
  } catch (error) {
    if (error instanceof RangeError) throw threwError(compiled.body, field, error.message);
    throw error;
  }
  if (value === undefined) throw unsupportedResult(compiled.body, field);
  return value;
}

function bindingsFor(
  compiled: CompiledJsonata,
  scope: JsonataScope,
  budget: EvaluationBudget,
): Record<string, unknown> {
  // A prototype-less object keeps a variable named `__proto__` an ordinary binding.
  const bindings = Object.create(null) as Record<string, unknown>;
  // JSONata fixes "now" once per evaluation, so every `$now()`/`$millis()` of one expression agree.
  let now: number | undefined;
  const runtime: JsonataRuntime = {
    random: scope.runtime.random,
    budgets: scope.runtime.budgets,
    get nowMillis() {
      return (now ??= scope.runtime.nowMillis);
    },
  };
  bindings[RUNTIME_BINDING] = runtime;
  bindings[BUDGET_BINDING] = budget;
  for (const name of compiled.variables) {
    if (name === 'states') continue;
    const found = scope.variables.get(name);
    // An unknown variable stays unbound, so the expression sees `undefined` as on AWS.
    if (found.found) bindings[name] = found.value;
  }
  bindings['states'] = scope.states;
  return bindings;
}

/** JSONata's `code: message` form, as AWS prints it after "threw an error during evaluation." */
function errorDetail(error: unknown): string {
  if (error instanceof BudgetExceeded) return error.message;
  if (typeof error === 'object' && error !== null) {
    // The range operator's pre-allocation check, set from the value budget (guard.ts).
    if ((error as { code?: unknown }).code === 'D2015')
      return "The evaluation would build a sequence larger than aslkit's value budget (limits.queryBudgets.jsonataValueSize).";
    const { code, message } = error as { code?: unknown; message?: unknown };
    const text = typeof message === 'string' ? message : asText(error);
    return typeof code === 'string' && code !== '' ? `${code}: ${text}` : text;
  }
  return String(error);
}

const UNSUPPORTED = Symbol('unsupported');

/**
 * A plain-JSON copy of a JSONata result, or `undefined` when it holds something JSON
 * cannot (a function, a regex, a non-finite number). Copying also drops JSONata's
 * sequence markers, so a value never carries them into the next state.
 */
function toJson(value: unknown): Json | undefined {
  const converted = convert(value);
  return converted === UNSUPPORTED || converted === undefined ? undefined : converted;
}

function convert(value: unknown): Json | undefined | typeof UNSUPPORTED {
  switch (typeof value) {
    case 'undefined':
      return undefined;
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : UNSUPPORTED;
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) {
        const items: Json[] = [];
        for (const item of value) {
          const converted = convert(item);
          if (converted === UNSUPPORTED) return UNSUPPORTED;
          if (converted !== undefined) items.push(converted);
        }
        return items;
      }
      const prototype = Object.getPrototypeOf(value) as unknown;
      if (prototype !== Object.prototype && prototype !== null) return UNSUPPORTED;
      // JSONata functions and lambdas are plain objects marked with these flags.
      const marked = value as { _jsonata_function?: unknown; _jsonata_lambda?: unknown };
      if (marked._jsonata_function === true || marked._jsonata_lambda === true) return UNSUPPORTED;
      const object: JsonObject = {};
      for (const key of Object.keys(value)) {
        const converted = convert((value as Record<string, unknown>)[key]);
        if (converted === UNSUPPORTED) return UNSUPPORTED;
        if (converted !== undefined) setOwn(object, key, converted);
      }
      return object;
    }
    default:
      return UNSUPPORTED;
  }
}
