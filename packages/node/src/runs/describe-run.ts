/**
 * Plain-text descriptions of a run for failure messages: how it ended, the path it took
 * (Parallel branches and Map iterations folded in), and the events that matter. Used by the
 * matchers and by `aslkit test`, so both explain a failure the same way.
 */
import type { ExecutionResult, ExecutionTrace, HistoryEvent, StateVisit } from '@aslkit/core';

const MAX_TEXT = 300;
const MAX_PATH = 40;

/** Shortens long text (outputs, causes) with a note of what was cut. */
export function clip(text: string, max = MAX_TEXT): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

/** `SUCCEEDED with output {...}` or `FAILED with States.TaskFailed: cause`. */
export function formatOutcome(
  result: { status: string } & Pick<ExecutionResult, 'output' | 'error' | 'cause'>,
): string {
  if (result.status === 'SUCCEEDED')
    return `SUCCEEDED with output ${clip(JSON.stringify(result.output) ?? 'undefined')}`;
  const error = result.error ?? '(no error name)';
  return `${result.status} with ${error}${result.cause ? `: ${clip(result.cause)}` : ''}`;
}

/**
 * The path as one line: `A → B {X | Y → Z} → C [retried 2×]`. Parallel branches are shown
 * between braces, separated by `|`; a Map's iterations are grouped by the path they took.
 */
export function formatPath(trace: ExecutionTrace): string {
  const root = trace.chains[0];
  return root && root.visits.length > 0 ? chainPath(trace, root.visits, 0) : '(no state entered)';
}

function chainPath(trace: ExecutionTrace, visitIds: readonly number[], depth: number): string {
  const shown = visitIds.length > MAX_PATH ? [...visitIds.slice(0, 20), -1, ...visitIds.slice(-10)] : visitIds;
  return shown
    .map((id) => (id === -1 ? `… ${visitIds.length - 30} more …` : visitText(trace, trace.visits[id]!, depth)))
    .join(' → ');
}

function visitText(trace: ExecutionTrace, visit: StateVisit, depth: number): string {
  let text = visit.name;
  if (visit.children.length > 0) text += ` ${childrenText(trace, visit, depth)}`;
  const notes: string[] = [];
  const retries = visit.attempts.length - 1;
  if (retries > 0) notes.push(`retried ${retries}×`);
  const error = visit.attempts.at(-1)?.error;
  if (visit.status === 'caught') notes.push(`caught ${error ?? 'an error'}`);
  if (visit.status === 'failed') notes.push(`failed${error ? `: ${error}` : ''}`);
  if (visit.status === 'aborted') notes.push('aborted');
  return notes.length > 0 ? `${text} [${notes.join(', ')}]` : text;
}

function childrenText(trace: ExecutionTrace, visit: StateVisit, depth: number): string {
  if (depth >= 3) return `{${visit.children.length} ${visit.type === 'Map' ? 'iterations' : 'branches'}}`;
  const paths = visit.children.map((id) => chainPath(trace, trace.chains[id]!.visits, depth + 1) || '(empty)');
  if (visit.type === 'Parallel') return `{${paths.join(' | ')}}`;
  const groups = new Map<string, number>();
  for (const path of paths) groups.set(path, (groups.get(path) ?? 0) + 1);
  return `{${[...groups].map(([path, count]) => `${count}× ${path}`).join(' | ')}}`;
}

/** One line per event: `#7 TaskFailed (Charge) error="Busy" cause="..."`. */
export function formatEvent(event: HistoryEvent, stateNames?: ReadonlyMap<number, string>): string {
  const details = detailsOf(event);
  const name = (typeof details?.['name'] === 'string' ? details['name'] : undefined) ?? stateNames?.get(event.id);
  const parts = [`#${event.id}`, event.type];
  if (name !== undefined) parts.push(`(${name})`);
  for (const field of ['index', 'length', 'error', 'cause', 'output']) {
    if (!details || !Object.prototype.hasOwnProperty.call(details, field)) continue;
    const value = details[field];
    // Outputs are JSON text already; names and causes are quoted so spaces cannot blur the line.
    parts.push(
      `${field}=${clip(field === 'output' && typeof value === 'string' ? value : (JSON.stringify(value) ?? ''), 160)}`,
    );
  }
  return parts.join(' ');
}

/**
 * Which state each event belongs to, so a TaskFailed line can say whose task it was. Join
 * events (ParallelStateSucceeded, MapStateFailed, ...) point into a branch, so they get none.
 */
export function stateOfEvents(history: readonly HistoryEvent[], trace: ExecutionTrace): Map<number, string> {
  const owner = new Map<number, string>();
  const visitAt = new Map(trace.visits.map((visit) => [visit.eventId, visit.name]));
  for (const event of history) {
    const entered = visitAt.get(event.id);
    if (entered !== undefined) owner.set(event.id, entered);
    else if (!/^(Execution|ParallelState|MapState|MapIteration)|StateExited$/.test(event.type)) {
      const name = owner.get(event.previousEventId);
      if (name !== undefined) owner.set(event.id, name);
    }
  }
  return owner;
}

function detailsOf(event: HistoryEvent): Record<string, unknown> | undefined {
  for (const [key, value] of Object.entries(event)) {
    if (key.endsWith('EventDetails') && typeof value === 'object' && value !== null)
      return value as Record<string, unknown>;
  }
  return undefined;
}

/** The failure events of a run (task failures, timeouts, evaluation failures, the execution's end), at most `limit`. */
export function failureEvents(history: readonly HistoryEvent[], limit = 8): HistoryEvent[] {
  const failures = history.filter(
    (event) => /(Failed|TimedOut|Aborted)$/.test(event.type) && !event.type.startsWith('MapIteration'),
  );
  return failures.length > limit ? failures.slice(-limit) : failures;
}

/** Indented lines for a block of events, or `undefined` when there are none. */
export function formatEventBlock(
  title: string,
  events: readonly HistoryEvent[],
  history: readonly HistoryEvent[],
  trace: ExecutionTrace,
): string | undefined {
  if (events.length === 0) return undefined;
  const names = stateOfEvents(history, trace);
  return `${title}:\n${events.map((event) => `  ${formatEvent(event, names)}`).join('\n')}`;
}
