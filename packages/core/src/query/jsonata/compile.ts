/**
 * Compiles a JSONata expression once: parse, install the Step Functions function library,
 * and note which variables it reads. Compiled expressions are cached by text and shared,
 * because one `evaluate()` keeps all of its state in a frame of its own.
 */
import jsonata from 'jsonata';
import { referencedVariables, repeatsWork, rootContextReference } from './ast.js';
import { installStepFunctionsLibrary } from './functions.js';
import { installBudgetHooks } from './guard.js';
import { compileDirect, type DirectEvaluator } from './direct.js';
import { LinearRegExp } from '../regex/linear-regex.js';

/** A JSONata syntax error, with JSONata's code (`S0201`...) and the 0-based offset in the expression. */
export class JsonataSyntaxError extends Error {
  constructor(
    readonly code: string,
    readonly position: number,
    message: string,
  ) {
    super(message);
    this.name = 'JsonataSyntaxError';
  }
}

export interface CompiledJsonata {
  /** The expression text (between `{%` and `%}`, trimmed). */
  readonly body: string;
  /** Variables the expression reads (`$name`), `states` included; only these are bound per evaluation. */
  readonly variables: readonly string[];
  /** `$` or `$$` read at the top level, which AWS refuses. */
  readonly rootReference?: '$' | '$$';
  /** Evaluates with no input document and the given bindings. */
  evaluate(bindings: Record<string, unknown>): Promise<unknown>;
  /** The synchronous evaluator of small expressions (direct.ts), when this one is such. */
  readonly direct?: DirectEvaluator;
}

/**
 * JSONata's own depth limit (D1011) for runaway recursion; each evaluation replaces it with its
 * budget (guard.ts), which keeps the same depth limit. Regexes run on RE2, in linear time.
 */
const OPTIONS = { stack: 10_000, RegexEngine: LinearRegExp as unknown as RegExpConstructor };

/** Bounds the cache for hosts that compile many machines; entries are cheap to rebuild. */
const MAX_CACHED = 4096;
const cache = new Map<string, CompiledJsonata>();

/** Compiles (or reuses) `body`. Throws `JsonataSyntaxError` when it does not parse. */
export function compileJsonata(body: string): CompiledJsonata {
  const cached = cache.get(body);
  if (cached) return cached;
  let expression: jsonata.Expression;
  try {
    expression = jsonata(body, OPTIONS);
  } catch (error) {
    const { code, position, message } = error as { code?: string; position?: number; message?: string };
    throw new JsonataSyntaxError(code ?? 'S0000', position ?? 0, message ?? String(error));
  }
  installStepFunctionsLibrary(expression);
  const ast = expression.ast();
  installBudgetHooks(expression, repeatsWork(ast));
  const rootReference = rootContextReference(ast);
  const direct = compileDirect(ast);
  const compiled: CompiledJsonata = {
    body,
    variables: referencedVariables(ast),
    ...(rootReference ? { rootReference } : {}),
    ...(direct ? { direct } : {}),
    // The states have no JSONata input document: only `$states` and variables (AWS §7).
    evaluate: (bindings) => expression.evaluate(undefined, bindings),
  };
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(body, compiled);
  return compiled;
}
