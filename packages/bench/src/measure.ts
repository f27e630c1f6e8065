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

/** Runs `executions` executions back to back and measures them as one. */
export async function measureRuns(
  prepared: PreparedMachine,
  input: unknown,
  executions: number,
  cpu?: CpuProfiler,
): Promise<Measurement> {
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
