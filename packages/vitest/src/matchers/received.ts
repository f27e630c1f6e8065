/**
 * What the matchers accept: a run from `runMachine` (which carries its definition and trace)
 * or any aslkit execution result (traced from its history alone), and the context every
 * failure message ends with: the path taken and the failure events.
 */
import {
  buildGraph,
  traceExecution,
  type ExecutionTrace,
  type HistoryEvent,
  type Json,
  type StateMachineDefinition,
} from '@aslkit/core';
import type { MatcherState } from 'vitest';
import { failureEvents, formatEventBlock, formatOutcome, formatPath } from '@aslkit/node';

/** What a matcher returns (Vitest's synchronous expectation result). */
export interface MatcherResult {
  pass: boolean;
  message: () => string;
  actual?: unknown;
  expected?: unknown;
}

export interface RunView {
  status: string;
  output?: Json;
  error?: string;
  cause?: string;
  history: readonly HistoryEvent[];
  trace: ExecutionTrace;
  definition?: StateMachineDefinition;
}

const traces = new WeakMap<object, ExecutionTrace>();

/** The run behind `received`, or `undefined` when it is not an execution result. */
export function viewRun(received: unknown): RunView | undefined {
  if (typeof received !== 'object' || received === null) return undefined;
  const value = received as Partial<RunView> & { trace?: ExecutionTrace };
  if (typeof value.status !== 'string' || !Array.isArray(value.history)) return undefined;
  const definition = isDefinition(value.definition) ? value.definition : undefined;
  let trace = value.trace;
  if (!trace) {
    trace = traces.get(received) ?? traceExecution(value.history, definition);
    traces.set(received, trace);
  }
  return {
    ...value,
    status: value.status,
    history: value.history,
    trace,
    ...(definition ? { definition } : {}),
  };
}

const isDefinition = (value: unknown): value is StateMachineDefinition =>
  typeof value === 'object' && value !== null && typeof (value as { States?: unknown }).States === 'object';

/** The message for a value that is not a run (most often a promise that was not awaited). */
export function notARun(state: MatcherState, matcher: string, received: unknown): string {
  const hint = received instanceof Promise ? '\nDid you forget to await runMachine(...)?' : '';
  return `${state.utils.matcherHint(matcher)}\n\nexpected an aslkit execution result (from runMachine or machine.run), received ${state.utils.printReceived(received)}${hint}`;
}

/** The lines every message ends with: the outcome, the path, and the failure events if any. */
export function runContext(run: RunView, extraEvents?: { title: string; events: readonly HistoryEvent[] }): string {
  const lines = [`Execution: ${formatOutcome(run)}`, `Path: ${formatPath(run.trace)}`];
  // A state's own events when it has some, else the run's failures, which usually explain why it had none.
  const events =
    extraEvents && extraEvents.events.length > 0
      ? extraEvents
      : { title: 'Failure events', events: failureEvents(run.history) };
  const block = formatEventBlock(events.title, events.events, run.history, run.trace);
  if (block) lines.push(block);
  return `\n\n${lines.join('\n')}`;
}

/** State names of the definition in document order (the one walk, through `buildGraph`), for "no such state" hints. */
export function stateNames(run: RunView): string[] | undefined {
  if (!run.definition) return undefined;
  try {
    return buildGraph(run.definition).nodes.flatMap((node) => (node.stateName === undefined ? [] : [node.stateName]));
  } catch {
    // Nested deeper than any valid definition: no hint rather than a failing matcher.
    return undefined;
  }
}

/** ` (the definition has no state named "X"; it has: A, B, C)` when the name is unknown. */
export function unknownStateHint(run: RunView, name: string): string {
  const names = stateNames(run);
  if (!names || names.includes(name)) return '';
  const shown = names.length > 30 ? [...names.slice(0, 30), '…'] : names;
  return `\n(the definition has no state named ${JSON.stringify(name)}; it has: ${shown.join(', ')})`;
}

/** Matches text against a string (exactly), a RegExp, or an asymmetric matcher. */
export function matchesText(state: MatcherState, actual: string | undefined, expected: unknown): boolean {
  if (typeof expected === 'string') return actual === expected;
  if (expected instanceof RegExp) return actual !== undefined && expected.test(actual);
  return state.equals(actual, expected, state.customTesters);
}

/** `1 time` / `3 times`. */
export const times = (count: number): string => `${count} time${count === 1 ? '' : 's'}`;
