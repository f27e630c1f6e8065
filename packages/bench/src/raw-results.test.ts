import { describe, expect, it } from 'vitest';
import { loadWorkloads } from './fixtures.js';
import { failedReport } from './run-spec.js';
import { fromRaw, toRaw } from './raw-results.js';
import type { SuiteResult } from './suite.js';

describe('raw results', () => {
  const workloads = loadWorkloads('full');
  const w1 = workloads.find((w) => w.id === 'W1')!;
  const suite: SuiteResult = {
    runs: [{ workload: w1, fixture: w1.runs[0]!, reports: { aslkit: [failedReport('x')], peer: [], limit: [] } }],
    coldStarts: [],
  };
  const context = { machine: {} as never, mode: 'full' as const, date: 'd', load: { before: 1, after: 2 } };

  it('go through JSON and back to the same suite, failed figures as NaN again', () => {
    const raw = JSON.parse(JSON.stringify(toRaw(suite, context))) as ReturnType<typeof toRaw>;
    const back = fromRaw(raw, workloads);
    expect(back.runs[0]!.workload).toBe(w1);
    expect(back.runs[0]!.fixture).toBe(w1.runs[0]);
    expect(back.runs[0]!.reports.aslkit[0]!.wallMs).toBeNaN();
    expect(raw.context.date).toBe('d');
  });

  it('refuses results of a workload or run that no longer exists', () => {
    const raw = toRaw(suite, context);
    expect(() => fromRaw({ ...raw, runs: [{ ...raw.runs[0]!, label: 'gone' }] }, workloads)).toThrow(/gone/);
    expect(() => fromRaw({ ...raw, runs: [{ ...raw.runs[0]!, workload: 'W99' }] }, workloads)).toThrow(/W99/);
  });
});
