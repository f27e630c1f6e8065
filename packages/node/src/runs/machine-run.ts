/**
 * A finished run as tests and reports use it: the execution result with the definition it ran,
 * a label, and the trace rebuilt from the history. Also the seed and start time runs use unless
 * told otherwise, so the same test gives the same history every time.
 */
import { traceExecution, type ExecutionResult, type ExecutionTrace, type StateMachineDefinition } from '@aslkit/core';

/** The seed runs use unless told otherwise: the same test gives the same history every time. */
export const DEFAULT_SEED = 'aslkit';
/** The start time runs use unless told otherwise. */
export const DEFAULT_START_TIME = '2026-01-01T00:00:00.000Z';

/** An execution result with the definition it ran and its trace. Those extras are not enumerable, so equality and snapshots see only the result. */
export type MachineRun = ExecutionResult & {
  readonly definition: StateMachineDefinition;
  readonly label: string;
  /** What the execution did, state by state (computed on first use). */
  readonly trace: ExecutionTrace;
  /** Top-level states in the order entered. */
  readonly path: string[];
};

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
