/**
 * Runs a state machine for a test: deterministic by default (fixed seed and start time), with
 * task functions routed by state name or ARN, and the result carrying what the matchers and
 * coverage need (definition, label, and the trace rebuilt from the history).
 */
import {
  traceExecution,
  type ExecutionResult,
  type ExecutionTrace,
  type Json,
  type ResolverRouter,
  type ResolversOption,
  type StartOptions,
  type StateMachineDefinition,
  type StateMachineOptions,
  type TaskResolver,
} from '@aslkit/core';
import { loadMachine, type MachineSource } from './load-machine.js';
import { recordCoverage } from './coverage/worker-coverage.js';

/** The seed runs use unless told otherwise: the same test gives the same history every time. */
export const DEFAULT_SEED = 'aslkit';
/** The start time runs use unless told otherwise. */
export const DEFAULT_START_TIME = '2026-01-01T00:00:00.000Z';

export interface RunOptions extends StartOptions {
  /** The execution input (default `{}`). */
  input?: Json;
  /**
   * Functions that answer Task states, by state name or resource ARN (state name wins), tried
   * after `mocks` and before `resolvers`. For Lambda functions with Lambda's own error
   * mapping, pass `lambdaResolvers({ handlers })` from @aslkit/lambda as `resolvers`.
   */
  tasks?: Record<string, TaskResolver>;
  /** Machine name, region and account used in ARNs. */
  machine?: StateMachineOptions;
  /** How coverage reports name the machine (default: its file path). */
  label?: string;
  /** Record this run in the coverage session, when one is active (default true). */
  coverage?: boolean;
}

/** An execution result with the definition it ran and its trace. Those extras are not enumerable, so equality and snapshots see only the result. */
export type MachineRun = ExecutionResult & {
  readonly definition: StateMachineDefinition;
  readonly label: string;
  /** What the execution did, state by state (computed on first use). */
  readonly trace: ExecutionTrace;
  /** Top-level states in the order entered. */
  readonly path: string[];
};

/**
 * Runs a machine to its end and returns the result with its history.
 * @example
 * const run = await runMachine('order.asl.json', { input: { id: 1 }, tasks: { Charge: async () => ({ ok: true }) } });
 * expect(run).toSucceed();
 */
export async function runMachine(source: MachineSource, options: RunOptions = {}): Promise<MachineRun> {
  const { input = {}, tasks, machine: machineOptions, label, coverage = true, resolvers, ...start } = options;
  const loaded = loadMachine(source, machineOptions, label);
  const routers: ResolversOption[] = [];
  if (tasks) routers.push(taskRouter(tasks));
  if (resolvers) routers.push(resolvers);
  const result = await loaded.machine.run(input, {
    seed: DEFAULT_SEED,
    startTime: DEFAULT_START_TIME,
    ...start,
    ...(routers.length > 0 ? { resolvers: routers } : {}),
  });
  if (coverage) recordCoverage(loaded.definition, result.history, loaded.label);
  return withTrace(result, loaded.definition, loaded.label);
}

/** Attaches `definition`, `label`, `trace` and `path` to a result (as non-enumerable properties). */
export function withTrace(result: ExecutionResult, definition: StateMachineDefinition, label: string): MachineRun {
  let trace: ExecutionTrace | undefined;
  const traced = () => (trace ??= traceExecution(result.history, definition));
  return Object.defineProperties(result, {
    definition: { value: definition, enumerable: false },
    label: { value: label, enumerable: false },
    trace: { get: traced, enumerable: false },
    path: { get: () => traced().path, enumerable: false },
  }) as MachineRun;
}

function taskRouter(tasks: Record<string, TaskResolver>): ResolverRouter {
  const own = (key: string) => (Object.prototype.hasOwnProperty.call(tasks, key) ? tasks[key] : undefined);
  return { find: (resource, stateName) => own(stateName) ?? own(resource.arn) ?? own(resource.baseArn) };
}
