/**
 * The history events of one Task attempt, in the family AWS uses for its resource:
 * Activity* for activities, LambdaFunction* for direct function ARNs, Task* (with
 * resourceType/resource) otherwise.
 */
import type { ParsedResource } from '../resolvers/resource.js';
import type { Fiber } from '../runtime/fiber.js';
import { ErrorName } from '../errors/states-error.js';
import { NOT_TRUNCATED, type EventDetails } from '../history/events.js';

const payload = NOT_TRUNCATED;

/** Error details with AWS's habit of leaving out what is absent. */
const errorDetails = (error: string | undefined, cause: string | undefined) => ({
  ...(error === undefined ? {} : { error }),
  ...(cause === undefined ? {} : { cause }),
});

/** One object per attempt with methods on the prototype: Task loops make tens of thousands. */
export class TaskEvents {
  /** `.sync` and callback tasks owe a TaskSubmitted until the submit call answers. */
  private submissionDue: boolean;
  /** An activity answered by workers owes ActivityStarted until one takes the task (`deferStart`). */
  private startDue = false;

  constructor(
    private readonly fiber: Fiber,
    private readonly resource: ParsedResource,
  ) {
    this.submissionDue =
      resource.pattern !== 'request-response' && resource.kind !== 'activity' && resource.kind !== 'lambda-function';
  }

  private get ids() {
    return { resourceType: this.resource.resourceType, resource: this.resource.resource };
  }

  scheduled(input: string, timeoutInSeconds?: number, heartbeatInSeconds?: number): void {
    const { fiber, resource } = this;
    // Optional fields are added in AWS's key order; no spreads, as this runs once per Task call.
    if (resource.kind === 'activity') {
      const details: EventDetails<'ActivityScheduled'>['activityScheduledEventDetails'] = {
        resource: resource.arn,
        input,
        inputDetails: payload,
      };
      if (timeoutInSeconds !== undefined) details.timeoutInSeconds = timeoutInSeconds;
      if (heartbeatInSeconds !== undefined) details.heartbeatInSeconds = heartbeatInSeconds;
      fiber.record('ActivityScheduled', { activityScheduledEventDetails: details });
    } else if (resource.kind === 'lambda-function') {
      // Lambda's event has no heartbeat field.
      const details: EventDetails<'LambdaFunctionScheduled'>['lambdaFunctionScheduledEventDetails'] = {
        resource: resource.arn,
        input,
        inputDetails: payload,
      };
      if (timeoutInSeconds !== undefined) details.timeoutInSeconds = timeoutInSeconds;
      fiber.record('LambdaFunctionScheduled', { lambdaFunctionScheduledEventDetails: details });
    } else {
      const details: EventDetails<'TaskScheduled'>['taskScheduledEventDetails'] = {
        resourceType: resource.resourceType,
        resource: resource.resource,
        region: resource.region,
        parameters: input,
      };
      if (timeoutInSeconds !== undefined) details.timeoutInSeconds = timeoutInSeconds;
      if (heartbeatInSeconds !== undefined) details.heartbeatInSeconds = heartbeatInSeconds;
      fiber.record('TaskScheduled', { taskScheduledEventDetails: details });
    }
  }

  started(): void {
    const kind = this.resource.kind;
    if (kind === 'activity') this.fiber.record('ActivityStarted', { activityStartedEventDetails: {} });
    else if (kind === 'lambda-function') this.fiber.record('LambdaFunctionStarted', {});
    else this.fiber.record('TaskStarted', { taskStartedEventDetails: this.ids });
  }

  /** Activities polled by workers: ActivityStarted waits until a worker takes the task (`workerStarted`). */
  deferStart(): void {
    this.startDue = true;
  }

  /** A worker took the activity task (GetActivityTask): ActivityStarted with its name, once. */
  workerStarted(workerName?: string): void {
    if (!this.startDue) return;
    this.startDue = false;
    this.fiber.record('ActivityStarted', {
      activityStartedEventDetails: workerName === undefined ? {} : { workerName },
    });
  }

  /**
   * The submit call answered: TaskSubmitted, once, for `.sync` and callback tasks (activities and
   * Lambda functions record none). An outcome event settles a submission still due with `{}`.
   */
  submitted(output = '{}'): void {
    if (!this.submissionDue) return;
    this.submissionDue = false;
    this.fiber.record('TaskSubmitted', { taskSubmittedEventDetails: { ...this.ids, output, outputDetails: payload } });
  }

  succeeded(output: string): void {
    this.submitted();
    this.workerStarted();
    const kind = this.resource.kind;
    if (kind === 'activity')
      this.fiber.record('ActivitySucceeded', { activitySucceededEventDetails: { output, outputDetails: payload } });
    else if (kind === 'lambda-function')
      this.fiber.record('LambdaFunctionSucceeded', {
        lambdaFunctionSucceededEventDetails: { output, outputDetails: payload },
      });
    else {
      const { resourceType, resource } = this.resource;
      this.fiber.record('TaskSucceeded', {
        taskSucceededEventDetails: { resourceType, resource, output, outputDetails: payload },
      });
    }
  }

  failed(error: string | undefined, cause: string | undefined): void {
    this.submitted();
    this.workerStarted();
    const kind = this.resource.kind;
    if (kind === 'activity')
      this.fiber.record('ActivityFailed', { activityFailedEventDetails: errorDetails(error, cause) });
    else if (kind === 'lambda-function')
      this.fiber.record('LambdaFunctionFailed', { lambdaFunctionFailedEventDetails: errorDetails(error, cause) });
    else this.fiber.record('TaskFailed', { taskFailedEventDetails: { ...this.ids, ...errorDetails(error, cause) } });
  }

  timedOut(): void {
    this.submitted();
    const kind = this.resource.kind;
    if (kind === 'activity')
      this.fiber.record('ActivityTimedOut', { activityTimedOutEventDetails: { error: ErrorName.Timeout } });
    else if (kind === 'lambda-function')
      this.fiber.record('LambdaFunctionTimedOut', { lambdaFunctionTimedOutEventDetails: { error: ErrorName.Timeout } });
    else this.fiber.record('TaskTimedOut', { taskTimedOutEventDetails: { ...this.ids, error: ErrorName.Timeout } });
  }
}
