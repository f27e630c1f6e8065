/**
 * Breakpoints: stop when a state is entered or exits, optionally only when a JSONPath over
 * the state's input finds something truthy. Conditions are compiled once, when set.
 */
import type { Json } from '../json.js';
import { compilePath, PathSyntaxError, type CompiledPath } from '../query/jsonpath.js';
import { UsageError } from '../errors/aslkit-error.js';
import { ErrorCode } from '../errors/error-codes.js';

export interface Breakpoint {
  stateName: string;
  on: 'enter' | 'exit';
  /**
   * A JSONPath over the state's input (`$.amount`, `$.lines[?(@.qty > 3)]`). The breakpoint
   * holds when the path finds a value other than false, null, 0 or "" (for a filter or
   * wildcard: at least one match).
   */
  condition?: string;
}

interface CompiledBreakpoint {
  readonly breakpoint: Breakpoint;
  readonly path?: CompiledPath;
}

/** Breakpoints compiled for fast matching at every state transition. */
export class BreakpointSet {
  private readonly byState = new Map<string, CompiledBreakpoint[]>();
  readonly list: readonly Breakpoint[];

  /** @throws UsageError (code `ASLKIT_INVALID_BREAKPOINT`) naming the breakpoint that is malformed. */
  constructor(breakpoints: readonly Breakpoint[]) {
    const list: Breakpoint[] = [];
    breakpoints.forEach((breakpoint, index) => {
      const compiled = compileBreakpoint(breakpoint, index);
      list.push(compiled.breakpoint);
      const key = `${compiled.breakpoint.on}:${compiled.breakpoint.stateName}`;
      const bucket = this.byState.get(key) ?? [];
      bucket.push(compiled);
      this.byState.set(key, bucket);
    });
    this.list = Object.freeze(list);
  }

  /** The first breakpoint that holds at this transition, if any. */
  hit(stateName: string, on: 'enter' | 'exit', input: Json): Breakpoint | undefined {
    const bucket = this.byState.get(`${on}:${stateName}`);
    if (!bucket) return undefined;
    return bucket.find((compiled) => !compiled.path || holds(compiled.path, input))?.breakpoint;
  }
}

function compileBreakpoint(breakpoint: Breakpoint, index: number): CompiledBreakpoint {
  const invalid = (why: string) => new UsageError(ErrorCode.InvalidBreakpoint, `Breakpoint ${index} ${why}`);
  if (typeof breakpoint !== 'object' || breakpoint === null) throw invalid('must be an object');
  const { stateName, on, condition } = breakpoint;
  if (typeof stateName !== 'string' || stateName === '') throw invalid('needs a stateName');
  if (on !== 'enter' && on !== 'exit') throw invalid(`has on: ${JSON.stringify(on)}; expected "enter" or "exit"`);
  if (condition === undefined) return { breakpoint: { stateName, on } };
  if (typeof condition !== 'string') throw invalid('has a condition that is not a string');
  try {
    return { breakpoint: { stateName, on, condition }, path: compilePath(condition) };
  } catch (error) {
    if (error instanceof PathSyntaxError)
      throw invalid(`has an invalid condition ${JSON.stringify(condition)}: ${error.message}`);
    throw error;
  }
}

/** `$$` paths find nothing here: a breakpoint sees the state's input only. */
function holds(path: CompiledPath, input: Json): boolean {
  const read = path.read({ input, context: {} });
  if (!read.found) return false;
  const value = read.value;
  if (path.indefinite) return Array.isArray(value) && value.length > 0;
  return value !== false && value !== null && value !== 0 && value !== '';
}
