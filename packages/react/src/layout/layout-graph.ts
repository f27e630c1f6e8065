/**
 * Lays a graph model out with ELK, once per model: the result depends on the definition only,
 * never on the history, so streaming events never moves a box.
 */
import type { GraphModel } from '@aslkit/core';
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { toElkGraph } from './elk-graph.js';

/** A point in graph coordinates. */
export interface Point {
  x: number;
  y: number;
}

/** A node's box; `x`/`y` are relative to its container, as React Flow's `parentId` expects. */
export interface NodeBox extends Point {
  width: number;
  height: number;
}

/** An edge as ELK routed it, in root coordinates. */
export interface EdgeRoute {
  points: Point[];
  label?: NodeBox;
}

/** Where everything goes. */
export interface GraphLayout {
  width: number;
  height: number;
  nodes: Map<string, NodeBox>;
  edges: Map<string, EdgeRoute>;
}

/** Runs ELK on a graph; swap it to lay out in a worker or with a preloaded ELK. */
export type LayoutEngine = (graph: ElkNode) => Promise<ElkNode>;

interface ElkInstance {
  layout(graph: ElkNode): Promise<ElkNode>;
}
type ElkConstructor = new (options?: { workerUrl?: string; workerFactory?: (url?: string) => Worker }) => ElkInstance;

// elkjs is CommonJS: depending on the bundler the constructor is the default export or its `default`.
function elkConstructor(module: unknown): ElkConstructor {
  let candidate = (module as { default?: unknown }).default ?? module;
  if (typeof candidate !== 'function') candidate = (candidate as { default?: unknown }).default;
  if (typeof candidate !== 'function') throw new Error('elkjs did not export the ELK constructor');
  return candidate as ElkConstructor;
}

let bundled: Promise<ElkInstance> | undefined;

/**
 * ELK on the page's thread, loaded on first use so the 1.6 MB engine stays out of the
 * first chunk. Works in any bundler and in Node.
 */
export const elkLayoutEngine: LayoutEngine = async (graph) => {
  bundled ??= import('elkjs/lib/elk.bundled.js').then((module) => new (elkConstructor(module))());
  return (await bundled).layout(graph);
};

/**
 * ELK in a Web Worker. `workerUrl` is the URL of `elkjs/lib/elk-worker.min.js` as the app's
 * bundler emits it (with Vite: `import url from 'elkjs/lib/elk-worker.min.js?url'`).
 * @example
 * <ExecutionGraph store={store} layoutEngine={elkWorkerEngine(url)} />
 */
export function elkWorkerEngine(workerUrl: string): LayoutEngine {
  let instance: Promise<ElkInstance> | undefined;
  return async (graph) => {
    instance ??= import('elkjs/lib/elk-api.js').then((module) => new (elkConstructor(module))({ workerUrl }));
    return (await instance).layout(graph);
  };
}

const cache = new WeakMap<GraphModel, WeakMap<LayoutEngine, Promise<GraphLayout>>>();

/**
 * The layout of `model`; repeated calls with the same model and engine share one result.
 * @example
 * const layout = await layoutGraph(buildGraph(definition));
 */
export function layoutGraph(model: GraphModel, engine: LayoutEngine = elkLayoutEngine): Promise<GraphLayout> {
  let byEngine = cache.get(model);
  if (!byEngine) cache.set(model, (byEngine = new WeakMap()));
  let layout = byEngine.get(engine);
  if (!layout) {
    layout = engine(toElkGraph(model)).then(readLayout);
    // A failed layout is not cached, so a retry can succeed.
    layout.catch(() => byEngine.delete(engine));
    byEngine.set(engine, layout);
  }
  return layout;
}

/** Reads boxes and routes back out of ELK's answer. */
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
