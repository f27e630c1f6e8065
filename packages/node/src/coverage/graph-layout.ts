/**
 * Lays out core's graph model for the HTML coverage page, with @aslkit/core/layout (the ELK
 * graph the viewer lays out too) and this package's elkjs: boxes in page coordinates
 * (containers included) and each edge as a polyline.
 */
import type { GraphModel, GraphNode } from '@aslkit/core';
import {
  containerIds,
  createElkEngine,
  edgeLabelText,
  layoutGraph as layoutWith,
  type LayoutMetrics,
  type NodeBox,
  type Point,
} from '@aslkit/core/layout';

export type { Point } from '@aslkit/core/layout';

export interface LaidOutNode {
  node: GraphNode;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Holds other nodes (a Parallel, a branch, a Map). */
  container: boolean;
}

export interface LaidOutEdge {
  id: string;
  points: Point[];
  label?: { text: string; x: number; y: number };
}

export interface GraphLayout {
  width: number;
  height: number;
  /** Containers before the nodes they hold, so drawing in order paints children on top. */
  nodes: LaidOutNode[];
  edges: LaidOutEdge[];
}

/** The page's compact SVG boxes and type. */
export const COVERAGE_LAYOUT_METRICS: LayoutMetrics = {
  state: { height: 44, minWidth: 130, maxWidth: 260, charWidth: 7.2, padding: 40 },
  marker: { width: 64, height: 26 },
  label: { maxChars: 32, charWidth: 6, padding: 8, height: 16 },
  groupPadding: '[top=34,left=12,bottom=12,right=12]',
  branchPadding: '[top=26,left=10,bottom=10,right=10]',
  spacing: { 'elk.layered.spacing.nodeNodeBetweenLayers': '40', 'elk.spacing.nodeNode': '24' },
};

// elkjs is a dependency of this package; core takes it as an engine.
const engine = createElkEngine(() => import('elkjs/lib/elk.bundled.js'));

/** Runs ELK on the model and returns page coordinates. */
export async function layoutGraph(model: GraphModel): Promise<GraphLayout> {
  const laid = await layoutWith(model, engine, COVERAGE_LAYOUT_METRICS);
  const byId = new Map(model.nodes.map((node) => [node.id, node]));
  const containers = containerIds(model);

  // ELK gives boxes relative to their container, a container first: add them up in that order.
  const page = new Map<string, NodeBox>();
  const nodes: LaidOutNode[] = [];
  for (const [id, box] of laid.nodes) {
    const node = byId.get(id);
    const parent = node?.parentId === undefined ? undefined : page.get(node.parentId);
    const at = { ...box, x: box.x + (parent?.x ?? 0), y: box.y + (parent?.y ?? 0) };
    page.set(id, at);
    if (node) nodes.push({ node, ...at, container: containers.has(id) });
  }

  const edges: LaidOutEdge[] = [];
  for (const edge of model.edges) {
    const route = laid.edges.get(edge.id);
    const from = page.get(edge.source);
    const to = page.get(edge.target);
    // An edge ELK was not given (all but the first few Catch edges into a shared handler) is
    // drawn straight, from the bottom of its source to the top of its target.
    const points =
      route?.points ??
      (from && to
        ? [
            { x: from.x + from.width / 2, y: from.y + from.height },
            { x: to.x + to.width / 2, y: to.y },
          ]
        : undefined);
    if (!points) continue;
    const text = route?.label ? edgeLabelText(edge, COVERAGE_LAYOUT_METRICS) : undefined;
    edges.push({
      id: edge.id,
      points,
      ...(route?.label && text
        ? { label: { text, x: route.label.x + route.label.width / 2, y: route.label.y + route.label.height / 2 } }
        : {}),
    });
  }
  return { width: laid.width, height: laid.height, nodes, edges };
}
