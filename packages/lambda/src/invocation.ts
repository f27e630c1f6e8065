/**
 * What a Lambda Task asks for, in both resource forms: the direct function ARN (the effective
 * input is the payload) and `arn:aws:states:::lambda:invoke[.waitForTaskToken]` (Parameters
 * carry FunctionName, Payload, Qualifier, InvocationType, ClientContext, LogType).
 */
import { ErrorName, TaskError, type Json, type ParsedResource, type TaskContext } from '@aslkit/core';
import { parseFunctionName, type FunctionRef } from './function-name.js';

export type InvocationType = 'RequestResponse' | 'Event' | 'DryRun';

export interface Invocation {
  /** `direct`: result is the payload; `integration`: result is the Invoke response envelope. */
  form: 'direct' | 'integration';
  /** FunctionName as the Task gave it. */
  functionName: string;
  ref: FunctionRef;
  /** The request body, JSON text. */
  payload: string;
  invocationType: InvocationType;
  /** Parameters.Qualifier as given. */
  qualifier?: string;
  clientContext?: string;
  logType?: 'None' | 'Tail';
  /** Region and account for ARNs Lambda would report, from the resource and `$$.StateMachine.Id`. */
  region: string;
  accountId: string;
}

const INTEGRATION_FIELDS = new Set([
  'FunctionName',
  'Payload',
  'Qualifier',
  'InvocationType',
  'ClientContext',
  'LogType',
]);
const INVOCATION_TYPES = new Set(['RequestResponse', 'Event', 'DryRun']);

/** True for the resources a Lambda resolver answers. */
export const isLambdaResource = (resource: ParsedResource): boolean =>
  resource.kind === 'lambda-function' ||
  (resource.kind === 'service' &&
    resource.resourceType === 'lambda' &&
    (resource.resource === 'invoke' || resource.resource === 'invoke.waitForTaskToken'));

/** Reads the invocation from a Task's effective input. @throws TaskError (`States.Runtime`) for Parameters Lambda would refuse. */
export function toInvocation(input: Json, context: TaskContext): Invocation {
  const resource = context.parsedResource;
  const accountId = accountOf(context.contextObject);
  if (resource.kind === 'lambda-function') {
    const ref = parseFunctionName(resource.arn)!;
    return {
      form: 'direct',
      functionName: resource.arn,
      ref,
      payload: JSON.stringify(input),
      invocationType: 'RequestResponse',
      region: resource.region,
      accountId,
    };
  }
  const invalid = (problem: string): never => {
    throw new TaskError(ErrorName.Runtime, `${problem} (state '${context.stateName}', resource '${context.resource}')`);
  };
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    return invalid('lambda:invoke needs Parameters that are an object');
  const parameters = input;
  for (const key of Object.keys(parameters)) {
    if (!INTEGRATION_FIELDS.has(key))
      invalid(`The field '${key}' is not supported by lambda:invoke; it takes ${[...INTEGRATION_FIELDS].join(', ')}`);
  }
  const text = (key: string): string | undefined => {
    const value = parameters[key];
    if (value === undefined) return undefined;
    return typeof value === 'string' ? value : invalid(`The field '${key}' of lambda:invoke must be a string`);
  };
  const functionName = text('FunctionName') ?? invalid(`lambda:invoke needs the field 'FunctionName'`);
  const qualifier = text('Qualifier');
  const ref =
    parseFunctionName(functionName, qualifier) ?? invalid(`'${functionName}' is not a Lambda function name or ARN`);
  const invocationType = text('InvocationType') ?? 'RequestResponse';
  if (!INVOCATION_TYPES.has(invocationType))
    invalid(`InvocationType must be RequestResponse, Event or DryRun, got '${invocationType}'`);
  const logType = text('LogType');
  if (logType !== undefined && logType !== 'None' && logType !== 'Tail')
    invalid(`LogType must be None or Tail, got '${logType}'`);
  const clientContext = text('ClientContext');
  return {
    form: 'integration',
    functionName,
    ref,
    payload: payloadText(parameters['Payload']),
    invocationType: invocationType as InvocationType,
    ...(qualifier === undefined ? {} : { qualifier }),
    ...(clientContext === undefined ? {} : { clientContext }),
    ...(logType === undefined ? {} : { logType: logType as 'None' | 'Tail' }),
    region: resource.region,
    accountId,
  };
}

/**
 * The request body Step Functions sends: JSON text passes as is, other text is sent as a JSON
 * string, and no Payload (or null) is `{}` (unverified against AWS; LocalStack does the same).
 */
function payloadText(payload: Json | undefined): string {
  if (payload === undefined || payload === null) return '{}';
  if (typeof payload === 'string') {
    try {
      JSON.parse(payload);
      return payload;
    } catch {
      return JSON.stringify(payload);
    }
  }
  return JSON.stringify(payload);
}

/** The account in `$$.StateMachine.Id`, so ARNs a handler sees match the machine's. */
function accountOf(contextObject: Json): string {
  const machine =
    contextObject !== null && typeof contextObject === 'object' && !Array.isArray(contextObject)
      ? contextObject['StateMachine']
      : undefined;
  const id = machine !== null && typeof machine === 'object' && !Array.isArray(machine) ? machine['Id'] : undefined;
  const account = typeof id === 'string' ? id.split(':')[4] : undefined;
  return account || '123456789012';
}
