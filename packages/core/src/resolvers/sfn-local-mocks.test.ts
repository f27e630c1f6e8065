import { describe, expect, it } from 'vitest';
import { StateMachine } from '../runtime/state-machine.js';
import { UsageError } from '../errors/aslkit-error.js';
import { parseSfnLocalMockConfig, sfnLocalMockResolvers } from './sfn-local-mocks.js';

// The example of AWS's "Configuration file for mocked service integrations" page, trimmed.
const awsExample = {
  StateMachines: {
    LambdaSQSIntegration: {
      TestCases: {
        HappyPath: { LambdaState: 'MockedLambdaSuccess', SQSState: 'MockedSQSSuccess' },
        RetryPath: { LambdaState: 'MockedLambdaRetry', SQSState: 'MockedSQSSuccess' },
        HybridPath: { LambdaState: 'MockedLambdaSuccess' },
      },
    },
  },
  MockedResponses: {
    MockedLambdaSuccess: {
      '0': { Return: { StatusCode: 200, Payload: { StatusCode: 200, body: 'Hello from Lambda!' } } },
    },
    MockedSQSSuccess: { '0': { Return: { MD5OfMessageBody: '3bcb6e8e', MessageId: '3bcb6e8e-8b51' } } },
    MockedLambdaRetry: {
      '0': { Throw: { Error: 'Lambda.ResourceNotReadyException', Cause: 'Lambda resource is not ready.' } },
      '1-2': { Throw: { Error: 'Lambda.TimeoutException', Cause: 'Lambda timed out.' } },
      '3': { Return: { StatusCode: 200, Payload: { StatusCode: 200, body: 'Hello from Lambda!' } } },
    },
  },
};

const machine = StateMachine.from(
  {
    StartAt: 'LambdaState',
    States: {
      LambdaState: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { FunctionName: 'HelloFunction', 'Payload.$': '$' },
        Retry: [
          {
            ErrorEquals: ['Lambda.ResourceNotReadyException', 'Lambda.TimeoutException'],
            MaxAttempts: 3,
            IntervalSeconds: 1,
          },
        ],
        ResultSelector: { 'body.$': '$.Payload.body' },
        Next: 'SQSState',
      },
      SQSState: {
        Type: 'Task',
        Resource: 'arn:aws:states:::sqs:sendMessage',
        Parameters: { QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/q', 'MessageBody.$': '$.body' },
        End: true,
      },
    },
  },
  { name: 'LambdaSQSIntegration' },
);

const config = parseSfnLocalMockConfig(JSON.stringify(awsExample), 'MockConfigFile.json');
const run = (testCase: string, seed = 'seed') =>
  machine.run({}, { seed, startTime: '2026-01-01T00:00:00Z', resolvers: sfnLocalMockResolvers(config, { testCase }) });

describe('sfnLocalMockResolvers', () => {
  it('answers each state with its mocked response (the happy path)', async () => {
    const result = await run('HappyPath');
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toEqual({ MD5OfMessageBody: '3bcb6e8e', MessageId: '3bcb6e8e-8b51' });
  });

  it('uses invocation indexes and ranges, one per Retry attempt', async () => {
    const result = await run('RetryPath');
    expect(result.status).toBe('SUCCEEDED');
    const failures = result.history
      .filter((event) => event.type === 'TaskFailed')
      .map((event) => (event as { taskFailedEventDetails: { error: string } }).taskFailedEventDetails.error);
    expect(failures).toEqual([
      'Lambda.ResourceNotReadyException',
      'Lambda.TimeoutException',
      'Lambda.TimeoutException',
    ]);
  });

  it('counts invocations per execution, so one router serves many runs', async () => {
    const router = sfnLocalMockResolvers(config, { testCase: 'RetryPath' });
    for (const seed of ['a', 'b']) {
      const result = await machine.run({}, { seed, resolvers: router });
      expect(result.status).toBe('SUCCEEDED');
    }
  });

  it('leaves states the test case does not name to the next router', async () => {
    const fallback = { 'arn:aws:states:::sqs:sendMessage': () => ({ MessageId: 'from-fallback' }) };
    const result = await machine.run(
      {},
      { resolvers: [sfnLocalMockResolvers(config, { testCase: 'HybridPath' }), fallback] },
    );
    expect(result.output).toEqual({ MessageId: 'from-fallback' });
  });

  it('fails the task clearly when a response has no entry for an invocation', async () => {
    const short = parseSfnLocalMockConfig({
      StateMachines: { M: { TestCases: { T: { LambdaState: 'Once' } } } },
      MockedResponses: { Once: { '0': { Throw: { Error: 'Lambda.TimeoutException' } } } },
    });
    const result = await machine.run({}, { resolvers: sfnLocalMockResolvers(short, { testCase: 'T' }) });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.TaskFailed' });
    expect(result.cause).toContain("no entry for invocation 1 of state 'LambdaState'");
  });

  it('picks a test case by state machine and name, and names what exists when a name is unknown', () => {
    const two = parseSfnLocalMockConfig({
      StateMachines: { A: { TestCases: { Same: {} } }, B: { TestCases: { Same: {}, Other: {} } } },
      MockedResponses: {},
    });
    expect(sfnLocalMockResolvers(two, { stateMachine: 'B', testCase: 'Same' }).stateMachine).toBe('B');
    expect(sfnLocalMockResolvers(two, { testCase: 'Other' }).stateMachine).toBe('B');
    expect(() => sfnLocalMockResolvers(two, { testCase: 'Same' })).toThrow(/several state machines \("A", "B"\)/);
    expect(() => sfnLocalMockResolvers(two, { testCase: 'Nope' })).toThrow(/it has "A\/Same", "B\/Same", "B\/Other"/);
    expect(() => sfnLocalMockResolvers(two, { stateMachine: 'C', testCase: 'Same' })).toThrow(/no state machine "C"/);
    expect(() => sfnLocalMockResolvers(two, { stateMachine: 'A', testCase: 'Other' })).toThrow(
      /has no test case "Other"; it has "Same"/,
    );
    const dangling = parseSfnLocalMockConfig({
      StateMachines: { A: { TestCases: { T: { S: 'Missing' } } } },
      MockedResponses: {},
    });
    const error = (() => {
      try {
        sfnLocalMockResolvers(dangling, { testCase: 'T' });
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).code).toBe('ASLKIT_UNKNOWN_MOCK_NAME');
  });

  it('keeps __proto__ names as data', async () => {
    const hostile = parseSfnLocalMockConfig(
      '{"StateMachines":{"__proto__":{"TestCases":{"__proto__":{"LambdaState":"__proto__"}}}},"MockedResponses":{"__proto__":{"0":{"Return":{"StatusCode":200,"Payload":{"body":"x"}}}}}}',
    );
    const router = sfnLocalMockResolvers(hostile, { testCase: '__proto__' });
    expect(router.stateMachine).toBe('__proto__');
    expect(({} as Record<string, unknown>).TestCases).toBeUndefined();
    const result = await machine.run({}, { resolvers: [router, { '*': () => ({}) }] });
    expect(result.status).toBe('SUCCEEDED');
  });
});

describe('parseSfnLocalMockConfig', () => {
  const code = (source: unknown): string | undefined => {
    try {
      parseSfnLocalMockConfig(source, 'm.json');
      return undefined;
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      expect((error as UsageError).message.startsWith('m.json: ')).toBe(true);
      return (error as UsageError).code;
    }
  };
  const withResponse = (response: unknown) => ({ StateMachines: {}, MockedResponses: { R: response } });

  it('rejects malformed files with ASLKIT_INVALID_MOCK_CONFIG', () => {
    const bad: unknown[] = [
      '{"StateMachines": ',
      '[]',
      null,
      { StateMachines: {} },
      { StateMachines: {}, MockedResponses: {}, Extra: 1 },
      { StateMachines: { M: {} }, MockedResponses: {} },
      { StateMachines: { M: { TestCases: { T: { S: 1 } } } }, MockedResponses: {} },
      withResponse({}),
      withResponse({ x: { Return: 1 } }),
      withResponse({ '-1': { Return: 1 } }),
      withResponse({ '3-1': { Return: 1 } }),
      withResponse({ '1': { Return: 1 } }),
      withResponse({ '0': { Return: 1 }, '2': { Return: 1 } }),
      withResponse({ '0-2': { Return: 1 }, '1': { Return: 1 } }),
      withResponse({ '0': { Return: 1, Throw: { Error: 'E' } } }),
      withResponse({ '0': {} }),
      withResponse({ '0': { Throw: 'E' } }),
      withResponse({ '0': { Throw: { Cause: 'c' } } }),
      withResponse({ '0': { Throw: { Error: 'E', Cause: 1 } } }),
      withResponse({ '0': { Throw: { Error: 'E', Extra: 1 } } }),
      withResponse({ '99999999999': { Return: 1 } }),
    ];
    for (const source of bad) expect(code(source), JSON.stringify(source)).toBe('ASLKIT_INVALID_MOCK_CONFIG');
  });

  it('says where a problem is', () => {
    expect(() => parseSfnLocalMockConfig(withResponse({ '0': { Return: 1 }, '2': { Return: 1 } }), 'm.json')).toThrow(
      'm.json: MockedResponses.R: no response for invocation 1; indexes count from 0 and must not skip or overlap',
    );
    expect(() => parseSfnLocalMockConfig(withResponse({ '0': { Retrun: 1 } }), 'm.json')).toThrow('"Retrun"');
  });

  it('accepts a huge range without expanding it', async () => {
    const config = parseSfnLocalMockConfig({
      StateMachines: { M: { TestCases: { T: { LambdaState: 'Many' } } } },
      MockedResponses: { Many: { '0-999999999': { Return: { Payload: { body: 'b' } } } } },
    });
    const router = sfnLocalMockResolvers(config, { testCase: 'T' });
    const result = await machine.run({}, { resolvers: [router, { '*': () => 'sent' }] });
    expect(result.output).toBe('sent');
  });
});
