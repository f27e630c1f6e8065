/**
 * Parent side: runs each measurement in a fresh `node` process, so every run starts cold
 * and its peak memory is its own.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { failedReport, parseReport, type RunReport, type RunSpec } from './run-spec.js';

// Always the built scripts (src/ and dist/ are siblings), so tests run what the bench runs.
export const CHILD_SCRIPT = fileURLToPath(new URL('../dist/child.js', import.meta.url));
const COLD_START = fileURLToPath(new URL('../dist/cold-start.js', import.meta.url));
const TEN_MINUTES = 600_000;

export interface ChildOptions {
  /** Writes a V8 CPU profile of the whole process into this directory (`--cpu-prof`). */
  cpuProfileDir?: string;
}

/** Runs one spec in a child process and returns its report (a failed report if it crashed). */
export function runChild(spec: RunSpec, options: ChildOptions = {}): RunReport {
  const flags = ['--expose-gc'];
  if (options.cpuProfileDir !== undefined) flags.push('--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`);
  const child = spawnSync(process.execPath, [...flags, CHILD_SCRIPT, JSON.stringify(spec)], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: TEN_MINUTES,
  });
  const report = parseReport(child.stdout ?? '');
  if (report) return report;
  const reason = child.error?.message ?? `exit ${child.status ?? child.signal}: ${(child.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}`;
  return failedReport(`child process failed (${reason})`);
}

export type ColdVariant = 'bare' | 'aslkit' | 'peer' | 'peer-novalidate';

export interface ColdSample {
  ms: number;
  ok: boolean;
  stdout: string;
}

/** Times one fresh process from spawn to exit: `node -e ''` for `bare`, else cold-start.js. */
export function timeColdStart(variant: ColdVariant, definitionPath: string, options: ChildOptions = {}): ColdSample {
  const flags = options.cpuProfileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`];
  const args = variant === 'bare' ? [...flags, '-e', ''] : [...flags, COLD_START, variant, definitionPath];
  const started = performance.now();
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: TEN_MINUTES });
  const ms = performance.now() - started;
  return { ms, ok: child.status === 0, stdout: (child.stdout ?? '').trim() };
}
