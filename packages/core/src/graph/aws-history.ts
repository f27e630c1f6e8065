/**
 * Imports a real execution history, as AWS's GetExecutionHistory returns it, so production
 * runs can be inspected with the same fold and views as local ones.
 *
 * Accepted: `{ events: [...] }` (one page or the pages' events concatenated) or a bare array;
 * timestamps as the API's epoch seconds, ISO-8601 text or Date objects (SDK output); payloads
 * (`input`, `output`, `parameters`, `cause`) as AWS's JSON strings or already parsed, as in
 * LocalStack's snapshot files. Event types this library does not model are kept as they are.
 */
import type { HistoryEvent } from '../history/events.js';
import { AslkitError } from '../errors/aslkit-error.js';
import { ErrorCode } from '../errors/error-codes.js';
import { isoTimestamp, parseStartTime } from '../runtime/clock.js';
import { isRecord } from '../json.js';

/** The history cannot be read; `eventIndex` is the position of the offending event (absent for the whole document). */
export class HistoryImportError extends AslkitError {
  constructor(
    message: string,
    readonly eventIndex?: number,
  ) {
    super(ErrorCode.InvalidHistory, eventIndex === undefined ? message : `Event at index ${eventIndex}: ${message}`);
  }
}

/** Detail fields that AWS sends as JSON text. */
const PAYLOAD_FIELDS = new Set(['input', 'output', 'parameters', 'cause']);

/**
 * Converts a GetExecutionHistory document into history events in id order.
 * @throws HistoryImportError naming the event index when an event is malformed.
 * @example
 * const events = importAwsHistory(JSON.parse(readFileSync('history.json', 'utf8')));
 * const snapshot = foldHistory(buildGraph(definition), events);
 */
export function importAwsHistory(json: unknown): HistoryEvent[] {
  const list = Array.isArray(json)
    ? json
    : isRecord(json) && Array.isArray(json['events'])
      ? json['events']
      : undefined;
  if (!list) throw new HistoryImportError('Expected an array of history events or an object with an "events" array');
  const seen = new Set<number>();
  const events = list.map((raw: unknown, index: number) => {
    const event = importEvent(raw, index);
    if (seen.has(event.id)) throw new HistoryImportError(`duplicate event id ${event.id}`, index);
    seen.add(event.id);
    return event;
  });
  // GetExecutionHistory with reverseOrder=true lists the newest first.
  return events.sort((a, b) => a.id - b.id);
}

function importEvent(raw: unknown, index: number): HistoryEvent {
  const fail = (message: string): never => {
    throw new HistoryImportError(message, index);
  };
  if (!isRecord(raw)) return fail('expected an object');
  const { id, previousEventId = 0, timestamp, type, ...rest } = raw;
  if (typeof type !== 'string' || type === '') fail('"type" must be a non-empty string');
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 1) fail('"id" must be a positive integer');
  if (typeof previousEventId !== 'number' || !Number.isInteger(previousEventId) || previousEventId < 0)
    fail('"previousEventId" must be a non-negative integer');
  const time = importTimestamp(timestamp);
  if (time === undefined)
    fail(`"timestamp" is not epoch seconds or an ISO-8601 date: ${JSON.stringify(timestamp) ?? String(timestamp)}`);
  // defineProperty keeps a `__proto__` key as data instead of re-parenting the event.
  const event: Record<string, unknown> = { id, previousEventId, timestamp: time, type };
  for (const [key, value] of Object.entries(rest)) {
    Object.defineProperty(event, key, {
      value: key.endsWith('EventDetails') ? importDetails(value, fail) : value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return event as unknown as HistoryEvent;
}

function importDetails(value: unknown, fail: (message: string) => never): unknown {
  if (!isRecord(value)) return fail('event details must be an object');
  const details: Record<string, unknown> = { ...value };
  for (const key of Object.keys(details)) {
    const field = details[key];
    if (PAYLOAD_FIELDS.has(key) && field !== undefined && typeof field !== 'string')
      details[key] = JSON.stringify(field);
    if (key === 'assignedVariables' && isRecord(field)) {
      details[key] = Object.fromEntries(
        Object.entries(field).map(([name, v]) => [name, typeof v === 'string' ? v : JSON.stringify(v)]),
      );
    }
  }
  return details;
}

/** The wire format is epoch seconds with fractional milliseconds; SDKs turn it into a Date. */
function importTimestamp(value: unknown): string | undefined {
  let ms: number | undefined;
  if (typeof value === 'number') ms = Number.isFinite(value) ? Math.round(value * 1000) : undefined;
  else if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim())) ms = Math.round(Number(value) * 1000);
  else if (
    typeof value === 'string' ||
    (typeof value === 'object' && value !== null && typeof (value as { getTime?: unknown }).getTime === 'function')
  ) {
    ms = parseStartTime(value as string);
  }
  if (ms === undefined || !Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return undefined;
  return isoTimestamp(ms);
}
