/**
 * Turns a graph model into the ELK graph to lay out: Parallel, Map and each Parallel branch
 * become compound nodes, so ELK (not us) keeps children inside their container and routes
 * edges that cross container borders. Plain data in elkjs's JSON format: whoever draws the
 * graph runs its own ELK on it (see `layoutGraph`).
 */
import type { GraphEdge, GraphModel, GraphNode } from '../model.js';
import { ELK_LAYERED_OPTIONS, ELK_PARALLEL_OPTIONS } from './elk-options.js';

/** A point in graph coordinates. */
export interface ElkPoint {
  x: number;
  y: number;
}

/** A label of elkjs's JSON graph; the text comes back with its box once laid out. */
export interface ElkLabel {
  id?: string;
  text?: string;
  x?: number;
  y?: number;
  width?: number;
  height?: number;
}

/** One routed stretch of an edge, as ELK answers it. */
export interface ElkEdgeSection {
  id: string;
  startPoint: ElkPoint;
  endPoint: ElkPoint;
  bendPoints?: ElkPoint[];
}

/** An edge of elkjs's JSON graph (its `ElkExtendedEdge`). */
export interface ElkEdge {
  id: string;
  sources: string[];
  targets: string[];
  labels?: ElkLabel[];
  sections?: ElkEdgeSection[];
  layoutOptions?: Record<string, string>;
}

/**
 * A node of elkjs's JSON graph (its `ElkNode`, structurally): what ELK is given and what it
 * answers, with positions filled in. The graph itself is the root node.
 */
export interface ElkNode {
  id: string;
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  layoutOptions?: Record<string, string>;
  children?: ElkNode[];
  edges?: ElkEdge[];
  labels?: ElkLabel[];
}

/** Size of a box. */
export interface BoxSize {
  width: number;
  height: number;
}

/**
 * The sizes a renderer draws into: each renderer's boxes and type differ (the viewer's state
 * cards, the coverage page's compact SVG), the layout around them does not.
 */
export interface LayoutMetrics {
  /** A state's box: its width follows the name (`charWidth` per character plus `padding`), within bounds. */
  readonly state: { height: number; minWidth: number; maxWidth: number; charWidth: number; padding: number };
  /** The Start and End markers. */
  readonly marker: BoxSize;
  /** Edge labels: cut to `maxChars`, their box sized from the text. */
  readonly label: { maxChars: number; charWidth: number; padding: number; height: number };
  /** ELK padding of Parallel and Map boxes (their header holds the name), and of branch boxes. */
  readonly groupPadding: string;
  readonly branchPadding: string;
  /** ELK spacing options, applied at every level that is laid out on its own. */
  readonly spacing: Readonly<Record<string, string>>;
}

/** The viewer's sizes (@aslkit/react renders a state into exactly this box). */
export const DEFAULT_LAYOUT_METRICS: LayoutMetrics = {
  state: { height: 56, minWidth: 160, maxWidth: 280, charWidth: 7.4, padding: 56 },
  marker: { width: 72, height: 28 },
  label: { maxChars: 36, charWidth: 6.2, padding: 12, height: 18 },
  // Headers of containers hold the name, type and badges; branches only a short title.
  groupPadding: '[top=48,left=16,bottom=16,right=16]',
  branchPadding: '[top=30,left=12,bottom=12,right=12]',
  spacing: {
    'elk.layered.spacing.nodeNodeBetweenLayers': '44',
    'elk.spacing.nodeNode': '28',
    'elk.spacing.componentComponent': '28',
    'elk.spacing.edgeLabel': '4',
    'elk.spacing.edgeNode': '16',
  },
};

// A Catch handler that many states share (a catch-all Fail state) would pull one long edge
// per state through every layer it spans, and ELK's time grows with that: a 500-state machine
// with one shared handler took 80 s to lay out. The first few Catch edges into a handler go
// to ELK and place it; the rest are drawn as straight lines.
const SHARED_HANDLER_EDGES = 3;

/** The box a node is drawn in; containers get theirs from ELK. */
export function nodeSize(node: GraphNode, metrics: LayoutMetrics = DEFAULT_LAYOUT_METRICS): BoxSize {
  if (node.kind === 'start' || node.kind === 'end') return metrics.marker;
  const { height, minWidth, maxWidth, charWidth, padding } = metrics.state;
  const width = Math.round(node.label.length * charWidth + padding);
  return { width: Math.min(maxWidth, Math.max(minWidth, width)), height };
}

/** The label text drawn on an edge, shortened to what the layout reserved room for. */
export function edgeLabelText(edge: GraphEdge, metrics: LayoutMetrics = DEFAULT_LAYOUT_METRICS): string | undefined {
  const label = edge.label ?? (edge.kind === 'default' ? 'Default' : undefined);
  if (label === undefined || label === '') return undefined;
  const { maxChars } = metrics.label;
  return label.length > maxChars ? `${label.slice(0, maxChars - 1)}…` : label;
}

/** Ids of nodes that contain other nodes. */
export function containerIds(model: GraphModel): Set<string> {
  const ids = new Set<string>();
  for (const node of model.nodes) if (node.parentId !== undefined) ids.add(node.parentId);
  return ids;
}

/**
 * The ELK input graph for `model`. Catch edges past the first few into one handler are left
 * out (draw them straight); so are nodes and edges ELK would reject (unknown parents, parent
 * cycles, edges to unknown nodes).
 * @example
 * const laidOut = await elk.layout(toElkGraph(buildGraph(definition)));
 */
export function toElkGraph(model: GraphModel, metrics: LayoutMetrics = DEFAULT_LAYOUT_METRICS): ElkNode {
  const rootOptions = { ...ELK_LAYERED_OPTIONS, ...metrics.spacing };
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

  const containerOptions = (node: GraphNode, kids: readonly GraphNode[]): Record<string, string> => {
    // A branch is laid out in a run of its own (see ELK_PARALLEL_OPTIONS), so it restates everything.
    if (node.kind === 'branch')
      return { ...rootOptions, 'elk.padding': metrics.branchPadding, 'elk.direction': 'DOWN' };
    // Parallel branches read best side by side, in definition order, as in the Step Functions console.
    const sideBySide = node.kind === 'Parallel' && kids.length > 0 && kids.every((kid) => kid.kind === 'branch');
    if (sideBySide) return { ...ELK_PARALLEL_OPTIONS, ...metrics.spacing, 'elk.padding': metrics.groupPadding };
    return { 'elk.padding': metrics.groupPadding, 'elk.direction': 'DOWN' };
  };

  // `placed` guards against a (malformed) model whose parents form a cycle.
  const placed = new Set<string>();
  const toElk = (node: GraphNode): ElkNode => {
    placed.add(node.id);
    if (!containers.has(node.id)) return { id: node.id, ...nodeSize(node, metrics) };
    const kids = (children.get(node.id) ?? []).filter((kid) => !placed.has(kid.id));
    return { id: node.id, layoutOptions: containerOptions(node, kids), children: kids.map(toElk) };
  };

  const edges: ElkEdge[] = [];
  const catchesInto = new Map<string, number>();
  const { charWidth, padding, height } = metrics.label;
  for (const edge of model.edges) {
    if (!known.has(edge.source) || !known.has(edge.target)) continue;
    if (edge.kind === 'catch') {
      const seen = catchesInto.get(edge.target) ?? 0;
      catchesInto.set(edge.target, seen + 1);
      if (seen >= SHARED_HANDLER_EDGES) continue;
    }
    const text = edgeLabelText(edge, metrics);
    edges.push({
      id: edge.id,
      sources: [edge.source],
      targets: [edge.target],
      ...(text === undefined
        ? {}
        : { labels: [{ id: `${edge.id}:label`, text, width: Math.round(text.length * charWidth + padding), height }] }),
    });
  }
  const top = (children.get(undefined) ?? []).map(toElk);
  // Edges to nodes left out of the tree (parent cycles) would make ELK throw.
  return {
    id: '__root__',
    layoutOptions: rootOptions,
    children: top,
    edges: edges.filter((e) => placed.has(e.sources[0]!) && placed.has(e.targets[0]!)),
  };
}
