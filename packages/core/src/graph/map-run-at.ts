/**
 * A Map Run as it was at a position of its parent's history (a viewer scrubbed back): the run
 * records (`MapRunView`) say how it is now, the parent's events say when it started, ended and
 * was redriven. Framework-free, for the React panel and badge alike.
 */
import type { HistoryEvent } from '../history/events.js';
import type { MapRunStatus } from '../distributed/map-run.js';
import type { MapRunView } from './map-run-view.js';

/** How a Map Run stood at a position of the parent's history. */
export type MapRunAt =
  /** Its MapRunStarted is not among the events up to the position. */
  | { readonly phase: 'not-started' }
  /** As it is now: the position is at or past its last end, or at the newest event. */
  | { readonly phase: 'now'; readonly run: MapRunView }
  /**
   * Running at the position: `run` with status RUNNING and no end; its children and counts are
   * those of the time `at` (a `mapRunChildren` query with `at`).
   */
  | { readonly phase: 'running'; readonly run: MapRunView; readonly at: string }
  /**
   * Ended at the position, and redriven later: `run` with that end's status, error and cause;
   * its children were run again since, so the records no longer show them as they were.
   */
  | { readonly phase: 'ended-before-redrive'; readonly run: MapRunView };

const END_STATUS: Readonly<Record<string, MapRunStatus>> = {
  MapRunSucceeded: 'SUCCEEDED',
  MapRunFailed: 'FAILED',
  MapRunAborted: 'ABORTED',
};

/** The run's ARN when `event` starts or redrives a Map Run. */
function startedArn(event: HistoryEvent): string | undefined {
  if (event.type === 'MapRunStarted') return event.mapRunStartedEventDetails.mapRunArn;
  if (event.type === 'MapRunRedriven') return event.mapRunRedrivenEventDetails.mapRunArn;
  return undefined;
}

/**
 * `run` as it was once the first `position` of `events` had happened. Its end is the MapRun*
 * end event that follows its start (previousEventId): the parent records nothing in between.
 * @example
 * const seen = mapRunAt(run, store.getEvents(), state.position);
 * if (seen.phase === 'running') source.query({ type: 'mapRunChildren', mapRunArn: run.mapRunArn, at: seen.at });
 */
export function mapRunAt(run: MapRunView, events: readonly HistoryEvent[], position: number): MapRunAt {
  const upTo = Math.max(0, Math.min(position, events.length));
  let start: HistoryEvent | undefined;
  let end: HistoryEvent | undefined;
  for (let index = 0; index < upTo; index++) {
    const event = events[index]!;
    if (startedArn(event) === run.mapRunArn) {
      start = event;
      end = undefined;
    } else if (start && end === undefined && event.previousEventId === start.id && END_STATUS[event.type]) end = event;
  }
  // At the newest event the records are the truth: a live run's counts move between events, and its
  // record can arrive before its MapRunStarted.
  if (upTo === events.length) return { phase: 'now', run };
  if (!start) return { phase: 'not-started' };
  if (!end) {
    const { error: _error, cause: _cause, stopDate: _stop, ...running } = run;
    return { phase: 'running', run: { ...running, status: 'RUNNING' }, at: events[upTo - 1]!.timestamp };
  }
  const redrivenLater = events.slice(upTo).some((event) => startedArn(event) === run.mapRunArn);
  if (!redrivenLater) return { phase: 'now', run };
  const { error: _error, cause: _cause, ...earlier } = run;
  const failed = end.type === 'MapRunFailed' ? end.mapRunFailedEventDetails : undefined;
  return {
    phase: 'ended-before-redrive',
    run: {
      ...earlier,
      status: END_STATUS[end.type]!,
      stopDate: end.timestamp,
      ...(failed?.error === undefined ? {} : { error: failed.error }),
      ...(failed?.cause === undefined ? {} : { cause: failed.cause }),
    },
  };
}
