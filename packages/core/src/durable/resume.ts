/**
 * Resuming stored executions without holding their machines: each is rebuilt from the definition
 * and options its record keeps (compiled once per distinct machine), then `StateMachine.resume`
 * replays it.
 */
import { StateMachine, type ResumeOptions } from '../runtime/state-machine.js';
import type { Execution } from '../runtime/execution.js';
import type { ExecutionRecord, ExecutionStore } from './execution-store.js';
import { executionMissing } from './store-errors.js';

/** `ResumeOptions`, and the machine to resume with (default: built from the stored definition). */
export interface ResumeExecutionOptions extends ResumeOptions {
  machine?: StateMachine;
}

/** What `resumeAll` did: the executions running again, and those it could not resume. */
export interface ResumeAllResult {
  executions: Execution[];
  failures: { executionArn: string; error: unknown }[];
}

/**
 * Resumes one stored execution (see `StateMachine.resume`).
 * @throws AslkitError `ExecutionDoesNotExist`; DefinitionError when the stored definition no longer compiles.
 * @example
 * const execution = resumeExecution(store, arn, { resolvers });
 * const result = await execution.result;
 */
export function resumeExecution(
  store: ExecutionStore,
  executionArn: string,
  options: ResumeExecutionOptions = {},
): Execution {
  const record = store.getExecution(executionArn);
  if (!record) throw executionMissing(executionArn);
  return (options.machine ?? machineOf(record)).resume(store, record, options);
}

/**
 * Resumes every execution the store holds as RUNNING, as a host does when it starts again.
 * `options` may depend on the execution (its machine, its `meta`). One execution that cannot be
 * resumed does not keep the others from it: it is listed in `failures`.
 * @example
 * const { executions, failures } = resumeAll(store, { resolvers });
 */
export function resumeAll(
  store: ExecutionStore,
  options: ResumeExecutionOptions | ((record: ExecutionRecord) => ResumeExecutionOptions) = {},
): ResumeAllResult {
  const machines = new Map<string, StateMachine>();
  const result: ResumeAllResult = { executions: [], failures: [] };
  for (const record of store.listExecutions({ status: 'RUNNING' })) {
    try {
      const given = typeof options === 'function' ? options(record) : options;
      const key = JSON.stringify([record.definition, record.machine]);
      let machine = given.machine ?? machines.get(key);
      if (!machine) machines.set(key, (machine = machineOf(record)));
      result.executions.push(machine.resume(store, record, given));
    } catch (error) {
      result.failures.push({ executionArn: record.executionArn, error });
    }
  }
  return result;
}

const machineOf = (record: ExecutionRecord): StateMachine =>
  StateMachine.from(JSON.parse(record.definition) as object, { ...record.machine });
