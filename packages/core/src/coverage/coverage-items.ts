/**
 * The coverable items of a definition, every one at 0 hits: states, distinct transitions
 * (Next, Choice rules, Default, catchers), Choice rules and Defaults, retriers, catchers,
 * Parallel branches and Map processors, and the Succeed/Fail states that end a run.
 */
import type { StateMachineDefinition } from '../definition/types.js';
import type { CoverageItem } from './coverage-report.js';
import { indexDefinition } from './definition-index.js';
import { catchersOf, nextOf, retriersOf } from '../definition/state-fields.js';

/** Ids shared by the item list and the hit counter; names are free text, so ids are only compared, never parsed. */
export const itemId = {
  state: (name: string) => `state:${name}`,
  transition: (from: string, to: string) => `transition:${from}->${to}`,
  choice: (name: string, rule: number | 'default') => `choice:${name}#${rule}`,
  retry: (name: string, index: number) => `retry:${name}#${index}`,
  catch: (name: string, index: number) => `catch:${name}#${index}`,
  branch: (name: string, branch: number | 'processor') => `branch:${name}#${branch}`,
  end: (name: string) => `end:${name}`,
};

const errorList = (names: unknown): string => (Array.isArray(names) ? `[${names.join(', ')}]` : '[]');

/** Lists a definition's items in definition order, each with 0 hits. */
export function coverageItems(definition: StateMachineDefinition | object): CoverageItem[] {
  const index = indexDefinition(definition);
  const items: CoverageItem[] = [];
  const transitions: CoverageItem[] = [];
  const seenTransitions = new Set<string>();
  const transition = (from: string, to: unknown): void => {
    if (typeof to !== 'string') return;
    const id = itemId.transition(from, to);
    if (seenTransitions.has(id)) return;
    seenTransitions.add(id);
    transitions.push({ id, kind: 'transition', state: from, target: to, label: `${from} → ${to}`, hits: 0 });
  };

  for (const name of index.order) {
    const { state } = index.states.get(name)!;
    items.push({
      id: itemId.state(name),
      kind: 'state',
      state: name,
      label: `${name} (${String(state.Type)})`,
      hits: 0,
    });
    transition(name, nextOf(state));
    if (state.Type === 'Choice') {
      const rules = Array.isArray(state.Choices) ? state.Choices : [];
      rules.forEach((rule, i) => {
        const target = typeof rule?.Next === 'string' ? rule.Next : undefined;
        transition(name, target);
        items.push({
          id: itemId.choice(name, i),
          kind: 'choice',
          state: name,
          index: i,
          ...(target ? { target } : {}),
          label: `${name} Choices[${i}] → ${target ?? '?'}`,
          hits: 0,
        });
      });
      if (typeof state.Default === 'string') {
        transition(name, state.Default);
        items.push({
          id: itemId.choice(name, 'default'),
          kind: 'choice',
          state: name,
          target: state.Default,
          label: `${name} Default → ${state.Default}`,
          hits: 0,
        });
      }
    }
    retriersOf(state).forEach((retrier, i) => {
      items.push({
        id: itemId.retry(name, i),
        kind: 'retry',
        state: name,
        index: i,
        label: `${name} Retry[${i}] ${errorList(retrier?.ErrorEquals)}`,
        hits: 0,
      });
    });
    catchersOf(state).forEach((catcher, i) => {
      const target = typeof catcher?.Next === 'string' ? catcher.Next : undefined;
      transition(name, target);
      items.push({
        id: itemId.catch(name, i),
        kind: 'catch',
        state: name,
        index: i,
        ...(target ? { target } : {}),
        label: `${name} Catch[${i}] ${errorList(catcher?.ErrorEquals)} → ${target ?? '?'}`,
        hits: 0,
      });
    });
    if (state.Type === 'Parallel' && Array.isArray(state.Branches)) {
      state.Branches.forEach((branch, i) => {
        const start = typeof branch?.StartAt === 'string' ? ` (StartAt ${branch.StartAt})` : '';
        items.push({
          id: itemId.branch(name, i),
          kind: 'branch',
          state: name,
          index: i,
          label: `${name} Branches[${i}]${start}`,
          hits: 0,
        });
      });
    }
    if (state.Type === 'Map') {
      const processor = state.ItemProcessor ?? state.Iterator;
      const start = typeof processor?.StartAt === 'string' ? ` (StartAt ${processor.StartAt})` : '';
      items.push({
        id: itemId.branch(name, 'processor'),
        kind: 'branch',
        state: name,
        label: `${name} ItemProcessor${start}`,
        hits: 0,
      });
    }
    if (state.Type === 'Succeed' || state.Type === 'Fail') {
      items.push({ id: itemId.end(name), kind: 'end', state: name, label: `${name} (${state.Type})`, hits: 0 });
    }
  }
  // Transitions are listed after the per-state items so a report reads state by state, then edge by edge.
  return [...items, ...transitions];
}
