/**
 * Turns a graph model into the ELK graph to lay out: Parallel, Map and each Parallel branch
 * become compound nodes, so ELK (not us) keeps children inside their container and routes
 * edges that cross container borders.
 */
import {
  ELK_LAYERED_OPTIONS,
  ELK_PARALLEL_OPTIONS,
  type GraphEdge,
  type GraphModel,
  type GraphNode,
} from '@aslkit/core';
import type { ElkExtendedEdge, ElkNode, LayoutOptions } from 'elkjs/lib/elk-api.js';

/** Size of a box for one state; the node component renders into exactly this box. */
export interface BoxSize {
  width: number;
  height: number;
}

const STATE_HEIGHT = 56;
const MARKER: BoxSize = { width: 72, height: 28 };
const MIN_WIDTH = 160;
const MAX_WIDTH = 280;
// Rough advance of the 13px UI font; labels longer than the box are cut with an ellipsis.
const CHAR_WIDTH = 7.4;
const LABEL_CHAR_WIDTH = 6.2;
const LABEL_HEIGHT = 18;
const MAX_LABEL_CHARS = 36;

// Headers of containers hold the name, type and badges; branches only a short title.
const GROUP_PADDING = '[top=48,left=16,bottom=16,right=16]';
const BRANCH_PADDING = '[top=30,left=12,bottom=12,right=12]';

// A Catch handler that many states share (a catch-all Fail state) would pull one long edge
// per state through every layer it spans, and ELK's time grows with that: a 500-state machine
// with one shared handler took 80 s to lay out. The first few Catch edges into a handler go
// to ELK and place it; the rest are drawn as straight lines.
const SHARED_HANDLER_EDGES = 3;

const SPACING: LayoutOptions = {
  'elk.layered.spacing.nodeNodeBetweenLayers': '44',
  'elk.spacing.nodeNode': '28',
  'elk.spacing.componentComponent': '28',
  'elk.spacing.edgeLabel': '4',
  'elk.spacing.edgeNode': '16',
};
const ROOT_OPTIONS: LayoutOptions = { ...ELK_LAYERED_OPTIONS, ...SPACING };

/** The box a node is drawn in; containers get theirs from ELK. */
export function nodeSize(node: GraphNode): BoxSize {
  if (node.kind === 'start' || node.kind === 'end') return MARKER;
  const width = Math.round(node.label.length * CHAR_WIDTH + 56);
  return { width: Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, width)), height: STATE_HEIGHT };
}

/** The label text drawn on an edge, shortened to what the layout reserved room for. */
export function edgeLabelText(edge: GraphEdge): string | undefined {
  const label = edge.label ?? (edge.kind === 'default' ? 'Default' : undefined);
  if (label === undefined || label === '') return undefined;
  return label.length > MAX_LABEL_CHARS ? `${label.slice(0, MAX_LABEL_CHARS - 1)}…` : label;
}

/** Ids of nodes that contain other nodes. */
export function containerIds(model: GraphModel): Set<string> {
  const ids = new Set<string>();
  for (const node of model.nodes) if (node.parentId !== undefined) ids.add(node.parentId);
  return ids;
}

/** The ELK input graph for `model`. */
export function toElkGraph(model: GraphModel): ElkNode {
  const containers = containerIds(model);
  const children = new Map<string | undefined, GraphNode[]>();
  const known = new Set(model.nodes.map((node) => node.id));
  for (const node of model.nodes) {
    // A parent that is not in the model would make ELK throw; draw the node at the top instead.
    const parent = node.parentId !== undefined && known.has(node.parentId) ? node.parentId : undefined;
    const list = children.get(parent);
    if (list) list.push(node);
    else children.set(parent, [node]);
  }

  // `placed` guards against a (malformed) model whose parents form a cycle.
  const placed = new Set<string>();
  const toElk = (node: GraphNode): ElkNode => {
    placed.add(node.id);
    if (!containers.has(node.id)) return { id: node.id, ...nodeSize(node) };
    const kids = (children.get(node.id) ?? []).filter((kid) => !placed.has(kid.id));
    return { id: node.id, layoutOptions: containerOptions(node, kids), children: kids.map(toElk) };
  };

  const edges: ElkExtendedEdge[] = [];
  const catchesInto = new Map<string, number>();
  for (const edge of model.edges) {
    if (!known.has(edge.source) || !known.has(edge.target)) continue;
    if (edge.kind === 'catch') {
      const seen = catchesInto.get(edge.target) ?? 0;
      catchesInto.set(edge.target, seen + 1);
      if (seen >= SHARED_HANDLER_EDGES) continue;
    }
    const text = edgeLabelText(edge);
    edges.push({
      id: edge.id,
      sources: [edge.source],
      targets: [edge.target],
      ...(text === undefined
        ? {}
        : {
            labels: [
              {
                id: `${edge.id}:label`,
                text,
                width: Math.round(text.length * LABEL_CHAR_WIDTH + 12),
                height: LABEL_HEIGHT,
              },
            ],
          }),
    });
  }
  const top = (children.get(undefined) ?? []).map(toElk);
  // Edges to nodes left out of the tree (parent cycles) would make ELK throw.
  return {
    id: '__root__',
    layoutOptions: ROOT_OPTIONS,
    children: top,
    edges: edges.filter((e) => placed.has(e.sources[0]!) && placed.has(e.targets[0]!)),
  };
}

function containerOptions(node: GraphNode, kids: readonly GraphNode[]): LayoutOptions {
  // A branch is laid out in a run of its own (see ELK_PARALLEL_OPTIONS), so it restates everything.
  if (node.kind === 'branch') return { ...ROOT_OPTIONS, 'elk.padding': BRANCH_PADDING, 'elk.direction': 'DOWN' };
  // Parallel branches read best side by side, in definition order, as in the Step Functions console.
  const sideBySide = node.kind === 'Parallel' && kids.length > 0 && kids.every((kid) => kid.kind === 'branch');
  if (sideBySide) return { ...ELK_PARALLEL_OPTIONS, ...SPACING, 'elk.padding': GROUP_PADDING };
  return { 'elk.padding': GROUP_PADDING, 'elk.direction': 'DOWN' };
}
