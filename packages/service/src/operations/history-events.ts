/**
 * History events as GetExecutionHistory sends them: the engine's events (AWS's shape, with ISO
 * timestamps) with the timestamp as epoch seconds, and without payloads when asked.
 */
import type { HistoryEvent } from '@aslkit/core';

/** One event for the wire; `omit` names the payload fields of its details to leave out. */
export function apiEvent(event: HistoryEvent, omit?: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event)) {
    if (key === 'timestamp') out[key] = Date.parse(value as string) / 1000;
    else if (omit && key.endsWith('EventDetails') && value !== null && typeof value === 'object')
      out[key] = Object.fromEntries(Object.entries(value as object).filter(([field]) => !omit.has(field)));
    else out[key] = value;
  }
  return out;
}
