import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StateMachine, UsageError, type ExecutionResult, type HistoryEvent, type Json } from '@aslkit/core';
import {
  lambdaResolvers,
  loadHandlers,
  type LambdaContext,
  type LambdaHandler,
  type LocalHandlers,
} from '../src/index.js';
import { RESPONSE_TOO_LARGE } from '../src/lambda-response.js';

const ACCOUNT = '123456789012';
const START = '2026-01-01T00:00:00Z';

const direct = (name = 'charge', state: Record<string, unknown> = {}) =>
  StateMachine.from({
    StartAt: 'Charge',
    States: {
      Charge: { Type: 'Task', Resource: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${name}`, End: true, ...state },
    },
  });

const invoke = (functionName = 'charge', state: Record<string, unknown> = {}) =>
  StateMachine.from({
    StartAt: 'Charge',
    States: {
      Charge: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { FunctionName: functionName, 'Payload.$': '$' },
        End: true,
        ...state,
      },
    },
  });

const run = (
  machine: StateMachine,
  handlers: LocalHandlers,
  input: Json = {},
  seed: string | number = 1,
): Promise<ExecutionResult> => machine.run(input, { resolvers: lambdaResolvers({ handlers }), seed, startTime: START });

const types = (history: HistoryEvent[]) => history.map((event) => event.type);

describe('local handlers: results', () => {
  it('an async handler answers a function ARN with its value, with LambdaFunction* events', async () => {
    const result = await run(
      direct(),
      { charge: async (event: { amount: number }) => ({ charged: event.amount }) },
      { amount: 5 },
    );
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { charged: 5 } });
    expect(types(result.history)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it("lambda:invoke gets the envelope AWS gives, headers in AWS's recorded order", async () => {
    let requestId = '';
    const result = await run(invoke(), {
      charge: async (_event: unknown, context: LambdaContext) => {
        requestId = context.awsRequestId;
        return { body: 'string body' };
      },
    });
    const output = result.output as Record<string, Json>;
    expect(Object.keys(output)).toEqual([
      'ExecutedVersion',
      'Payload',
      'SdkHttpMetadata',
      'SdkResponseMetadata',
      'StatusCode',
    ]);
    expect(output).toMatchObject({
      ExecutedVersion: '$LATEST',
      Payload: { body: 'string body' },
      SdkResponseMetadata: { RequestId: requestId },
      StatusCode: 200,
    });
    const metadata = output['SdkHttpMetadata'] as {
      AllHttpHeaders: Record<string, string[]>;
      HttpHeaders: Record<string, string>;
    };
    // conformance: local_mocking__lambda_service_invoke
    expect(Object.keys(metadata.AllHttpHeaders)).toEqual([
      'X-Amz-Executed-Version',
      'x-amzn-Remapped-Content-Length',
      'Connection',
      'x-amzn-RequestId',
      'Content-Length',
      'Date',
      'X-Amzn-Trace-Id',
      'Content-Type',
    ]);
    expect(Object.keys(metadata.HttpHeaders)).toEqual([
      'Connection',
      'Content-Length',
      'Content-Type',
      'Date',
      'X-Amz-Executed-Version',
      'x-amzn-Remapped-Content-Length',
      'x-amzn-RequestId',
      'X-Amzn-Trace-Id',
    ]);
    // AWS recorded 23 for a Python function's `{"body": "string body"}`; Node's JSON is compact.
    expect(metadata.HttpHeaders).toMatchObject({
      'Content-Length': '22',
      Date: 'Thu, 01 Jan 2026 00:00:00 GMT',
      'x-amzn-RequestId': requestId,
    });
  });

  it('gives the handler a Lambda-like context', async () => {
    let seen: LambdaContext | undefined;
    let remaining = -1;
    const handler: LambdaHandler = async (_event, context) => {
      seen = context;
      remaining = context.getRemainingTimeInMillis();
    };
    await run(invoke('arn:aws:lambda:eu-west-1:111122223333:function:charge:live'), {
      'charge:live': { handler, timeoutSeconds: 10, memoryLimitInMB: 256 },
    });
    expect(seen).toMatchObject({
      functionName: 'charge',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:eu-west-1:111122223333:function:charge:live',
      memoryLimitInMB: '256',
      logGroupName: '/aws/lambda/charge',
      callbackWaitsForEmptyEventLoop: true,
    });
    expect(seen!.awsRequestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(seen!.logStreamName).toMatch(/^2026\/01\/01\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(remaining).toBeGreaterThan(9000);
    expect(remaining).toBeLessThanOrEqual(10000);
  });

  it('request ids repeat with the seed and differ between calls and seeds', async () => {
    const ids: string[] = [];
    const handlers = { charge: async (_event: unknown, context: LambdaContext) => void ids.push(context.awsRequestId) };
    const machine = StateMachine.from({
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemProcessor: {
            StartAt: 'Charge',
            States: {
              Charge: { Type: 'Task', Resource: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:charge`, End: true },
            },
          },
          End: true,
        },
      },
    });
    await run(machine, handlers, [1, 2, 2], 'a');
    await run(machine, handlers, [1, 2, 2], 'a');
    await run(machine, handlers, [1, 2, 2], 'b');
    expect(ids.slice(0, 3)).toEqual(ids.slice(3, 6));
    expect(new Set(ids.slice(0, 3)).size).toBe(3);
    expect(ids.slice(6)).not.toEqual(ids.slice(0, 3));
  });

  it('callback-style handlers answer through the callback, later or at once', async () => {
    const later: LambdaHandler = (event: { n: number }, _context, callback) =>
      void setTimeout(() => callback(null, event.n * 2), 5);
    expect((await run(direct(), { charge: later }, { n: 21 })).output).toBe(42);
    const failing: LambdaHandler = (_event, _context, callback) => callback(new RangeError('too big'));
    expect(await run(direct(), { charge: failing })).toMatchObject({ status: 'FAILED', error: 'RangeError' });
  });

  it("ignores a plain function's return value, as the Node.js runtime does", async () => {
    const plain = ((event: unknown) => ({ echoed: event })) as LambdaHandler;
    expect(await run(direct(), { charge: plain }, { a: 1 })).toMatchObject({ status: 'SUCCEEDED', output: null });
  });

  it('finds handlers by name, by name:qualifier and by ARN key', async () => {
    const handlers: LocalHandlers = {
      [`arn:aws:lambda:us-east-1:${ACCOUNT}:function:ship`]: async () => 'by arn',
      'charge:live': async () => 'live alias',
      charge: async () => 'unqualified',
    };
    expect((await run(direct('ship'), handlers)).output).toBe('by arn');
    expect((await run(direct('charge:live'), handlers)).output).toBe('live alias');
    expect((await run(direct('charge:7'), handlers)).output).toBe('unqualified');
  });

  it('InvocationType Event answers 202 at once; DryRun does not call the handler', async () => {
    let calls = 0;
    const handlers = { charge: async () => void calls++ };
    const machine = (type: string) =>
      StateMachine.from({
        StartAt: 'A',
        States: {
          A: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Parameters: { FunctionName: 'charge', InvocationType: type },
            End: true,
          },
        },
      });
    expect((await run(machine('Event'), handlers)).output).toMatchObject({ Payload: '', StatusCode: 202 });
    expect((await run(machine('DryRun'), handlers)).output).toMatchObject({ Payload: '', StatusCode: 204 });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(calls).toBe(1);
  });

  it('passes __proto__ keys through as data', async () => {
    const result = await run(
      direct(),
      { charge: async (event: Record<string, unknown>) => ({ keys: Object.keys(event), event }) },
      JSON.parse('{"__proto__":{"x":1}}') as Json,
    );
    expect(JSON.stringify(result.output)).toBe('{"keys":["__proto__"],"event":{"__proto__":{"x":1}}}');
  });

  it('is deterministic: the same seed gives byte-identical histories', async () => {
    const handlers = {
      charge: async (event: unknown, context: LambdaContext) => ({ event, id: context.awsRequestId }),
    };
    const once = async () => JSON.stringify((await run(invoke(), handlers, { a: 1 }, 3)).history);
    expect(await once()).toBe(await once());
  });
});

describe('local handlers: errors', () => {
  class PaymentDeclined extends Error {
    override name = 'PaymentDeclined';
  }

  it('a thrown error is named by its name, with {errorMessage, errorType, stackTrace} as cause', async () => {
    const result = await run(direct(), {
      charge: async () => {
        throw new PaymentDeclined('card 4242 declined');
      },
    });
    expect(result).toMatchObject({ status: 'FAILED', error: 'PaymentDeclined' });
    const cause = JSON.parse(result.cause!) as { errorMessage: string; errorType: string; stackTrace: string[] };
    expect(Object.keys(cause)).toEqual(['errorMessage', 'errorType', 'stackTrace']);
    expect(cause).toMatchObject({ errorMessage: 'card 4242 declined', errorType: 'PaymentDeclined' });
    expect(cause.stackTrace[0]).toMatch(/^\s+at /);
  });

  it('a thrown non-error is named by its type', async () => {
    const result = await run(invoke(), { charge: async () => Promise.reject('plain text') });
    expect(result).toMatchObject({
      error: 'string',
      cause: '{"errorMessage":"plain text","errorType":"string","stackTrace":[]}',
    });
  });

  it('a result that is not JSON fails as the serialization error', async () => {
    const result = await run(direct(), { charge: async () => ({ big: 10n }) });
    expect(result.error).toBe('TypeError');
  });

  it("a result over Lambda's 6 MB response limit fails as Lambda reports it, measured without writing it", async () => {
    const big = { text: 'x'.repeat(1_000_000) };
    // A thousand references to one megabyte: a gigabyte of JSON, refused after six.
    const result = await run(direct(), { charge: async () => Array.from({ length: 1_000 }, () => big) });
    expect(result).toMatchObject({ error: 'Function.ResponseSizeTooLarge', cause: RESPONSE_TOO_LARGE });
  });

  it('running past the timeout fails as Sandbox.Timedout, as Lambda reports it', async () => {
    const slow: LambdaHandler = () => new Promise((resolve) => setTimeout(resolve, 1000));
    const result = await run(invoke(), { charge: { handler: slow, timeoutSeconds: 0.05 } });
    expect(result.error).toBe('Sandbox.Timedout');
    expect(result.cause).toMatch(
      /^\{"errorMessage":"RequestId: [0-9a-f-]{36} Error: Task timed out after 0\.05 seconds","errorType":"Sandbox\.Timedout"\}$/,
    );
  });

  it('Retry and Catch act on the mapped names', async () => {
    let calls = 0;
    const flaky: LambdaHandler = async () => {
      calls++;
      if (calls === 1) await new Promise((resolve) => setTimeout(resolve, 200));
      if (calls === 2) throw new PaymentDeclined('no');
      return 'unreachable';
    };
    const withStates = StateMachine.from({
      StartAt: 'Charge',
      States: {
        Charge: {
          Type: 'Task',
          Resource: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:charge`,
          Retry: [{ ErrorEquals: ['Sandbox.Timedout'], MaxAttempts: 2 }],
          Catch: [{ ErrorEquals: ['PaymentDeclined'], ResultPath: '$.declined', Next: 'Declined' }],
          Next: 'Paid',
        },
        Paid: { Type: 'Succeed' },
        Declined: { Type: 'Pass', End: true },
      },
    });
    const result = await run(withStates, { charge: { handler: flaky, timeoutSeconds: 0.05 } }, { order: 1 });
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toMatchObject({ order: 1, declined: { Error: 'PaymentDeclined' } });
    expect(calls).toBe(2);
  });

  it('a function with no handler fails with a message that says how to provide one', async () => {
    const result = await run(invoke('unknown-fn'), { charge: async () => 1 });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(result.cause).toContain("No Lambda handler for function 'unknown-fn' (state 'Charge')");
    expect(result.cause).toContain('real invocation');
    const custom = await invoke('x').run(
      {},
      { resolvers: lambdaResolvers({ missingMessage: (fn) => `add ${fn} to --handlers` }) },
    );
    expect(custom.cause).toContain('add x to --handlers');
  });

  it('rejects lambda:invoke Parameters Lambda would refuse', async () => {
    const bad = (parameters: Record<string, unknown>) =>
      StateMachine.from(
        {
          StartAt: 'A',
          States: {
            A: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: parameters, End: true },
          },
        },
        { validate: false },
      );
    for (const parameters of [
      { Payload: 1 },
      { FunctionName: 1 },
      { FunctionName: 'f', Bogus: 1 },
      { FunctionName: 'f', InvocationType: 'Later' },
      { FunctionName: 'a:b:c' },
    ]) {
      const result = await bad(parameters).run({}, { resolvers: lambdaResolvers({ handlers: { f: async () => 1 } }) });
      expect(result.error, JSON.stringify(parameters)).toBe('States.Runtime');
    }
  });

  it('rejects handler maps with bad keys or non-functions', () => {
    expect(() => lambdaResolvers({ handlers: { 'a:b:c': async () => 1 } })).toThrow(UsageError);
    expect(() => lambdaResolvers({ handlers: { f: { handler: 'nope' } as never } })).toThrow(/not a function/);
  });
});

describe('loadHandlers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aslkit-lambda-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(
    join(dir, 'handlers.mjs'),
    'export const charge = async (event) => ({ charged: event.amount });\nexport async function handler() { return "default"; }\n',
  );

  it('loads module#export and module (the handler export), with settings', async () => {
    const handlers = await loadHandlers(
      { charge: './handlers.mjs#charge', ship: { handler: 'handlers.mjs', timeoutSeconds: 5 } },
      dir,
    );
    expect((await run(direct('charge'), handlers, { amount: 3 })).output).toEqual({ charged: 3 });
    expect((await run(direct('ship'), handlers)).output).toBe('default');
    expect(handlers['ship']).toMatchObject({ timeoutSeconds: 5 });
  });

  it('says what is wrong with a spec', async () => {
    const problem = (specs: unknown) =>
      loadHandlers(specs, dir, 'h.json').then(
        () => 'loaded',
        (error: UsageError) => `${error.code}: ${error.message}`,
      );
    expect(await problem({ charge: './handlers.mjs#nope' })).toBe(
      'ASLKIT_INVALID_HANDLERS: h.json: "charge": ./handlers.mjs has no function export \'nope\' (it exports charge, handler)',
    );
    expect(await problem({ charge: './missing.mjs#x' })).toMatch(
      /^ASLKIT_INVALID_HANDLERS: h.json: "charge": cannot load \.\/missing\.mjs: /,
    );
    expect(await problem([])).toMatch(/must be an object/);
    expect(await problem({ charge: 7 })).toMatch(/must be "module#export"/);
    expect(await problem({ charge: { handler: 'handlers.mjs', timeoutSeconds: -1 } })).toMatch(
      /"timeoutSeconds" must be a positive number/,
    );
    expect(await problem({ charge: { handler: 'handlers.mjs', memory: 1 } })).toMatch(/unknown field "memory"/);
  });
});
