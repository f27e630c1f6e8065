/**
 * A state's Retry, Catch and Next, read defensively: the readers of histories and coverage
 * use them on definitions nobody validated (imported histories, hand-written objects).
 */
import type { Catcher, Retrier, State } from './types.js';

/** A state's Retry list (empty for states that cannot retry or have none). */
export const retriersOf = (state: State | undefined): readonly Retrier[] =>
  state && 'Retry' in state && Array.isArray(state.Retry) ? state.Retry : [];

/** A state's Catch list (empty for states that cannot catch or have none). */
export const catchersOf = (state: State | undefined): readonly Catcher[] =>
  state && 'Catch' in state && Array.isArray(state.Catch) ? state.Catch : [];

/** The state's own `Next` (not Choice rules, not catchers). */
export const nextOf = (state: State | undefined): string | undefined =>
  state && 'Next' in state && typeof state.Next === 'string' ? state.Next : undefined;
