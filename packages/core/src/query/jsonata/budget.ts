/**
 * Budgets for one JSONata evaluation: steps (deterministic), wall-clock time (a backstop for
 * single steps that run long) and the size of the values it builds. JSONata itself has none,
 * so `[0..9999].([0..19999])` grows to gigabytes and `$pad('', 3e8)` aborts the host process outright.
 *
 * How they are enforced: the first evaluation step of every evaluation replaces JSONata's
 * per-step `guardrails` with a counter and then unhooks itself (no cost per step); an exit
 * hook charges every string, array and object an operator or function builds, each object
 * once (a WeakSet), by its expanded size, so shared structure (`[$a, $a]` nested 40 times)
 * cannot hide an exponential value from `$string`, `=` or the final copy to JSON. Functions
 * that build a large value in one step are checked before they run.
 */
import { wallClockNow } from '../../runtime/clock.js';

/** Limits on the query languages; `limits.queryBudgets` in StartOptions overrides any of them. */
export interface QueryBudgets {
  /** JSONata evaluation steps per field (default 300,000: about a third of a second). */
  jsonataSteps: number;
  /** Wall-clock milliseconds per JSONata field (default 500). Time never decides a result that succeeds. */
  jsonataMilliseconds: number;
  /**
   * Size of the values one JSONata evaluation builds: characters of strings plus items of arrays
   * plus entries of objects, shared parts counted as often as they appear (default 5,000,000).
   */
  jsonataValueSize: number;
}

export const DEFAULT_QUERY_BUDGETS: QueryBudgets = {
  jsonataSteps: 300_000,
  jsonataMilliseconds: 500,
  jsonataValueSize: 5_000_000,
};

/** Fills the budgets a host left out with the defaults. */
export const resolveQueryBudgets = (partial: Partial<QueryBudgets> | undefined): QueryBudgets =>
  partial === undefined ? DEFAULT_QUERY_BUDGETS : { ...DEFAULT_QUERY_BUDGETS, ...partial };

export type BudgetName = keyof QueryBudgets;

/** Thrown inside an evaluation when a budget runs out; the field fails with States.QueryEvaluationError. */
export class BudgetExceeded extends Error {
  constructor(
    readonly budget: BudgetName,
    readonly limit: number,
  ) {
    super(budgetText(budget, limit));
    this.name = 'BudgetExceeded';
  }
}

const budgetText = (budget: BudgetName, limit: number): string => {
  switch (budget) {
    case 'jsonataSteps':
      return `The evaluation exceeded aslkit's budget of ${limit} JSONata steps (limits.queryBudgets.jsonataSteps).`;
    case 'jsonataMilliseconds':
      return `The evaluation exceeded aslkit's budget of ${limit} ms (limits.queryBudgets.jsonataMilliseconds).`;
    case 'jsonataValueSize':
      return `The evaluation built values larger than aslkit's budget of ${limit} characters and items (limits.queryBudgets.jsonataValueSize).`;
  }
};

/** Expanded sizes of values, memoized: values are never mutated once built. */
const sizes = new WeakMap<object, number>();

/** The state of one evaluation. */
export class EvaluationBudget {
  private steps = 0;
  private built = 0;
  private readonly started = wallClockNow();
  private readonly charged = new WeakSet<object>();

  constructor(readonly limits: QueryBudgets) {}

  /** Called before every evaluation step. */
  step(): void {
    if (++this.steps > this.limits.jsonataSteps) throw new BudgetExceeded('jsonataSteps', this.limits.jsonataSteps);
    if ((this.steps & 255) === 0 && wallClockNow() - this.started > this.limits.jsonataMilliseconds)
      throw new BudgetExceeded('jsonataMilliseconds', this.limits.jsonataMilliseconds);
  }

  /** What may still be built. */
  get remaining(): number {
    return this.limits.jsonataValueSize - this.built;
  }

  /** Fails before a function builds `size` more. */
  reserve(size: number): void {
    if (!(size <= this.remaining)) throw new BudgetExceeded('jsonataValueSize', this.limits.jsonataValueSize);
  }

  /** Charges a value an operator or a function produced. */
  charge(value: unknown): void {
    if (typeof value === 'string') this.add(value.length);
    else if (isContainer(value) && !this.charged.has(value)) {
      this.charged.add(value);
      // The cheap count first; the walk (for shared structure) only for what fits.
      this.add(ownSize(value));
      if (expandedSize(value, this.limits.jsonataValueSize) > this.limits.jsonataValueSize)
        throw new BudgetExceeded('jsonataValueSize', this.limits.jsonataValueSize);
    }
  }

  private add(size: number): void {
    this.built += size;
    if (this.built > this.limits.jsonataValueSize)
      throw new BudgetExceeded('jsonataValueSize', this.limits.jsonataValueSize);
  }
}

type Container = unknown[] | Record<string, unknown>;

/** Plain arrays and objects; JSONata's functions, lambdas and regex closures are not data. */
function isContainer(value: unknown): value is Container {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return true;
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return false;
  const marked = value as { _jsonata_function?: unknown; _jsonata_lambda?: unknown };
  return marked._jsonata_function !== true && marked._jsonata_lambda !== true;
}

const ownSize = (value: Container): number => (Array.isArray(value) ? value.length : Object.keys(value).length);

/** The size of `value` written out (shared parts counted each time); stops counting past `cap`. */
export function expandedSize(value: unknown, cap: number): number {
  if (typeof value === 'string') return value.length;
  if (!isContainer(value)) return 1;
  const known = sizes.get(value);
  if (known !== undefined) return known;
  let size = ownSize(value);
  const items = Array.isArray(value) ? value : Object.values(value);
  for (const item of items) {
    if (size > cap) break;
    size += expandedSize(item, cap);
  }
  // A count stopped at `cap` is only a lower bound: keep it for this call, not for later ones.
  if (size <= cap) sizes.set(value, size);
  return size;
}
