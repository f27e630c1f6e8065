/**
 * Every state of a definition by name, with where it sits. AWS makes state names unique
 * across the whole machine, nested branches included (DUPLICATE_STATE_NAME), so a name from
 * a history event identifies one state of the definition.
 */
import type { State, StateMachineDefinition } from '../definition/types.js';
import { walkDefinition, type ScopeAt } from '../definition/walk.js';
import { isRecord } from '../json.js';

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
  walkDefinition(definition, {
    scope(at, walkStates) {
      if (!isRecord(at.value) || !isRecord(at.value['States'])) return;
      const owner = ownerOf(at);
      if (owner && typeof at.value['StartAt'] === 'string') scopeStarts.set(at.value['StartAt'], owner);
      walkStates();
    },
    state(at, nested) {
      if (!isRecord(at.value) || states.has(at.name)) return;
      const owner = ownerOf(at.scope);
      states.set(at.name, { name: at.name, state: at.value as unknown as State, ...(owner ? { owner } : {}) });
      order.push(at.name);
      nested();
    },
    // Deeper than any definition within MAX_JSON_DEPTH: hostile input, indexed no further.
    tooDeep: () => undefined,
  });
  const index: DefinitionIndex = { states, order, scopeStarts };
  cache.set(definition, index);
  return index;
}

const ownerOf = (scope: ScopeAt): ScopeOwner | undefined =>
  scope.owner && { state: scope.owner.name, ...(scope.branch === undefined ? {} : { branch: scope.branch }) };
