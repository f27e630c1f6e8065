/**
 * What `aslkit run` and `aslkit view` say when nothing answers a Task: the flags a command-line
 * user can pass for that resource, never the library's `resolvers` option. Every resource type
 * can be scripted (--mocks, --mock-config); Lambda functions can also run locally (--handlers)
 * or on AWS (--lambda real, `run` only).
 */
import type { Json, ParsedResource } from '@aslkit/core';

export interface NoAnswerOptions {
  /** `--lambda real` exists for this command (`run`, not `view`). */
  realLambda: boolean;
}

const isLambda = (resource: ParsedResource): boolean =>
  resource.kind === 'lambda-function' || (resource.kind === 'service' && resource.resourceType === 'lambda');

/** The function a Lambda Task calls: its ARN, or `Parameters.FunctionName`. */
function functionNameOf(resource: ParsedResource, input: Json): string {
  if (resource.kind === 'lambda-function') return resource.arn;
  const named =
    input !== null && typeof input === 'object' && !Array.isArray(input) ? input['FunctionName'] : undefined;
  return typeof named === 'string' ? named : '(no FunctionName)';
}

/** What a non-Lambda Task calls, in words. */
function describe(resource: ParsedResource): string {
  if (resource.kind === 'activity') return `activity '${resource.arn}' has no worker here`;
  if (resource.resourceType === 'states' && resource.resource.startsWith('startExecution'))
    return `aslkit does not start the nested execution '${resource.arn}'`;
  return `aslkit calls no AWS service ('${resource.arn}')`;
}

const scriptIt = (stateName: string, resourceKey?: string): string =>
  `script the state with --mocks <file> (key '${stateName}'${resourceKey ? `, '${resourceKey}'` : ''} or '*'; see docs/reference/mocks.md) ` +
  `or --mock-config <file> --test-case <name>`;

/**
 * The cause of the `States.Runtime` failure of a Task nothing answered, naming the flags.
 * @example
 * noAnswerMessage(parseResource('arn:aws:states:::sqs:sendMessage', 'us-east-1'), 'Notify', {}, { realLambda: true });
 */
export function noAnswerMessage(
  resource: ParsedResource,
  stateName: string,
  input: Json,
  options: NoAnswerOptions,
): string {
  if (isLambda(resource)) return lambdaNoAnswer(functionNameOf(resource, input), stateName, options, resource.baseArn);
  return `No answer for Task '${stateName}': ${describe(resource)}. To answer it, ${scriptIt(stateName, resource.baseArn)}.`;
}

/**
 * The same for a Lambda function that no handler answers (also what @aslkit/lambda reports with
 * --handlers); `resourceKey` is the Task's resource ARN when known, another key --mocks takes.
 */
export function lambdaNoAnswer(
  functionName: string,
  stateName: string,
  { realLambda }: NoAnswerOptions,
  resourceKey?: string,
): string {
  const ways = ['map the function to a local handler with --handlers <file>', scriptIt(stateName, resourceKey)];
  if (realLambda) ways.push('invoke it on AWS with --lambda real');
  const last = ways.pop()!;
  return `No answer for Task '${stateName}': Lambda function '${functionName}' has no handler. To answer it, ${ways.join(', ')}, or ${last}.`;
}
