import { afterEach, describe, expect, it } from 'vitest';
import { StateMachine, type ExecutionResult, type HistoryEvent, type Json } from '@aslkit/core';
import { lambdaResolvers } from '../src/index.js';
import { MAX_RESPONSE_BYTES, RESPONSE_TOO_LARGE } from '../src/lambda-response.js';
import {
  functionError,
  ok,
  serviceError,
  startLambdaServer,
  type Behaviour,
  type LambdaServer,
} from './lambda-server.js';

const FN_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:charge';
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const servers: LambdaServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function serve(functions: Record<string, Behaviour>): Promise<LambdaServer> {
  const server = await startLambdaServer(functions);
  servers.push(server);
  return server;
}

const real = (server: LambdaServer, extra: Record<string, unknown> = {}) =>
  lambdaResolvers({
    real: { clientConfig: { endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1, ...extra } },
  });

const direct = (state: Record<string, unknown> = {}) =>
  StateMachine.from({ StartAt: 'Charge', States: { Charge: { Type: 'Task', Resource: FN_ARN, End: true, ...state } } });

const invoke = (
  state: Record<string, unknown> = {},
  parameters: Record<string, unknown> = {},
  resource = 'arn:aws:states:::lambda:invoke',
) =>
  StateMachine.from({
    StartAt: 'Charge',
    States: {
      Charge: {
        Type: 'Task',
        Resource: resource,
        Parameters: withoutUndefined({ FunctionName: 'charge', 'Payload.$': '$', ...parameters }),
        End: true,
        ...state,
      },
    },
  });

/** `undefined` in the overrides removes a default field. */
function withoutUndefined(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

const types = (history: HistoryEvent[]) => history.map((event) => event.type);
const detail = (result: ExecutionResult, type: string): Record<string, unknown> => {
  const event = result.history.find((candidate) => candidate.type === type) as unknown as Record<string, unknown>;
  return Object.values(event).find((value) => typeof value === 'object') as Record<string, unknown>;
};

describe('real Lambda: results', () => {
  it('a function ARN gives the payload, with LambdaFunction* events', async () => {
    const server = await serve({
      charge: (request) => ok({ charged: (JSON.parse(request.body) as { amount: number }).amount }),
    });
    const result = await direct().run({ amount: 42 }, { resolvers: real(server) });
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { charged: 42 } });
    expect(server.requests[0]).toMatchObject({ functionName: FN_ARN, body: '{"amount":42}' });
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

  it('lambda:invoke gives the Invoke envelope with SdkHttpMetadata as AWS writes it', async () => {
    const server = await serve({
      charge: () =>
        ok({ body: 'string body' }, { 'x-amzn-Remapped-Content-Length': '0', 'X-Amzn-Trace-Id': 'root=1-x;sampled=0' }),
    });
    const result = await invoke().run({}, { resolvers: real(server) });
    expect(result.status).toBe('SUCCEEDED');
    const output = result.output as Record<string, Json>;
    expect(Object.keys(output)).toEqual([
      'ExecutedVersion',
      'Payload',
      'SdkHttpMetadata',
      'SdkResponseMetadata',
      'StatusCode',
    ]);
    expect(output).toMatchObject({ ExecutedVersion: '$LATEST', Payload: { body: 'string body' }, StatusCode: 200 });
    const requestId = server.requests.length === 1 ? '00000000-0000-4000-8000-000000000001' : '';
    expect(output['SdkResponseMetadata']).toEqual({ RequestId: requestId });
    const metadata = output['SdkHttpMetadata'] as {
      AllHttpHeaders: Record<string, string[]>;
      HttpHeaders: Record<string, string>;
      HttpStatusCode: number;
    };
    expect(metadata.HttpStatusCode).toBe(200);
    expect(metadata.AllHttpHeaders['x-amzn-RequestId']).toEqual([requestId]);
    expect(metadata.HttpHeaders['X-Amz-Executed-Version']).toBe('$LATEST');
    // Lambda's spelling, not Node's lower case; the order is the Java HashMap's (sdk-http-metadata.test.ts).
    expect(Object.keys(metadata.AllHttpHeaders)).toEqual(
      expect.arrayContaining([
        'X-Amz-Executed-Version',
        'x-amzn-Remapped-Content-Length',
        'Connection',
        'x-amzn-RequestId',
        'Date',
        'X-Amzn-Trace-Id',
        'Content-Type',
      ]),
    );
    expect(Object.keys(metadata.HttpHeaders)).toEqual(
      Object.keys(metadata.HttpHeaders)
        .slice()
        .sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())),
    );
    expect(detail(result, 'TaskScheduled')).toMatchObject({
      resourceType: 'lambda',
      resource: 'invoke',
      parameters: '{"FunctionName":"charge","Payload":{}}',
    });
    expect(types(result.history)).toContain('TaskSucceeded');
  });

  it('passes Qualifier, InvocationType, ClientContext and text payloads as Lambda takes them', async () => {
    const server = await serve({ charge: () => ({ status: 202, body: '' }) });
    const machine = invoke(
      {},
      {
        'Payload.$': undefined,
        Payload: 'plain text',
        Qualifier: 'live',
        InvocationType: 'Event',
        ClientContext: 'e30=',
      },
    );
    const result = await machine.run({}, { resolvers: real(server) });
    expect(result.status).toBe('SUCCEEDED');
    expect(server.requests[0]).toMatchObject({
      functionName: 'charge',
      qualifier: 'live',
      invocationType: 'Event',
      body: '"plain text"',
    });
    expect(server.requests[0]!.headers['x-amz-client-context']).toBe('e30=');
    expect(result.output).toMatchObject({ Payload: '', StatusCode: 202 });
  });

  it('keeps a payload that is not JSON as a string', async () => {
    const server = await serve({ charge: () => ok('not json {') });
    expect((await direct().run({}, { resolvers: real(server) })).output).toBe('not json {');
    expect(((await invoke().run({}, { resolvers: real(server) })).output as { Payload: Json }).Payload).toBe(
      'not json {',
    );
  });

  it('reads AWS_ENDPOINT_URL_LAMBDA and AWS_ENDPOINT_URL, as the SDK does', async () => {
    const server = await serve({ charge: () => ok('"from env"') });
    for (const variable of ['AWS_ENDPOINT_URL_LAMBDA', 'AWS_ENDPOINT_URL']) {
      const saved = process.env[variable];
      process.env[variable] = server.url;
      try {
        const resolvers = lambdaResolvers({
          real: { clientConfig: { region: 'us-east-1', credentials, maxAttempts: 1 } },
        });
        expect((await direct().run({}, { resolvers })).output).toBe('from env');
      } finally {
        if (saved === undefined) delete process.env[variable];
        else process.env[variable] = saved;
      }
    }
    expect(server.requests).toHaveLength(2);
  });
});

describe('real Lambda: function errors', () => {
  const python =
    '{"errorMessage": "Card declined", "errorType": "PaymentDeclined", "requestId": "r-1", "stackTrace": ["  File \\"/var/task/handler.py\\", line 2"]}';

  it('a function ARN fails with the errorType and the payload verbatim as cause', async () => {
    const server = await serve({ charge: () => functionError(python) });
    const result = await direct().run({}, { resolvers: real(server) });
    expect(result).toMatchObject({ status: 'FAILED', error: 'PaymentDeclined', cause: python });
    expect(detail(result, 'LambdaFunctionFailed')).toEqual({ error: 'PaymentDeclined', cause: python });
  });

  it('lambda:invoke re-serializes the payload compactly, keeping key order', async () => {
    const server = await serve({ charge: () => functionError(python) });
    const result = await invoke().run({}, { resolvers: real(server) });
    expect(result.error).toBe('PaymentDeclined');
    expect(result.cause).toBe(
      '{"errorMessage":"Card declined","errorType":"PaymentDeclined","requestId":"r-1","stackTrace":["  File \\"/var/task/handler.py\\", line 2"]}',
    );
    expect(detail(result, 'TaskFailed')).toMatchObject({
      resourceType: 'lambda',
      resource: 'invoke',
      error: 'PaymentDeclined',
    });
  });

  it('a payload without errorType is Lambda.Unknown, quoting the payload', async () => {
    const payload = '{"errorMessage":"2025-01-07T10:40:38.651Z ab9a35df Task timed out after 60.16 seconds"}';
    const server = await serve({ charge: () => functionError(payload) });
    const result = await direct().run({}, { resolvers: real(server) });
    expect(result.error).toBe('Lambda.Unknown');
    expect(result.cause).toBe(
      `The cause could not be determined because Lambda did not return an error type. Returned payload: ${payload}`,
    );
  });

  it('Catch and Retry act on the errorType', async () => {
    const server = await serve({
      charge: (_request, call) =>
        call < 3 ? functionError('{"errorType":"Flaky","errorMessage":"again"}') : functionError(python),
    });
    const machine = StateMachine.from({
      StartAt: 'Charge',
      States: {
        Charge: {
          Type: 'Task',
          Resource: FN_ARN,
          Retry: [{ ErrorEquals: ['Flaky'], MaxAttempts: 5, IntervalSeconds: 1 }],
          Catch: [{ ErrorEquals: ['PaymentDeclined'], ResultPath: '$.error', Next: 'Declined' }],
          End: true,
        },
        Declined: { Type: 'Pass', End: true },
      },
    });
    const result = await machine.run({}, { resolvers: real(server) });
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toEqual({ error: { Error: 'PaymentDeclined', Cause: python } });
    expect(server.requests).toHaveLength(3);
  });
});

describe('real Lambda: service and SDK failures', () => {
  const cases: [string, Behaviour, string, RegExp][] = [
    [
      'a missing function',
      () => serviceError(404, 'ResourceNotFoundException', `Function not found: ${FN_ARN}`),
      'Lambda.ResourceNotFoundException',
      /^Function not found: arn:aws:lambda:us-east-1:123456789012:function:charge \(Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: 00000000-0000-4000-8000-000000000001; Proxy: null\)$/,
    ],
    [
      'throttling (429)',
      () => serviceError(429, 'TooManyRequestsException', 'Rate Exceeded.'),
      'Lambda.TooManyRequestsException',
      /^Rate Exceeded\. \(Service: AWSLambda; Status Code: 429; Error Code: TooManyRequestsException;/,
    ],
    [
      'a service fault (500)',
      () => serviceError(500, 'ServiceException', 'internal'),
      'Lambda.ServiceException',
      /Status Code: 500; Error Code: ServiceException;/,
    ],
    [
      'an unmodeled error code',
      () => serviceError(403, 'AccessDeniedException', 'not authorized'),
      'Lambda.AWSLambdaException',
      /^not authorized \(Service: AWSLambda; Status Code: 403; Error Code: AccessDeniedException;/,
    ],
    [
      'a 502 without an error body',
      () => ({ status: 502, headers: { 'Content-Type': 'text/html' }, body: '<html>bad gateway</html>' }),
      'Lambda.AWSLambdaException',
      /Status Code: 502;/,
    ],
    ['a dropped connection', () => ({ drop: true }), 'Lambda.SdkClientException', /^Unable to execute HTTP request: /],
  ];
  for (const [what, behaviour, error, cause] of cases) {
    it(`maps ${what} to ${error}`, async () => {
      const server = await serve({ charge: behaviour });
      const result = await invoke().run({}, { resolvers: real(server) });
      expect(result.status).toBe('FAILED');
      expect(result.error).toBe(error);
      expect(result.cause).toMatch(cause);
    });
  }

  it('maps a refused connection to Lambda.SdkClientException', async () => {
    const server = await serve({});
    const url = server.url;
    await server.close();
    servers.splice(0);
    const resolvers = lambdaResolvers({
      real: { clientConfig: { endpoint: url, region: 'us-east-1', credentials, maxAttempts: 1 } },
    });
    const result = await direct().run({}, { resolvers });
    expect(result.error).toBe('Lambda.SdkClientException');
    expect(result.cause).toMatch(/^Unable to execute HTTP request: .*ECONNREFUSED/);
  });

  it('Retry rules written for AWS retry throttling and service faults', async () => {
    const server = await serve({
      charge: (_request, call) =>
        call === 1
          ? serviceError(429, 'TooManyRequestsException', 'slow down')
          : call === 2
            ? serviceError(500, 'ServiceException', 'oops')
            : ok('"done"'),
    });
    const retry = [
      {
        ErrorEquals: [
          'Lambda.ServiceException',
          'Lambda.AWSLambdaException',
          'Lambda.SdkClientException',
          'Lambda.TooManyRequestsException',
        ],
        IntervalSeconds: 2,
        MaxAttempts: 6,
        BackoffRate: 2,
      },
    ];
    const result = await invoke({ Retry: retry }, {}).run(
      {},
      { resolvers: real(server), startTime: '2026-01-01T00:00:00Z' },
    );
    expect(result.status).toBe('SUCCEEDED');
    expect((result.output as { Payload: Json }).Payload).toBe('done');
    expect(types(result.history).filter((type) => type === 'TaskFailed')).toHaveLength(2);
    // 2 s, then 4 s of virtual backoff.
    expect(result.stopDate).toBe('2026-01-01T00:00:06.000Z');
  });

  it("the client is the user's: its own retries (maxAttempts) happen inside one task attempt", async () => {
    const server = await serve({
      charge: (_request, call) => (call === 1 ? serviceError(500, 'ServiceException', 'oops') : ok('"second try"')),
    });
    const result = await direct().run({}, { resolvers: real(server, { maxAttempts: 2 }) });
    expect(result.output).toBe('second try');
    expect(server.requests).toHaveLength(2);
    expect(types(result.history)).not.toContain('LambdaFunctionFailed');
  });
});

/** A generous real-time bound for the real-time tests: a run that waits for a reply that never comes fails here. */
const BACKSTOP_MS = 20_000;

describe('real Lambda: time', () => {
  it('in virtual time, a slow response takes no execution time', async () => {
    const server = await serve({ charge: () => ({ delayMs: 300, then: ok('"late"') }) });
    const result = await direct({ TimeoutSeconds: 1 }).run(
      {},
      { resolvers: real(server), startTime: '2026-01-01T00:00:00Z' },
    );
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: 'late', stopDate: '2026-01-01T00:00:00.000Z' });
  });

  it(
    'in real time, TimeoutSeconds cuts a slow invocation short',
    async () => {
      // The function would answer long after the test's own timeout: that the run ends at all
      // shows the 1-second TimeoutSeconds stopped the wait, whatever the machine's speed.
      const server = await serve({ charge: () => ({ delayMs: 10 * BACKSTOP_MS, then: ok('"too late"') }) });
      const result = await direct({ TimeoutSeconds: 1 }).run({}, { resolvers: real(server), realTime: true });
      expect(result).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
      expect(types(result.history)).toContain('LambdaFunctionTimedOut');
      expect(server.requests).toHaveLength(1);
    },
    BACKSTOP_MS,
  );

  it("the SDK's own request timeout is a Lambda.SdkClientException", async () => {
    const server = await serve({ charge: () => ({ delayMs: 2000, then: ok('"late"') }) });
    const result = await direct().run(
      {},
      { resolvers: real(server, { requestHandler: { requestTimeout: 200, throwOnRequestTimeout: true } }) },
    );
    expect(result.error).toBe('Lambda.SdkClientException');
  });
});

describe('real Lambda: limits', () => {
  it('stops reading a response body past 6 MB and fails as Lambda reports it', async () => {
    const endless = { sent: 0 };
    const server = await serve({ charge: () => ({ endless }) });
    const result = await direct().run({}, { resolvers: real(server) });
    expect(result).toMatchObject({
      status: 'FAILED',
      error: 'Function.ResponseSizeTooLarge',
      cause: RESPONSE_TOO_LARGE,
    });
    // It hung up soon after the limit: the rest was never read (or sent).
    expect(endless.sent).toBeLessThan(MAX_RESPONSE_BYTES + 8 * 1024 * 1024);
  });

  it('refuses a declared Content-Length over the limit the same way, for lambda:invoke too', async () => {
    const server = await serve({ charge: () => ok(`"${'x'.repeat(MAX_RESPONSE_BYTES)}"`) });
    const result = await invoke().run({}, { resolvers: real(server) });
    expect(result).toMatchObject({ status: 'FAILED', error: 'Function.ResponseSizeTooLarge' });
    expect(JSON.parse(result.cause!)).toEqual(JSON.parse(RESPONSE_TOO_LARGE));
  });

  it('on the virtual clock, TimeoutSeconds still cuts a dead endpoint short, in real time', async () => {
    const server = await serve({ charge: () => ({ delayMs: 60_000, then: ok('"never"') }) });
    const result = await direct({ TimeoutSeconds: 1 }).run(
      {},
      { resolvers: real(server), startTime: '2026-01-01T00:00:00Z' },
    );
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Timeout', stopDate: '2026-01-01T00:00:01.000Z' });
    expect(types(result.history)).toContain('LambdaFunctionTimedOut');
  });
});

describe('real Lambda: lambda:invoke.waitForTaskToken', () => {
  // No TimeoutSeconds: in virtual time an idle execution's clock jumps to the next timer at once.
  const machine = invoke(
    {},
    { 'Payload.$': undefined, Payload: { 'token.$': '$$.Task.Token', 'order.$': '$.order' } },
    'arn:aws:states:::lambda:invoke.waitForTaskToken',
  );

  it('invokes the function with the token, then waits for SendTaskSuccess', async () => {
    const server = await serve({ charge: () => ok('null') });
    const execution = machine.start({ order: 7 }, { resolvers: real(server) });
    const submitted = new Promise<void>((resolve) =>
      execution.subscribe((event) => event.type === 'TaskSubmitted' && resolve()),
    );
    await submitted;
    for (let i = 0; i < 200 && server.requests.length === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    const { token } = JSON.parse(server.requests[0]!.body) as { token: string; order: number };
    execution.sendTaskSuccess(token, { approved: true });
    const result = await execution.result;
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { approved: true } });
    expect(JSON.parse(server.requests[0]!.body)).toMatchObject({ order: 7 });
  });

  it('a function error fails the task without waiting', async () => {
    const server = await serve({ charge: () => functionError('{"errorType":"Nope","errorMessage":"no"}') });
    const result = await machine.run({ order: 1 }, { resolvers: real(server) });
    expect(result).toMatchObject({ status: 'FAILED', error: 'Nope' });
  });
});

describe('real Lambda: determinism', () => {
  it('the same seed and server script give byte-identical histories', async () => {
    const once = async () => {
      const server = await serve({
        charge: (_request, call) => (call === 1 ? serviceError(429, 'TooManyRequestsException', 'x') : ok({ n: call })),
      });
      const result = await invoke({ Retry: [{ ErrorEquals: ['Lambda.TooManyRequestsException'] }] }).run(
        {},
        { resolvers: real(server), seed: 9, startTime: '2026-01-01T00:00:00Z' },
      );
      // Date is the server's wall clock, the one part AWS does not control either.
      return JSON.stringify(result.history).replace(/"Date":\[?"[^"]*"\]?/g, '');
    };
    expect(await once()).toBe(await once());
  });
});
