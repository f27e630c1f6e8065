/**
 * The errors every `ExecutionStore` throws, shared so that the memory store and `@aslkit/sqlite`
 * fail the same way, with AWS's exception names where StartExecution and friends have one.
 */
import { AslkitError } from '../errors/aslkit-error.js';
import { ErrorCode } from '../errors/error-codes.js';
import type { HistoryEvent } from '../history/events.js';

export const executionExists = (executionArn: string): AslkitError =>
  new AslkitError(ErrorCode.ExecutionAlreadyExists, `Execution Already Exists: '${executionArn}'`);

export const executionMissing = (executionArn: string): AslkitError =>
  new AslkitError(ErrorCode.ExecutionDoesNotExist, `Execution Does Not Exist: '${executionArn}'`);

/**
 * Checks that `events` continue a history of `stored` events without a gap or a repeat: a
 * store that took an event twice would replay it twice.
 */
export function checkNextIds(executionArn: string, stored: number, events: readonly HistoryEvent[]): void {
  events.forEach((event, i) => {
    if (event.id !== stored + i + 1)
      throw new AslkitError(
        ErrorCode.StoreConflict,
        `Event ${event.id} of '${executionArn}' does not follow the ${stored + i} stored before it`,
      );
  });
}
