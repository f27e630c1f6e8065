/**
 * A direct evaluator for the small JSONata expressions most fields hold (`$states.input.i + 1`,
 * `$states.input.i < $states.input.n`, `$x = "done" and $ok`): field paths from `$states` or a
 * variable, literals, arithmetic, comparisons, equality, and/or. JSONata's evaluator is async at
 * every node and builds a frame per evaluation, about 20 µs for such an expression; this walks the
 * parsed tree once, synchronously.
 *
 * It only answers when JSONata's answer is certain and plain: every case that would raise an
 * error, meet an array (JSONata maps over arrays), return a container or a non-finite number, or
 * name an unbound variable (which may be a function) gives `NOT_DIRECT`, and the field is then
 * evaluated by JSONata itself, so results and error texts never differ.
 */
import type { JsonataScope } from './evaluate.js';
import { resolveQueryBudgets } from './budget.js';

/** The direct evaluator could not decide: evaluate with JSONata. */
export const NOT_DIRECT: unique symbol = Symbol('not direct');

/** A primitive JSON value, `undefined` (the expression returned nothing), or `NOT_DIRECT`. */
export type DirectResult = string | number | boolean | null | undefined | typeof NOT_DIRECT;

export type DirectEvaluator = (scope: JsonataScope) => DirectResult;

type Value = unknown;
type Evaluate = (scope: JsonataScope) => Value;

interface Node {
  type: string;
  value?: unknown;
  [key: string]: unknown;
}

/** Budgets below these could stop JSONata within a handful of steps: those fields keep JSONata. */
const MIN_STEPS = 1000;
const MIN_MILLISECONDS = 1;
/** Larger trees are rare and gain little; they keep JSONata. */
const MAX_NODES = 64;

const ARITHMETIC = new Set(['+', '-', '*', '/', '%']);
const COMPARISON = new Set(['<', '<=', '>', '>=']);
const EQUALITY = new Set(['=', '!=']);
const BOOLEAN = new Set(['and', 'or']);

/** The keys each supported node may carry; any other key (predicates, stages, focus...) keeps JSONata. */
const ALLOWED_KEYS: Record<string, ReadonlySet<string>> = {
  number: new Set(['type', 'value', 'position']),
  string: new Set(['type', 'value', 'position']),
  value: new Set(['type', 'value', 'position']),
  variable: new Set(['type', 'value', 'position']),
  name: new Set(['type', 'value', 'position']),
  path: new Set(['type', 'steps']),
  binary: new Set(['type', 'value', 'position', 'lhs', 'rhs']),
};

const hasOwn = Object.prototype.hasOwnProperty;

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';

const plainShape = (node: Node): boolean => {
  const allowed = ALLOWED_KEYS[node.type];
  return allowed !== undefined && Object.keys(node).every((key) => allowed.has(key));
};

/** A direct evaluator for `ast`, or `undefined` when the expression uses anything else. */
export function compileDirect(ast: unknown): DirectEvaluator | undefined {
  let nodes = 0;
  const compile = (node: unknown): Evaluate | undefined => {
    if (!isNode(node) || !plainShape(node) || ++nodes > MAX_NODES) return undefined;
    switch (node.type) {
      case 'number':
        return typeof node.value === 'number' && Number.isFinite(node.value) ? constant(node.value) : undefined;
      case 'string':
        return typeof node.value === 'string' ? constant(node.value) : undefined;
      case 'value':
        return node.value === true || node.value === false || node.value === null ? constant(node.value) : undefined;
      case 'variable':
        return typeof node.value === 'string' ? variable(node.value) : undefined;
      case 'path':
        return path(node.steps);
      case 'binary':
        return binary(node);
      default:
        return undefined;
    }
  };

  const path = (steps: unknown): Evaluate | undefined => {
    if (!Array.isArray(steps) || steps.length < 2) return undefined;
    const [first, ...rest] = steps as unknown[];
    if (!isNode(first) || first.type !== 'variable' || !plainShape(first) || typeof first.value !== 'string')
      return undefined;
    const names: string[] = [];
    for (const step of rest) {
      if (!isNode(step) || step.type !== 'name' || !plainShape(step) || typeof step.value !== 'string')
        return undefined;
      names.push(step.value);
    }
    nodes += steps.length;
    const start = variable(first.value);
    if (!start) return undefined;
    return (scope) => {
      let value = start(scope);
      for (const name of names) {
        if (value === NOT_DIRECT || Array.isArray(value)) return NOT_DIRECT;
        // JSONata's lookup: own properties of objects; anything else has no fields.
        if (typeof value !== 'object' || value === null || !hasOwn.call(value, name)) return undefined;
        value = (value as Record<string, Value>)[name];
      }
      return value;
    };
  };

  const binary = (node: Node): Evaluate | undefined => {
    const op = node.value as string;
    const lhs = compile(node.lhs);
    const rhs = lhs && compile(node.rhs);
    if (!lhs || !rhs) return undefined;
    if (ARITHMETIC.has(op)) return (scope) => arithmetic(op, primitive(lhs(scope)), primitive(rhs(scope)));
    if (COMPARISON.has(op)) return (scope) => compare(op, primitive(lhs(scope)), primitive(rhs(scope)));
    if (EQUALITY.has(op)) return (scope) => equal(op, primitive(lhs(scope)), primitive(rhs(scope)));
    if (BOOLEAN.has(op)) {
      return (scope) => {
        const left = lhs(scope);
        if (typeof left !== 'boolean') return NOT_DIRECT;
        // Short-circuit, as JSONata: the right side is not evaluated.
        if (op === 'and' ? !left : left) return left;
        const right = rhs(scope);
        return typeof right === 'boolean' ? right : NOT_DIRECT;
      };
    }
    return undefined;
  };

  const root = compile(ast);
  if (!root) return undefined;
  return (scope) => {
    const budgets = resolveQueryBudgets(scope.runtime.budgets);
    if (budgets.jsonataSteps < MIN_STEPS || budgets.jsonataMilliseconds < MIN_MILLISECONDS) return NOT_DIRECT;
    const value = root(scope);
    return isDirectResult(value) ? value : NOT_DIRECT;
  };
}

const constant =
  (value: Value): Evaluate =>
  () =>
    value;

/** `$states`, or a variable the state can see; an unbound name may be a JSONata function. */
const variable = (name: string): Evaluate | undefined => {
  if (name === '' || name === '$') return undefined;
  if (name === 'states') return (scope) => scope.states;
  return (scope) => {
    const found = scope.variables.get(name);
    return found.found ? found.value : NOT_DIRECT;
  };
};

/** Containers (and undecided operands) send the whole field to JSONata. */
const primitive = (value: Value): Value => (typeof value === 'object' && value !== null ? NOT_DIRECT : value);

function arithmetic(op: string, left: Value, right: Value): Value {
  if (left === NOT_DIRECT || right === NOT_DIRECT) return NOT_DIRECT;
  // JSONata raises T2001/T2002 for a defined non-number (and D1001 for a non-finite one).
  if (left !== undefined && !(typeof left === 'number' && Number.isFinite(left))) return NOT_DIRECT;
  if (right !== undefined && !(typeof right === 'number' && Number.isFinite(right))) return NOT_DIRECT;
  if (left === undefined || right === undefined) return undefined;
  const [a, b] = [left, right];
  const result = op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : op === '/' ? a / b : a % b;
  return Number.isFinite(result) ? result : NOT_DIRECT;
}

function compare(op: string, left: Value, right: Value): Value {
  if (left === NOT_DIRECT || right === NOT_DIRECT) return NOT_DIRECT;
  const comparable = (value: Value) => value === undefined || typeof value === 'string' || typeof value === 'number';
  // Not comparable (T2010) or of different types (T2009): JSONata's error.
  if (!comparable(left) || !comparable(right)) return NOT_DIRECT;
  if (left === undefined || right === undefined) return undefined;
  if (typeof left !== typeof right) return NOT_DIRECT;
  const [a, b] = [left, right];
  return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
}

function equal(op: string, left: Value, right: Value): Value {
  if (left === NOT_DIRECT || right === NOT_DIRECT) return NOT_DIRECT;
  if (left === undefined || right === undefined) return false;
  // Both primitives here (containers were sent to JSONata): deep equality is identity.
  return op === '=' ? left === right : left !== right;
}

const isDirectResult = (value: Value): value is Exclude<DirectResult, typeof NOT_DIRECT> =>
  value === undefined ||
  value === null ||
  typeof value === 'string' ||
  typeof value === 'boolean' ||
  (typeof value === 'number' && Number.isFinite(value));
