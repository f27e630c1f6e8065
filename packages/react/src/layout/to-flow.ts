/**
 * Joins the graph model with its layout into React Flow's nodes and edges. Nothing here
 * depends on the history: status lives in the viewer store and each node reads its own.
 */
import type { GraphEdge, GraphModel, GraphNode } from '@aslkit/core';
import { containerIds, edgeLabelText, type EdgeRoute, type GraphLayout } from '@aslkit/core/layout';
import { MarkerType, Position, type Edge, type Node } from '@xyflow/react';

/** What a node component receives as `data`. */
export type StateNodeData = { node: GraphNode };
/** What the routed edge receives as `data`. */
export type RoutedEdgeData = { edge: GraphEdge; route: EdgeRoute; text?: string };

export type FlowNode = Node<StateNodeData, FlowNodeType>;
export type FlowEdge = Edge<RoutedEdgeData, 'routed'>;
export type FlowNodeType = 'aslState' | 'aslGroup' | 'aslBranch' | 'aslMarker';

/** React Flow nodes (parents before children, as it requires) and edges for a laid-out model. */
export function toFlow(model: GraphModel, layout: GraphLayout): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const containers = containerIds(model);
  const nodes: FlowNode[] = [];
  for (const node of orderParentsFirst(model.nodes)) {
    const box = layout.nodes.get(node.id);
    if (!box) continue;
    const type = nodeType(node, containers.has(node.id));
    nodes.push({
      id: node.id,
      type,
      position: { x: box.x, y: box.y },
      width: box.width,
      height: box.height,
      // Handles are declared, not measured, so edges draw on the first frame.
      handles: [
        { id: null, type: 'target', position: Position.Top, x: box.width / 2, y: 0, width: 1, height: 1 },
        { id: null, type: 'source', position: Position.Bottom, x: box.width / 2, y: box.height, width: 1, height: 1 },
      ],
      data: { node },
      ...(node.parentId !== undefined && layout.nodes.has(node.parentId)
        ? { parentId: node.parentId, extent: 'parent' as const }
        : {}),
      draggable: false,
      connectable: false,
      selectable: true,
      focusable: true,
      ariaLabel: nodeAriaLabel(node),
      // Containers behind their children, so clicks on a child reach the child.
      zIndex: type === 'aslGroup' || type === 'aslBranch' ? 0 : 1,
    });
  }
  const edges: FlowEdge[] = [];
  for (const edge of model.edges) {
    // Edges ELK was not given (see `toElkGraph`) are drawn straight between their handles.
    const route =
      layout.edges.get(edge.id) ??
      (layout.nodes.has(edge.source) && layout.nodes.has(edge.target) ? { points: [] } : undefined);
    if (!route) continue;
    const text = edgeLabelText(edge);
    edges.push({
      id: edge.id,
      type: 'routed',
      source: edge.source,
      target: edge.target,
      data: { edge, route, ...(text === undefined ? {} : { text }) },
      markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16, color: markerColour(edge.kind) },
      focusable: false,
      selectable: false,
      zIndex: 2,
    });
  }
  return { nodes, edges };
}

function nodeType(node: GraphNode, container: boolean): FlowNodeType {
  if (node.kind === 'start' || node.kind === 'end') return 'aslMarker';
  if (node.kind === 'branch') return 'aslBranch';
  return container ? 'aslGroup' : 'aslState';
}

/** Screen-reader name of a node: its type and name. */
export function nodeAriaLabel(node: GraphNode): string {
  if (node.kind === 'start') return 'Start';
  if (node.kind === 'end') return 'End';
  if (node.kind === 'branch') return node.label;
  return `${node.kind} state ${node.stateName ?? node.label}`;
}

// SVG markers cannot read CSS variables from the edge, so each kind's marker names one.
function markerColour(kind: GraphEdge['kind']): string {
  if (kind === 'catch') return 'var(--aslkit-edge-catch)';
  if (kind === 'default') return 'var(--aslkit-edge-default)';
  return 'var(--aslkit-edge)';
}

function orderParentsFirst(nodes: readonly GraphNode[]): GraphNode[] {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const placed = new Set<string>();
  const ordered: GraphNode[] = [];
  const place = (node: GraphNode, depth: number): void => {
    if (placed.has(node.id)) return;
    const parent = node.parentId === undefined ? undefined : byId.get(node.parentId);
    // The depth bound stops a (malformed) parent cycle from recursing forever.
    if (parent && depth < nodes.length) place(parent, depth + 1);
    placed.add(node.id);
    ordered.push(node);
  };
  for (const node of nodes) place(node, 0);
  return ordered;
}
