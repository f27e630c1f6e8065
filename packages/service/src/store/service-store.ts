/**
 * What the service keeps: state machines, executions with their histories, activities and tags,
 * as plain JSON-ready records. The service reads and writes only through this interface, so a
 * durable store (SQLite, @aslkit/core's ExecutionStore) can replace the in-memory one: it must
 * keep these records and, to resume executions after a restart, their appended events.
 */
import type { ExecutionStatus, ExecutionStore, ExecutionType, HistoryEvent, MapRun } from '@aslkit/core';

export interface Tag {
  key: string;
  value: string;
}

export interface MachineRecord {
  arn: string;
  name: string;
  type: ExecutionType;
  definition: string;
  roleArn: string;
  /** Epoch milliseconds. */
  creationDate: number;
  updateDate?: number;
  revisionId: string;
  loggingConfiguration: unknown;
  tracingConfiguration: unknown;
}

export interface ExecutionRecord {
  arn: string;
  machineArn: string;
  name: string;
  type: ExecutionType;
  status: ExecutionStatus;
  input: string;
  /** The definition it started with (DescribeStateMachineForExecution), and the machine's revision then. */
  definition: string;
  revisionId: string;
  roleArn: string;
  startDate: number;
  stopDate?: number;
  output?: string;
  error?: string;
  cause?: string;
  /** The `#TestCase` of a Step Functions Local mock config the execution was started with. */
  testCase?: string;
  traceHeader?: string;
  /** Redrives so far (RedriveExecution), and when the latest one started (epoch milliseconds). */
  redriveCount?: number;
  redriveDate?: number;
}

export interface ActivityRecord {
  arn: string;
  name: string;
  creationDate: number;
}

/** The service's records. Lists are in creation order; the service sorts and pages them. */
export interface ServiceStore {
  /** Whether what it holds survives the process (the service states it at start). */
  readonly durable: boolean;
  /**
   * Where the engine persists STANDARD executions itself (record, seed, events as reported), so
   * they are resumed after a restart; `events` then reads their history from it and
   * `appendEvents` is not called for them. Absent: the service mirrors every event through
   * `appendEvents`.
   */
  readonly executionStore?: ExecutionStore;
  /** With `executionStore`: the records still RUNNING when the service starts. */
  runningExecutions?(): readonly ExecutionRecord[];
  /**
   * With `executionStore`: keeps the Map Runs an execution started (its own and its children's,
   * each child with its history) once it has ended, replacing what was kept for it before (a
   * redrive's runs include the earlier ones), so they are listed after a restart.
   */
  putMapRuns?(executionArn: string, runs: readonly MapRun[]): void;
  /** What `putMapRuns` kept, per execution, in the order the executions were first kept. */
  storedMapRuns?(): readonly { executionArn: string; runs: readonly MapRun[] }[];
  /** Runs `write` in one transaction, when the store has them. */
  atomic?<T>(write: () => T): T;
  /** Releases the store (the service is closing). */
  close?(): void;

  getMachine(arn: string): MachineRecord | undefined;
  putMachine(record: MachineRecord): void;
  deleteMachine(arn: string): void;
  listMachines(): readonly MachineRecord[];

  getExecution(arn: string): ExecutionRecord | undefined;
  putExecution(record: ExecutionRecord): void;
  listExecutions(machineArn: string): readonly ExecutionRecord[];
  /** Every execution of every machine, in start order (the console). */
  allExecutions(): readonly ExecutionRecord[];
  /** Appends events as the engine records them; a durable store writes them before they are reported. */
  appendEvents(executionArn: string, events: readonly HistoryEvent[]): void;
  events(executionArn: string): readonly HistoryEvent[];

  getActivity(arn: string): ActivityRecord | undefined;
  putActivity(record: ActivityRecord): void;
  deleteActivity(arn: string): void;
  listActivities(): readonly ActivityRecord[];

  tags(resourceArn: string): readonly Tag[];
  setTags(resourceArn: string, tags: readonly Tag[]): void;
}
