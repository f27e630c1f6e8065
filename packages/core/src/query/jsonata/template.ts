/**
 * A JSONata-mode field value (`Arguments`, `Output`, `Assign`, `Items`, `ItemSelector`,
 * `Seconds`, ...): any JSON where each `{% %}` string, at any depth, is replaced by its
 * value. Compiled once; static sub-trees are shared, never copied. Expressions are
 * evaluated one after another in document order, so `$random()`/`$uuid()` draws, and the
 * first error reported, are the same on every run.
 */
import { isJsonObject, setOwn, type Json, type JsonObject } from '../../json.js';
import { DiagnosticCode, pointerSegment, type Diagnostic } from '../../definition/diagnostics.js';
import { compileJsonata, JsonataSyntaxError, type CompiledJsonata } from './compile.js';
import { evaluateJsonataField, type JsonataScope } from './evaluate.js';
import { expressionBody, isJsonataExpression } from './expression.js';
import { isPromise } from '../../runtime/awaitable.js';

export type JsonataTemplate = (scope: JsonataScope) => Json | Promise<Json>;

/** A template that is one expression, kept apart so fields can check its result type. */
export interface ExpressionTemplate {
  readonly compiled: CompiledJsonata;
  /** The field as AWS names it in causes (`Items`, `Output/result`). */
  readonly location: string;
}

/** True when `value` holds a `{% %}` string anywhere. */
export function containsExpression(value: Json): boolean {
  if (isJsonataExpression(value)) return true;
  if (Array.isArray(value)) return value.some(containsExpression);
  if (isJsonObject(value)) return Object.keys(value).some((key) => containsExpression(value[key]!));
  return false;
}

/**
 * Compiles one expression string; problems go to `diagnostics` at `pointer` and give
 * `undefined`. `location` is the field path AWS prints (`Output/result`).
 */
export function compileExpressionField(
  source: string,
  location: string,
  pointer: string,
  diagnostics: Diagnostic[],
): ExpressionTemplate | undefined {
  const body = expressionBody(source);
  const invalid = (message: string) => {
    diagnostics.push({ code: DiagnosticCode.InvalidJsonata, severity: 'ERROR', message, path: pointer });
    return undefined;
  };
  if (body === '') return invalid(`The JSONata expression for the field '${location}' is empty`);
  let compiled: CompiledJsonata;
  try {
    compiled = compileJsonata(body);
  } catch (error) {
    if (!(error instanceof JsonataSyntaxError)) throw error;
    return invalid(
      `The JSONata expression '${body}' for the field '${location}' is invalid: ${error.code}: ${error.message} (at offset ${error.position})`,
    );
  }
  if (compiled.rootReference) {
    // AWS: a JSONata state has no input document, so `$`/`$$` at the top level are refused.
    return invalid(
      `The JSONata expression '${body}' for the field '${location}' uses '${compiled.rootReference}' at the top level; use $states.input or $states.context instead`,
    );
  }
  return { compiled, location };
}

/** Compiles `template` (any JSON); `location` is its field name for causes, `pointer` its JSON pointer. */
export function compileJsonataTemplate(
  template: Json,
  location: string,
  pointer: string,
  diagnostics: Diagnostic[],
): JsonataTemplate {
  if (!containsExpression(template)) return () => template;
  if (typeof template === 'string') {
    const field = compileExpressionField(template, location, pointer, diagnostics);
    if (!field) return () => null;
    return (scope) => evaluateJsonataField(field.compiled, scope, location);
  }
  if (Array.isArray(template)) {
    const items = template.map((item, i) =>
      compileJsonataTemplate(item, `${location}/${i}`, `${pointer}/${i}`, diagnostics),
    );
    return (scope) => {
      if (!scope.synchronous) return inTurns(items, scope);
      const out: Json[] = [];
      for (let index = 0; index < items.length; index++) {
        const value = items[index]!(scope);
        if (isPromise(value)) return finishAsync(items, index, value, scope, (_, item) => void out.push(item), out);
        out.push(value);
      }
      return out;
    };
  }
  const object = template as JsonObject;
  const fields = Object.keys(object).map((key) => ({
    key,
    value: compileJsonataTemplate(object[key]!, `${location}/${key}`, `${pointer}/${pointerSegment(key)}`, diagnostics),
  }));
  const templates = fields.map((field) => field.value);
  return (scope) => {
    const out: JsonObject = {};
    const put = (index: number, item: Json) => setOwn(out, fields[index]!.key, item);
    if (!scope.synchronous) return inTurns(templates, scope, put, out);
    for (let index = 0; index < fields.length; index++) {
      const value = templates[index]!(scope);
      if (isPromise(value)) return finishAsync(templates, index, value, scope, put, out);
      put(index, value);
    }
    return out;
  };
}

/**
 * Every part awaited in turn, as the template always did: in Parallel branches and Map iterations
 * these turns are part of the event order (docs/architecture.md), so they stay exactly as they were.
 */
async function inTurns(parts: readonly JsonataTemplate[], scope: JsonataScope): Promise<Json[]>;
async function inTurns<T extends Json>(
  parts: readonly JsonataTemplate[],
  scope: JsonataScope,
  put: (index: number, value: Json) => void,
  out: T,
): Promise<T>;
async function inTurns(
  parts: readonly JsonataTemplate[],
  scope: JsonataScope,
  put?: (index: number, value: Json) => void,
  out?: Json,
): Promise<Json> {
  if (!put) {
    const items: Json[] = [];
    for (const part of parts) items.push(await part(scope));
    return items;
  }
  for (let index = 0; index < parts.length; index++) put(index, await parts[index]!(scope));
  return out!;
}

/**
 * The rest of a template once one part is a promise: parts are still evaluated one after another,
 * in document order. Until then a template of synchronous parts (direct.ts) costs no promise.
 */
async function finishAsync<T extends Json>(
  parts: readonly JsonataTemplate[],
  from: number,
  pending: Promise<Json>,
  scope: JsonataScope,
  put: (index: number, value: Json) => void,
  out: T,
): Promise<T> {
  put(from, await pending);
  for (let index = from + 1; index < parts.length; index++) put(index, await parts[index]!(scope));
  return out;
}
