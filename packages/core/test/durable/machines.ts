/**
 * Machines, resolvers and a callback worker for the durable-execution tests: every feature a
 * replay must reproduce (Task results and failures, Retry with jitter, Wait, callbacks, Parallel,
 * inline Map, Choice, variables, JSONata, intrinsics that draw random numbers and UUIDs).
 */
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

/** Answers depend only on the input, so a task run again after a crash answers the same. */
export const workResolver: TaskResolver = async (input) => {
  const value = input as JsonObject;
  // Fails the first two attempts of a state that passes its RetryCount.
  if (typeof value['retry'] === 'number' && value['retry'] < 2) throw new TaskError('Flaky', `attempt ${value['retry']}`);
  return { n: value['n'] ?? null, doubled: typeof value['n'] === 'number' ? value['n'] * 2 : 0 };
};

/**
 * The callback worker: answers each token one host turn after it is handed out, from the
 * resolver's call or, after a resume, from the tokens the execution still waits on.
 */
export function callbackResolvers(executionOf: () => Execution | undefined): Record<string, TaskResolver> {
  return {
    [WORK]: workResolver,
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

const callbackTask = (extra: object) => ({
  Type: 'Task',
  Resource: CALLBACK,
  Parameters: { 'token.$': '$$.Task.Token', 'n.$': '$.n', 'fail.$': '$.fail' },
  ...extra,
});

export const MACHINES: Record<string, { definition: object; input: Json }> = {
  everything: {
    input: { n: 3, items: [1, 2, 3, 4], fail: false },
    definition: {
      StartAt: 'Draw',
      States: {
        Draw: {
          Type: 'Pass',
          Parameters: { 'id.$': 'States.UUID()', 'roll.$': 'States.MathRandom(1, 100)', 'n.$': '$.n', 'items.$': '$.items', 'fail.$': '$.fail' },
          Assign: { 'firstId.$': '$.id' },
          Next: 'Retrying',
        },
        Retrying: {
          Type: 'Task',
          Resource: WORK,
          Parameters: { 'n.$': '$.n', 'retry.$': '$$.State.RetryCount' },
          Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 2, MaxAttempts: 3, JitterStrategy: 'FULL' }],
          ResultPath: '$.work',
          Next: 'Pause',
        },
        Pause: { Type: 'Wait', Seconds: 10, Next: 'Fan' },
        Fan: {
          Type: 'Parallel',
          ResultPath: '$.fan',
          Branches: [
            { StartAt: 'Ask', States: { Ask: callbackTask({ End: true }) } },
            {
              StartAt: 'Later',
              States: {
                Later: { Type: 'Wait', Seconds: 5, Next: 'Work' },
                Work: { Type: 'Task', Resource: WORK, Parameters: { n: 7 }, End: true },
              },
            },
          ],
          Next: 'Each',
        },
        Each: {
          Type: 'Map',
          ItemsPath: '$.items',
          MaxConcurrency: 2,
          ItemSelector: { 'n.$': '$$.Map.Item.Value', fail: false },
          ItemProcessor: {
            StartAt: 'Double',
            States: {
              Double: { Type: 'Task', Resource: WORK, Next: 'Big?' },
              'Big?': {
                Type: 'Choice',
                Choices: [{ Variable: '$.doubled', NumericGreaterThan: 4, Next: 'Confirm' }],
                Default: 'Nap',
              },
              Nap: { Type: 'Wait', SecondsPath: '$.doubled', End: true },
              Confirm: callbackTask({ Parameters: { 'token.$': '$$.Task.Token', 'n.$': '$.n', fail: false }, End: true }),
            },
          },
          ResultPath: '$.each',
          Next: 'Finish',
        },
        Finish: {
          Type: 'Pass',
          QueryLanguage: 'JSONata',
          Output: '{% {"first": $firstId, "r": $random(), "u": $uuid(), "each": $states.input.each, "fan": $states.input.fan} %}',
          End: true,
        },
      },
    },
  },
  caught: {
    input: { n: 1, fail: true },
    definition: {
      StartAt: 'Ask',
      States: {
        Ask: {
          ...callbackTask({}),
          TimeoutSeconds: 3600,
          Catch: [{ ErrorEquals: ['Rejected'], ResultPath: '$.error', Next: 'Retry' }],
          Next: 'Done',
        },
        Retry: { Type: 'Task', Resource: WORK, Parameters: { 'n.$': 'States.MathAdd($.n, 1)' }, Next: 'Done' },
        Done: { Type: 'Succeed' },
      },
    },
  },
  timedOut: {
    input: { n: 2 },
    definition: {
      StartAt: 'Slow',
      States: {
        Slow: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          TimeoutSeconds: 5,
          Catch: [{ ErrorEquals: ['States.Timeout'], Next: 'Gave up' }],
          End: true,
        },
        'Gave up': { Type: 'Fail', Error: 'TooSlow' },
      },
    },
  },
};
