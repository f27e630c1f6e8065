/**
 * Mock field validation for aslkit's own mocks (opt-in): every `return` a mock script gives a
 * Task is checked, as TestState checks `mock.result`, against the response shape of the API the
 * Task calls, so a mock that AWS could never return is caught before it hides a bug.
 */
import { hasOwn } from '../../json.js';
import { describeMachine } from '../../definition/rules/context.js';
import { parseResource } from '../../resolvers/resource.js';
import type { MockScript } from '../../resolvers/mocks.js';
import { validateMockResult, type CheckedMode } from './validate-mock.js';
import type { ServiceShapes } from './shape-types.js';

export interface MockScriptProblem {
  /** The mock key (a state name or resource ARN) and the index of the response. */
  key: string;
  index: number;
  /** The Task state the response answers. */
  state: string;
  /** `Mock result schema validation error: Field 'Entries' must be an array`. */
  message: string;
}

const SUFFIX = /\.(sync(:\d+)?|waitForTaskToken)$/;

/**
 * The `return` responses of `mocks` that the API each Task calls could not return. A key names
 * a Task by state name or resource ARN (with or without `.sync`/`.waitForTaskToken`), as when
 * the mocks answer; `"*"` answers Tasks of any API and is not checked.
 * @example
 * mockScriptProblems(definition, { Notify: [{ return: { Entries: 'x' } }] }, 'STRICT');
 * // [{ key: 'Notify', index: 0, state: 'Notify', message: "Mock result schema validation error: Field 'Entries' must be an array" }]
 */
export function mockScriptProblems(
  definition: object,
  mocks: MockScript,
  mode: CheckedMode,
  shapes?: ServiceShapes,
): MockScriptProblem[] {
  const problems: MockScriptProblem[] = [];
  for (const state of describeMachine(definition as Record<string, unknown>).states) {
    const resource = state.fields['Resource'];
    if (state.type !== 'Task' || typeof resource !== 'string') continue;
    const parsed = parseResource(resource, 'us-east-1');
    for (const key of new Set([state.name, resource, resource.replace(SUFFIX, '')])) {
      const responses = hasOwn(mocks, key) ? mocks[key]! : [];
      responses.forEach((response, index) => {
        if (!('return' in response)) return;
        const problem = validateMockResult(parsed, response.return, mode, shapes);
        if (problem !== undefined)
          problems.push({ key, index, state: state.name, message: `Mock result schema validation error: ${problem}` });
      });
    }
  }
  return problems;
}

/** `mocks key 'Notify' response 0 (state 'Notify'): Mock result schema validation error: …`. */
export const formatMockScriptProblem = (what: string, problem: MockScriptProblem): string =>
  `${what} key '${problem.key}' response ${problem.index} (state '${problem.state}'): ${problem.message}`;
