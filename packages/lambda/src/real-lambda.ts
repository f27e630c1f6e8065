/**
 * Invokes real functions with `@aws-sdk/client-lambda`. Region, credentials, endpoint and
 * retries are the user's: pass a client or its config, or let the SDK read its standard
 * environment (credential chain, `AWS_REGION`, `AWS_ENDPOINT_URL_LAMBDA`, `AWS_ENDPOINT_URL`).
 */
import type { TaskContext } from '@aslkit/core';
import { Transform, type Readable } from 'node:stream';
import { InvokeCommand, LambdaClient, type LambdaClientConfig } from '@aws-sdk/client-lambda';
import type { Invocation } from './invocation.js';
import { MAX_RESPONSE_BYTES, RESPONSE_TOO_LARGE, type LambdaResponse } from './lambda-response.js';
import { lambdaServiceFailure } from './lambda-errors.js';

export interface RealLambdaOptions {
  /** A ready client; wins over `clientConfig`. */
  client?: LambdaClient;
  /** Config for a new client (e.g. `{ region, endpoint, credentials, maxAttempts }`). */
  clientConfig?: LambdaClientConfig;
}

/** Sends one invocation; a Lambda-side function error comes back as a response, not a throw. */
export type LambdaInvoker = (invocation: Invocation, context: TaskContext) => Promise<LambdaResponse>;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** An invoker over the real Lambda API. */
export function realLambdaInvoker(options: RealLambdaOptions = {}): LambdaInvoker {
  let client = options.client;
  return async (invocation, context) => {
    // Created on first use: building a client reads the environment, which tests may set late.
    client ??= new LambdaClient(options.clientConfig ?? {});
    const command = new InvokeCommand({
      FunctionName: invocation.functionName,
      Payload: encoder.encode(invocation.payload),
      InvocationType: invocation.invocationType,
      ...(invocation.qualifier === undefined ? {} : { Qualifier: invocation.qualifier }),
      ...(invocation.clientContext === undefined ? {} : { ClientContext: invocation.clientContext }),
      ...(invocation.logType === undefined ? {} : { LogType: invocation.logType }),
    });
    let headers: [string, string][] = [];
    // Closest to the wire: keep the raw headers (the SDK's output drops them, and `SdkHttpMetadata`
    // reports them), and stop reading a body past Lambda's response limit.
    command.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        const response = result.response as { headers?: Record<string, string>; body?: unknown };
        headers = Object.entries(response.headers ?? {});
        response.body = cappedBody(response.body, headers);
        return result;
      },
      { step: 'deserialize', priority: 'low', name: 'aslkitRawResponse' },
    );
    let output;
    try {
      output = await client.send(command, { abortSignal: context.signal });
    } catch (error) {
      // An aborted task (timeout, stop) is the engine's to report.
      if (context.signal.aborted) throw error;
      if (error instanceof ResponseTooLarge) return tooLarge(headers);
      throw lambdaServiceFailure(error);
    }
    return {
      statusCode: output.StatusCode ?? 200,
      payload: output.Payload ? decoder.decode(output.Payload) : '',
      ...(output.FunctionError === undefined ? {} : { functionError: output.FunctionError }),
      ...(output.ExecutedVersion === undefined ? {} : { executedVersion: output.ExecutedVersion }),
      ...(output.LogResult === undefined ? {} : { logResult: output.LogResult }),
      requestId: output.$metadata.requestId ?? '',
      headers,
    };
  };
}

class ResponseTooLarge extends Error {}

/**
 * The response body, read no further than Lambda's limit: a longer body (a proxy or an emulator
 * gone wrong; Lambda itself never sends one) fails the read instead of filling memory.
 */
function cappedBody(body: unknown, headers: readonly [string, string][]): unknown {
  const stream = body as Readable | undefined;
  if (typeof stream?.pipe !== 'function') return body;
  const declared = Number(headers.find(([name]) => name.toLowerCase() === 'content-length')?.[1]);
  let size = 0;
  const capped = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > MAX_RESPONSE_BYTES || declared > MAX_RESPONSE_BYTES) {
        stream.destroy();
        done(new ResponseTooLarge());
      } else done(null, chunk);
    },
  });
  stream.on('error', (error) => capped.destroy(error));
  return stream.pipe(capped);
}

/** What Lambda answers in place of a response over its limit: a function error, as from the function. */
function tooLarge(headers: readonly [string, string][]): LambdaResponse {
  const header = (name: string) => headers.find(([key]) => key.toLowerCase() === name)?.[1];
  return {
    statusCode: 200,
    payload: RESPONSE_TOO_LARGE,
    functionError: 'Unhandled',
    ...(header('x-amz-executed-version') === undefined ? {} : { executedVersion: header('x-amz-executed-version')! }),
    requestId: header('x-amzn-requestid') ?? '',
    headers,
  };
}
