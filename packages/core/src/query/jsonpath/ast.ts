/**
 * The parsed form of a JSONPath as Jayway JsonPath (the library AWS evaluates paths with)
 * reads it: a root followed by tokens. Filters are parsed too, so nothing in a path is
 * ever handed to a JavaScript evaluator.
 */

/** `name`, `['name']` or `['a','b']` (several names: merged into one object at the end of a path). */
export interface PropertyToken {
  readonly kind: 'property';
  readonly names: readonly string[];
}

/** `[0]` or `[0,-1]`. */
export interface IndexToken {
  readonly kind: 'index';
  readonly indexes: readonly number[];
}

/** `[from:to]`, `[from:]`, `[:to]` (Jayway reads no step: a third part is ignored). */
export interface SliceToken {
  readonly kind: 'slice';
  readonly from?: number;
  readonly to?: number;
}

export interface WildcardToken {
  readonly kind: 'wildcard';
}

/** `..`: the next token is applied at every level below, in Jayway's order. */
export interface ScanToken {
  readonly kind: 'scan';
}

export interface FilterToken {
  readonly kind: 'filter';
  readonly expression: FilterExpression;
}

/** `.name()` at the end of a path. */
export interface FunctionToken {
  readonly kind: 'function';
  readonly name: string;
  /** The argument text, `''` for none. */
  readonly args: string;
}

export type PathToken =
  PropertyToken | IndexToken | SliceToken | WildcardToken | ScanToken | FilterToken | FunctionToken;

/** A path inside a filter: `@...` (the item) or `$...` (the document). */
export interface FilterPath {
  readonly root: '@' | '$';
  readonly tokens: readonly PathToken[];
  readonly definite: boolean;
  readonly source: string;
}

export type FilterValue =
  | { readonly kind: 'path'; readonly path: FilterPath }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'null' }
  | { readonly kind: 'json'; readonly value: unknown }
  | { readonly kind: 'pattern'; readonly source: string; readonly matches: (text: string) => boolean };

export type RelationalOperator =
  | '=='
  | '!='
  | '==='
  | '!=='
  | '<'
  | '<='
  | '>'
  | '>='
  | '=~'
  | 'in'
  | 'nin'
  | 'subsetof'
  | 'anyof'
  | 'noneof'
  | 'size'
  | 'empty'
  | 'contains'
  | 'all';

export type FilterExpression =
  | { readonly kind: 'or'; readonly operands: readonly FilterExpression[] }
  | { readonly kind: 'and'; readonly operands: readonly FilterExpression[] }
  | { readonly kind: 'not'; readonly operand: FilterExpression }
  /** `@.x` alone: true when the path exists (`!@.x`: when it does not). */
  | { readonly kind: 'exists'; readonly path: FilterPath; readonly expected: boolean }
  | {
      readonly kind: 'compare';
      readonly left: FilterValue;
      readonly operator: RelationalOperator;
      readonly right: FilterValue;
    };

/** Jayway's function names (`PathFunctionFactory`). */
export const PATH_FUNCTIONS: ReadonlySet<string> = new Set([
  'min',
  'max',
  'avg',
  'stddev',
  'length',
  'sum',
  'keys',
  'concat',
  'append',
  'first',
  'last',
  'index',
]);
/** A token is definite when it selects at most one value (Jayway's `isTokenDefinite`). */
export function isDefiniteToken(token: PathToken, leaf: boolean): boolean {
  switch (token.kind) {
    case 'property':
      return token.names.length === 1 || leaf;
    case 'index':
      return token.indexes.length === 1;
    case 'function':
      return true;
    default:
      return false;
  }
}

export const isDefinitePath = (tokens: readonly PathToken[]): boolean =>
  tokens.every((token, i) => isDefiniteToken(token, i === tokens.length - 1));
