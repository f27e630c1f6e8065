/**
 * Machines, resolvers and a callback worker for the durable-execution tests: the machines use
 * every feature a replay must reproduce (Task results and failures, Retry with jitter, Wait,
 * callbacks, Parallel, inline Map, Choice, variables, JSONata, intrinsics that draw random numbers
 * and UUIDs, a task timeout).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  awaitCallback,
  TaskError,
  type Execution,
  type HistoryEvent,
  type Json,
  type JsonObject,
  type TaskResolver,
} from '../../src/index.js';

export const WORK = 'arn:aws:lambda:us-east-1:123456789012:function:work';
export const CALLBACK = 'arn:aws:states:::sqs:sendMessage.waitForTaskToken';
export const SYNC_JOB = 'arn:aws:states:::ecs:runTask.sync';

/** Answers depend only on the input, so a task run again after a crash answers the same. */
export const workResolver: TaskResolver = async (input) => {
  const value = input as JsonObject;
  // Fails the first two attempts of a state that passes its RetryCount.
  if (typeof value['retry'] === 'number' && value['retry'] < 2)
    throw new TaskError('Flaky', `attempt ${value['retry']}`);
  return { n: value['n'] ?? null, doubled: typeof value['n'] === 'number' ? value['n'] * 2 : 0 };
};

/**
 * The callback worker: answers each token one host turn after it is handed out, from the
 * resolver's call or, after a resume, from the tokens the execution still waits on.
 */
export function callbackResolvers(executionOf: () => Execution | undefined): Record<string, TaskResolver> {
  return {
    [WORK]: workResolver,
    // A `.sync` job: submitted at once, done 30 s later on the execution's clock.
    [SYNC_JOB]: async (input, context) => {
      const n = (input as JsonObject)['n'] ?? null;
      context.submit({ taskArn: `arn:task/${JSON.stringify(n)}` });
      await context.clock.sleep(30_000);
      return { done: n };
    },
    [CALLBACK]: (input, context) => {
      const token = context.taskToken!;
      setTimeout(() => answerToken(executionOf(), token, input), 0);
      return awaitCallback({ MessageId: `m-${JSON.stringify(input).length}` });
    },
  };
}

function answerToken(execution: Execution | undefined, token: string, input: Json): void {
  if (!execution || !execution.openTaskTokens().includes(token)) return;
  const value = input as JsonObject;
  if (value['fail'] === true) execution.sendTaskFailure(token, 'Rejected', `no for ${JSON.stringify(value['n'])}`);
  else execution.sendTaskSuccess(token, { answered: value['n'] ?? null });
}

/** After a resume: a worker answers the tokens it handed out before the crash. */
export async function answerOpenTokens(execution: Execution): Promise<void> {
  await execution.replayed;
  const inputs = callbackInputs(execution.history);
  for (const token of execution.openTaskTokens()) {
    const input = inputs.get(token);
    if (input !== undefined) setTimeout(() => answerToken(execution, token, input), 0);
  }
}

/** Each submitted callback task's input, by the token its parameters carry. */
function callbackInputs(history: readonly HistoryEvent[]): Map<string, Json> {
  const inputs = new Map<string, Json>();
  for (const event of history) {
    if (event.type !== 'TaskScheduled') continue;
    const parameters = JSON.parse(event.taskScheduledEventDetails.parameters) as JsonObject;
    if (typeof parameters['token'] === 'string') inputs.set(parameters['token'], parameters);
  }
  return inputs;
}

/** The machines (fixtures/durable/machines.json, shared with @aslkit/sqlite's crash test). */
export const MACHINES = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../../../fixtures/durable/machines.json'), 'utf8'),
) as Record<string, { definition: object; input: Json }>;
