/**
 * Time and memory of the executions inside one child process. Peak heap is the largest
 * `usedHeapSize` V8 reported before any GC during the run (GCProfiler), or the size at the
 * end if that is larger; the engines' own code paths are not instrumented.
 */
import { GCProfiler } from 'node:v8';
import { performance } from 'node:perf_hooks';
import type { EngineRun, PreparedMachine } from './engines/engine.js';
import type { CpuProfiler } from './cpu-profiler.js';
import type { CpuProfile } from './profile-summary.js';

export interface Measurement {
  wallMs: number;
  heapBaseline: number;
  heapPeak: number;
  heapRetained: number;
  rssBaseline: number;
  rssPeak: number;
  last: EngineRun;
  /** Present when a profiler was given: the executions only. */
  profile?: CpuProfile;
}

const collect = (): void => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
};

/**
 * Runs `warmup` executions untimed, then `executions` back to back, measured as one
 * (`warmup: 2, executions: 1` times the third execution of the process: warm).
 */
export async function measureRuns(
  prepared: PreparedMachine,
  input: unknown,
  executions: number,
  cpu?: CpuProfiler,
  warmup = 0,
): Promise<Measurement> {
  for (let i = 0; i < warmup; i++) await prepared.run(input);
  collect();
  const heapBaseline = process.memoryUsage().heapUsed;
  const rssBaseline = process.memoryUsage().rss;
  const gcProfiler = new GCProfiler();
  gcProfiler.start();
  await cpu?.start();
  const started = performance.now();
  let last: EngineRun | undefined;
  for (let i = 0; i < executions; i++) last = await prepared.run(input);
  const wallMs = performance.now() - started;
  const profile = await cpu?.stop();
  const heapAtEnd = process.memoryUsage().heapUsed;
  const { statistics } = gcProfiler.stop();
  if (!last) throw new Error('executions must be at least 1');
  let heapPeak = heapAtEnd;
  for (const entry of statistics) heapPeak = Math.max(heapPeak, entry.beforeGC.heapStatistics.usedHeapSize);
  collect();
  // `last` (its output, history and queues) is still referenced here, so it counts as retained.
  const heapRetained = process.memoryUsage().heapUsed;
  const rssPeak = process.resourceUsage().maxRSS * 1024;
  return { wallMs, heapBaseline, heapPeak, heapRetained, rssBaseline, rssPeak, last, ...(profile ? { profile } : {}) };
}

export interface InFlightMeasurement extends Measurement {
  /** Heap after a full GC while every execution waits on its callback. */
  heapWaiting: number;
}

/**
 * Starts `count` executions (inputs `{ ...input, id }`), waits until each waits on its callback,
 * measures the heap they hold (after a full GC), answers them all and waits for every end. The
 * wall time runs from the first start to the last end, less the forced GC.
 */
export async function measureInFlight(
  prepared: PreparedMachine,
  input: unknown,
  count: number,
): Promise<InFlightMeasurement> {
  if (!prepared.startWaiting) throw new Error('this engine has no .waitForTaskToken callbacks');
  const inputs = Array.from({ length: count }, (_, id) => ({ ...(input as object), id }));
  collect();
  const heapBaseline = process.memoryUsage().heapUsed;
  const rssBaseline = process.memoryUsage().rss;
  const started = performance.now();
  const waiting = await prepared.startWaiting(inputs);
  const gcStarted = performance.now();
  collect();
  const heapWaiting = process.memoryUsage().heapUsed;
  const gcMs = performance.now() - gcStarted;
  const last = await waiting.answerAll();
  const wallMs = performance.now() - started - gcMs;
  collect();
  return {
    wallMs,
    heapBaseline,
    heapPeak: heapWaiting,
    heapWaiting,
    heapRetained: process.memoryUsage().heapUsed,
    rssBaseline,
    rssPeak: process.resourceUsage().maxRSS * 1024,
    last,
  };
}
