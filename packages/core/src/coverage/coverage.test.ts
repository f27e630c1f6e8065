import { describe, expect, it } from 'vitest';
import { StateMachine, type StartOptions } from '../runtime/state-machine.js';
import type { Json } from '../json.js';
import type { StateMachineDefinition } from '../definition/types.js';
import { CoverageCollector } from './coverage-collector.js';
import { coverageItems } from './coverage-items.js';
import { isCoverageReport, mergeCoverage, type CoverageReport } from './coverage-report.js';
import { definitionFingerprint } from './fingerprint.js';
import { checkThresholds, formatThresholdFailure, parseThresholds, summarizeCoverage } from './summary.js';
import { formatCoverageText } from './text-report.js';

const lambda = 'arn:aws:lambda:us-east-1:123456789012:function:charge';

/** Choice rules sharing a Next, two retriers, two catchers, a Parallel, a Map, Succeed and Fail. */
const definition = {
  StartAt: 'Route',
  States: {
    Route: {
      Type: 'Choice',
      Choices: [
        { Variable: '$.kind', StringEquals: 'gift', Next: 'Items' },
        { Variable: '$.kind', StringEquals: 'plain', Next: 'Items' },
        { Variable: '$.kind', StringEquals: 'skip', Next: 'Skipped' },
      ],
      Default: 'Items',
    },
    Items: {
      Type: 'Map',
      ItemsPath: '$.items',
      ItemProcessor: { StartAt: 'Look', States: { Look: { Type: 'Pass', End: true } } },
      ResultPath: null,
      Next: 'Both',
    },
    Both: {
      Type: 'Parallel',
      Branches: [
        { StartAt: 'Left', States: { Left: { Type: 'Pass', End: true } } },
        {
          StartAt: 'Charge',
          States: {
            Charge: {
              Type: 'Task',
              Resource: lambda,
              Retry: [
                { ErrorEquals: ['Throttled'], IntervalSeconds: 1, MaxAttempts: 1 },
                { ErrorEquals: ['Busy'], IntervalSeconds: 1, MaxAttempts: 2 },
              ],
              Catch: [
                { ErrorEquals: ['Declined'], Next: 'Declined' },
                { ErrorEquals: ['States.ALL'], Next: 'Broken' },
              ],
              End: true,
            },
            Declined: { Type: 'Fail', Error: 'OrderDeclined' },
            Broken: { Type: 'Fail', Error: 'OrderBroken' },
          },
        },
      ],
      Catch: [{ ErrorEquals: ['OrderDeclined'], Next: 'Refund' }],
      Next: 'Done',
    },
    Refund: { Type: 'Pass', Next: 'Done' },
    Skipped: { Type: 'Succeed' },
    Done: { Type: 'Succeed' },
  },
} as const satisfies object;
const machineDefinition = definition as unknown as StateMachineDefinition;

async function record(
  collector: CoverageCollector,
  input: Json,
  mocks: StartOptions['mocks'] = {},
  target: StateMachineDefinition = machineDefinition,
) {
  const result = await StateMachine.from(target).run(input, { mocks, seed: 1, startTime: '2026-01-01T00:00:00Z' });
  await collector.record(target, result.history, 'order.asl.json');
  return result;
}

const hitsOf = (report: CoverageReport): Record<string, number> =>
  Object.fromEntries(report.machines[0]!.items.map((item) => [item.id, item.hits]));

describe('coverage counts', () => {
  it('lists every item of the definition with 0 hits before any run', () => {
    const items = coverageItems(machineDefinition);
    const byKind = (kind: string) => items.filter((item) => item.kind === kind).map((item) => item.id);
    expect(byKind('state')).toHaveLength(11);
    expect(byKind('choice')).toEqual(['choice:Route#0', 'choice:Route#1', 'choice:Route#2', 'choice:Route#default']);
    expect(byKind('retry')).toEqual(['retry:Charge#0', 'retry:Charge#1']);
    expect(byKind('catch')).toEqual(['catch:Both#0', 'catch:Charge#0', 'catch:Charge#1']);
    expect(byKind('branch')).toEqual(['branch:Items#processor', 'branch:Both#0', 'branch:Both#1']);
    expect(byKind('end')).toEqual(['end:Declined', 'end:Broken', 'end:Skipped', 'end:Done']);
    // Route's three rules and Default reach two distinct states: two transitions, not four.
    expect(byKind('transition').filter((id) => id.startsWith('transition:Route'))).toEqual([
      'transition:Route->Items',
      'transition:Route->Skipped',
    ]);
    expect(items.every((item) => item.hits === 0)).toBe(true);
  });

  it('attributes a rule that shares its Next by evaluating the rules again', async () => {
    const collector = new CoverageCollector();
    await record(collector, { kind: 'plain', items: [] }, { Charge: [{ return: 1 }] });
    await record(collector, { kind: 'other', items: [] }, { Charge: [{ return: 1 }] });
    const hits = hitsOf(collector.report());
    expect([
      hits['choice:Route#0'],
      hits['choice:Route#1'],
      hits['choice:Route#2'],
      hits['choice:Route#default'],
    ]).toEqual([0, 1, 0, 1]);
    expect(hits['transition:Route->Items']).toBe(2);
  });

  it('counts retriers by the error that fired them and catchers by error and target', async () => {
    const collector = new CoverageCollector();
    await record(
      collector,
      { kind: 'gift', items: [1, 2, 3] },
      {
        Charge: [{ throw: { error: 'Busy' } }, { throw: { error: 'Busy' } }, { throw: { error: 'Busy' } }],
      },
    );
    const report = collector.report();
    const hits = hitsOf(report);
    expect(hits['retry:Charge#0']).toBe(0);
    expect(hits['retry:Charge#1']).toBe(2);
    expect(hits['catch:Charge#1']).toBe(1);
    expect(hits['catch:Charge#0']).toBe(0);
    expect(hits['end:Broken']).toBe(1);
    expect(hits['branch:Items#processor']).toBe(3);
    expect(hits['state:Look']).toBe(3);
    expect(hits['branch:Both#0']).toBe(1);
    expect(hits['branch:Both#1']).toBe(1);
    // The Parallel failed with OrderBroken, which its only catcher does not match.
    expect(hits['catch:Both#0']).toBe(0);
    expect(report.machines[0]!.executions).toBe(1);
  });

  it('shows an uncovered Catch in the text report until a run takes it', async () => {
    const collector = new CoverageCollector();
    await record(
      collector,
      { kind: 'gift', items: [1] },
      { Charge: [{ throw: { error: 'Throttled' } }, { return: 'ok' }] },
    );
    await record(collector, { kind: 'skip' });
    let text = formatCoverageText(collector.report());
    expect(text).toContain('catch       Both Catch[0] [OrderDeclined] → Refund');
    expect(text).toContain('Uncovered in order.asl.json:');

    await record(collector, { kind: 'gift', items: [] }, { Charge: [{ throw: { error: 'Declined' } }] });
    text = formatCoverageText(collector.report());
    expect(text).not.toContain('Both Catch[0]');
    expect(hitsOf(collector.report())['catch:Both#0']).toBe(1);
    expect(hitsOf(collector.report())['transition:Both->Refund']).toBe(1);
  });

  it('formats the table like a coverage summary', async () => {
    const collector = new CoverageCollector();
    await record(collector, { kind: 'skip' });
    const [header, ...rest] = formatCoverageText(collector.report(), { uncovered: false }).split('\n').slice(1);
    expect(header).toMatch(
      /^Machine +\| +States \| +Transitions \| +Choices \| +Retries \| +Catches \| +Branches \| +Ends$/,
    );
    expect(rest[1]).toMatch(
      /^order\.asl\.json +\| +18\.18% \(2\/11\) \| +12\.5% \(1\/8\) \| +25% \(1\/4\) \| +0% \(0\/2\) \| +0% \(0\/3\) \| +0% \(0\/3\) \| +25% \(1\/4\)$/,
    );
    expect(formatCoverageText({ version: 1, machines: [] })).toBe('No state machine coverage recorded.\n');
  });

  it('evaluates JSONata Choice conditions again when rules share a Next', async () => {
    const jsonata = {
      QueryLanguage: 'JSONata',
      StartAt: 'Set',
      States: {
        Set: { Type: 'Pass', Assign: { limit: 10 }, Next: 'Pick' },
        Pick: {
          Type: 'Choice',
          Choices: [
            { Condition: '{% $states.input.n > $limit %}', Next: 'Big' },
            { Condition: '{% $states.input.n > 5 %}', Next: 'Big' },
          ],
          Default: 'Small',
        },
        Big: { Type: 'Succeed' },
        Small: { Type: 'Succeed' },
      },
    } as unknown as StateMachineDefinition;
    const collector = new CoverageCollector();
    await record(collector, { n: 7 }, {}, jsonata);
    const hits = hitsOf(collector.report());
    expect([hits['choice:Pick#0'], hits['choice:Pick#1'], hits['choice:Pick#default']]).toEqual([0, 1, 0]);
  });

  it('treats state names like __proto__ as plain data', async () => {
    const text =
      '{"StartAt":"__proto__","States":{"__proto__":{"Type":"Pass","Next":"constructor"},"constructor":{"Type":"Succeed"}}}';
    const hostile = JSON.parse(text) as StateMachineDefinition;
    const collector = new CoverageCollector();
    const result = await StateMachine.from(hostile).run({}, { seed: 1, startTime: '2026-01-01T00:00:00Z' });
    await collector.record(hostile, result.history, 'hostile');
    const hits = hitsOf(collector.report());
    expect(hits['state:__proto__']).toBe(1);
    expect(hits['transition:__proto__->constructor']).toBe(1);
    expect(hits['end:constructor']).toBe(1);
  });
});

describe('merging, thresholds and fingerprints', () => {
  it('merges reports from several workers by machine key and item id', async () => {
    const a = new CoverageCollector();
    const b = new CoverageCollector();
    await record(a, { kind: 'skip' });
    await record(b, { kind: 'gift', items: [1] }, { Charge: [{ return: 1 }] });
    await record(b, { kind: 'skip' });
    const merged = mergeCoverage(a.report(), b.report());
    expect(merged.machines).toHaveLength(1);
    expect(merged.machines[0]!.executions).toBe(3);
    expect(hitsOf(merged)['state:Skipped']).toBe(2);
    expect(hitsOf(merged)['state:Charge']).toBe(1);
    // Inputs are left as they were.
    expect(hitsOf(a.report())['state:Skipped']).toBe(1);
    expect(isCoverageReport(JSON.parse(JSON.stringify(merged)))).toBe(true);
    expect(isCoverageReport({ version: 2, machines: [] })).toBe(false);
    expect(
      isCoverageReport({
        version: 1,
        machines: [{ key: 'k', label: 'l', executions: 1, items: [{ id: 'x', kind: 'bogus', hits: 1 }] }],
      }),
    ).toBe(false);
    expect(isCoverageReport(null)).toBe(false);
  });

  it('fingerprints definitions regardless of key order', () => {
    const reordered = JSON.parse(JSON.stringify({ States: definition.States, StartAt: definition.StartAt })) as object;
    expect(definitionFingerprint(reordered)).toBe(definitionFingerprint(definition));
    expect(definitionFingerprint({ ...definition, Comment: 'edited' })).not.toBe(definitionFingerprint(definition));
    expect(definitionFingerprint(definition)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('parses thresholds and reports each machine that misses one', async () => {
    expect(parseThresholds('states=100, transitions = 90%,')).toEqual({ states: 100, transitions: 90 });
    expect(() => parseThresholds('lines=80')).toThrow(expect.objectContaining({ code: 'ASLKIT_INVALID_THRESHOLD' }));
    expect(() => parseThresholds('states=101')).toThrow(expect.objectContaining({ code: 'ASLKIT_INVALID_THRESHOLD' }));
    expect(() => parseThresholds('states')).toThrow(expect.objectContaining({ code: 'ASLKIT_INVALID_THRESHOLD' }));
    expect(() => parseThresholds('__proto__=1')).toThrow(expect.objectContaining({ code: 'ASLKIT_INVALID_THRESHOLD' }));

    const collector = new CoverageCollector();
    await record(collector, { kind: 'skip' });
    const report = collector.report();
    const summary = summarizeCoverage(report.machines[0]!);
    expect(summary.state).toEqual({ covered: 2, total: 11, pct: 18.18 });
    const failures = checkThresholds(report, { states: 10, transitions: 50 });
    expect(failures).toEqual([{ machine: 'order.asl.json', name: 'transitions', actual: 12.5, expected: 50 }]);
    expect(formatThresholdFailure(failures[0]!)).toBe(
      'coverage for transitions (12.5%) is below the threshold (50%) in order.asl.json',
    );
  });
});
