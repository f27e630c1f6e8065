/**
 * Wires an EvaluationBudget into JSONata through its evaluation hooks: the first step of
 * an evaluation installs the step counter as JSONata's `guardrails` and the size-checked
 * built-ins, then unhooks itself; the exit hook charges what operators and functions build.
 */
import type jsonata from 'jsonata';
import { BudgetExceeded, EvaluationBudget, expandedSize } from './budget.js';

const ENTRY = Symbol.for('jsonata.__evaluate_entry');
const EXIT = Symbol.for('jsonata.__evaluate_exit');
/** A binding name no expression can spell (it has spaces). */
export const BUDGET_BINDING = ' aslkit budget ';
const BUDGET = Symbol('aslkit budget');
/** JSONata's own depth limit (D1011) for runaway recursion. */
const MAX_DEPTH = 10_000;

interface Frame {
  base: Frame & { depth: number; guardrails: () => void; options?: object; [BUDGET]?: EvaluationBudget };
  bind(name: string | symbol, value: unknown): void;
  lookup(name: string | symbol): unknown;
}

interface JsonataFunction {
  _jsonata_function: true;
  implementation: (this: { environment: Frame }, ...args: unknown[]) => unknown;
  signature?: unknown;
}

/** Node types whose results are values the expression built, not data it read. */
const BUILDERS = new Set(['binary', 'unary', 'function', 'partial', 'apply', 'path', 'transform']);

/**
 * Installs the hooks on a compiled expression (once; compiled expressions are shared). The exit
 * hook costs an `await` per step, so only expressions that repeat work (ast.ts `repeatsWork`) get it.
 */
export function installBudgetHooks(expression: jsonata.Expression, accountValues: boolean): void {
  expression.assign(ENTRY as unknown as string, onFirstStep);
  if (accountValues) expression.assign(EXIT as unknown as string, onStepExit);
}

function onFirstStep(_expr: unknown, _input: unknown, environment: Frame): void {
  const base = environment.base;
  base.bind(ENTRY, null);
  const budget = environment.lookup(BUDGET_BINDING) as EvaluationBudget | undefined;
  if (budget === undefined) return;
  base[BUDGET] = budget;
  base.guardrails = () => {
    budget.step();
    // JSONata's own error shape (not an Error), so that its D1011 reaches the caller as JSONata reports it.
    // eslint-disable-next-line @typescript-eslint/only-throw-error
    if (base.depth > MAX_DEPTH) throw { code: 'D1011', value: MAX_DEPTH, stack: new Error().stack };
  };
  // The range operator checks `options.sequence` before it allocates.
  base.options = { ...base.options, sequence: budget.remaining };
  for (const [name, wrap] of CHECKED) {
    const original = environment.lookup(name) as JsonataFunction | undefined;
    if (original?._jsonata_function !== true) continue;
    let checked = wrapped.get(original);
    if (checked === undefined) wrapped.set(original, (checked = wrap(original)));
    base.bind(name, checked);
  }
}

function onStepExit(expr: { type: string }, _input: unknown, environment: Frame, result: unknown): void {
  const budget = environment.base[BUDGET];
  if (budget !== undefined && result !== undefined && BUILDERS.has(expr.type)) budget.charge(result);
}

/** The budget of the evaluation a function runs in. */
export const budgetOf = (focus: { environment: unknown }): EvaluationBudget | undefined =>
  (focus.environment as Frame).base[BUDGET];

/** A built-in that first reserves what `size` says it will build. */
const reserving =
  (size: (args: unknown[], budget: EvaluationBudget) => number) =>
  (original: JsonataFunction): JsonataFunction => ({
    ...original,
    implementation(...args) {
      const budget = budgetOf(this);
      if (budget) budget.reserve(size(args, budget));
      return original.implementation.apply(this, args);
    },
  });

const text = (value: unknown): number => (typeof value === 'string' ? value.length : 0);
const growth = (factor: number) => reserving((args) => text(args[0]) * factor);

const CHECKED: [string, (original: JsonataFunction) => JsonataFunction][] = [
  ['pad', reserving((args) => (typeof args[1] === 'number' ? Math.abs(args[1]) : 0))],
  [
    'join',
    reserving((args) => {
      const items = Array.isArray(args[0]) ? args[0] : [args[0]];
      return items.reduce<number>((total, item) => total + text(item), 0) + text(args[1]) * items.length;
    }),
  ],
  ['string', reserving((args, budget) => expandedSize(args[0], budget.remaining))],
  ['replace', reserving(replacedSize)],
  ['encodeUrl', growth(9)],
  ['encodeUrlComponent', growth(9)],
  ['base64encode', growth(4)],
  ['uppercase', growth(3)],
  ['lowercase', growth(3)],
  ['distinct', distinctChecked],
];

/** The built-ins are the same objects for every expression: wrap each once. */
const wrapped = new WeakMap<JsonataFunction, JsonataFunction>();

type Matcher = (text: string) => { start: number; end: number; next(): ReturnType<Matcher> } | undefined;

/** An upper bound of `$replace`'s result, counting the matches only when the quick bound is too big. */
function replacedSize(args: unknown[], budget: EvaluationBudget): number {
  const [subject, pattern, replacement, limit] = args;
  if (typeof subject !== 'string' || typeof replacement !== 'string') return 0;
  const quick = subject.length + (subject.length + 1) * replacement.length;
  if (quick <= budget.remaining) return quick;
  const most = typeof limit === 'number' ? limit : Infinity;
  let matches = 0;
  if (typeof pattern === 'string' && pattern !== '') {
    for (
      let at = subject.indexOf(pattern);
      at >= 0 && matches < most;
      at = subject.indexOf(pattern, at + pattern.length)
    )
      matches++;
  } else if (typeof pattern === 'function') {
    for (let match = (pattern as Matcher)(subject); match && matches < most; match = match.next()) matches++;
  }
  const references = replacement.split('$').length - 1;
  return subject.length + matches * replacement.length + references * subject.length;
}

/** `$distinct` compares every pair: fine for primitives through a Set, refused for many objects. */
function distinctChecked(original: JsonataFunction): JsonataFunction {
  return {
    ...original,
    implementation(...args) {
      const [items] = args;
      if (!Array.isArray(items) || items.length <= 10_000) return original.implementation.apply(this, args);
      if (items.some((item) => typeof item === 'object' && item !== null)) {
        const budget = budgetOf(this);
        throw new BudgetExceeded('jsonataSteps', budget?.limits.jsonataSteps ?? 0);
      }
      const distinct = [...new Set(items)];
      return Object.assign(distinct, { sequence: (items as { sequence?: boolean }).sequence === true });
    },
  };
}
