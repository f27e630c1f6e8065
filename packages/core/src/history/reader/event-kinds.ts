/**
 * What each history event type is to the reader. AWS's event types follow a few patterns
 * (`<Type>StateEntered`, `Task*`, `LambdaFunction*`, ...); a type is classified once and
 * remembered, as a history repeats a few dozen of them.
 */
import type { ExecutionStatus } from '../../runtime/execution.js';

export type EventKind =
  | 'execution'
  | 'entered'
  | 'exited'
  | 'iteration'
  | 'started'
  | 'failed'
  | 'joined'
  | 'aborted'
  | 'evaluation'
  | 'task'
  | 'other';

const KINDS = new Map<string, EventKind>();

/** What an event type is to the reader; remembered, as a history repeats a few dozen types. */
export function kindOf(type: string): EventKind {
  let kind = KINDS.get(type);
  if (kind !== undefined) return kind;
  if (type.startsWith('Execution')) kind = 'execution';
  else if (type.endsWith('StateEntered')) kind = 'entered';
  else if (type.endsWith('StateExited')) kind = 'exited';
  else if (type.startsWith('MapIteration')) kind = 'iteration';
  else if (type === 'ParallelStateStarted' || type === 'MapStateStarted') kind = 'started';
  else if (type === 'ParallelStateFailed' || type === 'MapStateFailed') kind = 'failed';
  else if (type === 'ParallelStateSucceeded' || type === 'MapStateSucceeded') kind = 'joined';
  else if (type.endsWith('StateAborted')) kind = 'aborted';
  else if (type === 'EvaluationFailed') kind = 'evaluation';
  else if (TASK_EVENT.test(type)) kind = 'task';
  else kind = 'other';
  // Bounded: a hostile stream may invent any number of types.
  if (KINDS.size < 500) KINDS.set(type, kind);
  return kind;
}

export const TASK_SCHEDULED = new Set(['TaskScheduled', 'LambdaFunctionScheduled', 'ActivityScheduled']);
export const TASK_FAILURE = /^(Task|LambdaFunction|Activity)(Failed|TimedOut|StartFailed|SubmitFailed|ScheduleFailed)$/;
const TASK_EVENT = /^(Task|LambdaFunction|Activity)[A-Z]/;
/**
 * The execution status each terminal Execution* event records. No prototype: a history's event
 * type (an imported one is anybody's text) never finds `constructor` or `toString` here.
 */
export const END_STATUS: Readonly<Record<string, Exclude<ExecutionStatus, 'RUNNING'>>> = Object.freeze(
  Object.assign(
    Object.create(null) as Record<string, Exclude<ExecutionStatus, 'RUNNING'>>,
    {
      ExecutionSucceeded: 'SUCCEEDED',
      ExecutionFailed: 'FAILED',
      ExecutionAborted: 'ABORTED',
      ExecutionTimedOut: 'TIMED_OUT',
    } as const,
  ),
);
