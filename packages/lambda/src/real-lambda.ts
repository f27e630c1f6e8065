/**
 * Invokes real functions with `@aws-sdk/client-lambda`. Region, credentials, endpoint and
 * retries are the user's: pass a client or its config, or let the SDK read its standard
 * environment (credential chain, `AWS_REGION`, `AWS_ENDPOINT_URL_LAMBDA`, `AWS_ENDPOINT_URL`).
 */
import type { TaskContext } from '@aslkit/core';
import { InvokeCommand, LambdaClient, type LambdaClientConfig } from '@aws-sdk/client-lambda';
import type { Invocation } from './invocation.js';
import type { LambdaResponse } from './lambda-response.js';
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
    // The SDK's output drops the raw headers, which `SdkHttpMetadata` reports.
    command.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        const raw = (result.response as { headers?: Record<string, string> } | undefined)?.headers ?? {};
        headers = Object.entries(raw);
        return result;
      },
      { step: 'deserialize', name: 'aslkitResponseHeaders' },
    );
    let output;
    try {
      output = await client.send(command, { abortSignal: context.signal });
    } catch (error) {
      // An aborted task (timeout, stop) is the engine's to report.
      if (context.signal.aborted) throw error;
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
