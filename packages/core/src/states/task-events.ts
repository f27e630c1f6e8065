/**
 * The history events of one Task attempt, in the family AWS uses for its resource:
 * LambdaFunction* for direct function ARNs, Task* (with resourceType/resource) otherwise.
 */
import type { ParsedResource } from '../resolvers/resource.js';
import type { Fiber } from '../runtime/fiber.js';
import { ErrorName } from '../errors/states-error.js';
import { NOT_TRUNCATED } from '../history/events.js';

const payload = NOT_TRUNCATED;

/** Error details with AWS's habit of leaving out what is absent. */
const errorDetails = (error: string | undefined, cause: string | undefined) => ({
  ...(error === undefined ? {} : { error }),
  ...(cause === undefined ? {} : { cause }),
});

export function taskEvents(fiber: Fiber, resource: ParsedResource) {
  const ids = { resourceType: resource.resourceType, resource: resource.resource };
  if (resource.kind === 'activity') {
    // Activities are callback tasks answered by a worker: Activity* events, no TaskSubmitted.
    return {
      scheduled: (input: string, timeoutInSeconds?: number, heartbeatInSeconds?: number) =>
        fiber.record('ActivityScheduled', {
          activityScheduledEventDetails: {
            resource: resource.arn,
            input,
            inputDetails: payload,
            ...(timeoutInSeconds === undefined ? {} : { timeoutInSeconds }),
            ...(heartbeatInSeconds === undefined ? {} : { heartbeatInSeconds }),
          },
        }),
      started: () => fiber.record('ActivityStarted', { activityStartedEventDetails: {} }),
      submitted: (_output: string) => undefined,
      succeeded: (output: string) =>
        fiber.record('ActivitySucceeded', { activitySucceededEventDetails: { output, outputDetails: payload } }),
      failed: (error: string | undefined, cause: string | undefined) =>
        fiber.record('ActivityFailed', { activityFailedEventDetails: errorDetails(error, cause) }),
      timedOut: () => fiber.record('ActivityTimedOut', { activityTimedOutEventDetails: { error: ErrorName.Timeout } }),
    };
  }
  if (resource.kind === 'lambda-function') {
    return {
      scheduled: (input: string, timeoutInSeconds?: number) =>
        fiber.record('LambdaFunctionScheduled', {
          lambdaFunctionScheduledEventDetails: {
            resource: resource.arn,
            input,
            inputDetails: payload,
            ...(timeoutInSeconds === undefined ? {} : { timeoutInSeconds }),
          },
        }),
      started: () => fiber.record('LambdaFunctionStarted', {}),
      submitted: (_output: string) => undefined,
      succeeded: (output: string) =>
        fiber.record('LambdaFunctionSucceeded', { lambdaFunctionSucceededEventDetails: { output, outputDetails: payload } }),
      failed: (error: string | undefined, cause: string | undefined) =>
        fiber.record('LambdaFunctionFailed', { lambdaFunctionFailedEventDetails: errorDetails(error, cause) }),
      timedOut: () => fiber.record('LambdaFunctionTimedOut', { lambdaFunctionTimedOutEventDetails: { error: ErrorName.Timeout } }),
    };
  }
  return {
    scheduled: (parameters: string, timeoutInSeconds?: number, heartbeatInSeconds?: number) =>
      fiber.record('TaskScheduled', {
        taskScheduledEventDetails: {
          ...ids,
          region: resource.region,
          parameters,
          ...(timeoutInSeconds === undefined ? {} : { timeoutInSeconds }),
          ...(heartbeatInSeconds === undefined ? {} : { heartbeatInSeconds }),
        },
      }),
    started: () => fiber.record('TaskStarted', { taskStartedEventDetails: ids }),
    submitted: (output: string) =>
      fiber.record('TaskSubmitted', { taskSubmittedEventDetails: { ...ids, output, outputDetails: payload } }),
    succeeded: (output: string) =>
      fiber.record('TaskSucceeded', { taskSucceededEventDetails: { ...ids, output, outputDetails: payload } }),
    failed: (error: string | undefined, cause: string | undefined) =>
      fiber.record('TaskFailed', { taskFailedEventDetails: { ...ids, ...errorDetails(error, cause) } }),
    timedOut: () => fiber.record('TaskTimedOut', { taskTimedOutEventDetails: { ...ids, error: ErrorName.Timeout } }),
  };
}
