/**
 * Execution history events in the shape of AWS's GetExecutionHistory: AWS's `type` names and
 * `*EventDetails` keys, with `input`/`output`/`parameters` as compact JSON strings.
 * `timestamp` is an ISO-8601 string (the API's epoch seconds, made JSON- and diff-friendly).
 */

export interface PayloadDetails {
  truncated: boolean;
}

/** aslkit never truncates payloads; one frozen object serves every event. */
export const NOT_TRUNCATED: PayloadDetails = Object.freeze({ truncated: false });

export interface ExecutionStartedEventDetails {
  input: string;
  inputDetails: PayloadDetails;
  roleArn: string;
}
export interface ExecutionSucceededEventDetails {
  output: string;
  outputDetails: PayloadDetails;
}
export interface ExecutionFailedEventDetails {
  error?: string;
  cause?: string;
}
export type ExecutionAbortedEventDetails = ExecutionFailedEventDetails;
export type ExecutionTimedOutEventDetails = ExecutionFailedEventDetails;
/** A redrive of a stopped execution (RedriveExecution): how many redrives, this one included. */
export interface ExecutionRedrivenEventDetails {
  redriveCount: number;
}

export interface StateEnteredEventDetails {
  name: string;
  input: string;
  inputDetails: PayloadDetails;
}
export interface StateExitedEventDetails {
  name: string;
  output: string;
  outputDetails: PayloadDetails;
  assignedVariables?: Record<string, string>;
  assignedVariablesDetails?: { truncated: boolean };
}

export interface TaskScheduledEventDetails {
  resourceType: string;
  resource: string;
  region: string;
  parameters: string;
  timeoutInSeconds?: number;
  heartbeatInSeconds?: number;
}
export interface TaskResourceDetails {
  resourceType: string;
  resource: string;
}
export interface TaskOutputDetails extends TaskResourceDetails {
  output: string;
  outputDetails: PayloadDetails;
}
export interface TaskErrorDetails extends TaskResourceDetails {
  error?: string;
  cause?: string;
}

export interface LambdaFunctionScheduledEventDetails {
  resource: string;
  input: string;
  inputDetails: PayloadDetails;
  timeoutInSeconds?: number;
}
export interface LambdaFunctionSucceededEventDetails {
  output: string;
  outputDetails: PayloadDetails;
}
export interface ErrorDetails {
  error?: string;
  cause?: string;
}

export interface ActivityScheduledEventDetails {
  resource: string;
  input: string;
  inputDetails: PayloadDetails;
  timeoutInSeconds?: number;
  heartbeatInSeconds?: number;
}
export interface ActivityStartedEventDetails {
  workerName?: string;
}

export interface MapStateStartedEventDetails {
  length: number;
}
export interface MapRunStartedEventDetails {
  mapRunArn: string;
}
export interface MapRunRedrivenEventDetails {
  mapRunArn: string;
  redriveCount: number;
}
export interface MapRunFailedEventDetails {
  error?: string;
  cause?: string;
}
export interface MapIterationEventDetails {
  name: string;
  index: number;
}
export interface EvaluationFailedEventDetails {
  error: string;
  cause: string;
  location?: string;
  state: string;
}

/** Maps each event type to its details key and shape; `never` means no details. */
export interface HistoryEventMap {
  ExecutionStarted: { executionStartedEventDetails: ExecutionStartedEventDetails };
  ExecutionSucceeded: { executionSucceededEventDetails: ExecutionSucceededEventDetails };
  ExecutionFailed: { executionFailedEventDetails: ExecutionFailedEventDetails };
  ExecutionAborted: { executionAbortedEventDetails: ExecutionAbortedEventDetails };
  ExecutionTimedOut: { executionTimedOutEventDetails: ExecutionTimedOutEventDetails };
  ExecutionRedriven: { executionRedrivenEventDetails: ExecutionRedrivenEventDetails };

  PassStateEntered: { stateEnteredEventDetails: StateEnteredEventDetails };
  PassStateExited: { stateExitedEventDetails: StateExitedEventDetails };
  TaskStateEntered: { stateEnteredEventDetails: StateEnteredEventDetails };
  TaskStateExited: { stateExitedEventDetails: StateExitedEventDetails };
  ChoiceStateEntered: { stateEnteredEventDetails: StateEnteredEventDetails };
  ChoiceStateExited: { stateExitedEventDetails: StateExitedEventDetails };
  WaitStateEntered: { stateEnteredEventDetails: StateEnteredEventDetails };
  WaitStateExited: { stateExitedEventDetails: StateExitedEventDetails };
  SucceedStateEntered: { stateEnteredEventDetails: StateEnteredEventDetails };
  SucceedStateExited: { stateExitedEventDetails: StateExitedEventDetails };
  FailStateEntered: { stateEnteredEventDetails: StateEnteredEventDetails };
  ParallelStateEntered: { stateEnteredEventDetails: StateEnteredEventDetails };
  ParallelStateExited: { stateExitedEventDetails: StateExitedEventDetails };
  MapStateEntered: { stateEnteredEventDetails: StateEnteredEventDetails };
  MapStateExited: { stateExitedEventDetails: StateExitedEventDetails };

  TaskScheduled: { taskScheduledEventDetails: TaskScheduledEventDetails };
  TaskStarted: { taskStartedEventDetails: TaskResourceDetails };
  TaskSubmitted: { taskSubmittedEventDetails: TaskOutputDetails };
  TaskSucceeded: { taskSucceededEventDetails: TaskOutputDetails };
  TaskFailed: { taskFailedEventDetails: TaskErrorDetails };
  TaskTimedOut: { taskTimedOutEventDetails: TaskErrorDetails };
  TaskStateAborted: Record<never, never>;

  LambdaFunctionScheduled: { lambdaFunctionScheduledEventDetails: LambdaFunctionScheduledEventDetails };
  LambdaFunctionStarted: Record<never, never>;
  LambdaFunctionSucceeded: { lambdaFunctionSucceededEventDetails: LambdaFunctionSucceededEventDetails };
  LambdaFunctionFailed: { lambdaFunctionFailedEventDetails: ErrorDetails };
  LambdaFunctionTimedOut: { lambdaFunctionTimedOutEventDetails: ErrorDetails };

  ActivityScheduled: { activityScheduledEventDetails: ActivityScheduledEventDetails };
  ActivityStarted: { activityStartedEventDetails: ActivityStartedEventDetails };
  ActivitySucceeded: { activitySucceededEventDetails: LambdaFunctionSucceededEventDetails };
  ActivityFailed: { activityFailedEventDetails: ErrorDetails };
  ActivityTimedOut: { activityTimedOutEventDetails: ErrorDetails };

  WaitStateAborted: Record<never, never>;

  ParallelStateStarted: Record<never, never>;
  ParallelStateSucceeded: Record<never, never>;
  ParallelStateFailed: Record<never, never>;
  ParallelStateAborted: Record<never, never>;

  MapStateStarted: { mapStateStartedEventDetails: MapStateStartedEventDetails };
  MapStateSucceeded: Record<never, never>;
  MapStateFailed: Record<never, never>;
  MapStateAborted: Record<never, never>;
  MapIterationStarted: { mapIterationStartedEventDetails: MapIterationEventDetails };
  MapIterationSucceeded: { mapIterationSucceededEventDetails: MapIterationEventDetails };
  MapIterationFailed: { mapIterationFailedEventDetails: MapIterationEventDetails };
  MapIterationAborted: { mapIterationAbortedEventDetails: MapIterationEventDetails };
  /** A distributed Map's run of child executions (the parent records no iteration events). */
  MapRunStarted: { mapRunStartedEventDetails: MapRunStartedEventDetails };
  MapRunSucceeded: Record<never, never>;
  MapRunFailed: { mapRunFailedEventDetails: MapRunFailedEventDetails };
  MapRunAborted: Record<never, never>;
  MapRunRedriven: { mapRunRedrivenEventDetails: MapRunRedrivenEventDetails };

  EvaluationFailed: { evaluationFailedEventDetails: EvaluationFailedEventDetails };
}

export type HistoryEventType = keyof HistoryEventMap;

export interface HistoryEventEnvelope<T extends HistoryEventType = HistoryEventType> {
  id: number;
  previousEventId: number;
  timestamp: string;
  type: T;
}

/** One event; narrow on `type` to reach its details. */
export type HistoryEvent = {
  [T in HistoryEventType]: HistoryEventEnvelope<T> & HistoryEventMap[T];
}[HistoryEventType];

/** The details part of an event of type `T`, as the recorder takes it. */
export type EventDetails<T extends HistoryEventType> = HistoryEventMap[T];

export type StateEnteredType = Extract<HistoryEventType, `${string}StateEntered`>;
export type StateExitedType = Extract<HistoryEventType, `${string}StateExited`>;
