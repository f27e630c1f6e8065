/**
 * One benchmark run in its own process: `node --expose-gc child.js '<RunSpec JSON>'`.
 * Loads one engine only, prepares the machine, runs it, and prints one `RunReport` line.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { expandInput } from './fixtures.js';
import { loadAslkitEngine } from './engines/aslkit-engine.js';
import { loadPeerEngine } from './engines/peer-engine.js';
import { loadLimitEngine } from './engines/limit-engine.js';
import type { Engine, EngineName } from './engines/engine.js';
import { createCpuProfiler } from './cpu-profiler.js';
import { measureInFlight, measureRuns, type Measurement } from './measure.js';
import { outputDigest } from './output-digest.js';
import { engineOptionsFor, failedReport, REPORT_PREFIX, type RunReport, type RunSpec } from './run-spec.js';

const ENGINE_LOADERS: Record<EngineName, () => Engine | Promise<Engine>> = {
  aslkit: loadAslkitEngine,
  peer: loadPeerEngine,
  limit: loadLimitEngine,
};

const failed = (error: unknown): RunReport =>
  failedReport(error instanceof Error ? `${error.name}: ${error.message}` : String(error));

async function main(specText: string | undefined): Promise<RunReport> {
  if (specText === undefined) throw new Error('usage: child.js <RunSpec JSON>');
  const spec = JSON.parse(specText) as RunSpec;
  const definition = JSON.parse(readFileSync(spec.definitionPath, 'utf8')) as object;
  const engine = await ENGINE_LOADERS[spec.engine]();
  const setupStarted = performance.now();
  const prepared = engine.prepare(definition, engineOptionsFor(spec));
  const setupMs = performance.now() - setupStarted;
  const input = expandInput(spec.input);
  const profiler = spec.cpuProfilePath === undefined ? undefined : createCpuProfiler();
  const measured: Measurement & { heapWaiting?: number } =
    spec.inFlight === undefined
      ? await measureRuns(prepared, input, spec.executions, profiler, spec.warmup)
      : await measureInFlight(prepared, input, spec.inFlight);
  if (spec.cpuProfilePath !== undefined && measured.profile)
    writeFileSync(spec.cpuProfilePath, JSON.stringify(measured.profile));
  return {
    ok: true,
    wallMs: measured.wallMs,
    setupMs,
    executions: spec.inFlight ?? spec.executions,
    heapBaseline: measured.heapBaseline,
    heapPeak: measured.heapPeak,
    heapRetained: measured.heapRetained,
    rssBaseline: measured.rssBaseline,
    rssPeak: measured.rssPeak,
    outputDigest: outputDigest(measured.last.output),
    ...(measured.heapWaiting === undefined ? {} : { heapWaiting: measured.heapWaiting }),
    ...measured.last.countEvents(),
  };
}

const report = await main(process.argv[2]).catch(failed);
process.stdout.write(REPORT_PREFIX + JSON.stringify(report) + '\n');
process.exitCode = report.ok ? 0 : 1;
