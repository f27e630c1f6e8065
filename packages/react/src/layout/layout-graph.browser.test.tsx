import { describe, expect, it } from 'vitest';
import { buildGraph, type GraphModel } from '@aslkit/core';
import { order, parallelMapDefinition } from '../../test/fixtures.js';
import { layoutGraph, readLayout, type GraphLayout, type LayoutEngine } from './layout-graph.js';
import { toElkGraph } from './elk-graph.js';
import { toFlow } from './to-flow.js';

/** A node's box in root coordinates. */
function absolute(model: GraphModel, layout: GraphLayout, id: string) {
  let box = { ...layout.nodes.get(id)! };
  let parent = model.nodes.find((n) => n.id === id)?.parentId;
  while (parent !== undefined) {
    const p = layout.nodes.get(parent)!;
    box = { ...box, x: box.x + p.x, y: box.y + p.y };
    parent = model.nodes.find((n) => n.id === parent)?.parentId;
  }
  return box;
}

describe('toElkGraph', () => {
  it('nests Parallel branches and Map processors, branches side by side', () => {
    const elk = toElkGraph(buildGraph(order.definition));
    const fulfil = elk.children!.find((c) => c.id === 'Fulfil')!;
    expect(fulfil.layoutOptions?.['elk.direction']).toBe('RIGHT');
    expect(fulfil.children!.map((c) => c.id)).toEqual(['Fulfil/0', 'Fulfil/1']);
    expect(fulfil.children![1]!.children!.map((c) => c.id)).toEqual(['Fulfil/1/Charge', 'Fulfil/1/Declined']);
    const map = elk.children!.find((c) => c.id === 'PriceLines')!;
    expect(map.layoutOptions?.['elk.direction']).toBe('DOWN');
    expect(map.children!.map((c) => c.id)).toEqual(['PriceLines/PriceLine']);
  });

  it('labels Choice, Default and Catch edges only', () => {
    const elk = toElkGraph(buildGraph(order.definition));
    const labelled = elk.edges!.filter((e) => e.labels?.length).map((e) => e.labels![0]!.text);
    expect(labelled).toContain('Default');
    expect(labelled).toContain('Payments.Declined');
    expect(labelled.some((text) => text!.includes('$.validation.valid'))).toBe(true);
    expect(elk.edges!.filter((e) => e.labels?.length)).toHaveLength(3);
  });

  it('gives ELK only the first three Catch edges into a shared handler; the rest are drawn straight', async () => {
    const states: Record<string, unknown> = {};
    for (let i = 0; i < 6; i++)
      states[`T${i}`] = {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }],
        ...(i < 5 ? { Next: `T${i + 1}` } : { End: true }),
      };
    states.Failed = { Type: 'Fail' };
    const model = buildGraph({ StartAt: 'T0', States: states } as never);
    const catches = model.edges.filter((e) => e.kind === 'catch');
    expect(catches).toHaveLength(6);
    const elk = toElkGraph(model);
    expect(elk.edges!.filter((e) => e.targets[0] === 'Failed').map((e) => e.id)).toEqual(
      catches.slice(0, 3).map((e) => e.id),
    );
    const flow = toFlow(model, await layoutGraph(model));
    const drawn = flow.edges.filter((e) => e.data?.edge.kind === 'catch');
    expect(drawn).toHaveLength(6);
    expect(drawn.filter((e) => e.data!.route.points.length === 0).map((e) => e.id)).toEqual(
      catches.slice(3).map((e) => e.id),
    );
  });

  it('drops what ELK would choke on: unknown parents, parent cycles, dangling edges', () => {
    const model: GraphModel = {
      nodes: [
        { id: 'a', kind: 'Pass', label: 'a', parentId: 'missing' },
        { id: 'b', kind: 'Pass', label: 'b', parentId: 'b' },
        { id: 'c', kind: 'Pass', label: 'c'.repeat(500) },
      ],
      edges: [
        { id: 'ab', source: 'a', target: 'b', kind: 'next' },
        { id: 'ac', source: 'a', target: 'c', kind: 'choice', label: 'x'.repeat(1000) },
        { id: 'az', source: 'a', target: 'zzz', kind: 'next' },
      ],
      nodeIdsByStateName: {},
    };
    const elk = toElkGraph(model);
    expect(elk.children!.map((c) => c.id)).toEqual(['a', 'c']);
    expect(elk.edges!.map((e) => e.id)).toEqual(['ac']);
    expect(elk.children![1]!.width).toBeLessThanOrEqual(280);
    expect(elk.edges![0]!.labels![0]!.text!.length).toBeLessThanOrEqual(36);
  });
});

describe('layoutGraph', () => {
  it('keeps children inside their containers and routes every edge', async () => {
    const model = buildGraph(order.definition);
    const layout = await layoutGraph(model);
    for (const node of model.nodes) {
      expect(layout.nodes.has(node.id), node.id).toBe(true);
      if (node.parentId === undefined) continue;
      const child = absolute(model, layout, node.id);
      const parent = absolute(model, layout, node.parentId);
      expect(child.x).toBeGreaterThanOrEqual(parent.x);
      expect(child.y).toBeGreaterThanOrEqual(parent.y);
      expect(child.x + child.width).toBeLessThanOrEqual(parent.x + parent.width + 0.5);
      expect(child.y + child.height).toBeLessThanOrEqual(parent.y + parent.height + 0.5);
    }
    for (const edge of model.edges) expect(layout.edges.get(edge.id)?.points.length, edge.id).toBeGreaterThanOrEqual(2);
    // Branch 2 sits to the right of branch 1, not below it.
    expect(absolute(model, layout, 'Fulfil/1').x).toBeGreaterThan(
      absolute(model, layout, 'Fulfil/0').x + absolute(model, layout, 'Fulfil/0').width - 1,
    );
  });

  it('lays out a model once per engine', async () => {
    const model = buildGraph(parallelMapDefinition);
    let calls = 0;
    const engine: LayoutEngine = async (graph) => {
      calls++;
      return { ...graph, width: 10, height: 10 };
    };
    const [first, second] = await Promise.all([layoutGraph(model, engine), layoutGraph(model, engine)]);
    expect(first).toBe(second);
    expect(calls).toBe(1);
  });

  it('forgets a failed layout so that it can be retried', async () => {
    const model = buildGraph(parallelMapDefinition);
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

describe('toFlow', () => {
  it('puts parents before children and gives every node fixed handles', async () => {
    const model = buildGraph(order.definition);
    const { nodes, edges } = toFlow(model, await layoutGraph(model));
    const seen = new Set<string>();
    for (const node of nodes) {
      if (node.parentId !== undefined) expect(seen.has(node.parentId), node.id).toBe(true);
      seen.add(node.id);
      expect(node.handles).toHaveLength(2);
    }
    expect(nodes.find((n) => n.id === 'Fulfil')?.type).toBe('aslGroup');
    expect(nodes.find((n) => n.id === 'Fulfil/0')?.type).toBe('aslBranch');
    expect(nodes.find((n) => n.id === '__start__')?.type).toBe('aslMarker');
    expect(edges.every((e) => e.type === 'routed' && e.data!.route.points.length >= 2)).toBe(true);
  });

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
