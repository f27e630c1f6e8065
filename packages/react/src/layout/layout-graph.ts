/**
 * The viewer's ELK engines over @aslkit/core/layout, which builds the ELK graph, reads the
 * answer back and caches one layout per model: elkjs is the viewer's dependency, loaded on
 * first use so the 1.6 MB engine stays out of the page's first chunk.
 */
import { createElkEngine, layoutGraph as layoutWith, type GraphLayout, type LayoutEngine } from '@aslkit/core/layout';
import type { GraphModel } from '@aslkit/core';

export type { GraphLayout, LayoutEngine, NodeBox, EdgeRoute, Point } from '@aslkit/core/layout';

/** ELK on the page's thread. Works in any bundler and in Node. */
export const elkLayoutEngine: LayoutEngine = createElkEngine(() => import('elkjs/lib/elk.bundled.js'));

/**
 * ELK in a Web Worker. `workerUrl` is the URL of `elkjs/lib/elk-worker.min.js` as the app's
 * bundler emits it (with Vite: `import url from 'elkjs/lib/elk-worker.min.js?url'`).
 * @example
 * <ExecutionGraph store={store} layoutEngine={elkWorkerEngine(url)} />
 */
export function elkWorkerEngine(workerUrl: string): LayoutEngine {
  return createElkEngine(() => import('elkjs/lib/elk-api.js'), { workerUrl });
}

/**
 * The layout of `model`; repeated calls with the same model and engine share one result.
 * @example
 * const layout = await layoutGraph(buildGraph(definition));
 */
export function layoutGraph(model: GraphModel, engine: LayoutEngine = elkLayoutEngine): Promise<GraphLayout> {
  return layoutWith(model, engine);
}
