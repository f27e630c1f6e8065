/**
 * Start anywhere (`start(input, { startAt })`): the scopes that lead to the state, each starting
 * at the state that leads there. A state nested in a Map processor or a Parallel branch is reached
 * by starting its enclosing scopes at the enclosing Map or Parallel, which then runs that
 * processor (every iteration) or that branch from the nested state; other branches start as usual.
 */
import { UsageError } from '../errors/aslkit-error.js';
import { ErrorCode } from '../errors/error-codes.js';
import { closestName } from '../resolvers/mock-keys.js';
import type { CompiledMachine, CompiledScope } from './compiled-state.js';

/** Where each scope on the way to `stateName` starts. */
export function startOverrides(machine: CompiledMachine, stateName: string): ReadonlyMap<CompiledScope, string> {
  const path = scopePath(machine.root, stateName);
  if (!path) {
    const near = closestName(stateName, [...machine.allStates.keys()]);
    throw new UsageError(
      ErrorCode.Usage,
      `startAt names no state of the machine: '${stateName}'${near ? ` (did you mean '${near}'?)` : ''}`,
    );
  }
  return new Map(path);
}

/** The (scope, first state) pairs from `scope` down to the scope that holds `name`. */
function scopePath(scope: CompiledScope, name: string): [CompiledScope, string][] | undefined {
  if (scope.states.has(name)) return [[scope, name]];
  for (const state of scope.states.values()) {
    const children = state.type === 'Map' ? [state.processor] : state.type === 'Parallel' ? state.branches : [];
    for (const child of children) {
      const below = scopePath(child, name);
      if (below) return [[scope, state.name], ...below];
    }
  }
  return undefined;
}
