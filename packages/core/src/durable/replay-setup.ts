/**
 * How `StateMachine.start` becomes a resume: the clock and replay log of a stored execution, the
 * stored answers given back to callback tasks, and the status of one whose end was stored already.
 */
import type { HistoryEvent } from '../history/events.js';
import type { HistoryRecorder } from '../history/recorder.js';
import { isoTimestamp, macrotask, RealClock, timestampMs, type Clock } from '../runtime/clock.js';
import type { Execution } from '../runtime/execution.js';
import type { ResumeOptions } from '../runtime/state-machine.js';
import type { TokenAnswer } from '../runtime/task-tokens.js';
import { VirtualClock } from '../runtime/virtual-clock.js';
import type { ExecutionRecord, ExecutionStore } from './execution-store.js';
import { executionEnd } from './persist-events.js';
import { ReplayClock } from './replay-clock.js';
import { ReplayLog } from './replay-log.js';

/** A stored execution to replay (`StateMachine.resume`). */
export interface Resumed {
  store: ExecutionStore;
  record: ExecutionRecord;
  events: HistoryEvent[];
}

/** The clock, and the stored history to replay, of a resumed execution (a new one: no replay). */
export function replaySetup(
  startMs: number,
  realTime: boolean,
  events: HistoryEvent[] | undefined,
): { clock: Clock; replay?: ReplayLog } {
  if (!events) return { clock: realTime ? new RealClock() : new VirtualClock(startMs) };
  if (!realTime) {
    const clock = new VirtualClock(startMs);
    // Virtual time is recomputed exactly, timestamps and all: the replay checks them too.
    return { clock, replay: new ReplayLog(events, () => isoTimestamp(clock.now()), false) };
  }
  const last = events[events.length - 1];
  const clock = new ReplayClock(startMs, last ? timestampMs(last.timestamp) : startMs);
  const replay = new ReplayLog(
    events,
    () => isoTimestamp(clock.now()),
    true,
    (event) => clock.follow(timestampMs(event.timestamp)),
  );
  // Live once the step after the last stored event has gone as far as it can: a timer it sets (a Wait
  // entered just before the crash) is due from the stored time, not from the restart.
  replay.onCaughtUp(() => macrotask(() => clock.goLive()));
  return { clock, replay };
}

/** Gives a replayed callback task its stored answer, as SendTaskSuccess/Failure would. */
export function answerToken(execution: Execution | undefined, token: string, value: TokenAnswer): void {
  try {
    if (value.ok) execution?.sendTaskSuccess(token, value.output);
    else execution?.sendTaskFailure(token, value.error, value.cause);
  } catch {
    // The task ended otherwise meanwhile (its timer, an abort): the replay's check reports it.
  }
}

/**
 * An execution whose last event was stored, but not (yet) its status: the replay reports no
 * event, so the status is written here, once the replay ended where the store did.
 */
export function markReplayedEnd(resumed: Resumed, execution: Execution, recorder: HistoryRecorder): void {
  if (resumed.record.status !== 'RUNNING') return;
  const last = resumed.events[resumed.events.length - 1];
  const end = last && executionEnd(last);
  if (!end) return;
  void execution.result.then(() => {
    if (recorder.count !== resumed.events.length) return;
    try {
      resumed.store.appendEvents(resumed.record.executionArn, [], end);
    } catch {
      // Left RUNNING: the next resume writes it again.
    }
  });
}

export const pickResumeOptions = (options: ResumeOptions): ResumeOptions => ({
  ...(options.resolvers === undefined ? {} : { resolvers: options.resolvers }),
  ...(options.missingResolverMessage === undefined ? {} : { missingResolverMessage: options.missingResolverMessage }),
  ...(options.gate === undefined ? {} : { gate: options.gate }),
  // Not stored with the execution: which Map Run children keep their histories is the resumer's choice.
  ...(options.mapRuns === undefined ? {} : { mapRuns: options.mapRuns }),
});
