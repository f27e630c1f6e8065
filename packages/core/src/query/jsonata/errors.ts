/**
 * `States.QueryEvaluationError` and AWS's cause texts for JSONata fields. The run loop adds
 * the "An error occurred while executing the state ..." prefix; these are the detail part.
 * Errors made here remember the field they came from, so the run loop can record the
 * `EvaluationFailed` event (with its `location`) that AWS writes before the failure.
 */
import { ErrorName, StatesError } from '../../errors/states-error.js';
import { jsonTypeName, type Json } from '../../json.js';

export interface EvaluationFailure {
  /** The field, with `/` between segments (`Output/result`, `Arguments/FunctionName`); absent when AWS gives none. */
  readonly location?: string;
}

const failures = new WeakMap<StatesError, EvaluationFailure>();

/** A `States.QueryEvaluationError` that the run loop reports with an `EvaluationFailed` event. */
export function queryEvaluationError(cause: string, location?: string): StatesError {
  const error = new StatesError(ErrorName.QueryEvaluationError, cause);
  failures.set(error, location === undefined ? {} : { location });
  return error;
}

/** The failure facts of an error made by `queryEvaluationError`, else `undefined`. */
export const evaluationFailure = (error: unknown): EvaluationFailure | undefined =>
  error instanceof StatesError ? failures.get(error) : undefined;

const subject = (expression: string, field: string): string =>
  `The JSONata expression '${expression}' specified for the field '${field}'`;

/** AWS-observed (conformance assign__undefined_reference-*). */
export const returnedNothing = (expression: string, field: string): StatesError =>
  queryEvaluationError(`${subject(expression, field)} returned nothing (undefined).`, field);

/** AWS-observed, e.g. `T1006: Attempted to invoke a non-function` (conformance intrinsic_functions__math_random_seeded). */
export const threwError = (expression: string, field: string, detail: string): StatesError =>
  queryEvaluationError(`${subject(expression, field)} threw an error during evaluation. ${detail}`, field);

/** For functions and other values JSON cannot hold (LocalStack's text; AWS-observed per asl-reference §7). */
export const unsupportedResult = (expression: string, field: string): StatesError =>
  queryEvaluationError(`${subject(expression, field)} returned an unsupported result type.`, field);

/** AWS-observed for `Items` (conformance scenarios__map_state_items_eval_jsonata_fail-*); reused for other typed fields. */
export const unexpectedType = (expression: string, field: string, expected: string, value: Json): StatesError =>
  queryEvaluationError(
    `${subject(expression, field)} returned an unexpected result type. Expected '${expected}', but was '${jsonTypeName(value)}' for value: ${JSON.stringify(value)}`,
    field,
  );
