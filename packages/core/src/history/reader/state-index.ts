/**
 * A machine's states as the history reader sees them, through the definition's graph model:
 * each state's node and the scope it sits in, by name (names are unique across a machine,
 * nested states included). Built once per model: coverage reads a thousand histories of one.
 */
import type { GraphModel, GraphNode } from '../../graph/model.js';

/** Where a state lives: its enclosing Parallel or Map, and the branch index for Parallel. */
export interface StateScope {
  readonly container?: string;
  readonly branch?: number;
}

export interface StateIndex {
  readonly nodes: ReadonlyMap<string, GraphNode>;
  readonly scopes: ReadonlyMap<string, StateScope>;
}

const EMPTY: StateIndex = { nodes: new Map(), scopes: new Map() };
const indexes = new WeakMap<GraphModel, StateIndex>();

/** The index of a model's states; an empty one without a model (the history alone then says where states are). */
export function indexStates(model: GraphModel | undefined): StateIndex {
  if (!model) return EMPTY;
  let index = indexes.get(model);
  if (index) return index;
  const nodes = new Map<string, GraphNode>();
  const scopes = new Map<string, StateScope>();
  const byId = new Map(model.nodes.map((node) => [node.id, node]));
  for (const node of model.nodes) {
    if (node.stateName === undefined || nodes.has(node.stateName)) continue;
    nodes.set(node.stateName, node);
    const parent = node.parentId === undefined ? undefined : byId.get(node.parentId);
    const container = parent?.kind === 'branch' ? byId.get(parent.parentId ?? '') : parent;
    scopes.set(node.stateName, {
      ...(container?.stateName === undefined ? {} : { container: container.stateName }),
      ...(parent?.kind === 'branch' ? { branch: parent.branchIndex } : {}),
    });
  }
  indexes.set(model, (index = { nodes, scopes }));
  return index;
}
