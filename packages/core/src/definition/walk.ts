/**
 * The one walk over a definition's scopes (the top level, each Parallel branch, each Map
 * processor) and their states, in document order, with one nesting limit. The validator's rule
 * context, the compile step, the graph model and coverage's definition index are built on it.
 *
 * The walk is a fold: each consumer says what a scope and a state become, and when (and whether)
 * to walk what they hold, so the compile step can build its nested scopes before the state that
 * owns them. Nothing here trusts a field's type: the walk also runs on definitions the schema
 * rejected and on imported ones.
 */
import { isJsonObject, MAX_JSON_DEPTH } from '../json.js';
import { pointerSegment, type Diagnostic } from './diagnostics.js';
import { tooDeeplyNested } from './depth.js';

/**
 * The deepest Parallel/Map nesting a definition within MAX_JSON_DEPTH can hold. Each level costs
 * at least three JSON levels (`States`, the state, its `ItemProcessor`), so a scope deeper than
 * this always sits inside more than MAX_JSON_DEPTH containers: the one limit, seen from scopes.
 * It also bounds the walk's recursion on values nobody checked with `findTooDeep`.
 */
export const MAX_SCOPE_DEPTH = Math.floor((MAX_JSON_DEPTH - 1) / 3);

/** Where a scope's object is held: the top level, a Parallel's `Branches`, or a Map's processor field. */
export type ScopeField = 'Branches' | 'ItemProcessor' | 'Iterator';

export interface ScopeAt {
  /** The scope as written: an object with `StartAt` and `States`, or anything else in a malformed definition. */
  readonly value: unknown;
  /** JSON pointer of the scope (`''` for the top level). */
  readonly pointer: string;
  /** 0 for the top level, +1 per Parallel/Map level. */
  readonly depth: number;
  /** The Parallel or Map state holding the scope. */
  readonly owner?: StateAt;
  readonly field?: ScopeField;
  /** The branch's index in `Branches` (Parallel). */
  readonly branch?: number;
}

export interface StateAt {
  readonly name: string;
  /** The state as written (any value in a malformed definition). */
  readonly value: unknown;
  readonly pointer: string;
  readonly scope: ScopeAt;
}

/** What a walk makes of each scope and state. */
export interface DefinitionWalk<S, T> {
  /** A scope within the limit; `states()` walks the states of its `States` object, in document order. */
  scope(scope: ScopeAt, states: () => T[]): S;
  /** A state; `nested()` walks the scopes it holds: Parallel branches, the Map processor. */
  state(state: StateAt, nested: () => S[]): T;
  /** A scope nested deeper than MAX_SCOPE_DEPTH; it is not walked. */
  tooDeep(scope: ScopeAt): S;
}

export interface WalkOptions {
  /**
   * Which processor of a Map to walk: `effective` (default), the one the engine runs
   * (`ItemProcessor` when present, else the older `Iterator`); `all`, both when both are there
   * (the validator checks each).
   */
  processors?: 'effective' | 'all';
}

/**
 * Walks `definition` from its top-level scope.
 * @example
 * const names: string[] = [];
 * walkDefinition(definition, {
 *   scope: (_scope, states) => void states(),
 *   state: (state, nested) => void (names.push(state.name), nested()),
 *   tooDeep: () => undefined,
 * });
 */
export function walkDefinition<S, T>(definition: unknown, walk: DefinitionWalk<S, T>, options: WalkOptions = {}): S {
  const all = options.processors === 'all';
  const visitScope = (scope: ScopeAt): S => {
    if (scope.depth > MAX_SCOPE_DEPTH) return walk.tooDeep(scope);
    return walk.scope(scope, () => {
      const states = isJsonObject(scope.value) ? scope.value['States'] : undefined;
      if (!isJsonObject(states)) return [];
      return Object.keys(states).map((name) => {
        const state: StateAt = {
          name,
          value: states[name],
          pointer: `${scope.pointer}/States/${pointerSegment(name)}`,
          scope,
        };
        return walk.state(state, () => nestedScopes(state, all).map(visitScope));
      });
    });
  };
  return visitScope({ value: definition, pointer: '', depth: 0 });
}

function nestedScopes(state: StateAt, all: boolean): ScopeAt[] {
  if (!isJsonObject(state.value)) return [];
  const fields = state.value;
  const depth = state.scope.depth + 1;
  const at = (field: ScopeField, value: unknown, pointer: string, branch?: number): ScopeAt => ({
    value,
    pointer,
    depth,
    owner: state,
    field,
    ...(branch === undefined ? {} : { branch }),
  });
  if (fields['Type'] === 'Parallel') {
    const branches = fields['Branches'];
    return Array.isArray(branches)
      ? branches.map((branch, i) => at('Branches', branch, `${state.pointer}/Branches/${i}`, i))
      : [];
  }
  if (fields['Type'] !== 'Map') return [];
  const processors = (['ItemProcessor', 'Iterator'] as const).filter((field) => fields[field] !== undefined);
  return (all ? processors : processors.slice(0, 1)).map((field) =>
    at(field, fields[field], `${state.pointer}/${field}`),
  );
}

/** The diagnostic for a scope past MAX_SCOPE_DEPTH: the one "nested too deeply", at the scope. */
export const scopeTooDeep = (scope: ScopeAt): Diagnostic => tooDeeplyNested({ pointer: scope.pointer });
