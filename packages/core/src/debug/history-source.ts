/** A source over a finished history (a recorded run, or one imported from AWS): nothing to drive, only to replay. */
import type { HistoryEvent } from '../history/events.js';
import type { StateInspection } from '../runtime/inspection.js';
import type { StateMachineDefinition } from '../definition/types.js';
import type { MapRun } from '../distributed/map-run.js';
import { UsageError } from '../errors/aslkit-error.js';
import { ErrorCode } from '../errors/error-codes.js';
import { mapRunView, topLevelRuns, type MapRunView } from '../graph/map-run-view.js';
import { mapRunQueries, type ViewerQueryHandler } from './map-run-queries.js';
import type { ExecutionOutcome, ViewerSource } from './protocol.js';

export interface HistorySourceOptions {
  definition: StateMachineDefinition;
  events: readonly HistoryEvent[];
  title?: string;
  /** The run's attempts' stages (`result.inspections` of a run started with `inspect: true`). */
  inspections?: readonly StateInspection[];
  /**
   * The execution's Map Runs (`execution.mapRuns`, nested runs included): the viewer then lists
   * each distributed Map's children and opens those whose history was kept.
   */
  mapRuns?: readonly MapRun[];
}

/**
 * Shows `events` over `definition`, e.g. an AWS history passed through `importAwsHistory`. A
 * viewer replays it by moving its position; commands are refused (`ASLKIT_COMMAND_REFUSED`).
 * @example
 * <ExecutionViewer source={createHistorySource({ definition, events: importAwsHistory(json) })} />
 * // A local run's stages too:
 * const result = await machine.run(input, { inspect: true });
 * <ExecutionViewer source={createHistorySource({ definition, events: result.history, inspections: result.inspections })} />
 * // A finished aslkit run, with its Map Runs' children:
 * <ExecutionViewer source={createHistorySource({ definition, events: result.history, mapRuns: execution.mapRuns })} />
 */
export function createHistorySource({
  definition,
  events,
  title,
  inspections,
  mapRuns,
}: HistorySourceOptions): ViewerSource {
  return replaySource({
    definition,
    events,
    title,
    inspections,
    runs: () => (mapRuns ? topLevelRuns(mapRuns).map(mapRunView) : []),
    query: mapRuns ? mapRunQueries(definition, () => mapRuns) : undefined,
  });
}

/** What a replayed history shows: its events, its outcome, the Map Runs it started, and who answers queries. */
export interface ReplayOptions {
  definition: StateMachineDefinition;
  events: readonly HistoryEvent[];
  title?: string | undefined;
  /** The run's attempts' stages, sent after the events. */
  inspections?: readonly StateInspection[] | undefined;
  runs: () => MapRunView[];
  query?: ViewerQueryHandler | undefined;
  /** The outcome when the events do not tell (a child whose history was not kept). */
  outcome?: ExecutionOutcome | undefined;
}

/** A source that replays a history; the history source and the child source are both this one. */
export function replaySource({
  definition,
  events,
  title,
  inspections,
  runs,
  query,
  outcome,
}: ReplayOptions): ViewerSource {
  const result = outcomeOf(events) ?? outcome;
  return {
    connect(onMessage) {
      onMessage({ type: 'init', mode: 'history', definition, ...(title === undefined ? {} : { title }) });
      onMessage({ type: 'events', events: [...events] });
      if (inspections?.length) onMessage({ type: 'inspections', inspections: [...inspections] });
      const mapRuns = runs();
      if (mapRuns.length > 0) onMessage({ type: 'mapRuns', mapRuns });
      onMessage({ type: 'session', session: { state: 'done', ...(result ? { result } : {}) } });
      return () => {};
    },
    send(command) {
      return Promise.reject(
        new UsageError(
          ErrorCode.CommandRefused,
          `'${command.type}' needs a live execution; this is a recorded history`,
        ),
      );
    },
    ...(query ? { query } : {}),
  };
}

/** The outcome recorded by the history's last Execution* event, if it ended. */
export function outcomeOf(events: readonly HistoryEvent[]): ExecutionOutcome | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i]!;
    switch (event.type) {
      case 'ExecutionSucceeded':
        return { status: 'SUCCEEDED' };
      case 'ExecutionFailed':
        return { status: 'FAILED', ...errorOf(event.executionFailedEventDetails) };
      case 'ExecutionTimedOut':
        return { status: 'TIMED_OUT', ...errorOf(event.executionTimedOutEventDetails) };
      case 'ExecutionAborted':
        return { status: 'ABORTED', ...errorOf(event.executionAbortedEventDetails) };
      default:
    }
  }
  return undefined;
}

export function errorOf(details: { error?: string; cause?: string } | undefined): { error?: string; cause?: string } {
  return {
    ...(details?.error === undefined ? {} : { error: details.error }),
    ...(details?.cause === undefined ? {} : { cause: details.cause }),
  };
}
