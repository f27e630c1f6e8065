import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGraph, type GraphModel } from '../model.js';
import type { StateMachineDefinition } from '../../definition/types.js';
import { DEFAULT_LAYOUT_METRICS, nodeSize, toElkGraph, type LayoutMetrics } from './elk-graph.js';
import { ELK_PARALLEL_OPTIONS } from './elk-options.js';

const repo = join(import.meta.dirname, '..', '..', '..', '..', '..');
const order = JSON.parse(
  readFileSync(join(repo, 'fixtures', 'examples', 'order-pipeline.asl.json'), 'utf8'),
) as StateMachineDefinition;

/** A machine of `count` Tasks in a row that all Catch into one Fail state. */
function sharedHandler(count: number): StateMachineDefinition {
  const states: Record<string, unknown> = {};
  for (let i = 0; i < count; i++)
    states[`T${i}`] = {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }],
      ...(i < count - 1 ? { Next: `T${i + 1}` } : { End: true }),
    };
  states.Failed = { Type: 'Fail' };
  return { StartAt: 'T0', States: states } as unknown as StateMachineDefinition;
}

describe('toElkGraph', () => {
  it('nests Parallel branches and Map processors, branches side by side', () => {
    const elk = toElkGraph(buildGraph(order));
    const fulfil = elk.children!.find((c) => c.id === 'Fulfil')!;
    expect(fulfil.layoutOptions?.['elk.direction']).toBe('RIGHT');
    expect(fulfil.children!.map((c) => c.id)).toEqual(['Fulfil/0', 'Fulfil/1']);
    expect(fulfil.children![1]!.children!.map((c) => c.id)).toEqual(['Fulfil/1/Charge', 'Fulfil/1/Declined']);
    const map = elk.children!.find((c) => c.id === 'PriceLines')!;
    expect(map.layoutOptions?.['elk.direction']).toBe('DOWN');
    expect(map.children!.map((c) => c.id)).toEqual(['PriceLines/PriceLine']);
  });

  it('labels Choice, Default and Catch edges only', () => {
    const elk = toElkGraph(buildGraph(order));
    const labelled = elk.edges!.filter((e) => e.labels?.length).map((e) => e.labels![0]!.text);
    expect(labelled).toContain('Default');
    expect(labelled).toContain('Payments.Declined');
    expect(labelled.some((text) => text!.includes('$.validation.valid'))).toBe(true);
    expect(elk.edges!.filter((e) => e.labels?.length)).toHaveLength(3);
  });

  it('gives ELK only the first three Catch edges into a shared handler (the 500-state layout fix)', () => {
    const model = buildGraph(sharedHandler(500));
    const catches = model.edges.filter((e) => e.kind === 'catch');
    expect(catches).toHaveLength(500);
    const elk = toElkGraph(model);
    expect(elk.edges!.filter((e) => e.targets[0] === 'Failed').map((e) => e.id)).toEqual(
      catches.slice(0, 3).map((e) => e.id),
    );
    // Every other edge still goes to ELK.
    expect(elk.edges).toHaveLength(model.edges.length - 497);
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

  it("sizes boxes and labels with a renderer's own metrics, and spaces every level alike", () => {
    const compact: LayoutMetrics = {
      state: { height: 44, minWidth: 130, maxWidth: 260, charWidth: 7.2, padding: 40 },
      marker: { width: 64, height: 26 },
      label: { maxChars: 32, charWidth: 6, padding: 8, height: 16 },
      groupPadding: '[top=34,left=12,bottom=12,right=12]',
      branchPadding: '[top=26,left=10,bottom=10,right=10]',
      spacing: { 'elk.spacing.nodeNode': '24' },
    };
    const model = buildGraph(order);
    const elk = toElkGraph(model, compact);
    const validate = model.nodes.find((node) => node.stateName === 'ValidateOrder')!;
    expect(elk.children!.find((c) => c.id === validate.id)).toMatchObject(nodeSize(validate, compact));
    expect(nodeSize(validate, compact).height).toBe(44);
    expect(nodeSize(validate).height).toBe(DEFAULT_LAYOUT_METRICS.state.height);
    expect(elk.children!.find((c) => c.id === '__start__')).toMatchObject({ width: 64, height: 26 });
    const fulfil = elk.children!.find((c) => c.id === 'Fulfil')!;
    expect(fulfil.layoutOptions).toEqual({
      ...ELK_PARALLEL_OPTIONS,
      'elk.spacing.nodeNode': '24',
      'elk.padding': compact.groupPadding,
    });
    expect(fulfil.children![0]!.layoutOptions).toMatchObject({
      'elk.padding': compact.branchPadding,
      'elk.spacing.nodeNode': '24',
    });
    expect(elk.layoutOptions?.['elk.spacing.nodeNode']).toBe('24');
    for (const edge of elk.edges!) for (const label of edge.labels ?? []) expect(label.height).toBe(16);
  });
});
