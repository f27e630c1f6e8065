import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StateMachineDefinition } from '../definition/types.js';
import { AslkitError } from '../errors/aslkit-error.js';
import { buildGraph, nodeIdSegment, type GraphModel } from './model.js';
import { describeChoiceRule } from './choice-label.js';
import { MAX_SCOPE_DEPTH } from '../definition/walk.js';

const fixtures = join(import.meta.dirname, '..', '..', '..', '..', 'fixtures');
const load = (path: string) => JSON.parse(readFileSync(join(fixtures, path), 'utf8')) as StateMachineDefinition;
const node = (graph: GraphModel, id: string) => graph.nodes.find((n) => n.id === id);
const edgesFrom = (graph: GraphModel, id: string) =>
  graph.edges.filter((e) => e.source === id).map((e) => [e.kind, e.target, e.label]);

describe('buildGraph', () => {
  it('draws the order pipeline: Map processor, Parallel branches, Choice rule and Default, Retry and Catch, markers', () => {
    const graph = buildGraph(load('examples/order-pipeline.asl.json'));
    expect(graph.nodes.map((n) => [n.id, n.kind, n.parentId])).toEqual([
      ['__start__', 'start', undefined],
      ['ValidateOrder', 'Task', undefined],
      ['IsValid', 'Choice', undefined],
      ['PriceLines', 'Map', undefined],
      ['PriceLines/PriceLine', 'Task', 'PriceLines'],
      ['Total', 'Pass', undefined],
      ['Fulfil', 'Parallel', undefined],
      ['Fulfil/0', 'branch', 'Fulfil'],
      ['Fulfil/0/ReserveStock', 'Task', 'Fulfil/0'],
      ['Fulfil/1', 'branch', 'Fulfil'],
      ['Fulfil/1/Charge', 'Task', 'Fulfil/1'],
      ['Fulfil/1/Declined', 'Fail', 'Fulfil/1'],
      ['WaitForCourier', 'Wait', undefined],
      ['Ship', 'Pass', undefined],
      ['Rejected', 'Fail', undefined],
      ['__end__', 'end', undefined],
    ]);
    expect(edgesFrom(graph, '__start__')).toEqual([['start', 'ValidateOrder', undefined]]);
    expect(edgesFrom(graph, 'IsValid')).toEqual([
      ['choice', 'PriceLines', '$.validation.valid == true'],
      ['default', 'Rejected', 'Default'],
    ]);
    expect(edgesFrom(graph, 'Fulfil/1/Charge')).toEqual([['catch', 'Fulfil/1/Declined', 'Payments.Declined']]);
    expect(edgesFrom(graph, 'Ship')).toEqual([['end', '__end__', undefined]]);
    expect(edgesFrom(graph, 'Rejected')).toEqual([['end', '__end__', undefined]]);
    // Nested scopes have no markers and no edge out of their last state: the group's own edges carry on.
    expect(edgesFrom(graph, 'PriceLines/PriceLine')).toEqual([]);
    expect(edgesFrom(graph, 'PriceLines')).toEqual([['next', 'Total', undefined]]);

    const charge = node(graph, 'Fulfil/1/Charge')!;
    expect(charge.retry).toEqual([
      { ErrorEquals: ['Payments.Unavailable'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 },
    ]);
    expect(charge.catchErrors).toEqual([['Payments.Declined']]);
    expect(charge.resource).toBe('arn:aws:lambda:us-east-1:123456789012:function:charge-card');
    expect(charge).toMatchObject({
      first: true,
      terminal: true,
      pointer: '/States/Fulfil/Branches/1/States/Charge',
      stateName: 'Charge',
      label: 'Charge',
    });
    expect(node(graph, 'Fulfil/1')).toMatchObject({
      kind: 'branch',
      label: 'Branch 2',
      branchIndex: 1,
      pointer: '/States/Fulfil/Branches/1',
    });
    expect(node(graph, 'PriceLines/PriceLine')).toMatchObject({
      first: true,
      terminal: true,
      pointer: '/States/PriceLines/ItemProcessor/States/PriceLine',
    });
    expect(node(graph, 'Rejected')).toMatchObject({ failError: 'OrderRejected', terminal: true });
    expect(node(graph, 'Rejected')!.failCause).toBeUndefined();
    expect(graph.nodeIdsByStateName['Charge']).toBe('Fulfil/1/Charge');
    expect(graph.nodeIdsByStateName['PriceLine']).toBe('PriceLines/PriceLine');
    expect(new Set(graph.edges.map((e) => e.id)).size).toBe(graph.edges.length);
  });

  it('nests a Map with Choice, Fail and Catch inside a Parallel branch', () => {
    const graph = buildGraph(load('states/parallel-map.asl.json'));
    expect(node(graph, 'Both/1/Each/Check')).toMatchObject({ kind: 'Choice', parentId: 'Both/1/Each', first: true });
    expect(node(graph, 'Both/1/Each')).toMatchObject({ kind: 'Map', parentId: 'Both/1', catchErrors: [['TooBig']] });
    expect(edgesFrom(graph, 'Both/1/Each/Check')).toEqual([
      ['choice', 'Both/1/Each/TooBig', '$ > 10'],
      ['default', 'Both/1/Each/Keep', 'Default'],
    ]);
    expect(edgesFrom(graph, 'Both/1/Each')).toEqual([['catch', 'Both/1/Report', 'TooBig']]);
    expect(edgesFrom(graph, 'Both')).toEqual([['end', '__end__', undefined]]);
  });

  it('nests a Parallel inside a Map processor (and the legacy Iterator field)', () => {
    const graph = buildGraph({
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          Iterator: {
            StartAt: 'Both',
            States: {
              Both: {
                Type: 'Parallel',
                Branches: [
                  { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } },
                  { StartAt: 'B', States: { B: { Type: 'Wait', Seconds: 1, Next: 'C' }, C: { Type: 'Succeed' } } },
                ],
                Retry: [{ ErrorEquals: ['States.ALL'] }],
                End: true,
              },
            },
          },
          End: true,
        },
      },
    });
    expect(
      graph.nodes.filter((n) => n.stateName !== undefined || n.kind === 'branch').map((n) => [n.id, n.parentId]),
    ).toEqual([
      ['Each', undefined],
      ['Each/Both', 'Each'],
      ['Each/Both/0', 'Each/Both'],
      ['Each/Both/0/A', 'Each/Both/0'],
      ['Each/Both/1', 'Each/Both'],
      ['Each/Both/1/B', 'Each/Both/1'],
      ['Each/Both/1/C', 'Each/Both/1'],
    ]);
    expect(node(graph, 'Each/Both')!.retry).toEqual([{ ErrorEquals: ['States.ALL'] }]);
    expect(edgesFrom(graph, 'Each/Both/1/B')).toEqual([['next', 'Each/Both/1/C', undefined]]);
    expect(node(graph, 'Each/Both/1/C')!.terminal).toBe(true);
  });

  it('labels rules with And/Not/IsPresent, timestamps and JSONata conditions', () => {
    const graph = buildGraph(load('states/wait-and-choice.asl.json'));
    expect(edgesFrom(graph, 'Route').map((e) => e[2])).toEqual([
      '$.priority is present and (not $.priority == "low")',
      '$.at is present and $.at > "2026-01-01T00:00:00Z"',
      'Default',
    ]);
    const jsonata = buildGraph({
      QueryLanguage: 'JSONata',
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.n < 10 %}', Next: 'D' }], Default: 'D' },
        D: { Type: 'Succeed' },
      },
    });
    expect(edgesFrom(jsonata, 'C')).toEqual([
      ['choice', 'D', '$states.input.n < 10'],
      ['default', 'D', 'Default'],
    ]);
  });

  it('keeps hostile state names apart and tolerates broken definitions', () => {
    const definition = JSON.parse(
      '{"StartAt":"__proto__","States":{"__proto__":{"Type":"Pass","Next":"a/b"},"a/b":{"Type":"Pass","Next":"__start__"},"__start__":{"Type":"Pass","Next":"Nowhere"},"Odd":{"Type":"Banana"},"Null":null}}',
    ) as StateMachineDefinition;
    const graph = buildGraph(definition);
    expect(graph.nodes.map((n) => n.id)).toEqual(['__start__', '__proto__', 'a%2Fb', '%5F_start__']);
    expect(Object.keys(graph.nodeIdsByStateName)).toEqual(['__proto__', 'a/b', '__start__']);
    expect(graph.nodeIdsByStateName['__proto__']).toBe('__proto__');
    expect(graph.edges.map((e) => e.id)).toEqual(['__start__:start', '__proto__:next', 'a%2Fb:next']);
    expect(buildGraph({} as StateMachineDefinition).nodes.map((n) => n.id)).toEqual(['__start__']);
  });

  it('escapes id segments so paths stay unambiguous', () => {
    expect(nodeIdSegment('a/0/b')).toBe('a%2F0%2Fb');
    expect(nodeIdSegment('100%')).toBe('100%25');
    expect(nodeIdSegment('__end__')).toBe('%5F_end__');
  });

  it('refuses scopes nested deeper than the limit with a coded error naming the place', () => {
    let scope: StateMachineDefinition = { StartAt: 'X', States: { X: { Type: 'Pass', End: true } } };
    for (let i = 0; i <= MAX_SCOPE_DEPTH; i++)
      scope = { StartAt: `P${i}`, States: { [`P${i}`]: { Type: 'Parallel', Branches: [scope], End: true } } };
    expect(() => buildGraph(scope)).toThrow(AslkitError);
    expect(() => buildGraph(scope)).toThrow(expect.objectContaining({ code: 'ASLKIT_GRAPH_TOO_DEEP' }));
    expect(() => buildGraph(scope)).toThrow(
      /^The definition is nested more than 1000 levels deep \(at (\/States\/P\d+\/Branches\/0){334}\)$/,
    );
  });
});

describe('describeChoiceRule', () => {
  it.each([
    [{ Variable: '$.n', NumericLessThan: 10 }, '$.n < 10'],
    [{ Variable: '$.n', NumericGreaterThanEqualsPath: '$.max' }, '$.n >= $.max'],
    [{ Variable: '$.s', StringEquals: 'a"b' }, '$.s == "a\\"b"'],
    [{ Variable: '$.s', StringMatches: 'log-*.txt' }, '$.s matches "log-*.txt"'],
    [{ Variable: '$.x', IsNull: false }, '$.x is not null'],
    [{ Variable: '$.x', IsTimestamp: true }, '$.x is a timestamp'],
    [
      {
        Or: [
          { Variable: '$.a', BooleanEquals: true },
          {
            And: [
              { Variable: '$.b', IsString: true },
              { Variable: '$.c', IsNumeric: true },
            ],
          },
        ],
      },
      '$.a == true or ($.b is a string and $.c is numeric)',
    ],
    [{ Not: { Variable: '$.a', StringLessThanEquals: 'm' } }, 'not $.a <= "m"'],
    [{ Variable: '$.a', Frobnicate: 1 }, '$.a Frobnicate 1'],
    [{ Condition: true }, 'true'],
    [null, '?'],
  ])('%j reads %s', (rule, label) => expect(describeChoiceRule(rule)).toBe(label));

  it('cuts long labels and deep nesting short', () => {
    expect(describeChoiceRule({ Variable: '$.s', StringEquals: 'x'.repeat(1000) })).toHaveLength(160);
    let rule: unknown = { Variable: '$.a', IsPresent: true };
    for (let i = 0; i < 1000; i++) rule = { Not: rule };
    expect(describeChoiceRule(rule)).toContain('…');
  });
});
