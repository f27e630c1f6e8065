/**
 * Turns a definition into the immutable model the run loop executes: every path, template,
 * intrinsic call and Choice rule compiled once, every transition checked to exist. Problems
 * are collected as diagnostics (all of them, not the first), never thrown as crashes.
 */
import { isJsonObject, type Json } from '../json.js';
import {
  STATE_TYPES,
  type Catcher,
  type QueryLanguage,
  type Retrier,
  type State,
  type StateType,
} from '../definition/types.js';
import {
  STATE_EVENTS,
  recovers,
  type CompiledMachine,
  type CompiledScope,
  type CompiledState,
} from './compiled-state.js';
import { DiagnosticCode, type Diagnostic } from '../definition/diagnostics.js';
import type { StateDataFlow } from '../dataflow/pipeline.js';
import { compileDataFlow } from '../dataflow/compile-data-flow.js';
import { parseResource } from '../resolvers/resource.js';
import { findTooDeep, tooDeeplyNested } from '../definition/depth.js';
import { scopeTooDeep, walkDefinition, type ScopeAt, type StateAt } from '../definition/walk.js';

export interface CompileOptions {
  region: string;
}

export function compileMachine(
  definition: unknown,
  options: CompileOptions,
): { machine?: CompiledMachine; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const allStates = new Map<string, CompiledState>();
  const error = (
    message: string,
    path: string,
    code: string = DiagnosticCode.SchemaValidationFailed,
    stateName?: string,
  ) => diagnostics.push({ code, severity: 'ERROR', message, path, ...(stateName === undefined ? {} : { stateName }) });

  if (!isJsonObject(definition)) {
    error('Definition must be a valid JSON object', '');
    return { diagnostics };
  }
  // Templates, Choice rules and the run's values are walked recursively: refuse what would exhaust the stack.
  const deep = findTooDeep(definition);
  if (deep) return { diagnostics: [tooDeeplyNested(deep)] };
  const top = definition as Record<string, unknown>;
  const queryLanguage: QueryLanguage = top['QueryLanguage'] === 'JSONata' ? 'JSONata' : 'JSONPath';
  if (top['QueryLanguage'] !== undefined && top['QueryLanguage'] !== 'JSONata' && top['QueryLanguage'] !== 'JSONPath') {
    error('Value should be one of the following: [JSONPath, JSONata]', '/QueryLanguage');
  }
  let timeoutSeconds: number | undefined;
  if (top['TimeoutSeconds'] !== undefined) {
    const t = top['TimeoutSeconds'];
    if (typeof t !== 'number' || !Number.isInteger(t) || t <= 0)
      error("The field 'TimeoutSeconds' must be a positive integer", '/TimeoutSeconds');
    else timeoutSeconds = t;
  }

  const compileScope = (
    { value: scope, pointer: path }: ScopeAt,
    walkStates: () => (CompiledState | undefined)[],
  ): CompiledScope | undefined => {
    if (!isJsonObject(scope)) {
      error('Expected an object with StartAt and States', path);
      return undefined;
    }
    const { StartAt: startAt, States: states } = scope as { StartAt?: unknown; States?: unknown };
    const missing = [startAt === undefined ? 'StartAt' : '', states === undefined ? 'States' : ''].filter(Boolean);
    if (missing.length > 0) {
      error(`These fields are required: [${missing.reverse().join(', ')}]`, path || '/');
      return undefined;
    }
    if (typeof startAt !== 'string') error("The field 'StartAt' must be a string", `${path}/StartAt`);
    if (!isJsonObject(states) || Object.keys(states).length === 0) {
      error("The field 'States' must be a non-empty object", `${path}/States`);
      return undefined;
    }
    const compiled = new Map<string, CompiledState>();
    const names = Object.keys(states);
    for (const state of walkStates()) if (state) compiled.set(state.name, state);
    if (typeof startAt === 'string' && !names.includes(startAt)) {
      error(`Missing 'Next' target: ${startAt}`, `${path}/StartAt`, DiagnosticCode.MissingTransitionTarget);
    }
    for (const state of compiled.values()) checkTargets(state, names);
    return { startAt: startAt as string, states: compiled };
  };

  const checkTargets = (state: CompiledState, names: string[]) => {
    const check = (target: unknown, at: string) => {
      if (typeof target !== 'string')
        return error('Expected a state name', at, DiagnosticCode.SchemaValidationFailed, state.name);
      if (!names.includes(target))
        error(`Missing 'Next' target: ${target}`, at, DiagnosticCode.MissingTransitionTarget, state.name);
    };
    const def = state.definition as unknown as Record<string, unknown>;
    if (def['Next'] !== undefined) check(def['Next'], `${state.pointer}/Next`);
    if (state.type === 'Choice') {
      if (def['Default'] !== undefined) check(def['Default'], `${state.pointer}/Default`);
      const choices = def['Choices'];
      if (Array.isArray(choices))
        choices.forEach((rule, i) => check((rule as { Next?: unknown })?.Next, `${state.pointer}/Choices/${i}/Next`));
    }
    if (recovers(state))
      state.catchers.forEach((catcher, i) => check(catcher?.Next, `${state.pointer}/Catch/${i}/Next`));
  };

  const compileState = (
    { name, value: raw, pointer: path }: StateAt,
    nested: () => (CompiledScope | undefined)[],
  ): CompiledState | undefined => {
    if (name.length === 0 || name.length > 80)
      error('State names must be 1 to 80 characters long', path, DiagnosticCode.InvalidStateName, name);
    if (allStates.has(name)) error(`Duplicate state name: ${name}`, path, DiagnosticCode.DuplicateStateName, name);
    if (!isJsonObject(raw)) {
      error('A state must be a JSON object', path, DiagnosticCode.SchemaValidationFailed, name);
      return undefined;
    }
    const def = raw as Record<string, unknown>;
    const type = def['Type'] as StateType;
    if (!STATE_TYPES.includes(type)) {
      error(
        `The field 'Type' should have one of these values: [${STATE_TYPES.join(', ')}]`,
        `${path}/Type`,
        DiagnosticCode.SchemaValidationFailed,
        name,
      );
      return undefined;
    }
    const stateQl = (def['QueryLanguage'] as QueryLanguage | undefined) ?? queryLanguage;
    if (queryLanguage === 'JSONata' && def['QueryLanguage'] === 'JSONPath') {
      error(
        "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine",
        path,
        DiagnosticCode.SchemaValidationFailed,
        name,
      );
    }
    const terminal = type === 'Choice' || type === 'Succeed' || type === 'Fail';
    if (!terminal) {
      if (def['End'] !== undefined && def['End'] !== true)
        error("The field 'End' must be true when present", `${path}/End`, DiagnosticCode.SchemaValidationFailed, name);
      if ((def['Next'] === undefined) === (def['End'] !== true)) {
        error("Exactly one of 'Next' or 'End: true' is required", path, DiagnosticCode.SchemaValidationFailed, name);
      }
    } else if (def['Next'] !== undefined || def['End'] !== undefined) {
      error(`A ${type} state must not have 'Next' or 'End'`, path, DiagnosticCode.SchemaValidationFailed, name);
    }
    const list = <T>(field: string): T[] => {
      const value = def[field];
      if (value === undefined) return [];
      if (!Array.isArray(value)) {
        error(`The field '${field}' must be an array`, `${path}/${field}`, DiagnosticCode.SchemaValidationFailed, name);
        return [];
      }
      value.forEach((entry, i) => {
        if (!isJsonObject(entry as Json) || !Array.isArray((entry as { ErrorEquals?: unknown }).ErrorEquals)) {
          error(
            "The field 'ErrorEquals' is required",
            `${path}/${field}/${i}`,
            DiagnosticCode.SchemaValidationFailed,
            name,
          );
        }
      });
      return value.filter(
        (entry) => isJsonObject(entry as Json) && Array.isArray((entry as { ErrorEquals?: unknown }).ErrorEquals),
      ) as T[];
    };
    const hasRetryCatch = type === 'Task' || type === 'Parallel' || type === 'Map';
    const retriers = hasRetryCatch ? list<Retrier>('Retry') : [];
    const catchers = hasRetryCatch ? list<Catcher>('Catch') : [];

    let branches: CompiledScope[] = [];
    let processor: CompiledScope | undefined;
    if (type === 'Task') {
      if (typeof def['Resource'] !== 'string')
        error("The field 'Resource' is required", path, DiagnosticCode.SchemaValidationFailed, name);
    } else if (type === 'Parallel') {
      const raw = def['Branches'];
      if (!Array.isArray(raw) || raw.length === 0)
        error(
          "The field 'Branches' must be a non-empty array",
          `${path}/Branches`,
          DiagnosticCode.SchemaValidationFailed,
          name,
        );
      else branches = nested().filter((b): b is CompiledScope => b !== undefined);
    } else if (type === 'Map') {
      const field = def['ItemProcessor'] !== undefined ? 'ItemProcessor' : 'Iterator';
      if (def['ItemProcessor'] !== undefined && def['Iterator'] !== undefined) {
        error(
          "Only one of 'ItemProcessor' and 'Iterator' may be set",
          path,
          DiagnosticCode.SchemaValidationFailed,
          name,
        );
      }
      if (def[field] === undefined)
        error("The field 'ItemProcessor' is required", path, DiagnosticCode.SchemaValidationFailed, name);
      else processor = nested()[0];
    } else if (type === 'Choice') {
      if (!Array.isArray(def['Choices']) || def['Choices'].length === 0) {
        error(
          "The field 'Choices' must be a non-empty array",
          `${path}/Choices`,
          DiagnosticCode.SchemaValidationFailed,
          name,
        );
      }
    }

    const before = diagnostics.length;
    let flow: StateDataFlow;
    try {
      flow = compileDataFlow(def as unknown as State, stateQl, path, diagnostics);
    } catch (thrown) {
      // An expression nested past what the parsers can take (`1+1+…` ten thousand times in JSONata).
      if (!(thrown instanceof RangeError)) throw thrown;
      diagnostics.push({ ...tooDeeplyNested({ pointer: path }), stateName: name });
      return undefined;
    }
    for (let i = before; i < diagnostics.length; i++) diagnostics[i]!.stateName ??= name;
    const compiled = compiledState(def as unknown as State, {
      name,
      pointer: path,
      queryLanguage: stateQl,
      flow,
      next: typeof def['Next'] === 'string' ? def['Next'] : undefined,
      retriers,
      catchers,
      branches,
      processor,
      region: options.region,
    });
    if (!allStates.has(name)) allStates.set(name, compiled);
    return compiled;
  };

  const root = walkDefinition(definition, {
    scope: compileScope,
    state: compileState,
    tooDeep: (scope) => void diagnostics.push(scopeTooDeep(scope)),
  });
  if (!root || diagnostics.some((d) => d.severity === 'ERROR')) return { diagnostics };
  return { machine: { root, timeoutSeconds, queryLanguage, allStates }, diagnostics };
}

/** What `compiledState` needs besides the definition, read and checked by `compileMachine`. */
interface StateParts {
  name: string;
  pointer: string;
  queryLanguage: QueryLanguage;
  flow: StateDataFlow;
  next: string | undefined;
  retriers: readonly Retrier[];
  catchers: readonly Catcher[];
  branches: readonly CompiledScope[];
  processor: CompiledScope | undefined;
  region: string;
}

/** A scope that failed to compile; its errors are reported, so its machine is never run. */
const NO_SCOPE: CompiledScope = { startAt: '', states: new Map() };

/**
 * The compiled state of `definition`'s type, with the fields that type has. Written as plain
 * literals with the shared fields first: spreading a common object costs several times more.
 */
function compiledState(definition: State, parts: StateParts): CompiledState {
  const { name, pointer, queryLanguage, flow, next, retriers, catchers } = parts;
  switch (definition.Type) {
    case 'Pass':
      return { name, type: 'Pass', definition, pointer, queryLanguage, flow, next, events: STATE_EVENTS.Pass };
    case 'Task': {
      // A Task without a string Resource was reported; its machine is never run.
      const resource = parseResource(typeof definition.Resource === 'string' ? definition.Resource : '', parts.region);
      const events = STATE_EVENTS.Task;
      return {
        name,
        type: 'Task',
        definition,
        pointer,
        queryLanguage,
        flow,
        next,
        events,
        retriers,
        catchers,
        resource,
      };
    }
    case 'Choice': {
      const rules: unknown[] = Array.isArray(definition.Choices) ? definition.Choices : [];
      const targets = rules.map((rule, index) => ({ next: ruleNext(rule), source: { kind: 'rule', index } as const }));
      const defaultNext = typeof definition.Default === 'string' ? definition.Default : undefined;
      const events = STATE_EVENTS.Choice;
      return {
        name,
        type: 'Choice',
        definition,
        pointer,
        queryLanguage,
        flow,
        next: undefined,
        events,
        targets,
        defaultNext,
      };
    }
    case 'Wait':
      return { name, type: 'Wait', definition, pointer, queryLanguage, flow, next, events: STATE_EVENTS.Wait };
    case 'Succeed': {
      const events = STATE_EVENTS.Succeed;
      return { name, type: 'Succeed', definition, pointer, queryLanguage, flow, next: undefined, events };
    }
    case 'Fail': {
      const events = STATE_EVENTS.Fail;
      return { name, type: 'Fail', definition, pointer, queryLanguage, flow, next: undefined, events };
    }
    case 'Parallel': {
      const { branches } = parts;
      const events = STATE_EVENTS.Parallel;
      return {
        name,
        type: 'Parallel',
        definition,
        pointer,
        queryLanguage,
        flow,
        next,
        events,
        retriers,
        catchers,
        branches,
      };
    }
    case 'Map': {
      const processor = parts.processor ?? NO_SCOPE;
      const config = (definition.ItemProcessor ?? definition.Iterator)?.ProcessorConfig;
      const distributed = config?.Mode === 'DISTRIBUTED';
      const processorType = config?.ExecutionType === 'EXPRESS' ? 'EXPRESS' : 'STANDARD';
      const events = STATE_EVENTS.Map;
      return {
        name,
        type: 'Map',
        definition,
        pointer,
        queryLanguage,
        flow,
        next,
        events,
        retriers,
        catchers,
        processor,
        distributed,
        processorType,
      };
    }
  }
}

/** A top-level Choice rule's `Next` (checked by `checkTargets`). */
const ruleNext = (rule: unknown): string =>
  typeof rule === 'object' && rule !== null && 'Next' in rule && typeof rule.Next === 'string' ? rule.Next : '';
