/**
 * Activity tasks waiting for workers: a Task whose Resource is an activity ARN is queued here
 * (ActivityScheduled), handed to the first GetActivityTask of that activity (ActivityStarted, with
 * the worker's name), and answered with SendTaskSuccess/Failure through its task token. A poll
 * with nothing to hand out waits up to the long-poll time, as AWS's does (60 s).
 */
import { activityWorkerResolver, awaitCallback, type TaskContext, type TaskResolver } from '@aslkit/core';

/** What GetActivityTask hands out. */
export interface ActivityTask {
  taskToken: string;
  input: string;
}

interface Pending {
  task: ActivityTask;
  context: TaskContext;
  executionArn: string;
}

type Poller = (pending: Pending | undefined) => void;

export class ActivityTasks {
  private readonly queues = new Map<string, Pending[]>();
  private readonly pollers = new Map<string, Poller[]>();

  /** `onQueued` learns each task's token and execution (the service routes SendTask* by it). */
  constructor(private readonly onQueued: (taskToken: string, executionArn: string) => void) {}

  /** The resolver of every activity resource: queues the task and waits for its callback. */
  readonly resolver: TaskResolver = activityWorkerResolver((input, context) => {
    const taskToken = context.taskToken!;
    const executionArn = executionArnOf(context);
    const pending: Pending = { task: { taskToken, input: JSON.stringify(input) }, context, executionArn };
    this.onQueued(taskToken, executionArn);
    const activity = context.resource;
    const waiting = this.pollers.get(activity);
    const poller = waiting?.shift();
    if (poller) poller(pending);
    else {
      const queue = this.queues.get(activity) ?? [];
      queue.push(pending);
      this.queues.set(activity, queue);
      // A task that times out or whose execution stops before a worker takes it leaves the queue.
      context.signal.addEventListener('abort', () => this.drop(activity, pending), { once: true });
    }
    return awaitCallback();
  });

  /**
   * GetActivityTask: the oldest waiting task of `activityArn`, else the first one scheduled within
   * `waitMs`, else undefined. `signal` ends the wait early (the client went away, the service stops).
   */
  poll(
    activityArn: string,
    workerName: string | undefined,
    waitMs: number,
    signal: AbortSignal,
  ): Promise<ActivityTask | undefined> {
    const queue = this.queues.get(activityArn);
    const ready = queue?.shift();
    if (ready) return Promise.resolve(this.handOut(ready, workerName));
    return new Promise((resolve) => {
      const pollers = this.pollers.get(activityArn) ?? [];
      const finish = (pending: Pending | undefined) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', cancel);
        resolve(pending && this.handOut(pending, workerName));
      };
      const cancel = () => {
        const list = this.pollers.get(activityArn);
        const index = list?.indexOf(finish) ?? -1;
        if (index >= 0) list!.splice(index, 1);
        finish(undefined);
      };
      const timer = setTimeout(cancel, waitMs);
      signal.addEventListener('abort', cancel, { once: true });
      pollers.push(finish);
      this.pollers.set(activityArn, pollers);
    });
  }

  /** Tasks of `activityArn` not yet taken (DeleteActivity leaves them to time out, as AWS does). */
  waiting(activityArn: string): number {
    return this.queues.get(activityArn)?.length ?? 0;
  }

  private handOut(pending: Pending, workerName: string | undefined): ActivityTask | undefined {
    // Its execution may have stopped while the task was being handed out.
    if (pending.context.signal.aborted) return undefined;
    pending.context.workerStarted?.(workerName);
    return pending.task;
  }

  private drop(activityArn: string, pending: Pending): void {
    const queue = this.queues.get(activityArn);
    const index = queue?.indexOf(pending) ?? -1;
    if (index >= 0) queue!.splice(index, 1);
  }
}

/** `$$.Execution.Id` of the task's execution. */
export function executionArnOf(context: TaskContext): string {
  const object = context.contextObject as { Execution?: { Id?: unknown } };
  return typeof object.Execution?.Id === 'string' ? object.Execution.Id : '';
}
