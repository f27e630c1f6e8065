/** Reads boxes and routes back out of ELK's answer, in the shape a renderer draws from. */
import type { ElkNode, ElkPoint } from './elk-graph.js';

/** A point in graph coordinates. */
export type Point = ElkPoint;

/** A node's box; `x`/`y` are relative to its container (as React Flow's `parentId` expects). */
export interface NodeBox extends Point {
  width: number;
  height: number;
}

/** An edge as ELK routed it, in root coordinates; no points for an edge ELK was not given (draw it straight). */
export interface EdgeRoute {
  points: Point[];
  label?: NodeBox;
}

/** Where everything goes. Both maps are in ELK's order: a container before what it holds. */
export interface GraphLayout {
  width: number;
  height: number;
  nodes: Map<string, NodeBox>;
  edges: Map<string, EdgeRoute>;
}

/**
 * The layout in ELK's answer to `toElkGraph`; missing fields read as zeros.
 * @example
 * const layout = readLayout(await elk.layout(toElkGraph(model)));
 */
export function readLayout(root: ElkNode): GraphLayout {
  const nodes = new Map<string, NodeBox>();
  const edges = new Map<string, EdgeRoute>();
  const visit = (node: ElkNode): void => {
    for (const child of node.children ?? []) {
      nodes.set(child.id, { x: child.x ?? 0, y: child.y ?? 0, width: child.width ?? 0, height: child.height ?? 0 });
      visit(child);
    }
    for (const edge of node.edges ?? []) {
      const points: Point[] = [];
      for (const section of edge.sections ?? []) {
        points.push(section.startPoint, ...(section.bendPoints ?? []), section.endPoint);
      }
      const label = edge.labels?.[0];
      const route: EdgeRoute = { points };
      if (label?.x !== undefined && label.y !== undefined) {
        route.label = { x: label.x, y: label.y, width: label.width ?? 0, height: label.height ?? 0 };
      }
      edges.set(edge.id, route);
    }
  };
  visit(root);
  return { width: root.width ?? 0, height: root.height ?? 0, nodes, edges };
}
