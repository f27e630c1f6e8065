/**
 * Turns one execution's trace into hits on its definition's coverage items. Retriers and
 * catchers are picked the way the engine picks them (first ErrorEquals match) from the error
 * each failed attempt recorded; the target state settles what the history leaves open.
 */
import type { StateMachineDefinition } from '../definition/types.js';
import { choiceRule } from '../history/reader/choice-rule.js';
import { pickHandler } from '../history/reader/pick-handler.js';
import { itemId } from './coverage-items.js';
import { indexDefinition } from './definition-index.js';
import { catchersOf, retriersOf } from '../definition/state-fields.js';
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

    if (state.Type === 'Choice' && visit.next !== undefined) {
      // The same answer the viewer's fold draws: one rule leading there, or the rules evaluated again.
      const asked = choiceRule({
        state,
        queryLanguage,
        next: visit.next,
        stateName: visit.name,
        input: visit.input,
        executionInput: trace.input,
        enteredTime: visit.enteredTime,
        startTime: trace.startTime,
        variables: visit.variables,
      });
      // Awaited only when JSONata has to answer: most rules are known at once.
      const taken = asked instanceof Promise ? await asked : asked;
      if (taken !== undefined) hit(itemId.choice(visit.name, taken));
    }
    const retriers = retriersOf(state);
    for (const attempt of visit.attempts.slice(0, -1)) {
      const retrier = pickHandler(retriers, attempt.error);
      if (retrier >= 0) hit(itemId.retry(visit.name, retrier));
    }
    if (visit.status === 'caught') {
      const catcher = pickHandler(catchersOf(state), visit.attempts.at(-1)?.error, visit.next);
      if (catcher >= 0) hit(itemId.catch(visit.name, catcher));
    }
    for (const child of visit.children) {
      const chain = trace.chains[child];
      if (chain?.kind === 'branch' && chain.branch !== undefined) hit(itemId.branch(visit.name, chain.branch));
      else if (chain?.kind === 'iteration') hit(itemId.branch(visit.name, 'processor'));
    }
  }
  return hits;
}
