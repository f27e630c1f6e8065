/** A source over a finished history (a recorded run, or one imported from AWS): nothing to drive, only to replay. */
import type { HistoryEvent } from '../history/events.js';
import type { StateInspection } from '../runtime/inspection.js';
import type { StateMachineDefinition } from '../definition/types.js';
import { UsageError } from '../errors/aslkit-error.js';
import { ErrorCode } from '../errors/error-codes.js';
import type { ExecutionOutcome, ViewerSource } from './protocol.js';

export interface HistorySourceOptions {
  definition: StateMachineDefinition;
  events: readonly HistoryEvent[];
  title?: string;
  /** The run's attempts' stages (`result.inspections` of a run started with `inspect: true`). */
  inspections?: readonly StateInspection[];
}

/**
 * Shows `events` over `definition`, e.g. an AWS history passed through `importAwsHistory`. A
 * viewer replays it by moving its position; commands are refused (`ASLKIT_COMMAND_REFUSED`).
 * @example
 * <ExecutionViewer source={createHistorySource({ definition, events: importAwsHistory(json) })} />
 * // A local run's stages too:
 * const result = await machine.run(input, { inspect: true });
 * <ExecutionViewer source={createHistorySource({ definition, events: result.history, inspections: result.inspections })} />
 */
export function createHistorySource({ definition, events, title, inspections }: HistorySourceOptions): ViewerSource {
  const result = outcomeOf(events);
  return {
    connect(onMessage) {
      onMessage({ type: 'init', mode: 'history', definition, ...(title === undefined ? {} : { title }) });
      onMessage({ type: 'events', events: [...events] });
      if (inspections?.length) onMessage({ type: 'inspections', inspections: [...inspections] });
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

function errorOf(details: { error?: string; cause?: string } | undefined): { error?: string; cause?: string } {
  return {
    ...(details?.error === undefined ? {} : { error: details.error }),
    ...(details?.cause === undefined ? {} : { cause: details.cause }),
  };
}
