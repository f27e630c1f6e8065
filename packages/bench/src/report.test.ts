import { describe, expect, it } from 'vitest';
import type { Workload, WorkloadKind } from './fixtures.js';
import type { MachineInfo } from './machine-info.js';
import type { RunReport } from './run-spec.js';
import { failedReport } from './run-spec.js';
import type { SuiteResult } from './suite.js';
import { renderReport } from './report.js';

const machine: MachineInfo = {
  cores: 2,
  cpuModel: 'Test CPU',
  memoryGb: 8,
  os: 'testos',
  node: 'v20.0.0',
  peerVersion: '3.0.0',
};
const context = {
  machine,
  mode: 'full' as const,
  date: '2026-01-01T00:00:00.000Z',
  load: { before: 0.5, after: 1.25 },
};

const workload = (id: string, kind: WorkloadKind, target: Workload['target']): Workload => ({
  id,
  title: `${id} title`,
  kind,
  definitionPath: '/x.asl.json',
  definition: {},
  tasks: {},
  target,
  engines: ['aslkit', 'peer'],
  reps: 1,
  runs: [],
});

const report = (wallMs: number, extra: Partial<RunReport> = {}): RunReport => ({
  ok: true,
  wallMs,
  setupMs: 2,
  executions: 1,
  heapBaseline: 0,
  heapPeak: 20e6,
  heapRetained: 10e6,
  rssBaseline: 0,
  rssPeak: 100e6,
  outputDigest: 'same',
  events: undefined,
  statesEntered: undefined,
  ...extra,
});

const suite: SuiteResult = {
  runs: [
    {
      workload: workload('W1', 'throughput', { minSpeedup: 10 }),
      fixture: { label: 'n = 5', input: {}, transitions: 1000, liftHistoryLimit: true },
      reports: { aslkit: [report(10)], peer: [report(200)], limit: [] },
    },
    {
      workload: workload('W4', 'throughput', { minSpeedup: 10 }),
      fixture: { label: 'calls', input: {}, transitions: 1000 },
      reports: {
        aslkit: [report(100)],
        peer: [report(200, { outputDigest: 'other' }), failedReport('peer crashed')],
        limit: [],
      },
    },
    {
      workload: workload('W7', 'history', {}),
      fixture: { label: 'history on', input: {}, transitions: 1000, history: 'on', drainPeerEvents: true },
      reports: { aslkit: [report(20, { statesEntered: 1000 })], peer: [report(400)], limit: [] },
    },
    {
      workload: workload('W7', 'history', {}),
      fixture: { label: 'history off', input: {}, transitions: 1000, history: 'off' },
      reports: { aslkit: [report(10)], peer: [report(200)], limit: [] },
    },
  ],
  coldStarts: [
    {
      workload: workload('W5', 'cold-start', { maxOverheadMs: 50 }),
      samples: {
        bare: [{ ms: 40, ok: true, stdout: '' }],
        'aslkit:require': [{ ms: 70, ok: true, stdout: '{}' }],
        'peer:require': [{ ms: 500, ok: true, stdout: '{}' }],
        'peer-novalidate:require': [{ ms: 300, ok: true, stdout: '{}' }],
        'aslkit:import': [{ ms: 100, ok: true, stdout: '{}' }],
        'peer:import': [{ ms: 640, ok: true, stdout: '{}' }],
        'peer-novalidate:import': [{ ms: 400, ok: true, stdout: '{}' }],
      },
    },
  ],
};

describe('renderReport', () => {
  const text = renderReport(suite, context);

  it('states the machine and the load', () => {
    expect(text).toContain('| 2     | Test CPU | 8 GiB');
    expect(text).toContain('0.50 / 1.25');
  });

  it('shows each ratio with its target verdict and the lifted limits', () => {
    expect(text).toMatch(/W1 W1 title .*\|\s+20\.0x \| met \(>= 10x\) +\| history /);
    expect(text).toMatch(/W4 W4 title .*\|\s+2\.00x \| missed \(>= 10x\) \| none +\| OUTPUT DIFFERS/);
  });

  it('reports cold-start overhead over bare node per engine and module system, bare first', () => {
    const w5 = text.slice(text.indexOf('### W5'), text.indexOf('## History'));
    const rows = w5.split('\n').filter((line) => /^\| (bare|aslkit|peer)/.test(line));
    expect(rows.map((row) => row.split('|')[1]!.trim())).toEqual([
      "bare `node -e ''`",
      'aslkit, CommonJS `require`',
      'peer, default (validates the definition), CommonJS `require`',
      'peer, `noValidate: true`, CommonJS `require`',
      'aslkit, ES module `import`',
      'peer, default (validates the definition), ES module `import`',
      'peer, `noValidate: true`, ES module `import`',
    ]);
    expect(rows[1]).toMatch(/\| +70\.0 \| +30\.0 \| +1\.00x \| met \(< 50 ms\) +\|$/);
    expect(rows[2]).toMatch(/\| +500 \| +460 \| +15\.3x \| - +\|$/);
    // The import rows compare with aslkit's import overhead (60 ms), not its require one.
    expect(rows[4]).toMatch(/\| +100 \| +60\.0 \| +1\.00x \| missed \(< 50 ms\) \|$/);
    expect(rows[5]).toMatch(/\| +640 \| +600 \| +10\.0x \| - +\|$/);
    expect(rows[6]).toMatch(/\| +400 \| +360 \| +6\.00x \| - +\|$/);
  });

  it('sums up the cold-start target and the aslkit/peer ratio per module system', () => {
    expect(text).toContain(
      'aslkit overhead target (< 50 ms): met through CommonJS `require`, missed through ES module `import`; ' +
        'aslkit/peer overhead: 0.07x through CommonJS `require`, 0.10x through ES module `import`. Checks: same output.',
    );
  });

  it('compares history on and off and lists failures', () => {
    expect(text).toContain('Recording costs aslkit 2.00x the time');
    expect(text).toContain('- W4 calls, peer: peer crashed');
  });

  it('includes the method, or leaves it out for the console', () => {
    expect(text).toContain('## Method');
    expect(renderReport(suite, context, { method: false })).not.toContain('## Method');
    expect(text.endsWith('\n')).toBe(true);
    expect(text).not.toMatch(/\n{3}/);
  });
});

describe('renderReport: many small executions, executions in flight, JSONata and the limit', () => {
  const w8 = workload('W8', 'executions', { minSpeedup: 10 });
  const w9 = workload('W9', 'in-flight', { maxBytesPerExecution: 4096, minExecutionsPerSecond: 20_000 });
  const w10 = workload('W10', 'jsonata', { minSpeedup: 0.5 });
  const perExecution = (totalMs: number, executions: number, extra: Partial<RunReport> = {}) =>
    report(totalMs, { executions, ...extra });
  const text = renderReport(
    {
      coldStarts: [],
      runs: [
        {
          workload: w8,
          fixture: { label: 'history on', input: {}, transitions: 4, executions: 10_000, maxMicrosPerExecution: 20 },
          reports: {
            aslkit: [perExecution(150, 10_000)],
            peer: [perExecution(1_500, 10_000)],
            limit: [perExecution(5, 10_000)],
          },
        },
        {
          workload: w9,
          fixture: { label: '10,000 in flight', input: {}, transitions: 1, inFlight: 10_000 },
          reports: {
            aslkit: [perExecution(1_000, 10_000, { heapBaseline: 1e6, heapWaiting: 1e6 + 30e6 })],
            peer: [],
            limit: [],
          },
        },
        {
          workload: w10,
          fixture: { label: 'JSONPath, n = 5', input: {}, transitions: 11 },
          reports: { aslkit: [report(10)], peer: [], limit: [] },
        },
        {
          workload: w10,
          fixture: { label: 'JSONata, n = 5', input: {}, transitions: 11 },
          reports: { aslkit: [report(40)], peer: [], limit: [] },
        },
      ],
    },
    context,
  );

  it('gives µs per execution with both verdicts, and the limit beside it', () => {
    expect(text).toMatch(
      /\| history on +\| +10,000 \| +15\.0 \| +150 \| +0\.5 \|.*met \(<= 20 µs\) +\| met \(>= 10x\)/,
    );
    expect(text).toMatch(
      /W8 history on \(10000 executions\/process\) +\| +0\.5 µs \| +15\.0 µs \| +150\.0 µs \| +30\.0x \| +300\.0x/,
    );
  });

  it('gives heap per waiting execution and executions/s against their targets, and says why the peer is absent', () => {
    expect(text).toMatch(/\| 10,000 in flight \| +3,000 \| +10,000 \|.*met \(<= 4,096 B\) +\| missed \(>= 20,000\/s\)/);
    expect(text).toContain('has no `.waitForTaskToken` callbacks');
  });

  it('pairs JSONata with JSONPath and compares their speed', () => {
    expect(text).toMatch(/\| n = 5 +\| +10\.0 \| +40\.0 \|.*0\.25x \| missed \(>= 0\.5x\)/);
  });
});
