import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CoverageCollector, StateMachine } from '@aslkit/core';
import { runCaseFiles } from '../cases/run-cases.js';
import { escapeHtml, formatCoverageHtml } from './html-report.js';

const repo = resolve(import.meta.dirname, '..', '..', '..', '..');
const fixture = join(repo, 'fixtures', 'testing', 'order-processing.test.json');

/** The `<g>` element of a state box, found by its tooltip's first line. */
const stateGroup = (html: string, name: string): string | undefined =>
  html.match(new RegExp(`<g class="node state [a-z]+"><title>${name} \\([A-Za-z]+\\)[^<]*</title>`))?.[0];
const edgeGroup = (html: string, title: string): string | undefined =>
  html.match(new RegExp(`<g class="edge [a-z]+"><title>${title}</title>`))?.[0];

describe('formatCoverageHtml', () => {
  it('draws the example with its one uncovered catcher, state and edge marked', async () => {
    const report = await runCaseFiles([fixture], { coverage: new CoverageCollector(), cwd: repo });
    const all = report.coverage!;
    // The same runs but the last one, the payment outage.
    const partial = new CoverageCollector();
    for (const result of report.results.slice(0, -1))
      await partial.record(result.run!.definition, result.run!.history, result.run!.label);
    const html = await formatCoverageHtml(partial.report());
    if (process.env['ASLKIT_HTML_OUT']) writeFileSync(process.env['ASLKIT_HTML_OUT'], html);

    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|src="http/);
    expect(stateGroup(html, 'ParkOrder')).toContain('class="node state uncovered"');
    expect(stateGroup(html, 'ChargeCard')).toContain('class="node state covered"');
    expect(stateGroup(html, 'ChargeCard')).toContain('ChargeCard Retry[0] [Payments.Unavailable]: 1');
    expect(edgeGroup(html, 'ProcessOrder → ParkOrder \\(catch States.ALL\\): 0 hits')).toContain('edge uncovered');
    expect(edgeGroup(html, 'ProcessOrder → NotifyCustomer \\(catch PaymentDeclined\\): 1 hit')).toContain(
      'edge covered',
    );
    expect(edgeGroup(html, 'RouteOrder → ProcessOrder \\(default\\): 3 hits')).toContain('edge covered');
    expect(edgeGroup(html, 'ParkOrder → End \\(end\\): 0 hits')).toContain('edge uncovered');
    expect(html).toContain('<h3>Not reached (3)</h3>');
    expect(html).toContain('<span class="kind">catch</span> ProcessOrder Catch[1] [States.ALL] → ParkOrder');
    // Every state box of the definition is drawn once, and every edge has a path.
    expect(html.match(/<g class="node state /g)).toHaveLength(13);
    expect(html).not.toMatch(/d=""/);

    const full = await formatCoverageHtml(all);
    expect(full).toContain('<g class="node marker covered"><title>Start: 7 hits</title>');
    expect(full).not.toMatch(/class="(node [a-z]+|edge) uncovered"/);
    expect(full).toMatch(/<g class="node marker covered"><title>End: 7 hits</);
    expect(full).toContain('Every item was reached.');
  });

  it('escapes state names and labels, and tolerates reports without definitions', async () => {
    const name = '<img src=x onerror=alert(1)> & "q"';
    const machine = StateMachine.from({ StartAt: name, States: { [name]: { Type: 'Pass', End: true } } });
    const collector = new CoverageCollector();
    collector.declare(machine.definition, '</title><script>x</script>');
    const html = await formatCoverageHtml(collector.report());
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script>');
    expect(html).toContain(escapeHtml(name));

    const bare = collector.report();
    delete bare.machines[0]!.definition;
    expect(await formatCoverageHtml(bare)).toContain('does not carry the definition');
    expect(await formatCoverageHtml({ version: 1, machines: [] })).toContain('No state machine was run.');
  });
});
