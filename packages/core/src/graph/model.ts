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
import { scopeTooDeep, walkDefinition, type ScopeAt, type StateAt } from '../definition/walk.js';
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
 * @throws UsageError (`ASLKIT_GRAPH_TOO_DEEP`) when Parallel/Map scopes nest deeper than
 * MAX_SCOPE_DEPTH, which only a definition nested more than MAX_JSON_DEPTH levels deep can do.
 * @example
 * const graph = buildGraph(machine.definition);
 * graph.nodeIdsByStateName['Charge']; // 'Fulfil/1/Charge'
 */
export function buildGraph(definition: StateMachineDefinition): GraphModel {
  const model: GraphModel = { nodes: [], edges: [], nodeIdsByStateName: Object.create(null) as Record<string, string> };
  model.nodes.push({ id: START_NODE_ID, kind: 'start', label: 'Start' });
  let endUsed = false;
  /** Per scope: the prefix of its ids, the group it is drawn in, and its states' ids by name. */
  const scopes = new Map<ScopeAt, { prefix: string; parentId?: string; idOf: Map<string, string> }>();
  const ids = new Map<StateAt, string>();
  walkDefinition(definition, {
    scope(at, states) {
      const ownerId = at.owner && ids.get(at.owner);
      let prefix = '';
      let parentId: string | undefined;
      if (ownerId !== undefined && at.branch !== undefined) {
        parentId = `${ownerId}/${at.branch}`;
        prefix = `${parentId}/`;
        model.nodes.push({
          id: parentId,
          kind: 'branch',
          parentId: ownerId,
          label: `Branch ${at.branch + 1}`,
          pointer: at.pointer,
          branchIndex: at.branch,
        });
      } else if (ownerId !== undefined) {
        parentId = ownerId;
        prefix = `${ownerId}/`;
      }
      const statesValue = isJsonObject(at.value) ? (at.value as { States?: unknown }).States : undefined;
      if (!isJsonObject(statesValue)) return;
      const idOf = new Map<string, string>();
      for (const [name, state] of Object.entries(statesValue as Record<string, unknown>))
        if (isState(state)) idOf.set(name, prefix + nodeIdSegment(name));
      scopes.set(at, { prefix, ...(parentId === undefined ? {} : { parentId }), idOf });
      const startAt = (at.value as { StartAt?: unknown }).StartAt;
      if (at.depth === 0 && typeof startAt === 'string' && idOf.has(startAt))
        model.edges.push({
          id: `${START_NODE_ID}:start`,
          source: START_NODE_ID,
          target: idOf.get(startAt)!,
          kind: 'start',
        });
      states();
    },
    state(at, nested) {
      const scope = scopes.get(at.scope)!;
      const id = scope.idOf.get(at.name);
      if (id === undefined || !isState(at.value)) return;
      const state = at.value;
      const topLevel = scope.parentId === undefined;
      const edge = (target: unknown, kind: GraphEdge['kind'], suffix: string, extra: Partial<GraphEdge> = {}) => {
        const targetId = typeof target === 'string' ? scope.idOf.get(target) : undefined;
        if (targetId !== undefined)
          model.edges.push({ id: `${id}:${suffix}`, source: id, target: targetId, kind, ...extra });
      };
      const node = stateNode(id, at.name, state, at.pointer, scope.parentId);
      if (at.name === (at.scope.value as { StartAt?: unknown }).StartAt) node.first = true;
      model.nodes.push(node);
      ids.set(at, id);
      if (!Object.prototype.hasOwnProperty.call(model.nodeIdsByStateName, at.name))
        model.nodeIdsByStateName[at.name] = id;

      if (state.Type === 'Choice') {
        const choices = Array.isArray(state.Choices) ? state.Choices : [];
        choices.forEach((rule, index) =>
          edge(rule?.Next, 'choice', `choice:${index}`, { label: describeChoiceRule(rule), index }),
        );
        edge(state.Default, 'default', 'default', { label: 'Default' });
      } else if ('Next' in state && state.Next !== undefined) {
        edge(state.Next, 'next', 'next');
      }
      const catchers = 'Catch' in state && Array.isArray(state.Catch) ? state.Catch : [];
      catchers.forEach((catcher, index) => {
        const errors = Array.isArray(catcher?.ErrorEquals) ? catcher.ErrorEquals.map(String) : [];
        edge(catcher?.Next, 'catch', `catch:${index}`, { label: errors.join(', '), index });
      });
      if (node.terminal && topLevel) {
        model.edges.push({ id: `${id}:end`, source: id, target: END_NODE_ID, kind: 'end' });
        endUsed = true;
      }
      nested();
    },
    tooDeep(at) {
      const { message, path } = scopeTooDeep(at);
      throw new UsageError(ErrorCode.GraphTooDeep, `${message} (at ${path})`);
    },
  });
  if (endUsed) model.nodes.push({ id: END_NODE_ID, kind: 'end', label: 'End' });
  return model;
}

const isState = (value: unknown): value is State =>
  isJsonObject(value) && STATE_TYPES.includes((value as { Type?: StateType }).Type as StateType);

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
