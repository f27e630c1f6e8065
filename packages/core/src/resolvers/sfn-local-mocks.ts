/**
 * AWS Step Functions Local's mock configuration (`MockConfigFile.json`), so teams reuse the
 * files they already have: `StateMachines` → `TestCases` → state name → mocked response name,
 * and `MockedResponses` → invocation index (`"0"`, or a range `"1-3"`) → `Return` or `Throw`.
 * Pure and browser-safe: the caller reads the file.
 */
import { hasOwn, isJsonObject, type Json, type JsonObject } from '../json.js';
import { ErrorName } from '../errors/states-error.js';
import { UsageError } from '../errors/aslkit-error.js';
import { ErrorCode } from '../errors/error-codes.js';
import { replaysLive, TaskError, type ResolverRouter, type TaskContext, type TaskResolver } from './resolver.js';

/** One invocation's answer: the task's raw result, or its error and cause. */
export type SfnLocalMockedResponse = { Return: Json } | { Throw: { Error: string; Cause?: string } };

/** The checked shape of a mock configuration file. */
export interface SfnLocalMockConfig {
  StateMachines: Record<string, { TestCases: Record<string, Record<string, string>> }>;
  MockedResponses: Record<string, Record<string, SfnLocalMockedResponse>>;
}

/** Which test case to run; `stateMachine` may be left out when the test case name is unique. */
export interface SfnLocalTestCaseSelection {
  testCase: string;
  stateMachine?: string;
}

interface Step {
  first: number;
  last: number;
  response: SfnLocalMockedResponse;
}

const RANGE = /^(\d{1,9})(?:-(\d{1,9}))?$/;

const show = (key: string): string => JSON.stringify(key);
const objectKeys = (value: JsonObject): string[] => Object.keys(value);

/**
 * Parses and checks a mock configuration from its text or its parsed JSON.
 * @throws UsageError `ASLKIT_INVALID_MOCK_CONFIG` naming `origin` and the offending key.
 */
export function parseSfnLocalMockConfig(source: unknown, origin = 'mock config'): SfnLocalMockConfig {
  const invalid = (where: string, problem: string): never => {
    throw new UsageError(ErrorCode.InvalidMockConfig, `${origin}: ${where}${problem}`);
  };
  let value = source;
  if (typeof source === 'string') {
    try {
      value = JSON.parse(source) as unknown;
    } catch (error) {
      invalid('', `invalid JSON (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  if (!isJsonObject(value)) return invalid('', 'must be a JSON object with "StateMachines" and "MockedResponses"');
  const root = value;
  for (const key of objectKeys(root)) {
    if (key !== 'StateMachines' && key !== 'MockedResponses') invalid('', `unknown top-level field ${show(key)}`);
  }
  const machines = root['StateMachines'];
  const responses = root['MockedResponses'];
  if (!isJsonObject(machines ?? null)) invalid('"StateMachines": ', 'must be an object of state machine names');
  if (!isJsonObject(responses ?? null)) invalid('"MockedResponses": ', 'must be an object of mocked response names');

  for (const machine of objectKeys(machines as JsonObject)) {
    const where = `StateMachines.${machine}: `;
    const entry = (machines as JsonObject)[machine]!;
    if (!isJsonObject(entry) || !isJsonObject(entry['TestCases'] ?? null))
      invalid(where, 'must be an object with "TestCases"');
    const cases = (entry as JsonObject)['TestCases'] as JsonObject;
    for (const name of objectKeys(cases)) {
      const states = cases[name]!;
      if (!isJsonObject(states))
        invalid(`${where}TestCases.${name}: `, 'must map state names to mocked response names');
      for (const state of objectKeys(states as JsonObject)) {
        if (typeof (states as JsonObject)[state] !== 'string') {
          invalid(`${where}TestCases.${name}.${state}: `, 'must be the name of a mocked response');
        }
      }
    }
  }
  for (const name of objectKeys(responses as JsonObject)) stepsOf(name, (responses as JsonObject)[name]!, invalid);
  // Checked field by field above; kept as parsed so keys like `__proto__` stay data.
  return root as unknown as SfnLocalMockConfig;
}

/** Checks one mocked response and returns its invocation ranges in order, with no gaps or overlaps. */
function stepsOf(name: string, value: Json, invalid: (where: string, problem: string) => never): Step[] {
  const where = `MockedResponses.${name}`;
  if (!isJsonObject(value) || objectKeys(value).length === 0) {
    return invalid(
      `${where}: `,
      'must map invocation indexes ("0", "1-2", ...) to {"Return": ...} or {"Throw": {...}}',
    );
  }
  const steps: Step[] = [];
  for (const key of objectKeys(value)) {
    const at = `${where}[${show(key)}]: `;
    const range = RANGE.exec(key.trim());
    if (!range) invalid(at, 'the key must be an invocation index such as "0" or a range such as "1-3"');
    const first = Number(range[1]);
    const last = range[2] === undefined ? first : Number(range[2]);
    if (last < first) invalid(at, `the range ends before it starts`);
    steps.push({ first, last, response: checkResponse(value[key]!, (problem) => invalid(at, problem)) });
  }
  steps.sort((a, b) => a.first - b.first);
  let next = 0;
  for (const step of steps) {
    if (step.first !== next) {
      const problem =
        step.first < next ? `invocation ${step.first} is mocked twice` : `no response for invocation ${next}`;
      invalid(`${where}: `, `${problem}; indexes count from 0 and must not skip or overlap`);
    }
    next = step.last + 1;
  }
  return steps;
}

function checkResponse(value: Json, invalid: (problem: string) => never): SfnLocalMockedResponse {
  if (!isJsonObject(value)) return invalid('must be {"Return": ...} or {"Throw": {"Error": "...", "Cause": "..."}}');
  const keys = objectKeys(value);
  if (keys.length !== 1 || (keys[0] !== 'Return' && keys[0] !== 'Throw')) {
    return invalid(`needs exactly one of "Return" or "Throw", got ${keys.map(show).join(', ') || 'none'}`);
  }
  if (keys[0] === 'Return') return value as { Return: Json };
  const thrown = value['Throw']!;
  if (!isJsonObject(thrown)) return invalid('"Throw" must be an object like {"Error": "...", "Cause": "..."}');
  for (const key of objectKeys(thrown))
    if (key !== 'Error' && key !== 'Cause') invalid(`"Throw" has an unknown field ${show(key)}`);
  if (typeof thrown['Error'] !== 'string') invalid('"Throw.Error" must be a string');
  if (hasOwn(thrown, 'Cause') && typeof thrown['Cause'] !== 'string') invalid('"Throw.Cause" must be a string');
  return value as SfnLocalMockedResponse;
}

/** Finds the test case, with the names that exist when it is not there. */
function selectTestCase(
  config: SfnLocalMockConfig,
  selection: SfnLocalTestCaseSelection,
): { machine: string; states: Record<string, string> } {
  const machines = Object.keys(config.StateMachines);
  if (selection.stateMachine !== undefined) {
    if (!hasOwn(config.StateMachines, selection.stateMachine)) {
      throw new UsageError(
        ErrorCode.UnknownMockName,
        `mock config has no state machine ${show(selection.stateMachine)}; it has ${list(machines)}`,
      );
    }
    const cases = config.StateMachines[selection.stateMachine]!.TestCases;
    if (!hasOwn(cases, selection.testCase)) {
      throw new UsageError(
        ErrorCode.UnknownMockName,
        `state machine ${show(selection.stateMachine)} in the mock config has no test case ${show(selection.testCase)}; it has ${list(Object.keys(cases))}`,
      );
    }
    return { machine: selection.stateMachine, states: cases[selection.testCase]! };
  }
  const owners = machines.filter((machine) => hasOwn(config.StateMachines[machine]!.TestCases, selection.testCase));
  if (owners.length === 1)
    return { machine: owners[0]!, states: config.StateMachines[owners[0]!]!.TestCases[selection.testCase]! };
  if (owners.length > 1) {
    throw new UsageError(
      ErrorCode.UnknownMockName,
      `test case ${show(selection.testCase)} exists for several state machines (${list(owners)}); name the state machine too`,
    );
  }
  const all = machines.flatMap((machine) =>
    Object.keys(config.StateMachines[machine]!.TestCases).map((name) => `${machine}/${name}`),
  );
  throw new UsageError(
    ErrorCode.UnknownMockName,
    `mock config has no test case ${show(selection.testCase)}; it has ${list(all)}`,
  );
}

const list = (names: string[]): string => (names.length === 0 ? 'none' : names.map(show).join(', '));

/**
 * A router that answers the selected test case's states with their mocked responses: the
 * first call of a state in an execution gets response `"0"`, the next `"1"`, and so on (a
 * Retry attempt is a call). States the test case does not name fall through to the next router.
 * @throws UsageError `ASLKIT_UNKNOWN_MOCK_NAME` when the test case, its state machine or a response it names does not exist.
 * @example
 * const mocks = sfnLocalMockResolvers(parseSfnLocalMockConfig(text), { testCase: 'HappyPath' });
 * await machine.run(input, { resolvers: [mocks, otherResolvers] });
 */
export function sfnLocalMockResolvers(
  config: SfnLocalMockConfig,
  selection: SfnLocalTestCaseSelection,
): ResolverRouter & { readonly stateMachine: string; readonly testCase: string; readonly states: readonly string[] } {
  const { machine, states } = selectTestCase(config, selection);
  const resolvers = new Map<string, TaskResolver>();
  // Invocations are counted per execution, so one router can serve many runs.
  const calls = new Map<string, number>();
  for (const state of Object.keys(states)) {
    const name = states[state]!;
    if (!hasOwn(config.MockedResponses, name)) {
      throw new UsageError(
        ErrorCode.UnknownMockName,
        `test case ${show(selection.testCase)} maps state ${show(state)} to mocked response ${show(name)}, which MockedResponses does not define`,
      );
    }
    const steps = stepsOf(name, config.MockedResponses[name] as unknown as Json, (where, problem) => {
      throw new UsageError(ErrorCode.InvalidMockConfig, `mock config: ${where}${problem}`);
    });
    // Which response answers depends on the calls before: a resumed execution calls it again.
    resolvers.set(
      state,
      replaysLive((_input, context) => {
        const key = `${executionId(context)}\u0000${state}`;
        const index = calls.get(key) ?? 0;
        calls.set(key, index + 1);
        const step = steps.find((candidate) => index >= candidate.first && index <= candidate.last);
        if (!step) {
          throw new TaskError(
            ErrorName.TaskFailed,
            `aslkit mock config: mocked response '${name}' has no entry for invocation ${index} of state '${state}' (test case '${selection.testCase}')`,
          );
        }
        if ('Throw' in step.response) throw new TaskError(step.response.Throw.Error, step.response.Throw.Cause);
        return step.response.Return;
      }),
    );
  }
  return {
    stateMachine: machine,
    testCase: selection.testCase,
    // The state names the test case mocks, for checking them against the definition (unmatchedMockKeys).
    states: Object.keys(states),
    find: (_resource, stateName) => resolvers.get(stateName),
  };
}

function executionId(context: TaskContext): string {
  const execution = isJsonObject(context.contextObject) ? context.contextObject['Execution'] : undefined;
  const id = isJsonObject(execution ?? null) ? (execution as JsonObject)['Id'] : undefined;
  return typeof id === 'string' ? id : '';
}
