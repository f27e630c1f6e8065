/**
 * `testStateOf(request)`: AWS's TestState for a test. Like `testState` from @aslkit/core, but the
 * definition may be a file path, JSON-text fields may be given as values, the result comes back
 * parsed beside AWS's text fields, and runs are deterministic (fixed seed and start time).
 */
import {
  testState,
  type Json,
  type TestStateMock,
  type TestStateOptions,
  type TestStateRequest,
  type TestStateResponse,
} from '@aslkit/core';
import { DEFAULT_SEED, DEFAULT_START_TIME, readDefinitionFile } from '@aslkit/node';

/** A TestState request whose JSON-text fields may be values, and whose definition may be a file path. */
export interface TestStateInput extends Omit<
  TestStateRequest,
  'definition' | 'input' | 'variables' | 'context' | 'mock'
> {
  /** A state or machine value, or the path of a JSON/YAML definition file. */
  definition: string | object;
  input?: Json;
  variables?: Record<string, Json>;
  context?: Json;
  mock?: Omit<TestStateMock, 'result'> & { result?: Json };
}

export interface TestStateAnswer extends TestStateResponse {
  /** `output` parsed. */
  outputValue?: Json;
  /** Each `inspectionData` stage parsed (`afterParameters`, `result`, ...). */
  stages: Partial<Record<string, Json>>;
}

/**
 * @example
 * const answer = await testStateOf({ definition: 'order.asl.json', stateName: 'Charge', input: { id: 1 },
 *   inspectionLevel: 'DEBUG', mock: { result: { StatusCode: 200, Payload: '{}' } } });
 * expect(answer.stages.afterParameters).toEqual({ FunctionName: 'charge', Payload: { id: 1 } });
 */
export async function testStateOf(request: TestStateInput, options: TestStateOptions = {}): Promise<TestStateAnswer> {
  const text = (value: Json | undefined): string | undefined =>
    value === undefined ? undefined : JSON.stringify(value);
  const definition =
    typeof request.definition === 'string' && !request.definition.trimStart().startsWith('{')
      ? readDefinitionFile(request.definition, request.definition).source
      : request.definition;
  const { mock, input, variables, context, ...rest } = request;
  const full: TestStateRequest = {
    ...rest,
    definition,
    ...(input === undefined ? {} : { input: text(input) }),
    ...(variables === undefined ? {} : { variables: text(variables) }),
    ...(context === undefined ? {} : { context: text(context) }),
    ...(mock === undefined ? {} : { mock: mockText(mock) }),
  };
  const answer = await testState(full, { seed: DEFAULT_SEED, startTime: DEFAULT_START_TIME, ...options });
  const stages: Partial<Record<string, Json>> = {};
  for (const [stage, value] of Object.entries(answer.inspectionData ?? {}))
    stages[stage] = typeof value === 'string' ? (JSON.parse(value) as Json) : (value as Json);
  return {
    ...answer,
    ...(answer.output === undefined ? {} : { outputValue: JSON.parse(answer.output) as Json }),
    stages,
  };
}

function mockText(mock: NonNullable<TestStateInput['mock']>): TestStateMock {
  const { result, ...rest } = mock;
  return result === undefined ? rest : { ...rest, result: JSON.stringify(result) };
}
