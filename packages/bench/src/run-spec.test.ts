import { describe, expect, it } from 'vitest';
import type { Workload } from './fixtures.js';
import { engineOptionsFor, failedReport, parseReport, REPORT_PREFIX, runSpecFor } from './run-spec.js';
import { TASK_HANDLERS } from './task-handlers.js';

const workload: Workload = {
  id: 'W4',
  title: 't',
  kind: 'throughput',
  definitionPath: '/w4.asl.json',
  definition: {},
  tasks: { Increment: 'increment' },
  target: {},
  engines: ['aslkit', 'peer'],
  reps: 1,
  runs: [],
};

describe('runSpecFor and engineOptionsFor', () => {
  it('applies the fixture defaults: history on, one execution, limits kept, peer validating', () => {
    const spec = runSpecFor(workload, { label: 'x', input: { i: 0 }, transitions: 3 }, 'peer');
    expect(spec).toMatchObject({
      engine: 'peer',
      executions: 1,
      recordHistory: true,
      drainPeerEvents: false,
      liftHistoryLimit: false,
      liftPayloadLimit: false,
      peerValidate: true,
      warmup: 0,
      definitionPath: '/w4.asl.json',
    });
    const options = engineOptionsFor(spec);
    expect(options.tasks.Increment).toBe(TASK_HANDLERS.increment);
  });

  it('carries history off, draining and lifted limits through', () => {
    const spec = runSpecFor(
      workload,
      {
        label: 'x',
        input: {},
        transitions: 1,
        history: 'off',
        drainPeerEvents: true,
        liftHistoryLimit: true,
        liftPayloadLimit: true,
      },
      'aslkit',
      false,
    );
    expect(engineOptionsFor({ ...spec, tasks: {} })).toEqual({
      tasks: {},
      recordHistory: false,
      drainEvents: true,
      liftHistoryLimit: true,
      liftPayloadLimit: true,
      validate: false,
      workloadId: 'W4',
    });
  });
});

it('resolves a run definition next to the workload definition and carries warm-up and in-flight counts', () => {
  const spec = runSpecFor(
    workload,
    { label: 'x', input: {}, transitions: 1, definition: 'other.asl.json', warmup: 2, inFlight: 10 },
    'aslkit',
  );
  expect(spec).toMatchObject({ definitionPath: '/other.asl.json', warmup: 2, inFlight: 10 });
});

describe('parseReport', () => {
  it('finds the report among other output and restores NaN', () => {
    const report = failedReport('boom');
    const stdout = `noise\n${REPORT_PREFIX}${JSON.stringify(report)}\nmore noise\n`;
    const parsed = parseReport(stdout)!;
    expect(parsed.ok).toBe(false);
    expect(parsed.error).toBe('boom');
    expect(parsed.wallMs).toBeNaN();
  });

  it('is undefined when the child printed no report', () => {
    expect(parseReport('Segmentation fault\n')).toBeUndefined();
  });
});
