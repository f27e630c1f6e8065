/**
 * The error a Fail state raised, read back from its definition and recorded input: AWS's
 * history has no event that carries it (FailStateEntered, then ExecutionFailed at the top
 * only), yet a Parallel or Map catching a failed branch needs it to say which catcher fired.
 */
import type { State } from '../../definition/types.js';
import type { Json } from '../../json.js';
import { compilePath } from '../../query/jsonpath.js';

export interface FailStateError {
  error?: string;
  cause?: string;
}

/** `Error`/`Cause` as written, or read through `ErrorPath`/`CausePath`; JSONata expressions stay unknown. */
export function failStateError(state: State | undefined, inputText: string): FailStateError {
  if (!state || state.Type !== 'Fail') return {};
  let input: Json | undefined;
  const read = (literal: unknown, path: unknown): string | undefined => {
    if (typeof literal === 'string') return literal.trimStart().startsWith('{%') ? undefined : literal;
    if (typeof path !== 'string') return undefined;
    try {
      input ??= JSON.parse(inputText) as Json;
      const found = compilePath(path).read({ input, context: {} });
      return found.found && typeof found.value === 'string' ? found.value : undefined;
    } catch {
      // A path into the context object or a malformed one: the error stays unknown.
      return undefined;
    }
  };
  const error = read(state.Error, state.ErrorPath);
  const cause = read(state.Cause, state.CausePath);
  return { ...(error === undefined ? {} : { error }), ...(cause === undefined ? {} : { cause }) };
}
