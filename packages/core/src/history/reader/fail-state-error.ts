/**
 * The error a Fail state raised, read back from its definition and recorded input: AWS's
 * history has no event that carries it (FailStateEntered, then ExecutionFailed at the top
 * only), yet a Parallel or Map catching a failed branch needs it to say which catcher fired.
 */
import type { FailState, State } from '../../definition/types.js';
import { type Json, parseJson } from '../../json.js';
import { compilePath } from '../../query/jsonpath.js';

export interface FailStateError {
  error?: string;
  cause?: string;
}

const kept = new WeakMap<object, Map<string, FailStateError>>();
/** Answers kept per Fail state: runs of one machine (a test suite, coverage) fail with the same inputs again and again. */
const KEPT_PER_STATE = 64;

/** `Error`/`Cause` as written, or read through `ErrorPath`/`CausePath`; JSONata expressions stay unknown. */
export function failStateError(state: State | undefined, inputText: string): FailStateError {
  if (!state || state.Type !== 'Fail') return {};
  // Only a path needs the input, parsed: that is the part worth keeping.
  if (typeof state.ErrorPath !== 'string' && typeof state.CausePath !== 'string')
    return readFailState(state, inputText);
  let answers = kept.get(state);
  if (!answers) kept.set(state, (answers = new Map<string, FailStateError>()));
  let answer = answers.get(inputText);
  if (!answer) {
    answer = readFailState(state, inputText);
    if (answers.size >= KEPT_PER_STATE) answers.clear();
    answers.set(inputText, answer);
  }
  return answer;
}

function readFailState(state: FailState, inputText: string): FailStateError {
  let input: Json | undefined;
  const read = (literal: unknown, path: unknown): string | undefined => {
    if (typeof literal === 'string') return literal.trimStart().startsWith('{%') ? undefined : literal;
    if (typeof path !== 'string') return undefined;
    try {
      input ??= parseJson(inputText);
      const found = compilePath(path).read({ input, context: {} });
      return found.found && typeof found.value === 'string' ? found.value : undefined;
    } catch {
      // A path into the context object or a malformed one: the error stays unknown.
      return undefined;
    }
  };
  const answer: FailStateError = {};
  const error = read(state.Error, state.ErrorPath);
  const cause = read(state.Cause, state.CausePath);
  if (error !== undefined) answer.error = error;
  if (cause !== undefined) answer.cause = cause;
  return answer;
}
