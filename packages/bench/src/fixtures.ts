/**
 * Loads the workload files in `fixtures/bench/`: each `<name>.bench.json` names its
 * `.asl.json` definition and lists its runs for the full and the quick mode. Both engines
 * get exactly these definitions and inputs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { EngineName } from './engines/engine.js';

/** The repository root, whether this module runs from `src/` (tests) or `dist/` (the bench). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const FIXTURES_DIR = join(REPO_ROOT, 'fixtures', 'bench');

export type WorkloadKind = 'throughput' | 'cold-start' | 'memory' | 'history' | 'executions' | 'in-flight' | 'jsonata';
export type Mode = 'full' | 'quick';

export interface WorkloadTarget {
  /** Throughput: aslkit transitions/s must be at least this many times the peer's. */
  minSpeedup?: number;
  /** Cold start: aslkit's overhead over a bare `node` process, in ms. */
  maxOverheadMs?: number;
  /** Memory: bytes per item at the largest size over bytes per item at the smallest. */
  maxBytesPerItemGrowth?: number;
  /** In flight: heap per waiting execution, in bytes. */
  maxBytesPerExecution?: number;
  /** In flight: executions started, answered and ended per second. */
  minExecutionsPerSecond?: number;
}

export interface RunFixture {
  label: string;
  /** Another definition file of the same folder, for this run only (default: the workload's). */
  definition?: string;
  /** The execution input; `{ "$repeat": n, "item": t }` expands to n copies of t with `"$index"` replaced. */
  input: unknown;
  /** States entered by one execution (the count both engines must agree on). */
  transitions: number;
  /** Map items, for bytes per item. */
  items?: number;
  /** Executions in one process (default 1), for workloads too short to time alone. */
  executions?: number;
  /** Untimed executions in the same process before the timed ones (default 0): 2 times the third, warm. */
  warmup?: number;
  /** Starts this many executions that each wait on a callback, then answers them all (in-flight runs). */
  inFlight?: number;
  /** Executions runs: the most µs one execution may take (aslkit's target). */
  maxMicrosPerExecution?: number;
  /** aslkit's `history.record` (default on). */
  history?: 'on' | 'off';
  /** Consume the peer's `eventLogs` (default off: it queues them in memory either way). */
  drainPeerEvents?: boolean;
  /** Runs aslkit with `history.maxEvents: Infinity` (the run passes AWS's 25,000 events). */
  liftHistoryLimit?: boolean;
  /** Runs aslkit with `limits.payloadBytes: Infinity` (the payloads pass AWS's 256 KiB). */
  liftPayloadLimit?: boolean;
}

export interface Workload {
  id: string;
  title: string;
  kind: WorkloadKind;
  definitionPath: string;
  definition: object;
  /** Task state name → handler name in `TASK_HANDLERS`. */
  tasks: Record<string, string>;
  target: WorkloadTarget;
  /** The engines that run it, in the order of the first repetition. */
  engines: EngineName[];
  reps: number;
  runs: RunFixture[];
}

interface WorkloadFile {
  id: string;
  title: string;
  kind: WorkloadKind;
  definition: string;
  tasks?: Record<string, string>;
  target?: WorkloadTarget;
  /** Engines other than aslkit and the peer (default both), e.g. only aslkit where the peer lacks the feature. */
  engines?: EngineName[];
  /** Also run the hand-written plain-JS program of the workload (the limit engine). */
  limit?: boolean;
  full: { reps: number; runs: RunFixture[] };
  quick: { reps: number; runs: RunFixture[] };
}

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

/** Every workload in `dir`, sorted by id, with the runs of `mode`. */
export function loadWorkloads(mode: Mode, dir: string = FIXTURES_DIR): Workload[] {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.bench.json'))
    .sort();
  return files
    .map((name) => {
      const file = readJson(join(dir, name)) as WorkloadFile;
      const definitionPath = join(dir, file.definition);
      const plan = file[mode];
      return {
        id: file.id,
        title: file.title,
        kind: file.kind,
        definitionPath,
        definition: readJson(definitionPath) as object,
        tasks: file.tasks ?? {},
        target: file.target ?? {},
        engines: [...(file.engines ?? ['aslkit', 'peer']), ...(file.limit ? ['limit' as const] : [])],
        reps: plan.reps,
        runs: plan.runs,
      };
    })
    .sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
}

interface RepeatTemplate {
  $repeat: number;
  item: unknown;
}

const isRepeat = (value: unknown): value is RepeatTemplate =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  typeof (value as RepeatTemplate).$repeat === 'number';

function fillIndex(template: unknown, index: number): unknown {
  if (template === '$index') return index;
  if (Array.isArray(template)) return template.map((entry) => fillIndex(entry, index));
  if (typeof template === 'object' && template !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(template)) {
      // defineProperty keeps a `__proto__` key as data, like JSON.parse does.
      Object.defineProperty(out, key, {
        value: fillIndex(value, index),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return template;
}

/** Expands `$repeat` templates so large inputs need not be stored as files. */
export function expandInput(template: unknown): unknown {
  if (isRepeat(template)) {
    const count = template.$repeat;
    if (!Number.isSafeInteger(count) || count < 0)
      throw new RangeError(`$repeat must be a non-negative integer, got ${count}`);
    return Array.from({ length: count }, (_, index) => fillIndex(template.item, index));
  }
  if (Array.isArray(template)) return template.map(expandInput);
  if (typeof template === 'object' && template !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(template)) {
      Object.defineProperty(out, key, {
        value: expandInput(value),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return template;
}
