/**
 * What every semantic rule works on: the machine split into scopes (the top level, each
 * Parallel branch, each Map processor) and states, each state with its effective query
 * language, plus `report`. Rules run on definitions the schema may have rejected, so
 * nothing here trusts a field's type.
 */
import { isJsonObject, type Json } from '../../json.js';
import { DiagnosticCode, type Diagnostic, type Severity } from '../diagnostics.js';
import type { QueryLanguage } from '../types.js';
import { walkDefinition, type ScopeAt, type StateAt } from '../walk.js';

export type Fields = Record<string, unknown>;

export interface ScopeNode {
  /** JSON pointer of the scope object (`''` for the top level). */
  readonly pointer: string;
  readonly startAt: unknown;
  readonly states: StateNode[];
  /** 0 for the top level, +1 per Parallel/Map level. */
  readonly depth: number;
  /** The Parallel or Map state that owns this scope. */
  readonly owner?: StateNode;
}

export interface StateNode {
  readonly name: string;
  readonly pointer: string;
  readonly fields: Fields;
  readonly type: string | undefined;
  readonly queryLanguage: QueryLanguage;
  readonly scope: ScopeNode;
}

export interface Problem {
  message: string;
  /** JSON pointer; `''` when AWS reports no location. */
  path: string;
  code?: string;
  severity?: Severity;
  stateName?: string;
}

export interface RuleContext {
  readonly definition: Fields;
  readonly machineQueryLanguage: QueryLanguage;
  readonly machineType: 'STANDARD' | 'EXPRESS';
  /** Every scope, top level first, nested ones in document order. */
  readonly scopes: readonly ScopeNode[];
  /** Every state of the machine in document order (a state before the states it nests). */
  readonly states: readonly StateNode[];
  /** Pointers of keys that appear twice in one `States` object (known only for text input). */
  readonly duplicateStateKeys: readonly string[];
  report(problem: Problem): void;
}

export type Rule = (context: RuleContext) => void;

export interface MachineShape {
  scopes: ScopeNode[];
  states: StateNode[];
  machineQueryLanguage: QueryLanguage;
  /** Pointer of the first scope nested deeper than MAX_SCOPE_DEPTH (definition/walk.ts). */
  tooDeep?: string;
}

// AWS resolves a QueryLanguage to JSONPath only for the exact string; any other value (itself a
// schema error) counts as JSONata (floci-io/floci#2968, measured against AWS).
const languageOf = (value: unknown, inherited: QueryLanguage): QueryLanguage =>
  value === undefined ? inherited : value === 'JSONPath' ? 'JSONPath' : 'JSONata';

/** Splits a definition into scopes and states, tolerating any malformed part. */
export function describeMachine(definition: Fields): MachineShape {
  const machineQueryLanguage = languageOf(definition['QueryLanguage'], 'JSONPath');
  const shape: MachineShape = { scopes: [], states: [], machineQueryLanguage };
  const scopeNodes = new Map<ScopeAt, ScopeNode>();
  const owners = new Map<StateAt, StateNode>();
  walkDefinition(
    definition,
    {
      scope(at, states) {
        if (!isJsonObject(at.value)) return;
        const owner = at.owner && owners.get(at.owner);
        const node: ScopeNode = {
          pointer: at.pointer,
          startAt: (at.value as Fields)['StartAt'],
          states: [],
          depth: at.depth,
          ...(owner ? { owner } : {}),
        };
        shape.scopes.push(node);
        scopeNodes.set(at, node);
        states();
      },
      state(at, nested) {
        if (!isJsonObject(at.value)) return;
        const fields = at.value as Fields;
        const state: StateNode = {
          name: at.name,
          pointer: at.pointer,
          fields,
          type: typeof fields['Type'] === 'string' ? fields['Type'] : undefined,
          // Nested states inherit the machine's language, not their Parallel's or Map's (floci-io/floci#2968).
          queryLanguage: languageOf(fields['QueryLanguage'], machineQueryLanguage),
          scope: scopeNodes.get(at.scope)!,
        };
        state.scope.states.push(state);
        shape.states.push(state);
        owners.set(at, state);
        nested();
      },
      tooDeep(at) {
        shape.tooDeep ??= at.pointer;
      },
    },
    { processors: 'all' },
  );
  return shape;
}

/** Makes the context rules receive; problems are appended to `diagnostics`. */
export function createRuleContext(
  definition: Fields,
  shape: MachineShape,
  options: { machineType: 'STANDARD' | 'EXPRESS'; duplicateStateKeys: readonly string[] },
  diagnostics: Diagnostic[],
): RuleContext {
  return {
    definition,
    machineQueryLanguage: shape.machineQueryLanguage,
    machineType: options.machineType,
    scopes: shape.scopes,
    states: shape.states,
    duplicateStateKeys: options.duplicateStateKeys,
    report(problem) {
      diagnostics.push({
        code: problem.code ?? DiagnosticCode.SchemaValidationFailed,
        severity: problem.severity ?? 'ERROR',
        message: problem.message,
        path: problem.path,
        ...(problem.stateName === undefined ? {} : { stateName: problem.stateName }),
      });
    },
  };
}

/** The elements of a field that are JSON objects, with their index. */
export function objectItems(fields: Fields, name: string): [Fields, number][] {
  const value = fields[name];
  if (!Array.isArray(value)) return [];
  const items: [Fields, number][] = [];
  value.forEach((item, i) => {
    if (isJsonObject(item as Json)) items.push([item as Fields, i]);
  });
  return items;
}
