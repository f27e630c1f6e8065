import { describe, expect, it } from 'vitest';
import { buildGraph } from '../model.js';
import { DEFAULT_LAYOUT_METRICS, type ElkNode } from './elk-graph.js';
import { createElkEngine, layoutGraph, type LayoutEngine } from './layout-graph.js';
import { readLayout } from './read-layout.js';

const definition = {
  StartAt: 'A',
  States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Succeed' } },
} as const;

/** An "ELK" that places the root's children in a column and routes each edge straight down. */
const columnEngine: LayoutEngine = async (graph) => {
  let y = 0;
  const children = (graph.children ?? []).map((child) => {
    const placed = { ...child, x: 0, y };
    y += (child.height ?? 0) + 10;
    return placed;
  });
  const at = new Map(children.map((child) => [child.id, child]));
  const edges = (graph.edges ?? []).map((edge) => {
    const from = at.get(edge.sources[0]!)!;
    const to = at.get(edge.targets[0]!)!;
    return {
      ...edge,
      sections: [{ id: `${edge.id}#0`, startPoint: { x: 5, y: from.y + 1 }, endPoint: { x: 5, y: to.y } }],
    };
  });
  return { ...graph, width: 300, height: y, children, edges };
};

describe('layoutGraph', () => {
  it('lays out a model once per engine and metrics', async () => {
    const model = buildGraph(definition);
    let calls = 0;
    const engine: LayoutEngine = (graph) => (calls++, columnEngine(graph));
    const [first, second] = await Promise.all([layoutGraph(model, engine), layoutGraph(model, engine)]);
    expect(first).toBe(second);
    expect(calls).toBe(1);
    const compact = { ...DEFAULT_LAYOUT_METRICS, state: { ...DEFAULT_LAYOUT_METRICS.state, height: 30 } };
    const other = await layoutGraph(model, engine, compact);
    expect(calls).toBe(2);
    expect(other.nodes.get('A')?.height).toBe(30);
    expect(first.nodes.get('A')).toEqual({ x: 0, y: 38, width: 160, height: 56 });
    expect(first.edges.get(model.edges[0]!.id)?.points).toEqual([
      { x: 5, y: 1 },
      { x: 5, y: 38 },
    ]);
  });

  it('forgets a failed layout so that it can be retried', async () => {
    const model = buildGraph(definition);
    let fail = true;
    const engine: LayoutEngine = async (graph) => {
      if (fail) throw new Error('worker died');
      return graph;
    };
    await expect(layoutGraph(model, engine)).rejects.toThrow('worker died');
    fail = false;
    await expect(layoutGraph(model, engine)).resolves.toBeDefined();
  });
});

describe('createElkEngine', () => {
  it('loads ELK once, on first use, whichever way the module exports its constructor', async () => {
    for (const shape of ['module', 'default', 'default.default'] as const) {
      let loads = 0;
      let built: unknown;
      class FakeElk {
        constructor(options: unknown) {
          built = options;
        }
        layout(graph: ElkNode) {
          return Promise.resolve({ ...graph, width: 1 });
        }
      }
      const module =
        shape === 'module' ? FakeElk : shape === 'default' ? { default: FakeElk } : { default: { default: FakeElk } };
      const engine = createElkEngine(async () => (loads++, module), { workerUrl: 'w.js' });
      expect(loads).toBe(0);
      expect(await engine({ id: 'root' })).toEqual({ id: 'root', width: 1 });
      await engine({ id: 'root' });
      expect([shape, loads, built]).toEqual([shape, 1, { workerUrl: 'w.js' }]);
    }
  });

  it('says so when the module has no constructor', async () => {
    await expect(createElkEngine(async () => ({ default: 42 }))({ id: 'root' })).rejects.toThrow(
      'elkjs did not export the ELK constructor',
    );
  });
});

describe('readLayout', () => {
  it('reads ELK output with missing fields as zeros', () => {
    const layout = readLayout({
      id: 'root',
      children: [{ id: 'a' }],
      edges: [{ id: 'e', sources: ['a'], targets: ['a'] }],
    });
    expect(layout.nodes.get('a')).toEqual({ x: 0, y: 0, width: 0, height: 0 });
    expect(layout.edges.get('e')).toEqual({ points: [] });
  });
});
