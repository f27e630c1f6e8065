/** Picks the query language's implementation of the one pipeline for a state. */
import type { QueryLanguage, State } from '../definition/types.js';
import type { Diagnostic } from '../definition/diagnostics.js';
import { compileJsonataFlow } from './jsonata-mode.js';
import { compileJsonPathFlow } from './jsonpath-mode.js';
import type { StateDataFlow } from './pipeline.js';

/** Compiles `state`'s data flow for `queryLanguage` (the state's own, or the machine's). */
export function compileDataFlow(
  state: State,
  queryLanguage: QueryLanguage,
  pointer: string,
  diagnostics: Diagnostic[],
): StateDataFlow {
  return queryLanguage === 'JSONata'
    ? compileJsonataFlow(state, pointer, diagnostics)
    : compileJsonPathFlow(state, pointer, diagnostics);
}
