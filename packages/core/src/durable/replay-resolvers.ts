/**
 * Task answers for a replay: a Task attempt the stored history saw end gets that ending back
 * (its result, its error, its submission, its callback answer, or a timeout) without its
 * resolver being called; an attempt that was still running when the process died is started
 * again: tasks are at-least-once across a crash. Resolvers marked `replaysLive` (mocks) are
 * called again instead: their answers depend on which call it is, and calling rebuilds that.
 */
import { parseJson } from '../json.js';
import { timestampMs } from '../runtime/clock.js';
import type { HistoryRecorder } from '../history/recorder.js';
import type { HistoryEvent } from '../history/events.js';
import {
  activityWorkerResolver,
  awaitCallback,
  isActivityWorkerResolver,
  isReplayedLive,
  TaskError,
  type ResolverRouter,
  type TaskContext,
  type TaskResolver,
} from '../resolvers/resolver.js';
import type { TokenAnswer } from '../runtime/task-tokens.js';
import { eventDetails, type ReplayLog } from './replay-log.js';

/**
 * Wraps `router` so that attempts the log holds are answered from it.
 * @param answer gives a callback task's token its stored answer (the execution's sendTask*)
 */
export function replayResolvers(
  router: ResolverRouter,
  log: ReplayLog,
  recorder: HistoryRecorder,
  answer: (token: string, value: TokenAnswer) => void,
): ResolverRouter {
  return {
    find(resource, stateName) {
      const live = router.find(resource, stateName);
      if (!live || isReplayedLive(live)) return live;
      const replayed: TaskResolver = (input, context) => {
        // Resolvers are called right after the attempt's …Started event is recorded.
        const stored = log.caughtUp ? undefined : log.attempt(recorder.count);
        if (!stored) return live(input, context);
        const { submitted, outcome } = stored;
        const callback = context.parsedResource.pattern === 'waitForTaskToken';
        const response = submitted && parseJson(eventDetails(submitted)['output'] as string);
        if (callback && submitted) {
          // The token is the same after a restart: a stored answer is given back when its turn comes,
          // otherwise the worker that holds the token still answers it.
          if (outcome && context.taskToken !== undefined)
            log.answerWhenDue(outcome, (value) => answer(context.taskToken!, value));
          return awaitCallback(response);
        }
        if (submitted) context.submit(response);
        if (!outcome) {
          if (stored.interrupted) return never(context);
          // Running when the process died: start it again (at-least-once). Its submission, if stored, was
          // replayed above, and a task records one per attempt: the resolver's own submit records nothing.
          return live(input, context);
        }
        return storedOutcome(outcome, context);
      };
      if (!isActivityWorkerResolver(live)) return replayed;
      // Handed to workers: called after ActivityScheduled, and ActivityStarted (naming the worker) comes
      // when a worker took the task. One that none took before the crash is handed out again.
      return activityWorkerResolver((input, context) => {
        const started = log.caughtUp ? undefined : log.workerStart(recorder.count);
        if (!started) return live(input, context);
        const { workerName } = eventDetails(started) as { workerName?: string };
        return new Promise((resolve, reject) =>
          log.recordWhenDue(started.id, recorder.count, () => {
            context.workerStarted?.(workerName);
            try {
              resolve(replayed(input, context));
            } catch (error) {
              reject(error);
            }
          }),
        );
      });
    },
  };
}

/** What the attempt's stored outcome event says, on the clock where it happened. */
function storedOutcome(outcome: HistoryEvent, context: TaskContext): unknown {
  // A resolver that slept on the execution's clock answered later than it was called.
  const wait = timestampMs(outcome.timestamp) - context.clock.now();
  if (wait > 0) return context.clock.sleep(wait).then(() => storedValue(outcome, context));
  return storedValue(outcome, context);
}

function storedValue(outcome: HistoryEvent, context: TaskContext): unknown {
  const details = eventDetails(outcome);
  if (outcome.type.endsWith('Succeeded')) return parseJson(details['output'] as string);
  if (outcome.type.endsWith('Failed'))
    throw new TaskError(details['error'] as string | undefined, details['cause'] as string | undefined);
  // TimedOut: the task's own timer ends it, as it did the first time.
  return never(context);
}

/** An answer that never comes: the attempt ends by its timer or its abort. */
const never = (context: TaskContext): Promise<never> =>
  context.clock.sleep(Infinity).then(() => {
    throw new TaskError('States.Runtime', 'unreachable');
  });
