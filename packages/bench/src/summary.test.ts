import { describe, expect, it } from 'vitest';
import type { RunFixture, Workload } from './fixtures.js';
import type { RunReport } from './run-spec.js';
import { failedReport } from './run-spec.js';
import type { RunResult } from './suite.js';
import {
  bytesPerItemGrowth,
  coldStartOverheadRatio,
  coldStartVerdict,
  memoryVerdict,
  summarizeColdStart,
  summarizeRun,
  throughputVerdict,
} from './summary.js';

const workload = (overrides: Partial<Workload> = {}): Workload => ({
  id: 'W1',
  title: 'test',
  kind: 'throughput',
  definitionPath: '/nowhere.asl.json',
  definition: {},
  tasks: {},
  target: { minSpeedup: 10 },
  engines: ['aslkit', 'peer'],
  reps: 3,
  runs: [],
  ...overrides,
});

const report = (wallMs: number, extra: Partial<RunReport> = {}): RunReport => ({
  ok: true,
  wallMs,
  setupMs: 1,
  executions: 1,
  heapBaseline: 1_000,
  heapPeak: 11_000,
  heapRetained: 6_000,
  rssBaseline: 0,
  rssPeak: 50e6,
  outputDigest: 'abc',
  events: undefined,
  statesEntered: undefined,
  ...extra,
});

const result = (fixture: Partial<RunFixture>, aslkit: RunReport[], peer: RunReport[], w = workload()): RunResult => ({
  workload: w,
  fixture: { label: 'run', input: {}, transitions: 1000, ...fixture },
  reports: { aslkit, peer, limit: [] },
});

describe('summarizeRun', () => {
  it('takes medians and computes rates, ratios and the verdict', () => {
    const s = summarizeRun(result({}, [report(10), report(20), report(30)], [report(400), report(100), report(200)]));
    expect(s.aslkit.wallMs).toBe(20);
    expect(s.aslkit.transitionsPerSecond).toBe(50_000);
    expect(s.peer.transitionsPerSecond).toBe(5_000);
    expect(s.speedup).toBe(10);
    expect(throughputVerdict(s)).toBe('met');
    expect(s.outputsMatch).toBe(true);
  });

  it('divides wall time by the executions of a run', () => {
    const s = summarizeRun(result({ executions: 4 }, [report(40, { executions: 4 })], [report(40, { executions: 4 })]));
    expect(s.aslkit.wallMs).toBe(10);
  });

  it('misses the target below the minimum speedup', () => {
    expect(throughputVerdict(summarizeRun(result({}, [report(20)], [report(100)])))).toBe('missed');
  });

  it('flags different outputs, failed runs and a wrong transition count', () => {
    expect(summarizeRun(result({}, [report(1)], [report(1, { outputDigest: 'other' })])).outputsMatch).toBe(false);
    const failed = summarizeRun(result({}, [report(1), failedReport('boom')], [report(1)]));
    expect(failed.outputsMatch).toBe(false);
    expect(failed.aslkit.failures).toEqual(['boom']);
    expect(failed.aslkit.wallMs).toBe(1);
    expect(summarizeRun(result({}, [report(1, { statesEntered: 999 })], [report(1)])).transitionsMatch).toBe(false);
    expect(summarizeRun(result({}, [report(1, { statesEntered: 1000 })], [report(1)])).transitionsMatch).toBe(true);
  });

  it('is n/a without a target or without peer numbers', () => {
    expect(throughputVerdict(summarizeRun(result({}, [report(1)], [report(1)], workload({ target: {} }))))).toBe('n/a');
    expect(throughputVerdict(summarizeRun(result({}, [report(1)], [failedReport('x')])))).toBe('n/a');
  });

  it('lists the lifted limits', () => {
    expect(
      summarizeRun(result({ liftHistoryLimit: true, liftPayloadLimit: true }, [report(1)], [report(1)])).limitsLifted,
    ).toEqual(['history', 'payload']);
  });
});

describe('memory figures', () => {
  const memory = workload({ kind: 'memory', target: { maxBytesPerItemGrowth: 1.5 } });
  const sized = (items: number, aslkitPeak: number, peerPeak: number): RunResult =>
    result(
      { items },
      [report(1, { heapPeak: 1_000 + aslkitPeak })],
      [report(1, { heapPeak: 1_000 + peerPeak })],
      memory,
    );

  it('computes bytes per item and its growth from the smallest to the largest size', () => {
    const summaries = [sized(100_000, 20_000_000, 50_000_000), sized(10_000, 1_000_000, 5_000_000)].map(summarizeRun);
    expect(summaries[1]!.aslkit.heapPerItem).toBe(100);
    expect(summaries[1]!.aslkit.retainedPerItem).toBe(0.5);
    expect(bytesPerItemGrowth(summaries, 'aslkit')).toBe(2);
    expect(bytesPerItemGrowth(summaries, 'peer')).toBe(1);
    expect(memoryVerdict(summaries)).toBe('missed');
  });

  it('meets the target when memory is linear', () => {
    const summaries = [sized(10_000, 1_000_000, 1), sized(100_000, 10_000_000, 1)].map(summarizeRun);
    expect(memoryVerdict(summaries)).toBe('met');
    expect(bytesPerItemGrowth(summaries.slice(0, 1), 'aslkit')).toBeNaN();
  });
});

describe('summarizeColdStart', () => {
  const sample = (ms: number, stdout = '{}') => ({ ms, ok: true, stdout });
  const cold = (aslkitRequireMs: number, aslkitImportMs = 90) => ({
    workload: workload({ kind: 'cold-start', target: { maxOverheadMs: 50 } }),
    samples: {
      bare: [sample(40), sample(50), sample(45)],
      'aslkit:require': [sample(aslkitRequireMs), sample(aslkitRequireMs)],
      'peer:require': [sample(500)],
      'peer-novalidate:require': [sample(300)],
      'aslkit:import': [sample(aslkitImportMs)],
      'peer:import': [sample(545)],
      'peer-novalidate:import': [sample(345)],
    },
  });

  it('reports every variant over bare node, and the verdict per module system', () => {
    const s = summarizeColdStart(cold(80));
    expect(s.medianMs.bare).toBe(45);
    expect(s.overheadMs).toEqual({
      'aslkit:require': 35,
      'peer:require': 455,
      'peer-novalidate:require': 255,
      'aslkit:import': 45,
      'peer:import': 500,
      'peer-novalidate:import': 300,
    });
    expect(coldStartVerdict(s, 'require')).toBe('met');
    expect(coldStartVerdict(s, 'import')).toBe('met');
    expect(coldStartOverheadRatio(s, 'require')).toBeCloseTo(35 / 455);
    expect(coldStartOverheadRatio(s, 'import')).toBeCloseTo(45 / 500);
    expect(s.outputsMatch).toBe(true);
    expect(s.allOk).toBe(true);
  });

  it('judges each module system on its own aslkit overhead', () => {
    const s = summarizeColdStart(cold(80, 200));
    expect(coldStartVerdict(s, 'require')).toBe('met');
    expect(coldStartVerdict(s, 'import')).toBe('missed');
    expect(coldStartVerdict(summarizeColdStart(cold(95)), 'require')).toBe('missed');
  });

  it('is n/a without a target or when every aslkit process failed', () => {
    const c = cold(80);
    c.samples['aslkit:import'] = [{ ms: 1, ok: false, stdout: '' }];
    const s = summarizeColdStart(c);
    expect(s.medianMs['aslkit:import']).toBeNaN();
    expect(coldStartVerdict(s, 'import')).toBe('n/a');
    expect(coldStartOverheadRatio(s, 'import')).toBeNaN();
    expect(s.allOk).toBe(false);
    expect(
      coldStartVerdict(
        summarizeColdStart({ ...cold(80), workload: workload({ kind: 'cold-start', target: {} }) }),
        'require',
      ),
    ).toBe('n/a');
  });

  it.each([
    'aslkit:require',
    'peer:require',
    'peer-novalidate:require',
    'aslkit:import',
    'peer:import',
    'peer-novalidate:import',
  ] as const)('notices when %s printed another output', (variant) => {
    const c = cold(80);
    c.samples[variant] = [sample(500, 'null')];
    expect(summarizeColdStart(c).outputsMatch).toBe(false);
  });

  it('does not compare bare node, which prints nothing', () => {
    const c = cold(80);
    c.samples.bare = [sample(40, '')];
    expect(summarizeColdStart(c).outputsMatch).toBe(true);
  });
});
