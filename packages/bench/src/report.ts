/**
 * Renders the suite's results as markdown: the console table and `docs/benchmarks.md`.
 */
import type { MachineInfo } from './machine-info.js';
import type { Mode } from './fixtures.js';
import type { SuiteResult } from './suite.js';
import { markdownTable } from './markdown-table.js';
import { METHOD_TEXT } from './method-text.js';
import { formatBytes, formatMb, formatMs, formatRate, formatRatio, ratio } from './stats.js';
import { COLD_ENGINES, MODULE_SYSTEMS, type ColdEngine, type ModuleSystem } from './spawn-child.js';
import {
  bytesPerItemGrowth,
  coldStartOverheadRatio,
  coldStartVerdict,
  inFlightVerdicts,
  memoryVerdict,
  microsVerdict,
  summarizeColdStart,
  summarizeRun,
  throughputVerdict,
  type RunSummary,
} from './summary.js';

export interface ReportContext {
  machine: MachineInfo;
  mode: Mode;
  date: string;
  /** 1-minute load average before and after the run: other work on the machine skews the figures. */
  load: { before: number; after: number };
  /** Extra markdown appended at the end (CPU profile summaries). */
  appendix?: string;
  /** Hand-written findings (profiles read, targets missed and why), placed before the method. */
  findings?: string;
}

const withTarget = (verdict: string, target: string): string => (verdict === 'n/a' ? 'n/a' : `${verdict} (${target})`);

const checks = (summary: RunSummary): string =>
  [summary.outputsMatch ? 'same output' : 'OUTPUT DIFFERS', summary.transitionsMatch ? '' : 'TRANSITIONS DIFFER']
    .filter(Boolean)
    .join(', ');

const lifted = (summary: RunSummary): string =>
  summary.limitsLifted.length > 0 ? summary.limitsLifted.join(', ') : 'none';

const runLabel = (s: RunSummary): string => {
  const { label, executions, warmup } = s.result.fixture;
  if (warmup) return `${label} (execution ${warmup + 1} of its process)`;
  return executions && executions > 1 ? `${label} (${executions} executions/process)` : label;
};

function throughputSection(summaries: RunSummary[]): string {
  const speed = markdownTable(
    [
      'Workload',
      'Run',
      '>Transitions',
      '>aslkit ms',
      '>peer ms',
      '>aslkit transitions/s',
      '>peer transitions/s',
      '>aslkit/peer transitions/s',
      'Target',
      'aslkit limits lifted',
      'Checks',
    ],
    summaries.map((s) => [
      `${s.result.workload.id} ${s.result.workload.title}`,
      runLabel(s),
      formatRate(s.result.fixture.transitions),
      formatMs(s.aslkit.wallMs),
      formatMs(s.peer.wallMs),
      formatRate(s.aslkit.transitionsPerSecond),
      formatRate(s.peer.transitionsPerSecond),
      formatRatio(s.speedup),
      withTarget(throughputVerdict(s), `>= ${s.result.workload.target.minSpeedup ?? '?'}x`),
      lifted(s),
      checks(s),
    ]),
  );
  const memory = markdownTable(
    [
      'Workload',
      '>aslkit peak RSS MB',
      '>peer peak RSS MB',
      '>RSS aslkit/peer',
      '>aslkit peak heap MB',
      '>peer peak heap MB',
      '>heap aslkit/peer',
      '>aslkit setup ms',
      '>peer setup ms',
    ],
    summaries.map((s) => [
      `${s.result.workload.id} ${runLabel(s)}`,
      formatMb(s.aslkit.rssPeak),
      formatMb(s.peer.rssPeak),
      formatRatio(s.rssRatio),
      formatMb(s.aslkit.heapPeak),
      formatMb(s.peer.heapPeak),
      formatRatio(s.heapRatio),
      formatMs(s.aslkit.setupMs),
      formatMs(s.peer.setupMs),
    ]),
  );
  return `${speed}\n\nMemory of the same runs, and setup (construction: aslkit's compile, the peer's validation; not in the timed run):\n\n${memory}`;
}

function memorySection(summaries: RunSummary[]): string {
  const rows = summaries.map((s) => [
    s.result.fixture.label,
    formatMs(s.aslkit.wallMs),
    formatMs(s.peer.wallMs),
    formatMb(s.aslkit.rssPeak),
    formatMb(s.peer.rssPeak),
    formatMb(s.aslkit.heapPeak),
    formatMb(s.peer.heapPeak),
    formatBytes(s.aslkit.heapPerItem),
    formatBytes(s.peer.heapPerItem),
    formatRatio(ratio(s.aslkit.heapPerItem, s.peer.heapPerItem)),
    formatBytes(s.aslkit.retainedPerItem),
    formatBytes(s.peer.retainedPerItem),
    lifted(s),
    checks(s),
  ]);
  const table = markdownTable(
    [
      'Run',
      '>aslkit ms',
      '>peer ms',
      '>aslkit peak RSS MB',
      '>peer peak RSS MB',
      '>aslkit peak heap MB',
      '>peer peak heap MB',
      '>aslkit peak bytes/item',
      '>peer peak bytes/item',
      '>bytes/item aslkit/peer',
      '>aslkit retained bytes/item',
      '>peer retained bytes/item',
      'aslkit limits lifted',
      'Checks',
    ],
    rows,
  );
  const target = summaries[0]?.result.workload.target.maxBytesPerItemGrowth;
  const growth = (engine: 'aslkit' | 'peer'): string => formatRatio(bytesPerItemGrowth(summaries, engine));
  return (
    `${table}\n\nPeak bytes per item, largest size over smallest: aslkit ${growth('aslkit')}, peer ${growth('peer')}. ` +
    `Target (aslkit): ${withTarget(memoryVerdict(summaries), `<= ${target ?? '?'}x`)}.`
  );
}

function historySection(summaries: RunSummary[]): string {
  const rows = summaries.map((s) => [
    s.result.fixture.label,
    s.result.fixture.drainPeerEvents ? 'drains eventLogs' : 'default (queues events, not read)',
    formatMs(s.aslkit.wallMs),
    formatMs(s.peer.wallMs),
    formatRate(s.aslkit.transitionsPerSecond),
    formatRate(s.peer.transitionsPerSecond),
    formatRatio(s.speedup),
    formatMb(s.aslkit.rssPeak),
    formatMb(s.peer.rssPeak),
    formatMb(s.aslkit.heapPeak),
    formatMb(s.peer.heapPeak),
    s.aslkit.statesEntered === undefined ? '-' : formatRate(s.aslkit.statesEntered),
    lifted(s),
    checks(s),
  ]);
  const table = markdownTable(
    [
      'aslkit history',
      'peer',
      '>aslkit ms',
      '>peer ms',
      '>aslkit transitions/s',
      '>peer transitions/s',
      '>aslkit/peer transitions/s',
      '>aslkit peak RSS MB',
      '>peer peak RSS MB',
      '>aslkit peak heap MB',
      '>peer peak heap MB',
      '>aslkit states entered (from history)',
      'aslkit limits lifted',
      'Checks',
    ],
    rows,
  );
  const on = summaries.find((s) => s.result.fixture.history !== 'off');
  const off = summaries.find((s) => s.result.fixture.history === 'off');
  if (!on || !off) return table;
  return `${table}\n\nRecording costs aslkit ${formatRatio(ratio(on.aslkit.wallMs, off.aslkit.wallMs))} the time and ${formatRatio(ratio(on.aslkit.heapPeak, off.aslkit.heapPeak))} the peak heap of a run without it.`;
}

const micros = (ms: number): string =>
  Number.isFinite(ms) ? (ms < 0.1 ? (ms * 1000).toFixed(1) : formatRate(ms * 1000)) : 'n/a';
/** A time with its unit: µs under a millisecond, else ms. */
const duration = (ms: number): string =>
  !Number.isFinite(ms) ? 'n/a' : ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${formatMs(ms)} ms`;
const perSecond = (ms: number): string => formatRate(1000 / ms);

function executionsSection(summaries: RunSummary[]): string {
  const minSpeedup = summaries[0]?.result.workload.target.minSpeedup;
  const table = markdownTable(
    [
      'aslkit history',
      '>Executions/process',
      '>aslkit µs/execution',
      '>peer µs/execution',
      '>limit µs/execution',
      '>aslkit executions/s',
      '>peer executions/s',
      '>aslkit/peer',
      'Target µs (aslkit)',
      `Target aslkit/peer`,
      'Checks',
    ],
    summaries.map((s) => [
      s.result.fixture.label,
      formatRate(s.result.fixture.executions ?? 1),
      micros(s.aslkit.wallMs),
      micros(s.peer.wallMs),
      micros(s.limit.wallMs),
      perSecond(s.aslkit.wallMs),
      perSecond(s.peer.wallMs),
      formatRatio(s.speedup),
      withTarget(microsVerdict(s), `<= ${s.result.fixture.maxMicrosPerExecution ?? '?'} µs`),
      withTarget(throughputVerdict(s), `>= ${minSpeedup ?? '?'}x`),
      checks(s),
    ]),
  );
  return `${table}

µs per execution: wall time of all executions in the process over their number (the peer queues its events either way).`;
}

function inFlightSection(summaries: RunSummary[]): string {
  const target = summaries[0]?.result.workload.target ?? {};
  const table = markdownTable(
    [
      'Run',
      '>aslkit heap bytes per waiting execution',
      '>aslkit executions/s, start to end',
      '>aslkit ms (all)',
      'Target heap',
      'Target executions/s',
      'Checks',
    ],
    summaries.map((s) => {
      const verdicts = inFlightVerdicts(s);
      return [
        s.result.fixture.label,
        formatBytes(s.aslkit.heapPerWaitingExecution),
        perSecond(s.aslkit.wallMs),
        formatMs(s.aslkit.wallMs * (s.result.fixture.inFlight ?? 1)),
        withTarget(verdicts.heap, `<= ${formatBytes(target.maxBytesPerExecution ?? NaN)} B`),
        withTarget(verdicts.rate, `>= ${formatRate(target.minExecutionsPerSecond ?? NaN)}/s`),
        checks(s),
      ];
    }),
  );
  return (
    `${table}

The peer (aws-local-stepfunctions 3.0) has no \`.waitForTaskToken\` callbacks (its Task states only ` +
    `call a local handler or Lambda), so it has no figure here. Heap: after a full GC while every execution ` +
    `waits, over the heap before they started, per execution (it includes the host's map of tokens). ` +
    `Executions/s: from the first start to the last result, less that GC.`
  );
}

function jsonataSection(summaries: RunSummary[]): string {
  const min = summaries[0]?.result.workload.target.minSpeedup;
  // Runs come in pairs, JSONPath then JSONata.
  const rows: string[][] = [];
  for (let index = 0; index + 1 < summaries.length; index += 2) {
    const path = summaries[index]!;
    const ata = summaries[index + 1]!;
    const speed = ratio(path.aslkit.wallMs, ata.aslkit.wallMs);
    const verdict = Number.isFinite(speed) && min !== undefined ? (speed >= min ? 'met' : 'missed') : 'n/a';
    const same =
      path.outputsMatch &&
      ata.outputsMatch &&
      path.result.reports.aslkit[0]?.outputDigest === ata.result.reports.aslkit[0]?.outputDigest;
    rows.push([
      ata.result.fixture.label.replace(/^JSONata, /, ''),
      formatMs(path.aslkit.wallMs),
      formatMs(ata.aslkit.wallMs),
      formatRate(path.aslkit.transitionsPerSecond),
      formatRate(ata.aslkit.transitionsPerSecond),
      formatRatio(speed),
      withTarget(verdict, `>= ${min ?? '?'}x`),
      same ? 'same output' : 'OUTPUT DIFFERS',
    ]);
  }
  return markdownTable(
    [
      'Run',
      '>JSONPath ms',
      '>JSONata ms',
      '>JSONPath transitions/s',
      '>JSONata transitions/s',
      '>JSONata/JSONPath transitions/s',
      'Target',
      'Checks',
    ],
    rows,
  );
}

function limitSection(summaries: RunSummary[]): string {
  const rows = summaries
    .filter((s) => (s.result.reports.limit ?? []).length > 0)
    .map((s) => [
      `${s.result.workload.id} ${runLabel(s)}`,
      duration(s.limit.wallMs),
      duration(s.aslkit.wallMs),
      duration(s.peer.wallMs),
      formatRatio(ratio(s.aslkit.wallMs, s.limit.wallMs)),
      formatRatio(ratio(s.peer.wallMs, s.limit.wallMs)),
    ]);
  if (rows.length === 0) return '';
  const table = markdownTable(
    [
      'Workload',
      '>limit per execution',
      '>aslkit per execution',
      '>peer per execution',
      '>aslkit time/limit',
      '>peer time/limit',
    ],
    rows,
  );
  return (
    `${table}

The limit is the same work hand-written in plain JavaScript (\`packages/bench/src/engines/limit-engine.ts\`): ` +
    `the object each state builds, the arithmetic, one function call per Task, no history, no JSON text, run in ` +
    `its own process like the engines.`
  );
}

const SYSTEM_LABELS: Record<ModuleSystem, string> = { require: 'CommonJS `require`', import: 'ES module `import`' };
const COLD_ENGINE_LABELS: Record<ColdEngine, string> = {
  aslkit: 'aslkit',
  peer: 'peer, default (validates the definition)',
  'peer-novalidate': 'peer, `noValidate: true`',
};

function coldStartSection(suite: SuiteResult): string {
  return suite.coldStarts
    .map((result) => {
      const s = summarizeColdStart(result);
      const target = `< ${result.workload.target.maxOverheadMs ?? '?'} ms`;
      const rows = MODULE_SYSTEMS.flatMap((system) =>
        COLD_ENGINES.map((engine) => {
          const variant = `${engine}:${system}` as const;
          const overhead = s.overheadMs[variant];
          return [
            `${COLD_ENGINE_LABELS[engine]}, ${SYSTEM_LABELS[system]}`,
            formatMs(s.medianMs[variant]),
            formatMs(overhead),
            formatRatio(ratio(overhead, s.overheadMs[`aslkit:${system}`])),
            engine === 'aslkit' ? withTarget(coldStartVerdict(s, system), target) : '-',
          ];
        }),
      );
      const table = markdownTable(
        [
          'Process',
          '>median ms',
          '>overhead over bare node ms',
          '>overhead vs aslkit (same module system)',
          'Target (aslkit)',
        ],
        [["bare `node -e ''`", formatMs(s.medianMs.bare), '-', '-', '-'], ...rows],
      );
      const reps = result.samples.bare.length;
      const status = [s.allOk ? '' : 'SOME PROCESSES FAILED', s.outputsMatch ? 'same output' : 'OUTPUT DIFFERS']
        .filter(Boolean)
        .join(', ');
      const perSystem = (describe: (system: ModuleSystem) => string): string =>
        MODULE_SYSTEMS.map((system) => `${describe(system)} through ${SYSTEM_LABELS[system]}`).join(', ');
      return (
        `### ${result.workload.id} ${result.workload.title}\n\n${table}\n\n` +
        `${reps} processes per row. aslkit overhead target (${target}): ${perSystem((system) => coldStartVerdict(s, system))}; ` +
        `aslkit/peer overhead: ${perSystem((system) => formatRatio(coldStartOverheadRatio(s, system)))}. Checks: ${status}.`
      );
    })
    .join('\n\n');
}

function failuresSection(summaries: RunSummary[]): string {
  const lines = summaries.flatMap((s) =>
    (['aslkit', 'peer', 'limit'] as const).flatMap((engine) =>
      s[engine].failures.map((failure) => `- ${s.result.workload.id} ${s.result.fixture.label}, ${engine}: ${failure}`),
    ),
  );
  return lines.length === 0 ? '' : `## Failures\n\n${[...new Set(lines)].join('\n')}\n\n`;
}

/** The results as markdown: machine, one section per kind of workload, the method. */
export function renderReport(
  suite: SuiteResult,
  context: ReportContext,
  options: { method: boolean } = { method: true },
): string {
  const summaries = suite.runs.map(summarizeRun);
  const of = (kind: string): RunSummary[] => summaries.filter((s) => s.result.workload.kind === kind);
  const { machine } = context;
  const sections: string[] = [
    `# Benchmarks: aslkit vs aws-local-stepfunctions\n\n` +
      `Generated by \`npm run bench${context.mode === 'quick' ? ' -- --quick' : ''}\` on ${context.date}` +
      `${context.mode === 'quick' ? ' (quick smoke mode: tiny sizes, not for comparison)' : ''}. Do not edit by hand.`,
    `## Machine\n\n` +
      markdownTable(
        ['Cores', 'CPU', 'Memory', 'OS', 'Node', 'Peer', 'Load avg (1 min) before / after'],
        [
          [
            String(machine.cores),
            machine.cpuModel,
            `${machine.memoryGb} GiB`,
            machine.os,
            machine.node,
            `aws-local-stepfunctions ${machine.peerVersion}`,
            `${context.load.before.toFixed(2)} / ${context.load.after.toFixed(2)}`,
          ],
        ],
      ),
  ];
  if (of('throughput').length > 0)
    sections.push(`## Throughput, history recorded (W1-W4)\n\n${throughputSection(of('throughput'))}`);
  if (suite.coldStarts.length > 0) sections.push(`## Cold start\n\n${coldStartSection(suite)}`);
  const memory = of('memory');
  if (memory.length > 0)
    sections.push(
      `## Memory: ${memory[0]!.result.workload.id} ${memory[0]!.result.workload.title}\n\n${memorySection(memory)}`,
    );
  if (of('executions').length > 0)
    sections.push(`## Many small executions: W8\n\n${executionsSection(of('executions'))}`);
  if (of('in-flight').length > 0) sections.push(`## Executions in flight: W9\n\n${inFlightSection(of('in-flight'))}`);
  if (of('jsonata').length > 0) sections.push(`## JSONata: W10\n\n${jsonataSection(of('jsonata'))}`);
  const limit = limitSection(summaries);
  if (limit !== '') sections.push(`## The limit: plain JavaScript\n\n${limit}`);
  const history = of('history');
  if (history.length > 0)
    sections.push(
      `## History: ${history[0]!.result.workload.id} ${history[0]!.result.workload.title}\n\n${historySection(history)}`,
    );
  let text = sections.join('\n\n') + '\n\n' + failuresSection(summaries);
  if (context.findings) text += `${context.findings.trim()}\n\n`;
  if (options.method) text += METHOD_TEXT;
  if (context.appendix) text += `\n${context.appendix}`;
  return text.replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}
