/**
 * Reading history events defensively: the reader also eats imported and streamed histories,
 * so a missing or odd field is skipped, never trusted.
 */
import { type Json, parseJson } from '../../json.js';
import type { HistoryEvent } from '../events.js';

/** Whether a value has what every history event has: a numeric id and a type (a stream or an import may hold anything). */
export const isHistoryEvent = (value: unknown): value is HistoryEvent =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as HistoryEvent).id === 'number' &&
  typeof (value as HistoryEvent).type === 'string';

/** The event's `*EventDetails` object (events carry at most one); `{}` when there is none. */
export function detailsOf(event: HistoryEvent): Record<string, unknown> {
  for (const key in event) {
    if (key.endsWith('EventDetails')) {
      const value = (event as unknown as Record<string, unknown>)[key];
      if (typeof value === 'object' && value !== null) return value as Record<string, unknown>;
    }
  }
  return {};
}

/** Payloads are JSON text; text that is not JSON (a truncated payload) is kept as a string. */
export function parsePayload(value: unknown): Json | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') return value as Json;
  try {
    return parseJson(value);
  } catch {
    return value;
  }
}

export const optionalString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Drops undefined members, so snapshots and visits carry only what is known. */
export function definedOnly<T extends Record<string, unknown>>(values: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key in values) if (values[key] !== undefined) out[key] = values[key];
  return out;
}
