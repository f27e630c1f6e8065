/** One-line descriptions of history events for the timeline. */
import type { HistoryEvent } from '@aslkit/core';

/** The filter groups the timeline offers. */
export type EventCategory = 'all' | 'states' | 'tasks' | 'map' | 'errors' | 'execution';

export interface EventSummary {
  /** The state the event names, when it names one. */
  state: string;
  detail: string;
  tone: 'failed' | 'succeeded' | 'neutral';
}

type Details = { name?: string; index?: number; length?: number; error?: string; cause?: string; resource?: string };

/** The `*EventDetails` object of an event, whatever its type. */
export function eventDetails(event: HistoryEvent): Details {
  for (const [key, value] of Object.entries(event)) {
    if (key.endsWith('EventDetails') && typeof value === 'object' && value !== null) return value as Details;
  }
  return {};
}

/** What the timeline shows for an event. */
export function summarizeEvent(event: HistoryEvent): EventSummary {
  const details = eventDetails(event);
  const state = details.name ?? '';
  let detail = '';
  if (details.error !== undefined) detail = details.cause ? `${details.error}: ${details.cause}` : details.error;
  else if (details.index !== undefined) detail = `item ${details.index}`;
  else if (details.length !== undefined) detail = `${details.length} items`;
  else if (details.resource !== undefined) detail = details.resource;
  const type = event.type;
  const tone = /Failed$|TimedOut$|Aborted$/.test(type) ? 'failed' : /Succeeded$/.test(type) ? 'succeeded' : 'neutral';
  return { state, detail, tone };
}

/** Whether an event belongs to a filter group. */
export function inCategory(event: HistoryEvent, category: EventCategory): boolean {
  const type = event.type;
  switch (category) {
    case 'all':
      return true;
    case 'states':
      return /State(Entered|Exited)$/.test(type);
    case 'tasks':
      return /^(Task|LambdaFunction|Activity)/.test(type) && !/State(Entered|Exited|Aborted)$/.test(type);
    case 'map':
      return type.startsWith('Map');
    case 'errors':
      return /Failed$|TimedOut$|Aborted$/.test(type) || type === 'EvaluationFailed';
    case 'execution':
      return type.startsWith('Execution');
  }
}

/** Whether an event matches typed text (type, state name or detail, case-insensitive). */
export function matchesText(event: HistoryEvent, text: string): boolean {
  if (text === '') return true;
  const needle = text.toLowerCase();
  const { state, detail } = summarizeEvent(event);
  return (
    event.type.toLowerCase().includes(needle) ||
    state.toLowerCase().includes(needle) ||
    detail.toLowerCase().includes(needle) ||
    String(event.id) === needle
  );
}
