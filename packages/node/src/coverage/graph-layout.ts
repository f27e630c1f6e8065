/**
 * Lays out core's graph model with elkjs, in Node, for the HTML coverage page: boxes in page
 * coordinates (containers included) and each edge as a polyline. Parallel, its branches and
 * Map are compound nodes, so ELK keeps their states inside them and routes edges across.
 */
import { ELK_LAYERED_OPTIONS, ELK_PARALLEL_OPTIONS, type GraphModel, type GraphNode } from '@aslkit/core';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';

export interface Point {
  x: number;
  y: number;
}

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

const CHAR_WIDTH = 7.2;
const LABEL_CHAR_WIDTH = 6;
const MAX_LABEL = 32;

const ROOT_OPTIONS = {
  ...ELK_LAYERED_OPTIONS,
  'elk.layered.spacing.nodeNodeBetweenLayers': '40',
  'elk.spacing.nodeNode': '24',
};

/** The text an edge shows, cut to the room the layout gives it. */
export function edgeText(label: string | undefined): string | undefined {
  if (label === undefined || label === '') return undefined;
  return label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label;
}

function boxSize(node: GraphNode): { width: number; height: number } {
  if (node.kind === 'start' || node.kind === 'end') return { width: 64, height: 26 };
  return { width: Math.min(260, Math.max(130, Math.round(node.label.length * CHAR_WIDTH + 40))), height: 44 };
}

type ElkInstance = { layout(graph: ElkNode): Promise<ElkNode> };
let elk: Promise<ElkInstance> | undefined;

// elkjs is CommonJS: under Node's ESM loader the constructor may sit on `default` twice over.
async function loadElk(): Promise<ElkInstance> {
  const module = (await import('elkjs/lib/elk.bundled.js')) as { default?: unknown };
  let ctor: unknown = module.default ?? module;
  if (typeof ctor !== 'function') ctor = (ctor as { default?: unknown }).default;
  if (typeof ctor !== 'function') throw new Error('elkjs did not export the ELK constructor');
  return new (ctor as new () => ElkInstance)();
}

/** Runs ELK on the model and returns page coordinates. */
export async function layoutGraph(model: GraphModel): Promise<GraphLayout> {
  const byId = new Map(model.nodes.map((node) => [node.id, node]));
  const containers = new Set(
    model.nodes.flatMap((node) => (node.parentId !== undefined && byId.has(node.parentId) ? [node.parentId] : [])),
  );
  const children = new Map<string | undefined, GraphNode[]>();
  for (const node of model.nodes) {
    const parent = node.parentId !== undefined && byId.has(node.parentId) ? node.parentId : undefined;
    children.set(parent, [...(children.get(parent) ?? []), node]);
  }
  const placed = new Set<string>();
  const toElk = (node: GraphNode): ElkNode => {
    placed.add(node.id);
    if (!containers.has(node.id)) return { id: node.id, ...boxSize(node) };
    const kids = (children.get(node.id) ?? []).filter((kid) => !placed.has(kid.id));
    const sideBySide = node.kind === 'Parallel' && kids.every((kid) => kid.kind === 'branch');
    // Branches sit side by side in definition order, each laid out on its own (see ELK_PARALLEL_OPTIONS).
    const options = sideBySide ? ELK_PARALLEL_OPTIONS : node.kind === 'branch' ? ROOT_OPTIONS : {};
    return {
      id: node.id,
      layoutOptions: {
        ...options,
        'elk.padding':
          node.kind === 'branch' ? '[top=26,left=10,bottom=10,right=10]' : '[top=34,left=12,bottom=12,right=12]',
        ...(sideBySide ? {} : { 'elk.direction': 'DOWN' }),
      },
      children: kids.map(toElk),
    };
  };
  const top = (children.get(undefined) ?? []).map(toElk);
  const edges: ElkExtendedEdge[] = model.edges
    .filter((edge) => placed.has(edge.source) && placed.has(edge.target))
    .map((edge) => {
      const text = edgeText(edge.label);
      return {
        id: edge.id,
        sources: [edge.source],
        targets: [edge.target],
        ...(text
          ? {
              labels: [
                { id: `${edge.id}#label`, text, width: Math.round(text.length * LABEL_CHAR_WIDTH + 8), height: 16 },
              ],
            }
          : {}),
      };
    });
  elk ??= loadElk();
  const laid = await (await elk).layout({ id: '__root__', layoutOptions: ROOT_OPTIONS, children: top, edges });

  const nodes: LaidOutNode[] = [];
  const walk = (elkNode: ElkNode, dx: number, dy: number): void => {
    const node = byId.get(elkNode.id);
    const x = dx + (elkNode.x ?? 0);
    const y = dy + (elkNode.y ?? 0);
    if (node)
      nodes.push({
        node,
        x,
        y,
        width: elkNode.width ?? 0,
        height: elkNode.height ?? 0,
        container: containers.has(node.id),
      });
    for (const child of elkNode.children ?? []) walk(child, x, y);
  };
  for (const child of laid.children ?? []) walk(child, 0, 0);

  const laidEdges: LaidOutEdge[] = (laid.edges ?? []).map((edge) => {
    const points = (edge.sections ?? []).flatMap((section) => [
      section.startPoint,
      ...(section.bendPoints ?? []),
      section.endPoint,
    ]);
    const label = edge.labels?.[0];
    return {
      id: edge.id,
      points,
      ...(label?.text
        ? {
            label: {
              text: label.text,
              x: (label.x ?? 0) + (label.width ?? 0) / 2,
              y: (label.y ?? 0) + (label.height ?? 0) / 2,
            },
          }
        : {}),
    };
  });
  return { width: laid.width ?? 0, height: laid.height ?? 0, nodes, edges: laidEdges };
}
