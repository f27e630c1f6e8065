/**
 * Which retrier or catcher handled a failed attempt, read back from the history: the one the
 * engine picks (the first whose ErrorEquals matches), among those leading to the state entered
 * next when that is known. The viewer's Catch edges and coverage's Retry and Catch items agree
 * through it.
 */
import { findHandler } from '../../errors/error-matching.js';

/**
 * The handler the engine would have used for `error`, among those leading to `target` when
 * given. An error the history did not keep matches like an unnamed task failure
 * (States.ALL, States.TaskFailed), else the first handler that fits.
 */
export function pickHandler(
  handlers: readonly { ErrorEquals: readonly string[]; Next?: string }[],
  error: string | undefined,
  target?: string,
): number {
  const fits = (i: number) => target === undefined || handlers[i]?.Next === target;
  const matched = findHandler(wellFormed(handlers), error);
  if (matched >= 0 && fits(matched)) return matched;
  return handlers.findIndex((_, i) => fits(i));
}

type Handler = { ErrorEquals: readonly string[] };
const checked = new WeakMap<object, Handler[]>();

/** The handlers with an `ErrorEquals` list each (a malformed one matches nothing); kept per definition's list. */
function wellFormed(handlers: readonly { ErrorEquals: readonly string[] }[]): Handler[] {
  let list = checked.get(handlers);
  if (!list) {
    list = handlers.map((h) => ({ ErrorEquals: Array.isArray(h?.ErrorEquals) ? h.ErrorEquals : [] }));
    checked.set(handlers, list);
  }
  return list;
}
