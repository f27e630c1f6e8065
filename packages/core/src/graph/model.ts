/**
 * A definition as a graph: one node per state (Parallel branches and Map processors nested
 * as groups), one edge per transition (Next, each Choice rule, Default, each Catch), and
 * Start/End markers for the top level. Pure data: layout and drawing belong to the UI.
 *
 * Node ids are structural paths, so a name that repeats in the picture (a Map processor drawn
 * once for many iterations) still has one id: `Fulfil/0/Charge` is state `Charge` in branch 0
 * of Parallel `Fulfil`; `PriceLines/PriceLine` is `PriceLine` in Map `PriceLines`.
 */
import { isJsonObject, type Json } from '../json.js';
import {
  STATE_TYPES,
  type Retrier,
  type State,
  type StateMachineDefinition,
  type StateType,
} from '../definition/types.js';
import { UsageError } from '../errors/aslkit-error.js';
import { ErrorCode } from '../errors/error-codes.js';
import { describeChoiceRule } from './choice-label.js';

export type GraphNodeKind = StateType | 'start' | 'end' | 'branch';

export interface GraphNode {
  /** Structural id: the path of state names (and branch indexes) from the top level. */
  id: string;
  kind: GraphNodeKind;
  /** Absent for markers and branch groups. */
  stateName?: string;
  /** The group this node is drawn inside: a Map node, or a branch node of a Parallel. */
  parentId?: string;
  label: string;
  retry?: Retrier[];
  /** Each catcher's ErrorEquals, in order. */
  catchErrors?: string[][];
  resource?: string;
  comment?: string;
  /** JSON pointer of the state (or branch) in the definition, e.g. `/States/Fulfil/Branches/0`. */
  pointer?: string;
  /** The state's own definition object, for an inspector's "Definition" tab. */
  state?: State;
  /** The StartAt state of its scope (top level, branch or Map processor). */
  first?: boolean;
  /** The state ends its scope: `End: true`, Succeed or Fail. */
  terminal?: boolean;
  /** Branch groups: the branch's index in `Branches`. */
  branchIndex?: number;
  /** Fail states with a static `Error` / `Cause`. */
  failError?: string;
  failCause?: string;
}

export type GraphEdgeKind = 'start' | 'next' | 'choice' | 'default' | 'catch' | 'end';

export interface GraphEdge {
  /** `<source id>:<kind>` plus the rule or catcher index for `choice` and `catch`. */
  id: string;
  source: string;
  target: string;
  kind: GraphEdgeKind;
  /** Choice: the rule's condition; Catch: the error names; Default: "Default". */
  label?: string;
  /** The Choice rule's or the catcher's index. */
  index?: number;
}

export interface GraphModel {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** State names are unique across a machine, nested states included. */
  nodeIdsByStateName: Record<string, string>;
}

export const START_NODE_ID = '__start__';
export const END_NODE_ID = '__end__';

/** Same limit as the compiler: hostile nesting must not exhaust the stack. */
const MAX_NESTING = 64;

/**
 * One id segment for a state name: `%` and `/` are escaped so ids stay unambiguous paths,
 * and a state literally named `__start__`/`__end__` cannot collide with the markers.
 */
export function nodeIdSegment(name: string): string {
  const escaped = name.replace(/%/g, '%25').replace(/\//g, '%2F');
  return escaped === START_NODE_ID || escaped === END_NODE_ID ? `%5F${escaped.slice(1)}` : escaped;
}

/**
 * Turns a definition into nodes and edges. Tolerates invalid definitions (it is also used on
 * imported production histories): unknown state types are skipped, edges to missing states dropped.
 * @throws UsageError when branches nest deeper than 64 levels.
 * @example
 * const graph = buildGraph(machine.definition);
 * graph.nodeIdsByStateName['Charge']; // 'Fulfil/1/Charge'
 */
export function buildGraph(definition: StateMachineDefinition): GraphModel {
  const model: GraphModel = { nodes: [], edges: [], nodeIdsByStateName: Object.create(null) as Record<string, string> };
  model.nodes.push({ id: START_NODE_ID, kind: 'start', label: 'Start' });
  const endUsed = addScope(model, definition, { prefix: '', pointer: '', depth: 0 });
  if (endUsed) model.nodes.push({ id: END_NODE_ID, kind: 'end', label: 'End' });
  return model;
}

interface ScopeAt {
  prefix: string;
  pointer: string;
  parentId?: string;
  depth: number;
}

const escapePointer = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Adds a scope's states and edges; returns whether any edge goes to the End marker. */
function addScope(model: GraphModel, scope: unknown, at: ScopeAt): boolean {
  if (at.depth > MAX_NESTING)
    throw new UsageError(ErrorCode.GraphTooDeep, `The definition nests branches deeper than ${MAX_NESTING} levels`);
  if (!isJsonObject(scope as Json)) return false;
  const { StartAt: startAt, States: states } = scope as { StartAt?: unknown; States?: unknown };
  if (!isJsonObject(states as Json)) return false;
  const topLevel = at.parentId === undefined;
  const entries = Object.entries(states as Record<string, unknown>).filter(
    (entry): entry is [string, State] =>
      isJsonObject(entry[1] as Json) && STATE_TYPES.includes((entry[1] as { Type?: StateType }).Type as StateType),
  );
  const idOf = new Map(entries.map(([name]) => [name, at.prefix + nodeIdSegment(name)]));
  let endUsed = false;
  const edge = (
    source: string,
    target: unknown,
    kind: GraphEdge['kind'],
    suffix: string,
    extra: Partial<GraphEdge> = {},
  ) => {
    const targetId = typeof target === 'string' ? idOf.get(target) : undefined;
    if (targetId !== undefined)
      model.edges.push({ id: `${source}:${suffix}`, source, target: targetId, kind, ...extra });
  };
  if (topLevel && typeof startAt === 'string' && idOf.has(startAt)) edge(START_NODE_ID, startAt, 'start', 'start');

  for (const [name, state] of entries) {
    const id = idOf.get(name)!;
    const pointer = `${at.pointer}/States/${escapePointer(name)}`;
    const node = stateNode(id, name, state, pointer, at.parentId);
    if (name === startAt) node.first = true;
    model.nodes.push(node);
    if (!Object.prototype.hasOwnProperty.call(model.nodeIdsByStateName, name)) model.nodeIdsByStateName[name] = id;

    if (state.Type === 'Choice') {
      const choices = Array.isArray(state.Choices) ? state.Choices : [];
      choices.forEach((rule, index) =>
        edge(id, rule?.Next, 'choice', `choice:${index}`, { label: describeChoiceRule(rule), index }),
      );
      edge(id, state.Default, 'default', 'default', { label: 'Default' });
    } else if ('Next' in state && state.Next !== undefined) {
      edge(id, state.Next, 'next', 'next');
    }
    const catchers = 'Catch' in state && Array.isArray(state.Catch) ? state.Catch : [];
    catchers.forEach((catcher, index) => {
      const errors = Array.isArray(catcher?.ErrorEquals) ? catcher.ErrorEquals.map(String) : [];
      edge(id, catcher?.Next, 'catch', `catch:${index}`, { label: errors.join(', '), index });
    });
    if (node.terminal && topLevel) {
      model.edges.push({ id: `${id}:end`, source: id, target: END_NODE_ID, kind: 'end' });
      endUsed = true;
    }

    if (state.Type === 'Parallel' && Array.isArray(state.Branches)) {
      state.Branches.forEach((branch, index) => {
        const branchId = `${id}/${index}`;
        const branchPointer = `${pointer}/Branches/${index}`;
        model.nodes.push({
          id: branchId,
          kind: 'branch',
          parentId: id,
          label: `Branch ${index + 1}`,
          pointer: branchPointer,
          branchIndex: index,
        });
        addScope(model, branch, {
          prefix: `${branchId}/`,
          pointer: branchPointer,
          parentId: branchId,
          depth: at.depth + 1,
        });
      });
    } else if (state.Type === 'Map') {
      const field = state.ItemProcessor !== undefined ? 'ItemProcessor' : 'Iterator';
      addScope(model, state[field], {
        prefix: `${id}/`,
        pointer: `${pointer}/${field}`,
        parentId: id,
        depth: at.depth + 1,
      });
    }
  }
  return endUsed;
}

function stateNode(id: string, name: string, state: State, pointer: string, parentId: string | undefined): GraphNode {
  const node: GraphNode = { id, kind: state.Type, stateName: name, label: name, pointer, state };
  if (parentId !== undefined) node.parentId = parentId;
  if (typeof state.Comment === 'string') node.comment = state.Comment;
  if (state.Type === 'Task' && typeof state.Resource === 'string') node.resource = state.Resource;
  if (state.Type === 'Task' || state.Type === 'Parallel' || state.Type === 'Map') {
    if (Array.isArray(state.Retry))
      node.retry = state.Retry.filter((r) => isJsonObject(r as unknown as Json) && Array.isArray(r.ErrorEquals));
    if (Array.isArray(state.Catch))
      node.catchErrors = state.Catch.map((c) => (Array.isArray(c?.ErrorEquals) ? c.ErrorEquals.map(String) : []));
  }
  if (state.Type === 'Fail') {
    if (typeof state.Error === 'string') node.failError = state.Error;
    if (typeof state.Cause === 'string') node.failCause = state.Cause;
  }
  const ends = state.Type === 'Succeed' || state.Type === 'Fail' || ('End' in state && state.End === true);
  if (ends) node.terminal = true;
  return node;
}
