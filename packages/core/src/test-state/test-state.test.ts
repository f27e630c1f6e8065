import { describe, expect, it } from 'vitest';
import { testState } from './test-state.js';
import { TestStateRefusal } from './refusal.js';
import type { TestStateRequest } from './types.js';

const FIXED = { seed: 'unit', startTime: '2024-01-01T00:00:00.000Z' };
const run = (request: TestStateRequest) => testState(request, FIXED);
const refusal = async (request: TestStateRequest): Promise<{ code: string; message: string }> => {
  const error = await run(request).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(TestStateRefusal);
  const { code, message } = error as TestStateRefusal;
  return { code, message };
};
const parsed = (text: string | undefined): unknown => (text === undefined ? undefined : JSON.parse(text));

describe('testState: JSONPath stages', () => {
  const task = {
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke',
    InputPath: '$.order',
    Parameters: { FunctionName: 'price', 'Payload.$': '$' },
    ResultSelector: { 'total.$': '$.Payload.total' },
    ResultPath: '$.priced',
    OutputPath: '$.priced',
    Next: 'Ship',
  };
  const request: TestStateRequest = {
    definition: task,
    input: JSON.stringify({ order: { id: 7 } }),
    inspectionLevel: 'DEBUG',
    // The Invoke response's Payload is a blob (text) in the API's shape: NONE lets the mock hold an object.
    mock: { result: JSON.stringify({ Payload: { total: 3 } }), fieldValidationMode: 'NONE' },
  };

  it('reports each stage of a Task, and its next state', async () => {
    const answer = await run(request);
    expect(answer.status).toBe('SUCCEEDED');
    expect(answer.nextState).toBe('Ship');
    const data = answer.inspectionData!;
    expect(Object.keys(data).sort()).toEqual([
      'afterInputPath',
      'afterParameters',
      'afterResultPath',
      'afterResultSelector',
      'input',
      'result',
    ]);
    expect(parsed(data.afterInputPath)).toEqual({ id: 7 });
    expect(parsed(data.afterParameters)).toEqual({ FunctionName: 'price', Payload: { id: 7 } });
    expect(parsed(data.afterResultSelector)).toEqual({ total: 3 });
    expect(parsed(data.afterResultPath)).toEqual({ order: { id: 7 }, priced: { total: 3 } });
    expect(parsed(answer.output)).toEqual({ total: 3 });
  });

  it('shows no inspection data at INFO, the default', async () => {
    const answer = await run({ ...request, inspectionLevel: undefined });
    expect(answer.inspectionData).toBeUndefined();
    expect(answer.status).toBe('SUCCEEDED');
  });

  it('checks a mocked result against the API response shape (STRICT by default)', async () => {
    expect((await refusal({ ...request, mock: { result: '{"Payload": {"total": 3}}' } })).message).toBe(
      "Mock result schema validation error: Field 'Payload' must be a string",
    );
    expect(await refusal({ ...request, mock: { result: '{"StatusCode": "200"}' } })).toEqual({
      code: 'ValidationException',
      message: "Mock result schema validation error: Field 'StatusCode' must be a number",
    });
  });
});

describe('testState: errors, retries and catchers', () => {
  const definition = {
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke',
    Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 2, BackoffRate: 3, MaxAttempts: 2 }],
    Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Recover' }],
    End: true,
  };
  const failing = (error: string, retrierRetryCount?: number): TestStateRequest => ({
    definition,
    input: '{"a": 1}',
    inspectionLevel: 'TRACE',
    mock: { errorOutput: { error, cause: 'boom' } },
    ...(retrierRetryCount === undefined ? {} : { stateConfiguration: { retrierRetryCount } }),
  });

  it('is RETRIABLE with the backoff while the matching retrier has attempts left', async () => {
    const answer = await run(failing('Flaky', 1));
    expect(answer).toMatchObject({ status: 'RETRIABLE', error: 'Flaky', cause: 'boom' });
    expect(answer.inspectionData?.errorDetails).toEqual({ retryIndex: 0, retryBackoffIntervalSeconds: 6 });
  });

  it('goes to the catcher once the retries are used up', async () => {
    const answer = await run(failing('Flaky', 2));
    expect(answer).toMatchObject({ status: 'CAUGHT_ERROR', nextState: 'Recover' });
    expect(parsed(answer.output)).toEqual({ a: 1, error: { Error: 'Flaky', Cause: 'boom' } });
    expect(answer.inspectionData?.errorDetails).toEqual({ catchIndex: 0 });
  });

  it('fails a Fail state with its Error and Cause', async () => {
    const answer = await run({ definition: { Type: 'Fail', Error: 'E', Cause: 'C' } });
    expect(answer).toEqual({ status: 'FAILED', error: 'E', cause: 'C' });
  });
});

describe('testState: refusals', () => {
  it('refuses a mock on a Pass state, and both result and errorOutput', async () => {
    expect(await refusal({ definition: { Type: 'Pass', End: true }, mock: { result: '{}' } })).toEqual({
      code: 'ValidationException',
      message: "State type 'Pass' is not supported when a mock is specified",
    });
    expect(
      (await refusal({ definition: { Type: 'Pass', End: true }, mock: { result: '{}', errorOutput: {} } })).message,
    ).toBe('A test mock should have only one of the following fields: [result, errorOutput].');
  });

  it('refuses a request without a definition or with an unknown inspection level, in AWS validation wording', async () => {
    expect(await refusal({} as TestStateRequest)).toEqual({
      code: 'ValidationException',
      message:
        "1 validation error detected: Value null at 'definition' failed to satisfy constraint: Member must not be null",
    });
    expect((await refusal({ definition: { Type: 'Succeed' }, inspectionLevel: 'LOUD' as 'INFO' })).message).toBe(
      "1 validation error detected: Value 'LOUD' at 'inspectionLevel' failed to satisfy constraint: Member must satisfy enum value set: [INFO, DEBUG, TRACE]",
    );
  });

  it("refuses what AWS's service model forbids: lengths, minimums, enums, several at once", async () => {
    const pass = { Type: 'Pass', End: true };
    // Sensitive members (stateName, input, mock.error, …) are named without their value, as AWS redacts them.
    expect(await refusal({ definition: pass, stateName: '' })).toEqual({
      code: 'ValidationException',
      message:
        "1 validation error detected: Value at 'stateName' failed to satisfy constraint: Member must have length greater than or equal to 1",
    });
    expect((await refusal({ definition: pass, input: `"${'x'.repeat(262144)}"` })).message).toBe(
      "1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have length less than or equal to 262144",
    );
    const task = { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true };
    expect(
      (
        await refusal({
          definition: task,
          mock: { errorOutput: { error: 'E'.repeat(257) }, fieldValidationMode: 'LAX' as 'NONE' },
          stateConfiguration: { retrierRetryCount: -1 },
        })
      ).message,
    ).toBe(
      "3 validation errors detected: Value at 'mock.errorOutput.error' failed to satisfy constraint: Member must have length less than or equal to 256; " +
        "Value 'LAX' at 'mock.fieldValidationMode' failed to satisfy constraint: Member must satisfy enum value set: [STRICT, PRESENT, NONE]; " +
        "Value '-1' at 'stateConfiguration.retrierRetryCount' failed to satisfy constraint: Member must have value greater than or equal to 0",
    );
    expect(
      (
        await refusal({
          definition: task,
          mock: { result: '[]' },
          stateConfiguration: { errorCausedByState: 'S'.repeat(81) },
        })
      ).message,
    ).toBe(
      "1 validation error detected: Value at 'stateConfiguration.errorCausedByState' failed to satisfy constraint: Member must have length less than or equal to 80",
    );
  });

  it('refuses a mock with neither result nor errorOutput, instead of failing without an error', async () => {
    const task = { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true };
    expect(await refusal({ definition: task, mock: { fieldValidationMode: 'NONE' } })).toEqual({
      code: 'ValidationException',
      message: 'A test mock should have only one of the following fields: [result, errorOutput].',
    });
  });

  it('refuses a malformed context, an unknown state and an unmocked Map', async () => {
    const task = { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true };
    expect((await refusal({ definition: task, mock: { result: '{}' }, context: '{"Pokedex": {}}' })).message).toBe(
      "Invalid Context object provided: Field 'Pokedex' is not allowed",
    );
    expect((await refusal({ definition: task, mock: { result: '{}' }, context: 'not json' })).message).toMatch(
      /^Invalid Context object provided: /,
    );
    const machine = { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } };
    expect((await refusal({ definition: machine, stateName: 'B' })).message).toBe('State not found in definition');
    const map = { Type: 'Map', ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true };
    expect(await refusal({ definition: map })).toEqual({
      code: 'InvalidDefinition',
      message:
        'TestState API does not support Map or Parallel states. Supported state types include: [Task, Wait, Pass, Succeed, Fail, Choice]',
    });
  });

  it('refuses an invalid definition with the single state named StateName', async () => {
    expect(
      await refusal({ definition: { Type: 'Parallel', Branches: [], End: true }, mock: { result: '[]' } }),
    ).toEqual({
      code: 'InvalidDefinition',
      message:
        "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Value cannot be empty at /States/StateName/Branches'",
    });
  });
});

describe('testState: nested states, variables and context', () => {
  it('tests a state nested in a Map processor, with variables and a given context', async () => {
    const definition = {
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          ItemProcessor: {
            StartAt: 'Inner',
            States: {
              Inner: {
                Type: 'Pass',
                QueryLanguage: 'JSONata',
                Output: '{% [$x, $states.context.Execution.Name] %}',
                End: true,
              },
            },
          },
          End: true,
        },
      },
    };
    const answer = await run({
      definition,
      stateName: 'Inner',
      variables: '{"x": 5}',
      context: '{"Execution": {"Name": "given"}}',
      inspectionLevel: 'DEBUG',
    });
    expect(parsed(answer.output)).toEqual([5, 'given']);
    expect(parsed(answer.inspectionData?.variables)).toEqual({ x: 5 });
  });
});

describe('testState: JSON-text fields given as values', () => {
  it('takes a context, variables and a mock result as values as well as JSON text', async () => {
    const task = {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { 'name.$': '$$.Execution.Name', 'v.$': '$x' },
      End: true,
    };
    const asText = await run({
      definition: task,
      context: '{"Execution": {"Name": "given"}}',
      variables: '{"x": 1}',
      mock: { result: '{}' },
      inspectionLevel: 'DEBUG',
    });
    const asValues = await run({
      definition: task,
      context: { Execution: { Name: 'given' } } as unknown as string,
      variables: { x: 1 } as unknown as string,
      mock: { result: {} as unknown as string },
      inspectionLevel: 'DEBUG',
    });
    expect(parsed(asValues.inspectionData?.afterParameters)).toEqual({ name: 'given', v: 1 });
    expect(asValues).toEqual(asText);
  });
});

describe('testState: the variables after the state', () => {
  it("reports the request's variables with what the state assigned (AWS's InspectionData.variables)", async () => {
    const answer = await run({
      definition: { Type: 'Pass', Assign: { total: 3, 'doubled.$': '$.n', kept: 'new' }, End: true },
      input: '{"n": 2}',
      variables: '{"kept": "old", "other": true}',
      inspectionLevel: 'DEBUG',
    });
    expect(parsed(answer.inspectionData?.variables)).toEqual({ kept: 'new', other: true, total: 3, doubled: 2 });
  });

  it("reports a catcher's assignments, and none from a state that failed", async () => {
    const definition = {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Assign: { fromState: 1 },
      Catch: [{ ErrorEquals: ['States.ALL'], Assign: { 'caught.$': '$.Error' }, Next: 'Recover' }],
      End: true,
    };
    const answer = await run({
      definition,
      input: '{}',
      inspectionLevel: 'DEBUG',
      mock: { errorOutput: { error: 'Boom', cause: 'no' } },
    });
    expect(answer.status).toBe('CAUGHT_ERROR');
    expect(parsed(answer.inspectionData?.variables)).toEqual({ caught: 'Boom' });
  });
});

describe('testState: offline answers, Wait and Map tolerance', () => {
  it('answers an unmocked Task with the resolvers given, as a run would', async () => {
    const answer = await testState(
      {
        definition: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:demo:ping', End: true },
        input: '{"n": 2}',
      },
      { ...FIXED, resolvers: { 'arn:aws:states:::aws-sdk:demo:ping': (input) => ({ got: input }) } },
    );
    expect(answer).toEqual({ status: 'SUCCEEDED', output: '{"got":{"n":2}}' });
  });

  it('runs a Wait state on virtual time and names its next state', async () => {
    const answer = await run({ definition: { Type: 'Wait', Seconds: 3600, Next: 'After' }, input: '[1]' });
    expect(answer).toEqual({ status: 'SUCCEEDED', output: '[1]', nextState: 'After' });
  });

  it('fails a Map whose failed iterations exceed ToleratedFailurePercentage of its items', async () => {
    const map = {
      Type: 'Map',
      ItemsPath: '$.items',
      ToleratedFailurePercentage: 50,
      ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
      End: true,
    };
    const request = (failures: number): TestStateRequest => ({
      definition: map,
      input: '{"items": [1, 2, 3, 4]}',
      inspectionLevel: 'DEBUG',
      mock: { result: '[1, 2, 3, 4]' },
      stateConfiguration: { mapIterationFailureCount: failures },
    });
    expect((await run(request(2))).status).toBe('SUCCEEDED');
    const exceeded = await run(request(3));
    expect(exceeded).toMatchObject({
      status: 'FAILED',
      error: 'States.ExceedToleratedFailureThreshold',
      cause: 'The specified tolerated failure threshold was exceeded',
    });
    expect(exceeded.inspectionData).toMatchObject({
      afterItemsPath: '[1,2,3,4]',
      maxConcurrency: 0,
      toleratedFailurePercentage: 50,
    });
  });
});

describe('testState: an HTTP Task at TRACE', () => {
  const definition = {
    Type: 'Task',
    Resource: 'arn:aws:states:::http:invoke',
    Parameters: {
      Method: 'GET',
      ApiEndpoint: 'https://httpbin.org/get',
      Authentication: { ConnectionArn: 'arn:aws:events:us-east-1:123456789012:connection/foo/a59c' },
      Headers: { definitionHeader: 'h1' },
      RequestBody: { message: 'Hello from Step Functions!' },
      QueryParameters: { queryParam: 'q1', tags: ['a b', 'c'] },
    },
    End: true,
  };
  const result = {
    Headers: { date: ['Tue, 21 Nov 2023 00:06:17 GMT'], 'content-type': ['application/json'], vary: ['a', 'b'] },
    ResponseBody: { ok: true },
    StatusCode: 200,
    StatusText: 'OK',
  };
  const request: TestStateRequest = { definition, inspectionLevel: 'TRACE', roleArn: 'arn:aws:iam::1:role/r' };
  const answered = (answer: () => unknown) =>
    testState(request, { ...FIXED, region: 'eu-west-1', resolvers: { '*': answer } });

  it('shows the request the task input describes and the response its result describes', async () => {
    const answer = await answered(() => result);
    expect(answer.status).toBe('SUCCEEDED');
    expect(answer.inspectionData?.request).toEqual({
      protocol: 'https',
      method: 'GET',
      url: 'https://httpbin.org/get?queryParam=q1&tags=a+b&tags=c',
      headers: '[definitionHeader: h1, User-Agent: Amazon|StepFunctions|HttpInvoke|eu-west-1, Range: bytes=0-262144]',
      body: '{"message":"Hello from Step Functions!"}',
    });
    expect(answer.inspectionData?.response).toEqual({
      protocol: 'https',
      statusCode: '200',
      statusMessage: 'OK',
      headers: '[date: Tue, 21 Nov 2023 00:06:17 GMT, content-type: application/json, vary: a, b]',
      body: '{"ok":true}',
    });
  });

  it('form-encodes the body when the Transform asks for it', async () => {
    const encoded = {
      ...definition,
      Parameters: { ...definition.Parameters, Transform: { RequestBodyEncoding: 'URL_ENCODED' } },
    };
    const answer = await testState({ ...request, definition: encoded }, { ...FIXED, resolvers: { '*': () => result } });
    expect(answer.inspectionData?.request?.body).toBe('message=Hello+from+Step+Functions%21');
  });

  it('shows the request but no response when the call fails', async () => {
    const answer = await answered(() => {
      throw Object.assign(new Error('Not Found'), { name: 'States.Http.StatusCode.404' });
    });
    expect(answer.status).toBe('FAILED');
    expect(answer.inspectionData?.request?.url).toBe('https://httpbin.org/get?queryParam=q1&tags=a+b&tags=c');
    expect(answer.inspectionData).not.toHaveProperty('response');
  });

  it('shows neither below TRACE, nor for a Task of another service', async () => {
    const debug = await testState(
      { ...request, inspectionLevel: 'DEBUG' },
      { ...FIXED, resolvers: { '*': () => result } },
    );
    expect(debug.inspectionData).not.toHaveProperty('request');
    const lambda = await testState(
      { ...request, definition: { ...definition, Resource: 'arn:aws:states:::lambda:invoke' } },
      { ...FIXED, resolvers: { '*': () => result } },
    );
    expect(lambda.inspectionData).not.toHaveProperty('request');
    expect(lambda.inspectionData).not.toHaveProperty('response');
  });

  it('shows neither when a mock stands in for the call', async () => {
    const mocked = await run({
      definition,
      inspectionLevel: 'TRACE',
      mock: { result: JSON.stringify(result), fieldValidationMode: 'NONE' },
    });
    expect(mocked.status).toBe('SUCCEEDED');
    expect(mocked.inspectionData).not.toHaveProperty('request');
    expect(mocked.inspectionData).not.toHaveProperty('response');
  });
});
