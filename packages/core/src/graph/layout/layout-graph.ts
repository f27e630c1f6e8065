/**
 * Lays a graph model out with the host's ELK, once per model: the result depends on the
 * definition only, never on the history, so streaming events never moves a box. Core does
 * not load elkjs (1.6 MB): the viewer and the coverage page each bring theirs as an engine.
 */
import type { GraphModel } from '../model.js';
import { DEFAULT_LAYOUT_METRICS, toElkGraph, type ElkNode, type LayoutMetrics } from './elk-graph.js';
import { readLayout, type GraphLayout } from './read-layout.js';

/** Runs ELK on a graph; swap it to lay out in a worker or with a preloaded ELK. */
export type LayoutEngine = (graph: ElkNode) => Promise<ElkNode>;

interface ElkInstance {
  layout(graph: ElkNode): Promise<ElkNode>;
}
type ElkConstructor = new (options?: Readonly<Record<string, unknown>>) => ElkInstance;

// elkjs is CommonJS: depending on the bundler (or Node's ESM loader) the constructor is the
// module, its `default`, or the `default` of that.
function elkConstructor(module: unknown): ElkConstructor {
  let candidate = (module as { default?: unknown }).default ?? module;
  if (typeof candidate !== 'function') candidate = (candidate as { default?: unknown }).default;
  if (typeof candidate !== 'function') throw new Error('elkjs did not export the ELK constructor');
  return candidate as ElkConstructor;
}

/**
 * An engine over elkjs, loaded by `load` on first use (a dynamic import, so the engine stays
 * out of the host's first chunk); `options` go to ELK's constructor, e.g. `{ workerUrl }`.
 * @example
 * const engine = createElkEngine(() => import('elkjs/lib/elk.bundled.js'));
 * const layout = await layoutGraph(buildGraph(definition), engine);
 */
export function createElkEngine(
  load: () => Promise<unknown>,
  options?: Readonly<Record<string, unknown>>,
): LayoutEngine {
  let instance: Promise<ElkInstance> | undefined;
  return async (graph) => {
    instance ??= load().then((module) => new (elkConstructor(module))(options));
    return (await instance).layout(graph);
  };
}

const cache = new WeakMap<GraphModel, WeakMap<LayoutEngine, WeakMap<LayoutMetrics, Promise<GraphLayout>>>>();

/**
 * The layout of `model`; repeated calls with the same model, engine and metrics share one result.
 * @example
 * const layout = await layoutGraph(buildGraph(definition), engine);
 */
export function layoutGraph(
  model: GraphModel,
  engine: LayoutEngine,
  metrics: LayoutMetrics = DEFAULT_LAYOUT_METRICS,
): Promise<GraphLayout> {
  let byEngine = cache.get(model);
  if (!byEngine) cache.set(model, (byEngine = new WeakMap()));
  let byMetrics = byEngine.get(engine);
  if (!byMetrics) byEngine.set(engine, (byMetrics = new WeakMap()));
  let layout = byMetrics.get(metrics);
  if (!layout) {
    layout = engine(toElkGraph(model, metrics)).then(readLayout);
    // A failed layout is not cached, so a retry can succeed.
    layout.catch(() => byMetrics.delete(metrics));
    byMetrics.set(metrics, layout);
  }
  return layout;
}
