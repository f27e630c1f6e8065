/**
 * Where an execution went: `toHaveVisited(state, times?)`, `toHaveTakenPath([...])`,
 * `toHaveTransitioned(from, to)`. Visits and transitions count every fiber (branches and
 * iterations too); the path is the top level only, in order.
 */
import type { MatcherState } from 'vitest';
import { notARun, runContext, times, unknownStateHint, viewRun, type RunView, type MatcherResult } from './received.js';

/** `A ×1, B ×3` over every visit, in first-visit order. */
function visitCounts(run: RunView): string {
  const counts = new Map<string, number>();
  for (const visit of run.trace.visits) counts.set(visit.name, (counts.get(visit.name) ?? 0) + 1);
  return counts.size === 0 ? '(none)' : [...counts].map(([name, count]) => `${name} ×${count}`).join(', ');
}

export function toHaveVisited(
  this: MatcherState,
  received: unknown,
  state: string,
  expectedTimes?: number,
): MatcherResult {
  const run = viewRun(received);
  if (!run) return { pass: false, message: () => notARun(this, '.toHaveVisited', received) };
  const count = run.trace.visits.filter((visit) => visit.name === state).length;
  const pass = expectedTimes === undefined ? count > 0 : count === expectedTimes;
  const wanted = expectedTimes === undefined ? '' : ` ${times(expectedTimes)}`;
  return {
    pass,
    message: () =>
      `${this.utils.matcherHint('.toHaveVisited', 'run', expectedTimes === undefined ? 'state' : 'state, times', { isNot: this.isNot })}\n\n` +
      `expected ${JSON.stringify(state)}${this.isNot ? ' not' : ''} to be visited${wanted}, but it was visited ${times(count)}` +
      unknownStateHint(run, state) +
      `\nStates visited: ${visitCounts(run)}` +
      runContext(run),
  };
}

export function toHaveTakenPath(this: MatcherState, received: unknown, path: readonly string[]): MatcherResult {
  const run = viewRun(received);
  if (!run) return { pass: false, message: () => notARun(this, '.toHaveTakenPath', received) };
  if (!Array.isArray(path)) {
    return {
      pass: false,
      message: () =>
        `${this.utils.matcherHint('.toHaveTakenPath')}\n\nexpected path must be an array of state names, received ${this.utils.printReceived(path)}`,
    };
  }
  const actual = run.trace.path;
  const pass = this.equals(actual, path, this.customTesters);
  return {
    pass,
    actual,
    expected: path,
    message: () => {
      const hint = this.utils.matcherHint('.toHaveTakenPath', 'run', 'path', { isNot: this.isNot });
      if (pass)
        return `${hint}\n\nexpected the top-level path not to be ${this.utils.printExpected(path)}, but it was${runContext(run)}`;
      const diff = this.utils.diff(path, actual, { expand: true });
      return `${hint}\n\nthe execution took a different top-level path (branch and iteration states are not part of it)\n\n${diff ?? ''}${runContext(run)}`;
    },
  };
}

export function toHaveTransitioned(this: MatcherState, received: unknown, from: string, to: string): MatcherResult {
  const run = viewRun(received);
  if (!run) return { pass: false, message: () => notARun(this, '.toHaveTransitioned', received) };
  const visits = run.trace.visits.filter((visit) => visit.name === from);
  const pass = visits.some((visit) => visit.next === to);
  return {
    pass,
    message: () => {
      const head = `${this.utils.matcherHint('.toHaveTransitioned', 'run', 'from, to', { isNot: this.isNot })}\n\n`;
      const edge = `${JSON.stringify(from)} → ${JSON.stringify(to)}`;
      if (pass)
        return `${head}expected no transition ${edge}, but it happened ${times(visits.filter((v) => v.next === to).length)}${runContext(run)}`;
      const hints = unknownStateHint(run, from) + unknownStateHint(run, to);
      if (visits.length === 0)
        return `${head}expected a transition ${edge}, but ${JSON.stringify(from)} was never visited${hints}${runContext(run)}`;
      const went = [
        ...new Set(
          visits.map((visit) => (visit.next === undefined ? `(nowhere: ${visit.status})` : JSON.stringify(visit.next))),
        ),
      ];
      return `${head}expected a transition ${edge}, but ${JSON.stringify(from)} went to ${went.join(', ')}${hints}${runContext(run)}`;
    },
  };
}
