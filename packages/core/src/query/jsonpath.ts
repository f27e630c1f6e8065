/**
 * JSONPath as ASL uses it: `$...` reads the state's data, `$$...` the context object and
 * `$name...` a variable. One parser (jsonpath/parse.ts, Jayway's grammar, which AWS evaluates
 * with) serves the validator, the compile step, Choice rules, intrinsics and breakpoints, so
 * they cannot disagree. Paths compile once per definition. Reference paths (one name or index
 * per step) compile to a direct walk, which is also what ResultPath writes through; every other
 * path runs on aslkit's own Jayway evaluator (jsonpath/evaluate.ts), whose filters are data,
 * never JavaScript.
 */
import { hasOwn, type Json } from '../json.js';
import { runtimeError } from '../errors/states-error.js';
import { isDefinitePath, type PathToken } from './jsonpath/ast.js';
import { evaluateTokens, PathBudgetExceeded, PathNotFound, ReadContext } from './jsonpath/evaluate.js';
import { parseTokens, PathCursor } from './jsonpath/parse.js';
import { PathSyntaxError } from './jsonpath/syntax-error.js';

export { PathSyntaxError };

export type PathLookup = { found: true; value: Json } | { found: false };

export interface VariableReader {
  get(name: string): PathLookup;
}

/** What a path can read: `$` the state data, `$$` the context object, `$name` a variable. */
export interface PathData {
  input: Json;
  context: Json;
  variables?: VariableReader;
}

export type PathRoot = 'input' | 'context' | 'variable';
export type PathSegment = string | number;

export interface CompiledPath {
  readonly source: string;
  readonly root: PathRoot;
  /** Variable name for `$name` paths. */
  readonly variable?: string;
  /**
   * Names and indexes of a reference path (one name or index per step, as ResultPath and the
   * `*Path` fields require); `undefined` for any other path.
   */
  readonly segments?: readonly PathSegment[];
  /** True for paths that can match several values; their result is always an array. */
  readonly indefinite: boolean;
  read(data: PathData): PathLookup;
  /** Jayway's normalized form (`$['a'][0]`), used in AWS's error messages. */
  readonly normalized: string;
  /**
   * Why the path found nothing in `data`, in Jayway's words as AWS passes them on:
   * `Missing property in path $['a']` when a property before the last is missing, else
   * `No results for path: $['a']['b']`.
   */
  miss(data: PathData): string;
}

const NOT_FOUND: PathLookup = { found: false };
const VARIABLE_HEAD = /^\$([A-Za-z_\p{L}][\w\p{L}\p{N}]*)/u;
const cache = new Map<string, CompiledPath>();

/** Compiles (and caches) a path. Throws `PathSyntaxError` when AWS would refuse it. */
export function compilePath(source: string): CompiledPath {
  let compiled = cache.get(source);
  if (!compiled) {
    compiled = compileUncached(source);
    if (cache.size > 10_000) cache.clear();
    cache.set(source, compiled);
  }
  return compiled;
}

function compileUncached(source: string): CompiledPath {
  if (typeof source !== 'string' || !source.startsWith('$'))
    throw new PathSyntaxError(String(source), "a path must start with '$'");
  let root: PathRoot = 'input';
  let variable: string | undefined;
  let head = '$';
  if (source.startsWith('$$')) {
    root = 'context';
    head = '$$';
  } else {
    const match = VARIABLE_HEAD.exec(source);
    if (match) {
      root = 'variable';
      variable = match[1]!;
      head = match[0];
    }
  }
  const tokens = simpleTokens(source, head.length) ?? parseTokens(new PathCursor(source, head.length));
  const segments = referenceSegments(tokens);
  const path = new Path(source, root, variable, tokens, head + tokens.map(fragment).join(''));
  return segments ? new ReferencePath(path, segments) : path;
}

/** `.name` and `[0]` steps, the bulk of real paths, read without the full parser. */
const SIMPLE_STEPS = /^(?:\.[A-Za-z0-9_$-]+|\[\d{1,9}\])*$/;
const SIMPLE_STEP = /\.([A-Za-z0-9_$-]+)|\[(\d+)\]/g;

function simpleTokens(source: string, from: number): PathToken[] | undefined {
  const rest = source.slice(from);
  if (!SIMPLE_STEPS.test(rest)) return undefined;
  const tokens: PathToken[] = [];
  for (const [, name, index] of rest.matchAll(SIMPLE_STEP))
    tokens.push(name !== undefined ? { kind: 'property', names: [name] } : { kind: 'index', indexes: [Number(index)] });
  return tokens;
}

function referenceSegments(tokens: readonly PathToken[]): PathSegment[] | undefined {
  const segments: PathSegment[] = [];
  for (const token of tokens) {
    if (token.kind === 'property' && token.names.length === 1) segments.push(token.names[0]!);
    else if (token.kind === 'index' && token.indexes.length === 1) segments.push(token.indexes[0]!);
    else return undefined;
  }
  return segments;
}

/** Jayway's text for one token in a normalized path. */
function fragment(token: PathToken): string {
  switch (token.kind) {
    case 'property':
      return `[${token.names.map((name) => `'${name}'`).join(',')}]`;
    case 'index':
      return `[${token.indexes.join(',')}]`;
    case 'slice':
      return `[${token.from ?? ''}:${token.to ?? ''}]`;
    case 'wildcard':
      return '[*]';
    case 'scan':
      return '..';
    case 'filter':
      return '[?]';
    case 'function':
      return `.${token.name}(${token.args})`;
  }
}

/** A path's root value; `MISSING` for an unassigned variable. */
const MISSING = Symbol('missing');
function rootValue(data: PathData, root: PathRoot, variable: string | undefined): Json | typeof MISSING {
  if (root === 'input') return data.input;
  if (root === 'context') return data.context;
  const lookup = data.variables?.get(variable!);
  return lookup?.found ? lookup.value : MISSING;
}

/** Walks names and indexes; own properties only, so `__proto__` or `constructor` never leak. */
export function walk(value: Json, segments: readonly PathSegment[]): PathLookup {
  let current: Json = value;
  for (const segment of segments) {
    if (typeof segment === 'number') {
      if (!Array.isArray(current)) return NOT_FOUND;
      const index = segment < 0 ? current.length + segment : segment;
      if (index < 0 || index >= current.length) return NOT_FOUND;
      current = current[index]!;
    } else {
      if (current === null || typeof current !== 'object' || Array.isArray(current) || !hasOwn(current, segment))
        return NOT_FOUND;
      current = current[segment]!;
    }
  }
  return { found: true, value: current };
}

export const normalizePath = (head: string, segments: readonly PathSegment[]): string =>
  head + segments.map((s) => (typeof s === 'number' ? `[${s}]` : `['${s}']`)).join('');

/** Any path: evaluated by the Jayway evaluator. */
class Path implements CompiledPath {
  readonly indefinite: boolean;

  constructor(
    readonly source: string,
    readonly root: PathRoot,
    readonly variable: string | undefined,
    readonly tokens: readonly PathToken[],
    readonly normalized: string,
  ) {
    this.indefinite = !isDefinitePath(tokens);
  }

  read(data: PathData): PathLookup {
    const base = rootValue(data, this.root, this.variable);
    if (base === MISSING) return NOT_FOUND;
    let results: Json[];
    try {
      results = this.evaluate(base);
    } catch (error) {
      if (error instanceof PathNotFound) return NOT_FOUND;
      throw error;
    }
    if (this.indefinite) return { found: true, value: results };
    return results.length > 0 ? { found: true, value: results[0]! } : NOT_FOUND;
  }

  miss(data: PathData): string {
    const base = rootValue(data, this.root, this.variable);
    if (base !== MISSING) {
      try {
        this.evaluate(base);
      } catch (error) {
        if (error instanceof PathNotFound && error.missingPropertyAt !== undefined)
          return `Missing property in path ${this.head()}${error.missingPropertyAt.slice(1)}`;
        if (!(error instanceof PathNotFound)) throw error;
      }
    }
    return `No results for path: ${this.normalized}`;
  }

  private head(): string {
    return this.root === 'context' ? '$$' : this.root === 'variable' ? `$${this.variable}` : '$';
  }

  private evaluate(base: Json): Json[] {
    try {
      // An indefinite path never fails on a missing property: AWS gives `[]` for `$.missing[*]`.
      return evaluateTokens(this.tokens, base, new ReadContext(base), !this.indefinite);
    } catch (error) {
      if (error instanceof PathBudgetExceeded) throw runtimeError(`Invalid path '${this.source}' : ${error.message}`);
      // Deep enough data overflows the stack in `..`; fail the state, not the host.
      if (error instanceof RangeError)
        throw runtimeError(`Invalid path '${this.source}' : the data is nested too deeply to evaluate the path`);
      throw error;
    }
  }
}

/** A reference path: a direct walk, no allocation beyond the lookup result. */
class ReferencePath implements CompiledPath {
  readonly source: string;
  readonly root: PathRoot;
  readonly variable: string | undefined;
  readonly normalized: string;
  readonly indefinite = false;

  constructor(
    private readonly path: Path,
    readonly segments: readonly PathSegment[],
  ) {
    this.source = path.source;
    this.root = path.root;
    this.variable = path.variable;
    this.normalized = path.normalized;
  }

  read(data: PathData): PathLookup {
    const base = rootValue(data, this.root, this.variable);
    if (base === MISSING) return NOT_FOUND;
    return this.segments.length === 0 ? { found: true, value: base } : walk(base, this.segments);
  }

  miss(data: PathData): string {
    return this.path.miss(data);
  }
}

/** True when the string could only be meant as a path (`$`, `$.x`, `$$.x`, `$var`). */
export const looksLikePath = (text: string): boolean => text.startsWith('$');
