/**
 * JSONPath-mode Choice rules, compiled once per definition into closures. A rule is either a
 * comparison (`Variable` plus exactly one operator from the table in choice-operators.ts) or a
 * combinator (`And`, `Or`, `Not`) over nested rules. Malformed rules fail the definition; the
 * only run-time failure is a path that does not resolve.
 */
import type { ChoiceRule } from '../definition/types.js';
import { DiagnosticCode, pointerSegment, type Diagnostic } from '../definition/diagnostics.js';
import { DefinitionError } from '../errors/aslkit-error.js';
import { runtimeError } from '../errors/states-error.js';
import { hasOwn, isJsonObject, type Json, type JsonObject } from '../json.js';
import { compilePath, PathSyntaxError, type CompiledPath, type PathData } from '../query/jsonpath.js';
import { lookupOperator, type Comparison, type OperatorEntry, type ValueTest } from './choice-operators.js';

/** A compiled rule: true when the rule holds for the state's data. */
export type ChoiceCondition = (data: PathData) => boolean;

/** Fields that sit beside the operator and are no operator themselves. */
const RULE_FIELDS = new Set(['Variable', 'Next', 'Comment', 'Assign', 'Output']);

const NEVER: ChoiceCondition = () => false;

/**
 * Compiles a top-level (or nested) rule. Throws `DefinitionError` listing every problem found
 * in the rule and its nested rules; `pointer` locates the rule (e.g. `/States/Check/Choices/0`).
 * @example
 * const holds = compileChoiceRule({ Variable: '$.n', NumericGreaterThan: 1, Next: 'Big' }, '/States/C/Choices/0');
 * holds({ input: { n: 2 }, context: {} }); // true
 */
export function compileChoiceRule(rule: ChoiceRule, pointer: string): ChoiceCondition {
  const diagnostics: Diagnostic[] = [];
  const condition = compileRule(rule, pointer, diagnostics);
  if (diagnostics.length > 0) throw new DefinitionError(diagnostics);
  return condition;
}

/**
 * AWS's cause for a Choice path that does not resolve, after the engine's
 * "An error occurred while executing the state '…' (entered at the event id #…). " prefix, e.g.
 * `… Invalid path '$.processing_type': The choice state's condition path references an invalid value.`
 * (docs/research/runtime-errors.md §2.3: the path as written, no space before the colon).
 */
export const missingPathCause = (path: string): string =>
  `Invalid path '${path}': The choice state's condition path references an invalid value.`;

type Report = (code: string, message: string, path: string) => void;

const child = (pointer: string, key: string | number): string => `${pointer}/${pointerSegment(key)}`;

function compileRule(rule: unknown, pointer: string, diagnostics: Diagnostic[]): ChoiceCondition {
  const report: Report = (code, message, path) => diagnostics.push({ code, severity: 'ERROR', message, path });
  if (!isJsonObject(rule)) {
    report(DiagnosticCode.SchemaValidationFailed, 'A choice rule must be an object', pointer);
    return NEVER;
  }
  const operators = Object.entries(rule).filter(([key]) => !RULE_FIELDS.has(key));
  const [only, second] = operators;
  if (only === undefined || second !== undefined) {
    const message =
      only === undefined
        ? 'A choice rule needs one comparison operator, or And, Or or Not'
        : `A choice rule takes exactly one operator, found: ${operators.map(([key]) => key).join(', ')}`;
    report(DiagnosticCode.SchemaValidationFailed, message, second === undefined ? pointer : child(pointer, second[0]));
    return NEVER;
  }
  const [name, operand] = only;
  const combinator = combinators.get(name);
  if (combinator) {
    if (hasOwn(rule, 'Variable'))
      report(
        DiagnosticCode.SchemaValidationFailed,
        `'Variable' cannot be combined with '${name}'`,
        child(pointer, 'Variable'),
      );
    return combinator(operand, child(pointer, name), diagnostics);
  }
  const entry = lookupOperator(name);
  if (!entry) {
    report(DiagnosticCode.SchemaValidationFailed, `Field '${name}' is not supported`, child(pointer, name));
    return NEVER;
  }
  const variable = compileRulePath(rule, 'Variable', pointer, report, false);
  const operator = compileOperator(entry, name, operand, rule, pointer, report);
  if (!variable || !operator) return NEVER;
  return (data) => operator(variable, data);
}

/** A compiled operator, given the compiled Variable path. */
type Operator = (variable: CompiledPath, data: PathData) => boolean;

function compileOperator(
  entry: OperatorEntry,
  name: string,
  operand: Json,
  rule: JsonObject,
  pointer: string,
  report: Report,
): Operator | undefined {
  const at = child(pointer, name);
  switch (entry.kind) {
    case 'presence':
      if (typeof operand !== 'boolean') return badOperand(report, name, 'boolean', at);
      return (variable, data) => variable.read(data).found === operand;
    case 'type-test': {
      if (typeof operand !== 'boolean') return badOperand(report, name, 'boolean', at);
      const test = entry.test;
      return (variable, data) => test(readVariable(variable, data)) === operand;
    }
    case 'comparison':
      if (entry.path) return compilePathComparison(entry.comparison, name, rule, pointer, report);
      return compileLiteralComparison(entry.comparison, name, operand, at, report);
  }
}

function compileLiteralComparison(
  comparison: Comparison,
  name: string,
  operand: Json,
  at: string,
  report: Report,
): Operator | undefined {
  const test = comparison.bind(operand);
  if (!test) return badOperand(report, name, comparison.expects, at, operand);
  return (variable, data) => test(readVariable(variable, data));
}

function compilePathComparison(
  comparison: Comparison,
  name: string,
  rule: JsonObject,
  pointer: string,
  report: Report,
): Operator | undefined {
  const operandPath = compileRulePath(rule, name, pointer, report, true);
  if (!operandPath) return undefined;
  return (variable, data) => {
    const value = readVariable(variable, data);
    const operand = operandPath.read(data);
    if (!operand.found) throw runtimeError(missingPathCause(operandPath.source));
    // Bound at run time: an operand of the wrong type makes the rule false, like the Variable.
    const test: ValueTest | undefined = comparison.bind(operand.value);
    return test !== undefined && test(value);
  };
}

function readVariable(variable: CompiledPath, data: PathData): Json {
  const lookup = variable.read(data);
  if (!lookup.found) throw runtimeError(missingPathCause(variable.source));
  return lookup.value;
}

function badOperand(report: Report, name: string, expects: string, at: string, operand?: Json): undefined {
  // AWS's create-time wording for a bad literal timestamp (conformance: validation__scenarios__wait_timestamp_invalid-*).
  const message =
    expects === 'timestamp' && typeof operand === 'string'
      ? 'String does not match RFC3339 timestamp'
      : `The value for the field '${name}' must be ${operandWords[expects]}`;
  report(DiagnosticCode.SchemaValidationFailed, message, at);
  return undefined;
}

/**
 * `Variable` may be any path (`$`, `$$`, `$var`, indefinite paths that yield arrays); a `…Path`
 * operand must be a reference path, i.e. definite (asl-reference §9.1 rule 12).
 */
function compileRulePath(
  rule: JsonObject,
  field: string,
  pointer: string,
  report: Report,
  reference: boolean,
): CompiledPath | undefined {
  const at = child(pointer, field);
  if (!hasOwn(rule, field)) {
    report(DiagnosticCode.SchemaValidationFailed, `These fields are required: [${field}]`, at);
    return undefined;
  }
  const source = rule[field];
  if (typeof source !== 'string') {
    report(DiagnosticCode.SchemaValidationFailed, `The value for the field '${field}' must be a string`, at);
    return undefined;
  }
  try {
    const path = compilePath(source);
    if (reference && path.segments === undefined) {
      report(DiagnosticCode.InvalidJsonPath, `The value '${source}' is not a valid reference path`, at);
      return undefined;
    }
    return path;
  } catch (error) {
    if (!(error instanceof PathSyntaxError)) throw error;
    report(DiagnosticCode.InvalidJsonPath, error.message, at);
    return undefined;
  }
}

const operandWords: Record<string, string> = {
  string: 'a string',
  pattern: 'a string',
  number: 'a number',
  boolean: 'a boolean',
  timestamp: 'an RFC3339 timestamp string',
};

type Combinator = (operand: Json, at: string, diagnostics: Diagnostic[]) => ChoiceCondition;

/** Nested rules of `And`/`Or`; AWS rejects an empty list ("Value cannot be empty"). */
function compileRuleList(operand: Json, at: string, diagnostics: Diagnostic[]): ChoiceCondition[] {
  if (!Array.isArray(operand) || operand.length === 0) {
    const message = Array.isArray(operand) ? 'Value cannot be empty' : 'The value must be an array of choice rules';
    diagnostics.push({ code: DiagnosticCode.SchemaValidationFailed, severity: 'ERROR', message, path: at });
    return [];
  }
  return operand.map((nested, i) => compileRule(nested, child(at, i), diagnostics));
}

// Left to right with short-circuit, so a later rule's missing path only fails when it is reached.
const combinators = new Map<string, Combinator>([
  [
    'And',
    (operand, at, diagnostics) => {
      const rules = compileRuleList(operand, at, diagnostics);
      return (data) => rules.every((rule) => rule(data));
    },
  ],
  [
    'Or',
    (operand, at, diagnostics) => {
      const rules = compileRuleList(operand, at, diagnostics);
      return (data) => rules.some((rule) => rule(data));
    },
  ],
  [
    'Not',
    (operand, at, diagnostics) => {
      const rule = compileRule(operand, at, diagnostics);
      return (data) => !rule(data);
    },
  ],
]);
