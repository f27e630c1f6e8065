/**
 * JSONPath-mode payload templates (Parameters, ResultSelector, ItemSelector, Assign, ...):
 * a copy of the template where each `key.$` becomes `key` with the value of a path or an
 * intrinsic call. Compiled once; static sub-trees are shared, never copied, because no
 * step of the engine mutates a value in place.
 */
import { isJsonObject, setOwn, type Json, type JsonObject } from '../json.js';
import { DiagnosticCode, pointer as toPointer, type Diagnostic } from '../definition/diagnostics.js';
import { compilePath, PathSyntaxError, type PathData } from '../query/jsonpath.js';
import { isIntrinsicCall, parseIntrinsic } from '../query/intrinsics/parse.js';
import { evaluateIntrinsic } from '../query/intrinsics/evaluate.js';
import { runtimeError } from '../errors/states-error.js';
import type { Random } from '../runtime/random.js';

export interface TemplateEnv {
  data: PathData;
  random: Random;
  /**
   * Parameters only: a `.$` path into a null state input fails as AWS fails it (a Task whose
   * input is null, e.g. after `OutputPath: $.Payload` of a function that returned nothing).
   */
  nullInputFails?: boolean;
}

/** AWS's cause when Parameters read a path from a null state input (reported from AWS histories). */
export const NULL_INPUT_CAUSE = 'Unable to apply Path transformation to null or empty input.';

export type CompiledTemplate = (env: TemplateEnv) => Json;

/** Compiles one `.$` value: a path or an intrinsic call. */
export type CompiledExpression = (env: TemplateEnv, field: string) => Json;

/** Compiles `template`; problems are pushed to `diagnostics` at `pointer`. */
export function compileTemplate(template: Json, pointer: string, diagnostics: Diagnostic[]): CompiledTemplate {
  if (!containsDynamicKey(template)) return () => template;
  if (Array.isArray(template)) {
    const items = template.map((item, i) => compileTemplate(item, `${pointer}/${i}`, diagnostics));
    return (env) => items.map((item) => item(env));
  }
  const object = template as JsonObject;
  const fields: { key: string; field: string; value: (env: TemplateEnv) => Json }[] = [];
  const seen = new Set<string>();
  for (const key of Object.keys(object)) {
    const value = object[key]!;
    const dynamic = key.endsWith('.$');
    const name = dynamic ? key.slice(0, -2) : key;
    if (seen.has(name)) {
      diagnostics.push(schemaError(`The field '${name}' is defined more than once (with and without '.$')`, pointer));
    }
    seen.add(name);
    if (!dynamic) {
      const compiled = compileTemplate(value, `${pointer}/${escape(key)}`, diagnostics);
      fields.push({ key: name, field: key, value: compiled });
      continue;
    }
    const expression = compileExpression(value, key, pointer, diagnostics);
    fields.push({ key: name, field: key, value: (env) => expression(env, key) });
  }
  return (env) => {
    const out: JsonObject = {};
    for (const { key, value } of fields) setOwn(out, key, value(env));
    return out;
  };
}

/** Compiles the value of a `.$` field (also used by `ErrorPath`, `CausePath`). */
export function compileExpression(
  value: Json,
  field: string,
  pointer: string,
  diagnostics: Diagnostic[],
): CompiledExpression {
  const invalid = () => {
    diagnostics.push(
      schemaError(
        `The value for the field '${field}' must be a valid JSONPath or a valid intrinsic function call`,
        pointer,
      ),
    );
    return () => null;
  };
  if (typeof value !== 'string') return invalid();
  if (isIntrinsicCall(value)) {
    try {
      const call = parseIntrinsic(value);
      return (env) => evaluateIntrinsic(call, env);
    } catch {
      return invalid();
    }
  }
  if (!value.startsWith('$')) return invalid();
  try {
    const path = compilePath(value);
    return (env, fieldName) => {
      if (env.nullInputFails && path.root === 'input' && env.data.input === null) throw runtimeError(NULL_INPUT_CAUSE);
      const found = path.read(env.data);
      if (found.found) return found.value;
      throw runtimeError(
        `The JSONPath '${value}' specified for the field '${fieldName}' could not be found in the input '${stringifyForMessage(path.root === 'context' ? env.data.context : env.data.input)}'`,
      );
    };
  } catch (error) {
    if (error instanceof PathSyntaxError) return invalid();
    throw error;
  }
}

function containsDynamicKey(value: Json): boolean {
  if (Array.isArray(value)) return value.some(containsDynamicKey);
  if (!isJsonObject(value)) return false;
  for (const key of Object.keys(value)) {
    if (key.endsWith('.$') || containsDynamicKey(value[key]!)) return true;
  }
  return false;
}

export const schemaError = (message: string, path: string): Diagnostic => ({
  code: DiagnosticCode.SchemaValidationFailed,
  severity: 'ERROR',
  message,
  path,
});

const escape = (key: string): string => toPointer(key).slice(1);

/** Compact JSON as AWS prints values inside messages. */
export const stringifyForMessage = (value: Json): string => JSON.stringify(value);
