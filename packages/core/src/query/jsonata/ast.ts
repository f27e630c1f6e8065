/**
 * Facts read off a parsed JSONata expression once, at compile time: which `$name`
 * variables it reads (so only those are looked up and bound per evaluation) and whether
 * it uses `$` or `$$` at its top level, which AWS forbids because a state has no JSONata
 * input document (only `$states`).
 */
import type jsonata from 'jsonata';

/** The parser's node shape; `jsonata.d.ts` lists fewer node types than the parser makes (`path`, `bind`, `apply`...). */
interface Node {
  type: string;
  value?: unknown;
  [key: string]: unknown;
}

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';

/** Every `$name` the expression mentions (function names included), in first-seen order. */
export function referencedVariables(ast: jsonata.ExprNode): string[] {
  const names = new Set<string>();
  const seen = new Set<object>();
  const visit = (value: unknown): void => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    const node = value as Record<string, unknown>;
    if (node.type === 'variable' && typeof node.value === 'string' && node.value !== '' && node.value !== '$') {
      names.add(node.value);
    }
    for (const key of Object.keys(node)) visit(node[key]);
  };
  visit(ast);
  return [...names];
}

/**
 * `$` or `$$` when one is read against the expression's root context (not inside a
 * predicate, a later path step, a lambda or a sort term, where `$` is the current item).
 * Unknown node shapes count as nested, so the check never rejects a valid expression.
 */
export function rootContextReference(ast: jsonata.ExprNode): '$' | '$$' | undefined {
  let found: '$' | '$$' | undefined;
  const visit = (node: unknown): void => {
    if (found || !isNode(node)) return;
    switch (node.type) {
      case 'variable':
        if (node.value === '') found = '$';
        else if (node.value === '$') found = '$$';
        return;
      case 'path':
        // Only the first step reads the root context; later steps read the previous step's items.
        visit((node.steps as unknown[] | undefined)?.[0]);
        return;
      case 'binary':
      case 'apply':
      case 'bind':
        visit(node.lhs);
        visit(node.rhs);
        return;
      case 'unary':
        if (node.value === '-') visit(node.expression);
        else if (node.value === '[') ((node.expressions as unknown[] | undefined) ?? []).forEach(visit);
        else if (node.value === '{')
          for (const pair of (node.lhs as unknown[][] | undefined) ?? []) pair.forEach(visit);
        return;
      case 'function':
      case 'partial':
        visit(node.procedure);
        ((node.arguments as unknown[] | undefined) ?? []).forEach(visit);
        return;
      case 'condition':
        visit(node.condition);
        visit(node.then);
        visit(node.else);
        return;
      case 'block':
        ((node.expressions as unknown[] | undefined) ?? []).forEach(visit);
        return;
      default:
        return;
    }
  };
  visit(ast);
  return found;
}

/**
 * True when the expression can repeat work on values it computed itself (a lambda, a range,
 * `~>` or a partial application, a transform, or a path that maps a step over a sequence).
 * Only such expressions can build values much larger than their input, so only they pay for
 * value accounting (guard.ts); the others are linear in their input and bounded by steps.
 */
export function repeatsWork(ast: jsonata.ExprNode): boolean {
  let found = false;
  const seen = new Set<object>();
  const visit = (value: unknown, inPathStep: boolean): void => {
    if (found || typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const item of value) visit(item, inPathStep);
      return;
    }
    const node = value as Node;
    if (
      node.type === 'lambda' ||
      node.type === 'partial' ||
      node.type === 'apply' ||
      node.type === 'transform' ||
      (node.type === 'binary' && node.value === '..') ||
      (inPathStep && node.type !== 'name' && node.type !== 'wildcard' && node.type !== 'descendant')
    ) {
      found = true;
      return;
    }
    if (node.type === 'path') {
      const steps = (node.steps as unknown[] | undefined) ?? [];
      steps.forEach((step, i) => visit(step, i > 0));
      for (const key of Object.keys(node)) if (key !== 'steps') visit(node[key], false);
      return;
    }
    for (const key of Object.keys(node)) visit(node[key], false);
  };
  visit(ast, false);
  return found;
}
