// The viewer's layout with the real elkjs in Chromium. What core's layout does on its own (the ELK
// graph, reading ELK's answer, one cached layout per model) is tested in packages/core/src/graph/layout.
import { describe, expect, it } from 'vitest';
import { buildGraph, type GraphModel } from '@aslkit/core';
import { order } from '../../test/fixtures.js';
import { toElkGraph } from '@aslkit/core/layout';
import { layoutGraph, type GraphLayout } from './layout-graph.js';
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

describe('toElkGraph and toFlow', () => {
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
});
