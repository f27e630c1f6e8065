/**
 * Every state of a definition by name, with where it sits. AWS makes state names unique
 * across the whole machine, nested branches included (DUPLICATE_STATE_NAME), so a name from
 * a history event identifies one state of the definition.
 */
import type { Catcher, Retrier, State, StateMachineDefinition } from '../definition/types.js';

/** Where a scope's StartAt leads from: a Parallel branch or a Map's item processor. */
export interface ScopeOwner {
  /** The Parallel or Map state. */
  state: string;
  /** The branch index (Parallel); `undefined` for a Map's processor. */
  branch?: number;
}

export interface IndexedState {
  name: string;
  state: State;
  /** The Parallel or Map whose branch holds the state; `undefined` at the top level. */
  owner?: ScopeOwner;
}

export interface DefinitionIndex {
  readonly states: ReadonlyMap<string, IndexedState>;
  /** Names in definition order, parents before their nested states. */
  readonly order: readonly string[];
  /** StartAt of each branch and processor, to the scope it starts. */
  readonly scopeStarts: ReadonlyMap<string, ScopeOwner>;
}

const cache = new WeakMap<object, DefinitionIndex>();

/** Indexes a definition (cached per definition object). Tolerates malformed parts: they are skipped. */
export function indexDefinition(definition: StateMachineDefinition | object): DefinitionIndex {
  const cached = cache.get(definition);
  if (cached) return cached;
  const states = new Map<string, IndexedState>();
  const order: string[] = [];
  const scopeStarts = new Map<string, ScopeOwner>();
  const visit = (scope: unknown, owner: ScopeOwner | undefined, depth: number): void => {
    // Compiled machines stop at 64 levels too; deeper input is hostile and indexed no further.
    if (depth > 64 || !isRecord(scope) || !isRecord(scope['States'])) return;
    if (owner && typeof scope['StartAt'] === 'string') scopeStarts.set(scope['StartAt'], owner);
    for (const name of Object.keys(scope['States'])) {
      const state = scope['States'][name];
      if (!isRecord(state) || states.has(name)) continue;
      states.set(name, { name, state: state as unknown as State, ...(owner ? { owner } : {}) });
      order.push(name);
      if (state['Type'] === 'Parallel' && Array.isArray(state['Branches'])) {
        state['Branches'].forEach((branch, index) => visit(branch, { state: name, branch: index }, depth + 1));
      } else if (state['Type'] === 'Map') {
        visit(state['ItemProcessor'] ?? state['Iterator'], { state: name }, depth + 1);
      }
    }
  };
  visit(definition, undefined, 0);
  const index: DefinitionIndex = { states, order, scopeStarts };
  cache.set(definition, index);
  return index;
}

/** A state's Retry list (empty for states that cannot retry or have none). */
export const retriersOf = (state: State | undefined): readonly Retrier[] =>
  state && 'Retry' in state && Array.isArray(state.Retry) ? state.Retry : [];

/** A state's Catch list (empty for states that cannot catch or have none). */
export const catchersOf = (state: State | undefined): readonly Catcher[] =>
  state && 'Catch' in state && Array.isArray(state.Catch) ? state.Catch : [];

/** The state's own `Next` (not Choice rules, not catchers). */
export const nextOf = (state: State | undefined): string | undefined =>
  state && 'Next' in state && typeof state.Next === 'string' ? state.Next : undefined;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
