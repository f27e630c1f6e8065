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
const COLD_START_SCRIPTS: Record<ModuleSystem, string> = {
  require: fileURLToPath(new URL('../dist/cold-start-require.cjs', import.meta.url)),
  import: fileURLToPath(new URL('../dist/cold-start.js', import.meta.url)),
};
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
  const reason =
    child.error?.message ??
    `exit ${child.status ?? child.signal}: ${(child.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}`;
  return failedReport(`child process failed (${reason})`);
}

/** What W5 starts: aslkit, or the peer validating its definition (its default) or not. */
export type ColdEngine = 'aslkit' | 'peer' | 'peer-novalidate';

/** How the cold-start program loads its engine: a CommonJS `require` or an ES module `import`. */
export type ModuleSystem = 'require' | 'import';

/** `bare` is `node -e ''`; the others run one engine through one module system. */
export type ColdVariant = 'bare' | ColdEngineVariant;

/** A W5 process that runs an engine (every variant but bare node). */
export type ColdEngineVariant = `${ColdEngine}:${ModuleSystem}`;

export const COLD_ENGINES: readonly ColdEngine[] = ['aslkit', 'peer', 'peer-novalidate'];
export const MODULE_SYSTEMS: readonly ModuleSystem[] = ['require', 'import'];

export interface ColdSample {
  ms: number;
  ok: boolean;
  stdout: string;
}

/** Splits an engine variant into its engine and module system. */
export function parseColdVariant(variant: ColdEngineVariant): { engine: ColdEngine; system: ModuleSystem } {
  const [engine, system] = variant.split(':') as [ColdEngine, ModuleSystem];
  return { engine, system };
}

/**
 * Times one fresh process from spawn to exit: `node -e ''` for `bare`, else the cold-start
 * script of the variant's module system (cold-start-require.cjs or cold-start.js).
 */
export function timeColdStart(variant: ColdVariant, definitionPath: string, options: ChildOptions = {}): ColdSample {
  const flags = options.cpuProfileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`];
  let args = [...flags, '-e', ''];
  if (variant !== 'bare') {
    const { engine, system } = parseColdVariant(variant);
    args = [...flags, COLD_START_SCRIPTS[system], engine, definitionPath];
  }
  const started = performance.now();
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: TEN_MINUTES });
  const ms = performance.now() - started;
  return { ms, ok: child.status === 0, stdout: (child.stdout ?? '').trim() };
}
