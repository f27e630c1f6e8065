/**
 * JSONPath as ASL uses it: `$...` reads the state's data, `$$...` the context object and
 * `$name...` a variable. Paths compile once per definition. Definite paths (names and
 * indexes only) compile to a direct walk, which is also what ResultPath writes through;
 * anything richer (wildcards, filters, slices, unions, `..`) is handed to jsonpath-plus
 * with its safe evaluator, never `eval`, and yields the array of matches as Jayway does.
 */
import { JSONPath } from 'jsonpath-plus';
import { hasOwn, type Json } from '../json.js';
import { ErrorName, StatesError } from '../errors/states-error.js';

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
  /** Segments after the root when the path is definite; `undefined` when it is not. */
  readonly segments?: readonly PathSegment[];
  /** True for paths that can match several values; their result is always an array. */
  readonly indefinite: boolean;
  read(data: PathData): PathLookup;
  /** Jayway's normalized form (`$['a'][0]`), used in AWS's error messages. */
  readonly normalized: string;
}

export class PathSyntaxError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`Invalid JSONPath '${path}': ${reason}`);
    this.name = 'PathSyntaxError';
  }
}

const NOT_FOUND: PathLookup = { found: false };
const VARIABLE_HEAD = /^\$([A-Za-z_\p{L}][\w\p{L}\p{N}]*)/u;
const cache = new Map<string, CompiledPath>();

/** Compiles (and caches) a path. Throws `PathSyntaxError` when it cannot be a path. */
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
  let rest: string;
  if (source.startsWith('$$')) {
    root = 'context';
    rest = source.slice(2);
  } else {
    const head = VARIABLE_HEAD.exec(source);
    if (head) {
      root = 'variable';
      variable = head[1]!;
      rest = source.slice(head[0].length);
    } else rest = source.slice(1);
  }
  const segments = parseDefiniteSegments(source, rest);
  if (segments) return definitePath(source, root, variable, segments);
  return indefinitePath(source, root, variable, rest);
}

/** Parses `.name`, `['name']`, `["name"]` and `[n]` segments; `undefined` if anything else appears. */
function parseDefiniteSegments(source: string, rest: string): PathSegment[] | undefined {
  const segments: PathSegment[] = [];
  let i = 0;
  while (i < rest.length) {
    const ch = rest[i];
    if (ch === '.') {
      if (rest[i + 1] === '.' || rest[i + 1] === '*') return undefined;
      let end = i + 1;
      while (end < rest.length && rest[end] !== '.' && rest[end] !== '[') end++;
      const name = rest.slice(i + 1, end);
      if (name === '') throw new PathSyntaxError(source, `empty name at offset ${i + 1}`);
      if (/[*?()@,:'"\s]/.test(name) || name.endsWith('()')) return undefined;
      segments.push(name);
      i = end;
    } else if (ch === '[') {
      const close = findClosingBracket(source, rest, i);
      const inner = rest.slice(i + 1, close).trim();
      const quoted = /^'((?:[^'\\]|\\.)*)'$|^"((?:[^"\\]|\\.)*)"$/.exec(inner);
      if (quoted)
        segments.push(quoted[1] !== undefined ? unescapeQuote(quoted[1], "'") : unescapeQuote(quoted[2] ?? '', '"'));
      else if (/^-?\d+$/.test(inner)) segments.push(Number(inner));
      else return undefined;
      i = close + 1;
    } else {
      throw new PathSyntaxError(source, `unexpected '${ch}' at offset ${i + (source.length - rest.length)}`);
    }
  }
  return segments;
}

function findClosingBracket(source: string, rest: string, open: number): number {
  let quote: string | undefined;
  let depth = 0;
  for (let j = open; j < rest.length; j++) {
    const c = rest[j];
    if (quote) {
      if (c === '\\') j++;
      else if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return j;
  }
  throw new PathSyntaxError(source, "unclosed '['");
}

/** Jayway unescapes only the quote that delimits the name; other backslashes stay (conformance: ESCAPE_SEQUENCES_JSONPATH). */
const unescapeQuote = (text: string, quote: string): string => text.split(`\\${quote}`).join(quote);

/** A path's root value; `MISSING` for an unassigned variable. No lookup object: paths are read per state. */
const MISSING = Symbol('missing');
function rootValue(data: PathData, root: PathRoot, variable: string | undefined): Json | typeof MISSING {
  if (root === 'input') return data.input;
  if (root === 'context') return data.context;
  const lookup = data.variables?.get(variable!);
  return lookup?.found ? lookup.value : MISSING;
}

/** Walks definite segments; own properties only, so `__proto__` or `constructor` never leak. */
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

function definitePath(
  source: string,
  root: PathRoot,
  variable: string | undefined,
  segments: PathSegment[],
): CompiledPath {
  const head = root === 'context' ? '$$' : root === 'variable' ? `$${variable}` : '$';
  return {
    source,
    root,
    variable,
    segments,
    indefinite: false,
    normalized: normalizePath(head, segments),
    read(data) {
      const base = rootValue(data, root, variable);
      if (base === MISSING) return NOT_FOUND;
      return segments.length === 0 ? { found: true, value: base } : walk(base, segments);
    },
  };
}

function indefinitePath(source: string, root: PathRoot, variable: string | undefined, rest: string): CompiledPath {
  const expression = '$' + rest;
  // Validate the syntax once, at compile time, so a broken filter fails the definition, not the run.
  try {
    JSONPath({ path: expression, json: {}, eval: 'safe', wrap: true });
  } catch (error) {
    throw new PathSyntaxError(source, error instanceof Error ? error.message : String(error));
  }
  return {
    source,
    root,
    variable,
    indefinite: true,
    normalized: source,
    read(data) {
      const base = rootValue(data, root, variable);
      if (base === MISSING) return NOT_FOUND;
      if (base === null || typeof base !== 'object') return { found: true, value: [] };
      let matches: Json[] | undefined;
      try {
        matches = JSONPath({ path: expression, json: base, eval: 'safe', wrap: true }) as Json[] | undefined;
      } catch (error) {
        // A filter the safe evaluator refuses at run time (calls, prototype walks) fails the state, not aslkit.
        throw new StatesError(
          ErrorName.Runtime,
          `Invalid path '${source}': ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      return { found: true, value: matches ?? [] };
    },
  };
}

/** True when the string could only be meant as a path (`$`, `$.x`, `$$.x`, `$var`). */
export const looksLikePath = (text: string): boolean => text.startsWith('$');
