/**
 * Error handling: `toHaveRetried(state, times?)` and `toHaveCaught(state, error?)`. Messages
 * list each attempt of the state with the error it failed with, which is usually the answer.
 */
import type { HistoryEvent, StateVisit } from '@aslkit/core';
import type { MatcherState } from 'vitest';
import { clip } from '@aslkit/node';
import {
  matchesText,
  notARun,
  runContext,
  times,
  unknownStateHint,
  viewRun,
  type RunView,
  type MatcherResult,
} from './received.js';

/** `visit 1: attempt 1 failed Busy (cause), attempt 2 succeeded; caught Busy → Next`. */
function attemptLines(visits: readonly StateVisit[]): string {
  if (visits.length === 0) return '';
  const lines = visits.map((visit, i) => {
    const attempts = visit.attempts.map((attempt, n) =>
      attempt.failed
        ? `attempt ${n + 1} failed with ${attempt.error ?? '(unknown error)'}${attempt.cause ? ` (${clip(attempt.cause, 80)})` : ''}`
        : `attempt ${n + 1} succeeded`,
    );
    const end =
      visit.status === 'caught'
        ? `; caught → ${visit.next ?? '?'}`
        : visit.status === 'failed'
          ? '; failed'
          : visit.status === 'aborted'
            ? '; aborted'
            : '';
    return `  visit ${i + 1}: ${attempts.join(', ')}${end}`;
  });
  return `\nAttempts:\n${lines.join('\n')}`;
}

/** The failure events inside the given visits. */
function eventsOf(run: RunView, visits: readonly StateVisit[]): HistoryEvent[] {
  const entered = new Set(visits.map((visit) => visit.eventId));
  const owned = new Set<number>();
  const events: HistoryEvent[] = [];
  for (const event of run.history) {
    if (entered.has(event.id)) owned.add(event.id);
    // Joins (ParallelStateFailed, MapStateFailed, ...) point into a branch but belong to the Parallel or Map.
    else if (
      owned.has(event.previousEventId) &&
      !event.type.endsWith('StateEntered') &&
      !/^(Execution|ParallelState|MapState|MapIteration)/.test(event.type)
    ) {
      owned.add(event.id);
      if (/(Failed|TimedOut)$/.test(event.type)) events.push(event);
    }
  }
  return events;
}

export function toHaveRetried(
  this: MatcherState,
  received: unknown,
  state: string,
  expectedTimes?: number,
): MatcherResult {
  const run = viewRun(received);
  if (!run) return { pass: false, message: () => notARun(this, '.toHaveRetried', received) };
  const visits = run.trace.visits.filter((visit) => visit.name === state);
  const retries = visits.reduce((sum, visit) => sum + visit.attempts.length - 1, 0);
  const pass = expectedTimes === undefined ? retries > 0 : retries === expectedTimes;
  const wanted = expectedTimes === undefined ? '' : ` ${times(expectedTimes)}`;
  return {
    pass,
    message: () =>
      `${this.utils.matcherHint('.toHaveRetried', 'run', expectedTimes === undefined ? 'state' : 'state, times', { isNot: this.isNot })}\n\n` +
      `expected ${JSON.stringify(state)}${this.isNot ? ' not' : ''} to be retried${wanted}, but it was retried ${times(retries)}` +
      (visits.length === 0 ? ` (it was never visited)${unknownStateHint(run, state)}` : attemptLines(visits)) +
      runContext(run, { title: `Failure events of ${JSON.stringify(state)}`, events: eventsOf(run, visits) }),
  };
}

export function toHaveCaught(this: MatcherState, received: unknown, state: string, error?: unknown): MatcherResult {
  const run = viewRun(received);
  if (!run) return { pass: false, message: () => notARun(this, '.toHaveCaught', received) };
  const visits = run.trace.visits.filter((visit) => visit.name === state);
  const caught = visits.filter((visit) => visit.status === 'caught');
  const matching = caught.filter(
    (visit) => error === undefined || matchesText(this, visit.attempts.at(-1)?.error, error),
  );
  const pass = matching.length > 0;
  const what = error === undefined ? 'an error' : this.utils.printExpected(error);
  return {
    pass,
    message: () => {
      const head = `${this.utils.matcherHint('.toHaveCaught', 'run', error === undefined ? 'state' : 'state, error', { isNot: this.isNot })}\n\n`;
      let body: string;
      if (pass)
        body = `expected ${JSON.stringify(state)} not to catch ${what}, but it caught ${matching.map((v) => v.attempts.at(-1)?.error ?? 'an error').join(', ')}`;
      else if (visits.length === 0)
        body = `expected ${JSON.stringify(state)} to catch ${what}, but it was never visited${unknownStateHint(run, state)}`;
      else if (caught.length === 0) body = `expected ${JSON.stringify(state)} to catch ${what}, but it caught nothing`;
      else
        body = `expected ${JSON.stringify(state)} to catch ${what}, but it caught ${caught.map((v) => this.utils.printReceived(v.attempts.at(-1)?.error)).join(', ')}`;
      return (
        head +
        body +
        attemptLines(visits) +
        runContext(run, { title: `Failure events of ${JSON.stringify(state)}`, events: eventsOf(run, visits) })
      );
    },
  };
}
