/**
 * Which service API a Task's `Resource` calls, in the service model's names: an AWS SDK
 * integration (`arn:aws:states:::aws-sdk:sfn:startExecution` → stepfunctions StartExecution) or
 * an optimized one (`arn:aws:states:::events:putEvents` → events PutEvents). A Lambda function
 * ARN, an activity or an HTTP Task has no API response shape: `undefined`.
 */
import type { ParsedResource } from '../../resolvers/resource.js';

/** The SDK integrations' service names that differ from the model's. */
const SDK_SERVICE_NAMES: Readonly<Record<string, string>> = { sfn: 'stepfunctions', eventbridge: 'events' };

/** Optimized integrations: `<service>:<action>` → the model's service (the operation is the action). */
const OPTIMIZED_SERVICES: Readonly<Record<string, string>> = {
  lambda: 'lambda',
  dynamodb: 'dynamodb',
  events: 'events',
  states: 'stepfunctions',
  sqs: 'sqs',
  sns: 'sns',
};

export interface ServiceOperation {
  service: string;
  operation: string;
}

export function serviceOperation(resource: ParsedResource): ServiceOperation | undefined {
  if (resource.kind !== 'service') return undefined;
  const action = resource.resource.split('.')[0]!;
  const operation = action.charAt(0).toUpperCase() + action.slice(1);
  if (resource.resourceType.startsWith('aws-sdk:')) {
    const name = resource.resourceType.slice('aws-sdk:'.length);
    return { service: SDK_SERVICE_NAMES[name] ?? name, operation };
  }
  // `.sync` answers with the finished job (a different shape for each service): not checked.
  if (resource.pattern === 'sync') return undefined;
  const service = OPTIMIZED_SERVICES[resource.resourceType];
  return service === undefined ? undefined : { service, operation };
}
