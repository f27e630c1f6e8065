/**
 * Evaluates parsed path tokens over JSON the way Jayway JsonPath does (AWS's evaluator):
 * objects are read through own properties only; a missing property under a definite path is
 * "Missing property in path $['a']"; `..` visits a node before its children, in key order;
 * slices follow Jayway (`[1:-1]` is empty, `[-2:]` the last two); a filter on an object tests
 * the object itself. Every visit counts against a budget, so `$..*..*` on deep input ends.
 */
import { hasOwn, isJsonObject, setOwn, type Json, type JsonObject } from '../../json.js';
import type { FilterPath, PathToken } from './ast.js';
import { isDefiniteToken } from './ast.js';
import { acceptsItem } from './filter-evaluate.js';

/** Nodes one read may visit (results included) before it fails: far beyond any 256 KiB document. */
export const MAX_PATH_VISITS = 2_000_000;

/** Jayway's PathNotFoundException: the read stops here. */
export class PathNotFound extends Error {
  constructor(readonly missingPropertyAt?: string) {
    super(missingPropertyAt === undefined ? 'No results' : `Missing property in path ${missingPropertyAt}`);
    this.name = 'PathNotFound';
  }
}

export class PathBudgetExceeded extends Error {
  constructor() {
    super(`the path visited more than ${MAX_PATH_VISITS} values`);
    this.name = 'PathBudgetExceeded';
  }
}

/** State shared by one read and the filters it runs. */
export class ReadContext {
  visits = 0;
  /** Values of `$...` paths inside filters, computed once per read (Jayway caches them too). */
  readonly documentPaths = new Map<FilterPath, FilterPathValue>();

  constructor(
    /** The document `$` refers to inside filters. */
    readonly document: Json,
    /** REQUIRE_PROPERTIES: every missing property fails (existence checks). */
    readonly strict = false,
  ) {}

  visit(): void {
    if (++this.visits > MAX_PATH_VISITS) throw new PathBudgetExceeded();
  }
}

export const UNDEFINED = Symbol('undefined');
export type FilterPathValue = Json | typeof UNDEFINED;

/**
 * Every match of `tokens` from `start`, in Jayway's order. Throws `PathNotFound` where Jayway
 * throws (a missing property below a definite prefix, or any missing property when strict).
 */
export function evaluateTokens(
  tokens: readonly PathToken[],
  start: Json,
  context: ReadContext,
  /** False where a miss never fails: AWS returns `[]` for `$.missing[*]` (conformance base__json_path_array_wildcard_or_slice_with_no_input-*). */
  failOnMiss = true,
): Json[] {
  const results: Json[] = [];
  new Walker(tokens, context, results).step(0, start, '$', failOnMiss);
  return results;
}

class Walker {
  constructor(
    private readonly tokens: readonly PathToken[],
    private readonly context: ReadContext,
    private readonly results: Json[],
  ) {}

  private emit(at: number, value: Json, path: string, definite: boolean): void {
    if (at === this.tokens.length - 1) {
      this.context.visit();
      this.results.push(value);
    } else this.step(at + 1, value, path, definite);
  }

  /** Applies token `at` to `node`; `definite` says whether every token before it was definite. */
  step(at: number, node: Json, path: string, definite: boolean): void {
    this.context.visit();
    const token = this.tokens[at];
    if (token === undefined) {
      this.results.push(node);
      return;
    }
    const leaf = at === this.tokens.length - 1;
    const next = definite && isDefiniteToken(token, leaf);
    switch (token.kind) {
      case 'property':
        return this.property(at, token.names, node, path, definite, leaf);
      case 'index':
        if (!Array.isArray(node)) return this.notFound(definite);
        for (const index of token.indexes) {
          const effective = index < 0 ? node.length + index : index;
          if (effective >= 0 && effective < node.length)
            this.emit(at, node[effective]!, next ? `${path}[${index}]` : '', next);
        }
        return;
      case 'slice':
        if (!Array.isArray(node)) return this.notFound(definite);
        for (const index of sliceIndexes(token.from, token.to, node.length)) this.emit(at, node[index]!, '', false);
        return;
      case 'wildcard':
        if (Array.isArray(node)) for (const item of node) this.emit(at, item, '', false);
        else if (isJsonObject(node)) for (const key of Object.keys(node)) this.emit(at, node[key]!, '', false);
        return;
      case 'scan':
        return this.scan(at + 1, node);
      case 'filter':
        if (Array.isArray(node)) {
          for (const item of node)
            if (acceptsItem(token.expression, item, this.context)) this.emit(at, item, '', false);
        } else if (isJsonObject(node) && acceptsItem(token.expression, node, this.context))
          this.emit(at, node, '', false);
        return;
      case 'function':
        // AWS finds nothing at a path ending in a function (`$.list.sum()` fails as not found).
        return;
    }
  }

  private notFound(definite: boolean): void {
    // Jayway throws for a non-container under a definite prefix; the read then finds nothing.
    if (definite || this.context.strict) throw new PathNotFound();
  }

  private property(
    at: number,
    names: readonly string[],
    node: Json,
    path: string,
    definite: boolean,
    leaf: boolean,
  ): void {
    if (!isJsonObject(node)) return this.notFound(definite);
    if (names.length > 1 && leaf) {
      // Several names at the end: one object of those present (Jayway's merge), a definite result.
      const merged: JsonObject = {};
      for (const name of names) {
        if (hasOwn(node, name)) setOwn(merged, name, node[name]!);
        else if (this.context.strict) throw new PathNotFound(`${path}['${name}']`);
      }
      this.emit(at, merged, '', definite);
      return;
    }
    const tokenDefinite = names.length === 1;
    for (const name of names) {
      const here = definite && tokenDefinite ? `${path}['${name}']` : '';
      if (!hasOwn(node, name)) {
        if (this.context.strict) throw new PathNotFound(here || `['${name}']`);
        if (!leaf && definite && tokenDefinite) throw new PathNotFound(here);
        continue;
      }
      this.emit(at, node[name]!, here, definite && tokenDefinite);
    }
  }

  /**
   * `..` then token `at`: Jayway visits a container before its children. Where the token
   * applies to an array and is not the last, Jayway hands each element to the token after it.
   */
  private scan(at: number, node: Json): void {
    this.context.visit();
    const token = this.tokens[at]!;
    const leaf = at === this.tokens.length - 1;
    if (Array.isArray(node)) {
      if (this.scanMatches(token, node, leaf)) {
        if (leaf) this.step(at, node, '', false);
        else for (const item of node) this.step(at + 1, item, '', false);
      }
      for (const item of node) this.scan(at, item);
    } else if (isJsonObject(node)) {
      if (this.scanMatches(token, node, leaf)) this.step(at, node, '', false);
      for (const key of Object.keys(node)) this.scan(at, node[key]!);
    }
  }

  private scanMatches(token: PathToken, node: Json[] | JsonObject, leaf: boolean): boolean {
    switch (token.kind) {
      case 'property':
        if (!isJsonObject(node)) return false;
        if (this.context.strict || (token.names.length > 1 && !leaf)) return true;
        return token.names.every((name) => hasOwn(node, name));
      case 'index':
      case 'slice':
        return Array.isArray(node);
      case 'wildcard':
        return true;
      case 'filter':
        return acceptsItem(token.expression, node, this.context);
      default:
        return false;
    }
  }
}

/** Jayway's slice indexes (negative indexes in `[from:to]` count from the end one by one). */
function* sliceIndexes(from: number | undefined, to: number | undefined, length: number): Generator<number> {
  if (length === 0) return;
  if (to === undefined) {
    const start = Math.max(0, from! < 0 ? length + from! : from!);
    for (let i = start; i < length; i++) yield i;
  } else if (from === undefined) {
    const end = Math.min(length, to < 0 ? length + to : to);
    for (let i = 0; i < end; i++) yield i;
  } else {
    const end = Math.min(length, to);
    // Indexes below -length select nothing; starting there keeps a huge negative start cheap.
    for (let i = Math.max(from, -length); i < end; i++) yield i < 0 ? length + i : i;
  }
}
