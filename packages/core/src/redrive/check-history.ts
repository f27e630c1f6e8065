/**
 * A saved history checked before a redrive trusts it. A redrive goes on from what the history
 * records (ids, the states entered, their data, the variables assigned), and writes it back as the
 * start of the new history: a forged or damaged one must be refused where it is wrong, never run
 * into a TypeError, a redrive that silently differs, or ids that jump past the event limit.
 */
import { isJsonObject, quote } from '../json.js';
import { HistoryImportError } from '../graph/aws-history.js';
import type { HistoryEvent } from '../history/events.js';
import { parseStartTime } from '../runtime/clock.js';
import { UsageError } from '../errors/aslkit-error.js';
import { ErrorCode } from '../errors/error-codes.js';
import { CHILD_STATUSES } from '../graph/map-run-view.js';

const CHILD_STATUS_SET: ReadonlySet<string> = new Set(CHILD_STATUSES);

/** ISO 8601 date and time, as aslkit and AWS's SDKs write `timestamp` (parsing alone takes `"5"`). */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * Checks `history` as a redrive reads it: events in order with ids 1, 2, 3 …, each
 * `previousEventId` an earlier event (or 0), ISO timestamps, ExecutionStarted first with JSON
 * input, the states' input, output and assigned variables JSON text, and ExecutionRedriven events
 * counting 1, 2, 3 ….
 * @throws HistoryImportError (code `ASLKIT_INVALID_HISTORY`) naming the event index and field.
 */
export function checkRedriveHistory(history: readonly unknown[]): asserts history is readonly HistoryEvent[] {
  let redriven = 0;
  history.forEach((event, index) => {
    const fail = (message: string): never => {
      throw new HistoryImportError(message, index);
    };
    if (!isJsonObject(event)) return fail('expected an event object');
    const { id, previousEventId, timestamp, type } = event;
    if (typeof type !== 'string' || type === '') fail('"type" must be a non-empty string');
    if (id !== index + 1)
      fail(`"id" is ${quote(id)}, expected ${index + 1}: a redrive takes the events in order, numbered from 1`);
    if (typeof previousEventId !== 'number' || !Number.isInteger(previousEventId))
      fail(`"previousEventId" must be a whole number, not ${quote(previousEventId)}`);
    if ((previousEventId as number) < 0 || (previousEventId as number) >= index + 1)
      fail(`"previousEventId" ${quote(previousEventId)} is not an earlier event`);
    if (typeof timestamp !== 'string' || !ISO_DATE_TIME.test(timestamp) || parseStartTime(timestamp) === undefined)
      fail(`"timestamp" is not an ISO 8601 date: ${quote(timestamp)}`);
    if ((index === 0) !== (type === 'ExecutionStarted'))
      fail(index === 0 ? 'a history starts with ExecutionStarted' : 'ExecutionStarted after the first event');
    for (const key of Object.keys(event))
      if (key.endsWith('EventDetails') && !isJsonObject(event[key])) fail(`"${key}" must be an object`);
    if (type === 'ExecutionStarted') jsonText(event.executionStartedEventDetails, 'input', fail, true);
    if (type === 'ExecutionRedriven') {
      const count = (event.executionRedrivenEventDetails as Record<string, unknown> | undefined)?.redriveCount;
      if (count !== ++redriven) fail(`"redriveCount" is ${quote(count)}, expected ${redriven}`);
    }
    const entered = event.stateEnteredEventDetails;
    if (entered !== undefined) {
      stateName(entered, fail);
      jsonText(entered, 'input', fail, true);
    }
    const exited = event.stateExitedEventDetails;
    if (exited !== undefined) {
      stateName(exited, fail);
      jsonText(exited, 'output', fail, false);
      const assigned = (exited as Record<string, unknown>).assignedVariables;
      if (assigned !== undefined) {
        if (!isJsonObject(assigned)) fail('"assignedVariables" must be an object');
        for (const name of Object.keys(assigned as object)) jsonText(assigned, name, fail, true, 'assignedVariables.');
      }
    }
  });
}

function stateName(details: unknown, fail: (message: string) => never): void {
  const name = (details as Record<string, unknown>).name;
  if (typeof name !== 'string' || name === '') fail(`the state's "name" must be a non-empty string`);
}

function jsonText(
  details: unknown,
  field: string,
  fail: (message: string) => never,
  required: boolean,
  prefix = '',
): void {
  const text = (details as Record<string, unknown> | undefined)?.[field];
  if (text === undefined && !required) return;
  if (typeof text !== 'string') return fail(`"${prefix}${field}" must be JSON text`);
  try {
    JSON.parse(text);
  } catch {
    fail(`"${prefix}${field}" is not JSON: ${quote(text)}`);
  }
}

/**
 * Checks the stopped execution's Map Runs as a redrive reads them: each an object with its
 * `mapRunArn`, its children (by index) objects with a known status, text names and ARNs, and the
 * history each kept one holds checked as above.
 * @throws UsageError (code `ASLKIT_INVALID_HISTORY`) naming the place (`mapRuns[0].children[2].status`).
 */
export function checkRedriveMapRuns(mapRuns: unknown): void {
  if (mapRuns === undefined) return;
  const fail = (where: string, message: string): never => {
    throw new UsageError(ErrorCode.InvalidHistory, `${where}: ${message}`);
  };
  if (!Array.isArray(mapRuns)) fail('mapRuns', "a redrive's mapRuns is the stopped execution's list of Map Runs");
  (mapRuns as unknown[]).forEach((run, r) => {
    const at = `mapRuns[${r}]`;
    if (!isJsonObject(run)) return fail(at, 'expected a Map Run object');
    if (typeof run.mapRunArn !== 'string') fail(`${at}.mapRunArn`, 'must be text');
    if (run.startDate !== undefined && (typeof run.startDate !== 'string' || !ISO_DATE_TIME.test(run.startDate)))
      fail(`${at}.startDate`, `is not an ISO 8601 date: ${quote(run.startDate)}`);
    if (run.children === undefined) return;
    if (!Array.isArray(run.children)) return fail(`${at}.children`, 'must be a list');
    run.children.forEach((child, c) => {
      const where = `${at}.children[${c}]`;
      if (!isJsonObject(child)) return fail(where, 'expected a child object');
      if (child.index !== c) fail(`${where}.index`, `is ${quote(child.index)}, expected ${c}`);
      if (typeof child.status !== 'string' || !CHILD_STATUS_SET.has(child.status))
        fail(`${where}.status`, `must be one of ${CHILD_STATUSES.join(', ')}, not ${quote(child.status)}`);
      for (const key of ['name', 'executionArn'])
        if (typeof child[key] !== 'string') fail(`${where}.${key}`, 'must be text');
      if (child.history === undefined) return;
      if (!Array.isArray(child.history)) return fail(`${where}.history`, 'must be a list of events');
      try {
        checkRedriveHistory(child.history);
      } catch (error) {
        fail(`${where}.history`, error instanceof Error ? error.message : String(error));
      }
    });
  });
}
