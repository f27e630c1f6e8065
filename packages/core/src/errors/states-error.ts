/**
 * The one error class ASL can see: Retry and Catch match on `name`, which is AWS's error
 * string (`States.Runtime`, `Lambda.ServiceException`, a user's `OrderRejected`, ...).
 */
export const ErrorName = {
  ALL: 'States.ALL',
  Runtime: 'States.Runtime',
  TaskFailed: 'States.TaskFailed',
  Timeout: 'States.Timeout',
  HeartbeatTimeout: 'States.HeartbeatTimeout',
  Permissions: 'States.Permissions',
  ResultPathMatchFailure: 'States.ResultPathMatchFailure',
  ParameterPathFailure: 'States.ParameterPathFailure',
  BranchFailed: 'States.BranchFailed',
  NoChoiceMatched: 'States.NoChoiceMatched',
  IntrinsicFailure: 'States.IntrinsicFailure',
  ExceedToleratedFailureThreshold: 'States.ExceedToleratedFailureThreshold',
  ItemReaderFailed: 'States.ItemReaderFailed',
  ResultWriterFailed: 'States.ResultWriterFailed',
  DataLimitExceeded: 'States.DataLimitExceeded',
  QueryEvaluationError: 'States.QueryEvaluationError',
} as const;

export type KnownErrorName = (typeof ErrorName)[keyof typeof ErrorName];

export class StatesError extends Error {
  /** AWS's error name; `undefined` when a task failed without one (SendTaskFailure with no error). */
  readonly error: string | undefined;
  /** AWS's cause string; `undefined` when none was given. */
  readonly causeText: string | undefined;

  constructor(error: string | undefined, cause?: string) {
    super(cause ?? error ?? 'task failed');
    this.error = error;
    this.causeText = cause;
    this.name = error ?? ErrorName.TaskFailed;
  }
}

/**
 * A Task's HeartbeatSeconds ran out. AWS records it as `States.Timeout` (TaskTimedOut,
 * ExecutionFailed), and a Retry or Catch on `States.HeartbeatTimeout` handles it as well as one on
 * `States.Timeout` (AWS's error-handling guide: that name is only available in Retry and Catch).
 */
export class HeartbeatExpiredError extends StatesError {
  constructor() {
    super(ErrorName.Timeout, '');
  }
}

/** Shorthand for the many `States.Runtime` failures with a message. */
export const runtimeError = (cause: string): StatesError => new StatesError(ErrorName.Runtime, cause);
