/**
 * The definition of a TestState call: a single state, which AWS places in a machine of its own
 * as `StateName` (so its errors read `/States/StateName/...`), or a whole machine and the name
 * of the state to test. Either is checked as CreateStateMachine checks it, then compiled.
 */
import { isJsonObject, type Json, type JsonObject } from '../json.js';
import { parseDefinitionText } from '../definition/parse.js';
import { formatInvalidDefinition, validate } from '../definition/validate.js';
import { DefinitionError } from '../errors/aslkit-error.js';
import { compileMachine } from '../runtime/compile.js';
import type { CompiledMachine, CompiledState } from '../runtime/compiled-state.js';
import { invalidDefinition, invalidRequest } from './refusal.js';

/** The name AWS gives the state of a single-state definition. */
export const SINGLE_STATE_NAME = 'StateName';

export interface TestedDefinition {
  machine: CompiledMachine;
  state: CompiledState;
}

/** Parses, checks and compiles the request's definition; finds the state to test. */
export function testedDefinition(definition: string | object, stateName: string | undefined, region: string) {
  let value: unknown;
  try {
    value = typeof definition === 'string' ? parseDefinitionText(definition) : definition;
  } catch (error) {
    if (error instanceof DefinitionError) throw invalidDefinition(formatInvalidDefinition(error.diagnostics));
    throw error;
  }
  const machineValue = stateName === undefined ? singleStateMachine(value) : value;
  const problems = validate(machineValue).filter((d) => d.severity === 'ERROR');
  if (problems.length > 0) throw invalidDefinition(formatInvalidDefinition(problems));
  const { machine, diagnostics } = compileMachine(machineValue, { region });
  if (!machine) throw invalidDefinition(formatInvalidDefinition(diagnostics));
  const state = machine.allStates.get(stateName ?? SINGLE_STATE_NAME);
  if (!state) throw invalidRequest('State not found in definition');
  return { machine, state } satisfies TestedDefinition;
}

/**
 * A machine around one state. The states it names (`Next`, `Default`, a Choice rule's or a
 * Catcher's `Next`) are not part of the request; stand-in Succeed states keep the machine valid,
 * and the answer still names them as `nextState`.
 */
function singleStateMachine(state: unknown): JsonObject {
  const States: JsonObject = { [SINGLE_STATE_NAME]: state as Json };
  if (isJsonObject(state)) {
    for (const target of transitionTargets(state)) if (!(target in States)) States[target] = { Type: 'Succeed' };
  }
  return { StartAt: SINGLE_STATE_NAME, States };
}

function transitionTargets(state: JsonObject): string[] {
  const targets: Json[] = [state['Next'] ?? null, state['Default'] ?? null];
  for (const list of [state['Choices'], state['Catch']])
    if (Array.isArray(list)) for (const entry of list) if (isJsonObject(entry)) targets.push(entry['Next'] ?? null);
  return targets.filter((target): target is string => typeof target === 'string');
}
