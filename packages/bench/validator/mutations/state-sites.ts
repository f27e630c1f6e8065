/**
 * Finds the states of a parsed definition, in document order and across nested scopes, and
 * renames one consistently; the mutations are built on these.
 */
import type { Json, JsonObject } from '@aslkit/core';

export const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** One state and where it sits. */
export interface StateSite {
  name: string;
  state: JsonObject;
  /** The object holding `StartAt` and `States`: the machine, a branch or an item processor. */
  scope: JsonObject;
  /** 0 for the top level. */
  depth: number;
  queryLanguage: 'JSONPath' | 'JSONata';
}

/** Every state, outer scopes first. A nested state's query language is taken from itself or the top level only. */
export function stateSites(definition: JsonObject): StateSite[] {
  const top = definition.QueryLanguage === 'JSONata' ? 'JSONata' : 'JSONPath';
  const sites: StateSite[] = [];
  const nested: { scope: JsonObject; depth: number }[] = [];
  const visit = (scope: JsonObject, depth: number): void => {
    if (!isObject(scope.States)) return;
    for (const [name, state] of Object.entries(scope.States)) {
      if (!isObject(state)) continue;
      const own = state.QueryLanguage;
      sites.push({ name, state, scope, depth, queryLanguage: own === 'JSONata' || own === 'JSONPath' ? own : top });
      for (const child of childScopes(state)) nested.push({ scope: child, depth: depth + 1 });
    }
  };
  visit(definition, 0);
  for (let i = 0; i < nested.length; i++) visit(nested[i]!.scope, nested[i]!.depth);
  return sites;
}

/** The scopes a Parallel or Map state holds. */
export function childScopes(state: JsonObject): JsonObject[] {
  const scopes: JsonObject[] = [];
  if (Array.isArray(state.Branches)) for (const branch of state.Branches) if (isObject(branch)) scopes.push(branch);
  const processor = state.ItemProcessor ?? state.Iterator;
  if (isObject(processor)) scopes.push(processor);
  return scopes;
}

/** Renames a state and every reference to it in its scope, keeping key order. */
export function renameState(scope: JsonObject, from: string, to: string): void {
  if (!isObject(scope.States)) return;
  const renamed: JsonObject = {};
  for (const [name, state] of Object.entries(scope.States)) {
    // defineProperty: `to` may be `__proto__`, which plain assignment would swallow.
    Object.defineProperty(renamed, name === from ? to : name, {
      value: state,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  scope.States = renamed;
  if (scope.StartAt === from) scope.StartAt = to;
  for (const state of Object.values(renamed)) {
    if (!isObject(state)) continue;
    if (state.Next === from) state.Next = to;
    if (state.Default === from) state.Default = to;
    for (const list of [state.Choices, state.Catch]) {
      if (!Array.isArray(list)) continue;
      for (const entry of list) if (isObject(entry) && entry.Next === from) entry.Next = to;
    }
  }
}

/** A state name not used anywhere in the definition. */
export function freshName(definition: JsonObject, base: string): string {
  const used = new Set(stateSites(definition).map((site) => site.name));
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base}${i}`;
  return name;
}

/** Sets a key as data even when it is `__proto__`. */
export function setKey(object: JsonObject, key: string, value: Json): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}
