/**
 * `mock` of a TestState request: checked as AWS checks it before anything runs (one of `result`
 * and `errorOutput`; a result that is JSON, of the shape the state returns, and, for a Task, one
 * the called API could return), then turned into the state's outcome.
 */
import { type Json, parseJson } from '../json.js';
import { StatesError } from '../errors/states-error.js';
import type { CompiledState } from '../runtime/compiled-state.js';
import type { StateOutcome } from '../states/executor.js';
import { validateMockResult } from './mock-validation/validate-mock.js';
import type { ServiceShapes } from './mock-validation/shape-types.js';
import { invalidRequest } from './refusal.js';
import type { TestStateMock } from './types.js';

export type CheckedMock =
  { kind: 'result'; result: Json } | { kind: 'error'; error: string | undefined; cause: string | undefined };

export function checkMock(mock: TestStateMock, state: CompiledState, shapes?: ServiceShapes): CheckedMock {
  const mode = mock.fieldValidationMode ?? 'STRICT';
  if (mock.result === undefined) {
    const { error, cause } = mock.errorOutput ?? {};
    return { kind: 'error', error, cause };
  }
  const result = parseResult(mock.result);
  if (state.type === 'Map') {
    if (state.definition.ResultWriter !== undefined) {
      if (result === null || typeof result !== 'object' || Array.isArray(result))
        throw invalidRequest('Mocked result must be a JSON object.');
    } else if (!Array.isArray(result)) throw invalidRequest('Mocked result must be an array.');
  } else if (state.type === 'Parallel') {
    if (!Array.isArray(result)) throw invalidRequest('Mocked result must be an array.');
    if (result.length !== state.branches.length)
      throw invalidRequest('Mocked result must contain the same number of items as number of Parallel branches.');
  } else if (state.type === 'Task' && mode !== 'NONE') {
    const problem = validateMockResult(state.resource, result, mode, shapes);
    if (problem !== undefined) throw invalidRequest(`Mock result schema validation error: ${problem}`);
  }
  return { kind: 'result', result };
}

/** The state's outcome: the mocked result, or the mocked error raised as the state's failure. */
export function mockedOutcome(mock: CheckedMock): StateOutcome {
  if (mock.kind === 'error') throw new StatesError(mock.error, mock.cause);
  return { kind: 'result', result: mock.result };
}

function parseResult(text: unknown): Json {
  if (typeof text !== 'string') return text as Json;
  try {
    return parseJson(text);
  } catch {
    throw invalidRequest('Mocked result must be valid JSON');
  }
}
