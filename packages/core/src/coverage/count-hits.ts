/**
 * Turns one execution's trace into hits on its definition's coverage items. Retriers and
 * catchers are picked the way the engine picks them (first ErrorEquals match) from the error
 * each failed attempt recorded; the target state settles what the history leaves open.
 */
import type { ChoiceState, StateMachineDefinition } from '../definition/types.js';
import { findHandler } from '../errors/error-matching.js';
import { attributeChoice } from './choice-attribution.js';
import { itemId } from './coverage-items.js';
import { catchersOf, indexDefinition, retriersOf } from './definition-index.js';
import type { ExecutionTrace } from './trace.js';

/** Hits per item id for one execution. */
export async function countHits(
  definition: StateMachineDefinition | object,
  trace: ExecutionTrace,
): Promise<Map<string, number>> {
  const index = indexDefinition(definition);
  const hits = new Map<string, number>();
  const hit = (id: string): void => {
    hits.set(id, (hits.get(id) ?? 0) + 1);
  };
  const queryLanguage = (definition as StateMachineDefinition).QueryLanguage === 'JSONata' ? 'JSONata' : 'JSONPath';

  for (const visit of trace.visits) {
    const state = index.states.get(visit.name)?.state;
    hit(itemId.state(visit.name));
    if (visit.type === 'Succeed' || visit.type === 'Fail') hit(itemId.end(visit.name));
    if (visit.next !== undefined) hit(itemId.transition(visit.name, visit.next));
    if (!state) continue;

    if (state.Type === 'Choice') {
      const taken = await attributeChoice(state as ChoiceState, visit, trace, queryLanguage);
      if (taken !== undefined) hit(itemId.choice(visit.name, taken));
    }
    const retriers = retriersOf(state);
    for (const attempt of visit.attempts.slice(0, -1)) {
      const retrier = pickHandler(retriers, attempt.error);
      if (retrier >= 0) hit(itemId.retry(visit.name, retrier));
    }
    if (visit.outcome === 'caught') {
      const catcher = pickHandler(catchersOf(state), visit.attempts.at(-1)?.error, visit.next);
      if (catcher >= 0) hit(itemId.catch(visit.name, catcher));
    }
    for (const child of visit.children) {
      const fiber = trace.fibers[child];
      if (fiber?.kind === 'branch' && fiber.branch !== undefined) hit(itemId.branch(visit.name, fiber.branch));
      else if (fiber?.kind === 'iteration') hit(itemId.branch(visit.name, 'processor'));
    }
  }
  return hits;
}

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
  const matched = findHandler(
    handlers.map((h) => ({ ErrorEquals: Array.isArray(h?.ErrorEquals) ? h.ErrorEquals : [] })),
    error,
  );
  if (matched >= 0 && fits(matched)) return matched;
  return handlers.findIndex((_, i) => fits(i));
}
