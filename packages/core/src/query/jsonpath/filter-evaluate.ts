/**
 * Evaluates a parsed filter for one item with Jayway's semantics (EvaluatorFactory): values
 * are JSON data or literals, never JavaScript objects; a comparison of mismatched kinds is
 * false; `1 == '1'` compares as numbers when the number is on the left and as text when it
 * is on the right (Jayway's asymmetry); an operator given the wrong kind of operand (`in` with
 * a string) makes the item fail the filter, as Jayway's InvalidPathException does.
 */
import { jsonEquals, type Json } from '../../json.js';
import {
  isDefinitePath,
  type FilterExpression,
  type FilterPath,
  type FilterValue,
  type RelationalOperator,
} from './ast.js';
import { evaluateTokens, PathNotFound, ReadContext, UNDEFINED, type FilterPathValue } from './evaluate.js';
import { applyFunction } from './functions.js';

/** A value as Jayway's ValueNode kinds see it. */
type Value =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number; text: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'json'; value: Json[] | { [key: string]: Json } }
  | { kind: 'pattern'; matches: (text: string) => boolean }
  | { kind: 'undefined' };

const UNDEFINED_VALUE: Value = { kind: 'undefined' };
const NULL_VALUE: Value = { kind: 'null' };

/** Jayway's InvalidPathException during a comparison: the item does not pass. */
class Invalid extends Error {}

export function acceptsItem(expression: FilterExpression, item: Json, context: ReadContext): boolean {
  try {
    return holds(expression, item, context);
  } catch (error) {
    if (error instanceof Invalid) return false;
    throw error;
  }
}

function holds(expression: FilterExpression, item: Json, context: ReadContext): boolean {
  switch (expression.kind) {
    case 'or':
      return expression.operands.some((operand) => holds(operand, item, context));
    case 'and':
      return expression.operands.every((operand) => holds(operand, item, context));
    case 'not':
      return !holds(expression.operand, item, context);
    case 'exists':
      return exists(expression.path, item, context) === expression.expected;
    case 'compare':
      return compare(
        valueOf(expression.left, item, context),
        expression.operator,
        valueOf(expression.right, item, context),
      );
  }
}

/** Jayway evaluates existence with REQUIRE_PROPERTIES: any missing property means absent. */
function exists(path: FilterPath, item: Json, context: ReadContext): boolean {
  const strict = new ReadContext(context.document, true);
  strict.visits = context.visits;
  try {
    const start = path.root === '@' ? item : context.document;
    const results = evaluateTokens(withoutFunction(path), start, strict);
    return !path.definite || results.length > 0;
  } catch (error) {
    if (error instanceof PathNotFound) return false;
    throw error;
  } finally {
    context.visits = strict.visits;
  }
}

const withoutFunction = (path: FilterPath) =>
  path.tokens[path.tokens.length - 1]?.kind === 'function' ? path.tokens.slice(0, -1) : path.tokens;

function pathValue(path: FilterPath, item: Json, context: ReadContext): FilterPathValue {
  if (path.root === '$') {
    const cached = context.documentPaths.get(path);
    if (cached !== undefined) return cached;
    const value = readFilterPath(path, context.document, context);
    context.documentPaths.set(path, value);
    return value;
  }
  return readFilterPath(path, item, context);
}

function readFilterPath(path: FilterPath, start: Json, context: ReadContext): FilterPathValue {
  const last = path.tokens[path.tokens.length - 1];
  const tokens = withoutFunction(path);
  let value: FilterPathValue;
  try {
    const results = evaluateTokens(tokens, start, context);
    const definite = last?.kind === 'function' ? isDefinitePath(tokens) : path.definite;
    value = definite ? (results.length > 0 ? results[0]! : UNDEFINED) : results;
  } catch (error) {
    if (error instanceof PathNotFound) return UNDEFINED;
    throw error;
  }
  if (last?.kind !== 'function') return value;
  return value === UNDEFINED ? UNDEFINED : applyFunction(last.name, value);
}

function valueOf(node: FilterValue, item: Json, context: ReadContext): Value {
  switch (node.kind) {
    case 'path': {
      const value = pathValue(node.path, item, context);
      return value === UNDEFINED ? UNDEFINED_VALUE : fromJson(value);
    }
    case 'string':
      return node;
    case 'number':
      return { kind: 'number', value: node.value, text: String(node.value) };
    case 'boolean':
      return node;
    case 'null':
      return NULL_VALUE;
    case 'json':
      return fromJson(node.value as Json);
    case 'pattern':
      return node;
  }
}

function fromJson(value: Json): Value {
  switch (typeof value) {
    case 'string':
      return { kind: 'string', value };
    case 'number':
      return { kind: 'number', value, text: String(value) };
    case 'boolean':
      return { kind: 'boolean', value };
    default:
      return value === null ? NULL_VALUE : { kind: 'json', value };
  }
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Jayway's `left.equals(right)`: the receiver decides how a number and a string compare. */
function equals(left: Value, right: Value): boolean {
  switch (left.kind) {
    case 'string':
      if (right.kind === 'string') return left.value === right.value;
      return right.kind === 'number' && left.value === right.text;
    case 'number':
      if (right.kind === 'number') return left.value === right.value;
      return right.kind === 'string' && DECIMAL.test(right.value) && Number(right.value) === left.value;
    case 'boolean':
      return right.kind === 'boolean' && left.value === right.value;
    case 'null':
      return right.kind === 'null';
    case 'json':
      return right.kind === 'json' && jsonEquals(left.value, right.value);
    default:
      return false;
  }
}

/** Java's String.compareTo: UTF-16 code units, as JavaScript compares strings. */
function order(left: Value, right: Value): number | undefined {
  if (left.kind === 'number' && right.kind === 'number') return left.value - right.value;
  const text = (value: Value) =>
    value.kind === 'string' ? value.value : value.kind === 'number' ? value.text : undefined;
  const a = text(left);
  const b = text(right);
  if (a === undefined || b === undefined) return undefined;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The items of a JSON array operand; `undefined` for other JSON; Invalid for a non-JSON operand. */
function list(value: Value): Value[] | undefined {
  if (value.kind !== 'json') throw new Invalid();
  return Array.isArray(value.value) ? value.value.map(fromJson) : undefined;
}

const patternInput = (value: Value): string =>
  value.kind === 'string'
    ? value.value
    : value.kind === 'number'
      ? value.text
      : value.kind === 'boolean'
        ? String(value.value)
        : '';

function regexMatch(left: Value, right: Value): boolean {
  if ((left.kind === 'pattern') === (right.kind === 'pattern')) return false;
  const [pattern, subject] = left.kind === 'pattern' ? [left, right] : [right as Value & { kind: 'pattern' }, left];
  if (subject.kind === 'json' && Array.isArray(subject.value))
    return subject.value.some((item) => pattern.matches(patternInput(fromJson(item))));
  return pattern.matches(patternInput(subject));
}

function compare(left: Value, operator: RelationalOperator, right: Value): boolean {
  switch (operator) {
    case '==':
      return equals(left, right);
    case '!=':
      return !equals(left, right);
    case '===':
      return left.kind === right.kind && equals(left, right);
    case '!==':
      return !(left.kind === right.kind && equals(left, right));
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const difference = order(left, right);
      if (difference === undefined || Number.isNaN(difference)) return false;
      return operator === '<'
        ? difference < 0
        : operator === '<='
          ? difference <= 0
          : operator === '>'
            ? difference > 0
            : difference >= 0;
    }
    case '=~':
      return regexMatch(left, right);
    case 'in': {
      const items = list(right);
      return items !== undefined && items.some((item) => equals(left, item));
    }
    case 'nin': {
      const items = list(right);
      return items === undefined || !items.some((item) => equals(left, item));
    }
    case 'subsetof':
    case 'anyof':
    case 'noneof': {
      const rights = list(right);
      const lefts = list(left);
      if (rights === undefined || lefts === undefined) return false;
      if (operator === 'subsetof') return lefts.every((l) => rights.some((r) => equals(l, r)));
      const any = lefts.some((l) => rights.some((r) => equals(l, r)));
      return operator === 'anyof' ? any : !any;
    }
    case 'size': {
      if (right.kind !== 'number') return false;
      const expected = Math.trunc(right.value);
      if (left.kind === 'string') return left.value.length === expected;
      if (left.kind === 'json') return (Array.isArray(left.value) ? left.value.length : -1) === expected;
      return false;
    }
    case 'empty': {
      if (right.kind !== 'boolean') return false;
      if (left.kind === 'string') return (left.value.length === 0) === right.value;
      if (left.kind === 'json') {
        const size = Array.isArray(left.value) ? left.value.length : Object.keys(left.value).length;
        return (size === 0) === right.value;
      }
      return false;
    }
    case 'contains':
      if (left.kind === 'string' && right.kind === 'string') return left.value.includes(right.value);
      if (left.kind === 'json' && Array.isArray(left.value))
        return left.value.some((item) => equals(right, fromJson(item)));
      return false;
    case 'all':
      // Jayway reads `all`'s operand as a Java list, which a path string cannot supply.
      return false;
  }
}
