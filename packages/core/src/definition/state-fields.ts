/**
 * A state's Retry, Catch, Next and Map mode, read defensively: the readers of histories and coverage
 * use them on definitions nobody validated (imported histories, hand-written objects).
 */
import { isJsonObject } from '../json.js';
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

/** Whether a state (its fields) is a DISTRIBUTED Map: its ItemProcessor (or Iterator) says `Mode: DISTRIBUTED`. */
export function isDistributedMap(fields: Readonly<Record<string, unknown>>): boolean {
  const processor = fields['ItemProcessor'] ?? fields['Iterator'];
  const config = isJsonObject(processor) ? processor['ProcessorConfig'] : undefined;
  return isJsonObject(config) && config['Mode'] === 'DISTRIBUTED';
}
