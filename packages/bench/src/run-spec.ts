/**
 * What the harness asks of one child process (`RunSpec`, passed as argv) and what the
 * child answers (`RunReport`, one prefixed JSON line on stdout).
 */
import type { EngineName, EngineOptions } from './engines/engine.js';
import type { RunFixture, Workload } from './fixtures.js';
import { dirname, join } from 'node:path';
import { resolveTaskHandlers } from './task-handlers.js';

export interface RunSpec {
  engine: EngineName;
  workloadId: string;
  definitionPath: string;
  input: unknown;
  tasks: Record<string, string>;
  executions: number;
  /** Untimed executions before the timed ones. */
  warmup: number;
  /** In-flight runs: executions started at once, each waiting on a callback. */
  inFlight?: number;
  recordHistory: boolean;
  drainPeerEvents: boolean;
  liftHistoryLimit: boolean;
  liftPayloadLimit: boolean;
  peerValidate: boolean;
  /** When set, the child writes a CPU profile of the timed executions to this file. */
  cpuProfilePath?: string;
}

export interface RunReport {
  ok: boolean;
  error?: string;
  /** Median-able figures, all in ms or bytes. */
  wallMs: number;
  setupMs: number;
  executions: number;
  heapBaseline: number;
  heapPeak: number;
  heapRetained: number;
  rssBaseline: number;
  rssPeak: number;
  outputDigest: string;
  /** In-flight runs: heap after a full GC while every execution waits, minus the baseline. */
  heapWaiting?: number;
  events: number | undefined;
  statesEntered: number | undefined;
}

export const REPORT_PREFIX = 'BENCH-REPORT ';

/** The spec for one run of `fixture` by `engine`. */
export function runSpecFor(workload: Workload, fixture: RunFixture, engine: EngineName, peerValidate = true): RunSpec {
  return {
    engine,
    workloadId: workload.id,
    definitionPath:
      fixture.definition === undefined
        ? workload.definitionPath
        : join(dirname(workload.definitionPath), fixture.definition),
    input: fixture.input,
    tasks: workload.tasks,
    executions: fixture.executions ?? 1,
    warmup: fixture.warmup ?? 0,
    ...(fixture.inFlight === undefined ? {} : { inFlight: fixture.inFlight }),
    recordHistory: (fixture.history ?? 'on') === 'on',
    drainPeerEvents: fixture.drainPeerEvents ?? false,
    liftHistoryLimit: fixture.liftHistoryLimit ?? false,
    liftPayloadLimit: fixture.liftPayloadLimit ?? false,
    peerValidate,
  };
}

/** The engine options a spec stands for. */
export function engineOptionsFor(spec: RunSpec): EngineOptions {
  return {
    tasks: resolveTaskHandlers(spec.tasks),
    recordHistory: spec.recordHistory,
    drainEvents: spec.drainPeerEvents,
    liftHistoryLimit: spec.liftHistoryLimit,
    liftPayloadLimit: spec.liftPayloadLimit,
    validate: spec.peerValidate,
    workloadId: spec.workloadId,
  };
}

/** The report of a run that did not complete. */
export function failedReport(error: string): RunReport {
  return {
    ok: false,
    error,
    wallMs: NaN,
    setupMs: NaN,
    executions: 0,
    heapBaseline: NaN,
    heapPeak: NaN,
    heapRetained: NaN,
    rssBaseline: NaN,
    rssPeak: NaN,
    outputDigest: '',
    events: undefined,
    statesEntered: undefined,
  };
}

/** Finds and parses the report line in a child's stdout. */
export function parseReport(stdout: string): RunReport | undefined {
  const line = stdout.split('\n').find((entry) => entry.startsWith(REPORT_PREFIX));
  if (line === undefined) return undefined;
  // JSON has no NaN: a failed run's figures come back as null.
  const raw = JSON.parse(line.slice(REPORT_PREFIX.length)) as Record<string, unknown>;
  for (const [key, value] of Object.entries(raw)) if (value === null) raw[key] = NaN;
  return raw as unknown as RunReport;
}
