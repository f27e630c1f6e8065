/**
 * AWS's TestState API, as its request and response are shaped (field names and JSON-text fields
 * as AWS sends them), so a request written for AWS runs here unchanged and the answer compares
 * with AWS's.
 */

/** How much of the data flow the answer shows. `INFO` (the default) shows none. */
export type InspectionLevel = 'INFO' | 'DEBUG' | 'TRACE';

/** How a mocked result is checked against the response shape of the API the Task calls (default `STRICT`). */
export type FieldValidationMode = 'STRICT' | 'PRESENT' | 'NONE';

export interface TestStateMock {
  /** The state's result as JSON text. */
  result?: string;
  /** The error the state raises instead of producing a result. */
  errorOutput?: { error?: string; cause?: string };
  fieldValidationMode?: FieldValidationMode;
}

export interface TestStateConfiguration {
  /** Retries already made by the Retrier that matches the error (0 by default). */
  retrierRetryCount?: number;
  /** Map and Parallel: the state inside whose failure `mock.errorOutput` stands for. */
  errorCausedByState?: string;
  /** Map: how many iterations failed (checked against ToleratedFailureCount/Percentage). */
  mapIterationFailureCount?: number;
  /** Map with an ItemReader: what the reader would have read, as JSON text. */
  mapItemReaderData?: string;
}

/** AWS's `TestState` request. JSON-text fields may also be given as values (an aslkit convenience). */
export interface TestStateRequest {
  /** One state (`{"Type": ...}`), or a whole machine when `stateName` is set. JSON text or a value. */
  definition: string | object;
  /** The state to test inside a whole machine; it may be nested in a Parallel branch or Map processor. */
  stateName?: string;
  /** The state's input as JSON text (default `{}`). */
  input?: string;
  inspectionLevel?: InspectionLevel;
  /** The role TestState would use to call services; without a mock a Task needs one. */
  roleArn?: string;
  /** Variables visible to the state, as a JSON object text. */
  variables?: string;
  /** A context object (`$$`) to use instead of the one TestState makes, as JSON text. */
  context?: string;
  mock?: TestStateMock;
  stateConfiguration?: TestStateConfiguration;
  revealSecrets?: boolean;
}

/** `RETRIABLE`: a Retrier matched with attempts left; `CAUGHT_ERROR`: a Catcher matched. */
export type TestExecutionStatus = 'SUCCEEDED' | 'FAILED' | 'RETRIABLE' | 'CAUGHT_ERROR';

export interface InspectionErrorDetails {
  catchIndex?: number;
  retryIndex?: number;
  retryBackoffIntervalSeconds?: number;
}

/** The value after each stage, as JSON text; which fields appear depends on the state type and query language. */
export interface InspectionData {
  input?: string;
  afterInputPath?: string;
  afterParameters?: string;
  afterArguments?: string;
  result?: string;
  afterResultSelector?: string;
  afterResultPath?: string;
  afterItemsPath?: string;
  afterItemSelector?: string;
  afterItemBatcher?: string;
  afterItemsPointer?: string;
  variables?: string;
  errorDetails?: InspectionErrorDetails;
  maxConcurrency?: number;
  toleratedFailureCount?: number;
  toleratedFailurePercentage?: number;
  /** HTTP Task at `TRACE`: the HTTP request made. */
  request?: InspectionDataRequest;
  /** HTTP Task at `TRACE`: the HTTP response received. */
  response?: InspectionDataResponse;
}

/** The HTTP request of an HTTP Task, as TestState shows it at `TRACE`; headers as `[name: value, ...]`. */
export interface InspectionDataRequest {
  protocol: string;
  method: string;
  url: string;
  headers: string;
  body: string;
}

/** The HTTP response of an HTTP Task, as TestState shows it at `TRACE`; the status code as text. */
export interface InspectionDataResponse {
  protocol: string;
  statusCode: string;
  statusMessage: string;
  headers: string;
  body: string;
}

/** AWS's `TestState` response (without `ResponseMetadata`). */
export interface TestStateResponse {
  status: TestExecutionStatus;
  /** The state's output as JSON text. */
  output?: string;
  error?: string;
  cause?: string;
  nextState?: string;
  inspectionData?: InspectionData;
}
