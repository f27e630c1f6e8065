/**
 * The HTML coverage page: one self-contained file (inline CSS and SVG, no script) that draws
 * each machine with core's graph model, states and edges marked covered or not, above the
 * summary table and the list of what no execution reached.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  buildGraph,
  summarizeCoverage,
  COVERAGE_KINDS,
  type CoverageItem,
  type CoverageReport,
  type GraphEdge,
  type GraphModel,
  type MachineCoverage,
  type StateMachineDefinition,
} from '@aslkit/core';
import { statusCssVariables } from '@aslkit/core/layout';
import { layoutGraph, type GraphLayout, type LaidOutNode } from './graph-layout.js';

const HEADINGS: Record<(typeof COVERAGE_KINDS)[number], string> = {
  state: 'States',
  transition: 'Transitions',
  choice: 'Choice rules',
  retry: 'Retriers',
  catch: 'Catchers',
  branch: 'Branches',
  end: 'Succeed/Fail',
};

/** Text made safe for HTML/SVG element content and double-quoted attributes. */
export const escapeHtml = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** Hits of an item by id, and the items of each state. */
interface Hits {
  of(id: string): number | undefined;
  itemsOf(state: string): CoverageItem[];
}

function indexHits(machine: MachineCoverage): Hits {
  const byId = new Map(machine.items.map((item) => [item.id, item.hits]));
  const byState = new Map<string, CoverageItem[]>();
  for (const item of machine.items)
    if (item.kind !== 'transition') byState.set(item.state, [...(byState.get(item.state) ?? []), item]);
  return { of: (id) => byId.get(id), itemsOf: (state) => byState.get(state) ?? [] };
}

/** The coverage item an edge of the graph stands for (ids as core's coverage items spell them). */
function edgeHits(edge: GraphEdge, graph: Map<string, string | undefined>, hits: Hits): number | undefined {
  const from = graph.get(edge.source);
  const to = graph.get(edge.target);
  switch (edge.kind) {
    case 'start':
      return to === undefined ? undefined : hits.of(`state:${to}`);
    case 'next':
      return from === undefined || to === undefined ? undefined : hits.of(`transition:${from}->${to}`);
    case 'choice':
      return from === undefined ? undefined : hits.of(`choice:${from}#${edge.index}`);
    case 'default':
      return from === undefined ? undefined : hits.of(`choice:${from}#default`);
    case 'catch':
      return from === undefined ? undefined : hits.of(`catch:${from}#${edge.index}`);
    case 'end':
      // No item records leaving through End; Succeed/Fail have theirs, other states count as reached when entered.
      return from === undefined ? undefined : (hits.of(`end:${from}`) ?? hits.of(`state:${from}`));
  }
}

function nodeHits(laid: LaidOutNode, graph: GraphModel, hits: Hits): number | undefined {
  const { node } = laid;
  if (node.kind === 'branch') {
    const parent = graph.nodes.find((candidate) => candidate.id === node.parentId);
    return parent?.stateName === undefined ? undefined : hits.of(`branch:${parent.stateName}#${node.branchIndex}`);
  }
  if (node.kind === 'start') {
    const first = graph.nodes.find((candidate) => candidate.first === true && candidate.parentId === undefined);
    return first?.stateName === undefined ? undefined : hits.of(`state:${first.stateName}`);
  }
  if (node.kind === 'end') return undefined;
  return node.stateName === undefined ? undefined : hits.of(`state:${node.stateName}`);
}

const status = (count: number | undefined): string =>
  count === undefined ? 'unknown' : count > 0 ? 'covered' : 'uncovered';

function drawNode(laid: LaidOutNode, graph: GraphModel, hits: Hits, endHits: number | undefined): string {
  const { node, x, y, width, height } = laid;
  const count = node.kind === 'end' ? endHits : nodeHits(laid, graph, hits);
  const items =
    node.stateName === undefined ? [] : hits.itemsOf(node.stateName).filter((item) => item.kind !== 'state');
  const tooltip = [
    `${node.label}${node.kind === 'branch' || node.kind === 'start' || node.kind === 'end' ? '' : ` (${node.kind})`}: ${count === undefined ? 'n/a' : `${count} hit${count === 1 ? '' : 's'}`}`,
    ...items.map((item) => `${item.label}: ${item.hits}`),
  ].join('\n');
  const cls = `node ${node.kind === 'start' || node.kind === 'end' ? 'marker' : laid.container ? 'group' : 'state'} ${status(count)}`;
  const rx = node.kind === 'start' || node.kind === 'end' ? height / 2 : 6;
  const parts = [
    `<g class="${cls}"><title>${escapeHtml(tooltip)}</title>`,
    `<rect x="${x}" y="${y}" width="${width}" height="${height}" rx="${rx}"/>`,
  ];
  if (laid.container) {
    parts.push(
      `<text x="${x + 8}" y="${y + 16}" class="head">${escapeHtml(node.kind === 'branch' ? node.label : `${node.label} · ${node.kind}`)}</text>`,
    );
  } else if (node.kind === 'start' || node.kind === 'end') {
    parts.push(
      `<text x="${x + width / 2}" y="${y + height / 2 + 4}" text-anchor="middle">${escapeHtml(node.label)}</text>`,
    );
  } else {
    parts.push(
      `<text x="${x + width / 2}" y="${y + 18}" text-anchor="middle" class="name">${escapeHtml(node.label)}</text>`,
    );
    // Retriers and catchers as ticks under the name: R✓ fired, R✗ never fired.
    const marks = items
      .filter((item) => item.kind === 'retry' || item.kind === 'catch')
      .map((item) => `${item.kind === 'retry' ? 'R' : 'C'}${item.hits > 0 ? '✓' : '✗'}`);
    const sub = `${node.kind}${count === undefined ? '' : ` ×${count}`}${marks.length > 0 ? `  ${marks.join(' ')}` : ''}`;
    parts.push(`<text x="${x + width / 2}" y="${y + 34}" text-anchor="middle" class="sub">${escapeHtml(sub)}</text>`);
  }
  parts.push('</g>');
  return parts.join('');
}

function drawGraph(layout: GraphLayout, graph: GraphModel, hits: Hits): string {
  const names = new Map(graph.nodes.map((node) => [node.id, node.stateName ?? node.label]));
  const edgesById = new Map(graph.edges.map((edge) => [edge.id, edge]));
  let endHits: number | undefined;
  const edges = layout.edges.map((laid) => {
    const edge = edgesById.get(laid.id);
    const count = edge ? edgeHits(edge, names, hits) : undefined;
    if (edge?.kind === 'end' && count !== undefined) endHits = (endHits ?? 0) + count;
    const d = laid.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x} ${p.y}`).join(' ');
    const label = laid.label
      ? `<text x="${laid.label.x}" y="${laid.label.y + 4}" text-anchor="middle" class="edge-label">${escapeHtml(laid.label.text)}</text>`
      : '';
    const ends = edge ? `${names.get(edge.source) ?? edge.source} → ${names.get(edge.target) ?? edge.target} ` : '';
    const title = `${ends}(${edge?.kind ?? 'edge'}${edge?.label && edge.kind !== 'default' ? ` ${edge.label}` : ''}): ${count === undefined ? 'n/a' : `${count} hit${count === 1 ? '' : 's'}`}`;
    return `<g class="edge ${status(count)}"><title>${escapeHtml(title)}</title><path d="${d}" marker-end="url(#arrow-${status(count)})"/>${label}</g>`;
  });
  const markers = ['covered', 'uncovered', 'unknown']
    .map(
      (s) =>
        `<marker id="arrow-${s}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" class="arrow ${s}"/></marker>`,
    )
    .join('');
  const width = Math.ceil(layout.width) + 2;
  const height = Math.ceil(layout.height) + 2;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="-1 -1 ${width} ${height}" role="img"><defs>${markers}</defs>${layout.nodes.map((n) => drawNode(n, graph, hits, endHits)).join('')}${edges.join('')}</svg>`;
}

function summaryTable(machine: MachineCoverage): string {
  const summary = summarizeCoverage(machine);
  const rows = COVERAGE_KINDS.map((kind) => {
    const { covered, total, pct } = summary[kind];
    const cls = total === 0 ? '' : pct === 100 ? ' class="full"' : ' class="low"';
    return `<tr${cls}><th>${HEADINGS[kind]}</th><td>${covered}/${total}</td><td>${total === 0 ? '–' : `${pct}%`}</td></tr>`;
  });
  return `<table class="summary"><thead><tr><th>Kind</th><th>Covered</th><th>%</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function uncoveredList(machine: MachineCoverage): string {
  const missing = machine.items.filter((item) => item.hits === 0);
  if (missing.length === 0) return '<p class="all">Every item was reached.</p>';
  const sorted = COVERAGE_KINDS.flatMap((kind) => missing.filter((item) => item.kind === kind));
  return `<h3>Not reached (${missing.length})</h3><ul class="missing">${sorted.map((item) => `<li><span class="kind">${item.kind}</span> ${escapeHtml(item.label)}</li>`).join('')}</ul>`;
}

async function machineSection(machine: MachineCoverage, index: number): Promise<string> {
  const title = machine.label || machine.key;
  let picture: string;
  if (machine.definition === undefined)
    picture = '<p class="note">This report does not carry the definition, so the machine is not drawn.</p>';
  else {
    try {
      const graph = buildGraph(machine.definition as StateMachineDefinition);
      picture = `<div class="graph">${drawGraph(await layoutGraph(graph), graph, indexHits(machine))}</div>`;
    } catch (error) {
      picture = `<p class="note">The machine could not be drawn: ${escapeHtml(error instanceof Error ? error.message : String(error))}</p>`;
    }
  }
  return `<section id="m${index}"><h2>${escapeHtml(title)}</h2><p class="meta">${machine.executions} execution${machine.executions === 1 ? '' : 's'} · definition ${escapeHtml(machine.key)}</p><div class="cols">${summaryTable(machine)}${uncoveredList(machine)}</div>${picture}</section>`;
}

// The status colours are core's palette, the viewer's too: reached is `succeeded`, never
// reached `failed`, no count `not-started`; boxes are filled with a tint of their colour.
const STYLE = `:root{${statusCssVariables('light')}--covered:var(--aslkit-status-succeeded);--uncovered:var(--aslkit-status-failed);--unknown:var(--aslkit-status-not-started)}
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1f2328}h1{font-size:20px}h2{font-size:17px;margin:28px 0 4px}h3{font-size:14px;margin:0 0 6px}
.meta,.note{color:#59636e}.cols{display:flex;gap:32px;align-items:flex-start;flex-wrap:wrap}
table.summary{border-collapse:collapse}table.summary th,table.summary td{padding:2px 10px;border-bottom:1px solid #d1d9e0;text-align:left}table.summary td{text-align:right}
tr.full td{color:var(--covered)}tr.low td{color:var(--uncovered);font-weight:600}ul.missing{margin:0;padding-left:18px}.kind{display:inline-block;min-width:76px;color:#59636e}.all{color:var(--covered)}
.legend span{margin-right:16px}.legend i{display:inline-block;width:12px;height:12px;border-radius:3px;margin-right:4px;vertical-align:-1px}
.legend i.covered{background:color-mix(in srgb,var(--covered) 15%,#fff);border:1px solid var(--covered)}.legend i.uncovered{background:color-mix(in srgb,var(--uncovered) 12%,#fff);border:1px dashed var(--uncovered)}
.graph{overflow:auto;border:1px solid #d1d9e0;border-radius:6px;margin-top:12px;padding:8px;background:#fff}
svg text{font:12px system-ui,sans-serif;fill:#1f2328}svg .name{font-weight:600}svg .sub,svg .edge-label{font-size:10.5px;fill:#59636e}svg .head{font-weight:600;font-size:11.5px}
.node rect{stroke-width:1.5}.state.covered rect,.marker.covered rect{fill:color-mix(in srgb,var(--covered) 15%,#fff);stroke:var(--covered)}.state.uncovered rect{fill:color-mix(in srgb,var(--uncovered) 12%,#fff);stroke:var(--uncovered);stroke-dasharray:5 3}
.group rect{fill:#f6f8fa;stroke:var(--unknown)}.group.uncovered rect{stroke:var(--uncovered);stroke-dasharray:5 3;fill:color-mix(in srgb,var(--uncovered) 4%,#fff)}.group.covered rect{stroke:var(--covered)}
.unknown rect{fill:#f6f8fa;stroke:var(--unknown)}.edge path{fill:none;stroke-width:1.5}.edge.covered path{stroke:var(--covered)}.edge.uncovered path{stroke:var(--uncovered);stroke-dasharray:5 3}.edge.unknown path{stroke:var(--unknown)}
.arrow.covered{fill:var(--covered)}.arrow.uncovered{fill:var(--uncovered)}.arrow.unknown{fill:var(--unknown)}`;

/**
 * The coverage report as one HTML page.
 * @example
 * writeFileSync('coverage.html', await formatCoverageHtml(collector.report()));
 */
export async function formatCoverageHtml(report: CoverageReport, options: { title?: string } = {}): Promise<string> {
  const title = options.title ?? 'aslkit state machine coverage';
  const sections = await Promise.all(report.machines.map(machineSection));
  const legend =
    '<p class="legend"><span><i class="covered"></i>reached</span><span><i class="uncovered"></i>never reached</span>' +
    '<span>R✓/R✗ a retrier fired or not, C✓/C✗ a catcher; hover a state or an edge for its counts</span></p>';
  const toc =
    report.machines.length > 1
      ? `<ul>${report.machines.map((m, i) => `<li><a href="#m${i}">${escapeHtml(m.label || m.key)}</a></li>`).join('')}</ul>`
      : '';
  const body = report.machines.length === 0 ? '<p class="note">No state machine was run.</p>' : sections.join('\n');
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>\n<body><h1>${escapeHtml(title)}</h1>${legend}${toc}\n${body}\n</body></html>\n`;
}

/** Writes the HTML page, creating its folder. */
export async function writeCoverageHtml(
  path: string,
  report: CoverageReport,
  options: { title?: string } = {},
): Promise<void> {
  const html = await formatCoverageHtml(report, options);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, html);
}
