/**
 * What a durable execution leaves behind: one record (what started it, and how it ended) and
 * its history events, in order. An `ExecutionStore` keeps both; `resumeExecution` rebuilds a
 * running execution from them after a restart (docs/guide/durable-executions.md).
 *
 * The interface is synchronous on purpose: an event batch is written before the engine takes
 * its next step, so no store write can race a later one, and the stores aslkit ships (memory,
 * SQLite through better-sqlite3) are synchronous anyway.
 */
import type { Json } from '../json.js';
import type { HistoryEvent } from '../history/events.js';
import type { ExecutionStatus } from '../runtime/execution.js';
import type { ExecutionType } from '../runtime/execution-type.js';
import type { MockScript } from '../resolvers/mocks.js';

/** How the machine was built (`StateMachine.from`'s options), so a resume builds the same one. */
export interface StoredMachineOptions {
  name: string;
  region: string;
  accountId: string;
  roleArn: string;
  type: ExecutionType;
  validate: boolean;
}

/**
 * The start options that decide what an execution does, as given to `start` (or drawn there:
 * the seed and the start time). Replaying with them gives the same history again.
 * `Infinity` limits are kept as `null` (JSON has no Infinity).
 */
export interface StoredStartOptions {
  seed: string;
  /** The start time, in ms since the epoch. */
  startTime: number;
  realTime?: boolean;
  /** Only when the caller named the execution: a default name is drawn from the seed. */
  name?: string;
  type?: ExecutionType;
  mocks?: MockScript;
  limits?: { payloadBytes?: number | null; stateTransitions?: number | null; queryBudgets?: Json };
  history?: { record?: boolean; maxEvents?: number | null };
}

/**
 * The latest redrive of a stored execution (`StateMachine.redrive` with `store`): what a resume
 * needs to go on with it rather than with the first run.
 */
export interface StoredRedrive {
  /** How many events the history held when it was redriven: the redrive's own events follow them. */
  priorEvents: number;
  /** The redrive time (`$$.Execution.RedriveTime`), in ms since the epoch. */
  time: number;
  /** The redrive's seed (its task tokens and `States.UUID`s). */
  seed: string;
  /** The Map Runs the redrive was given (`RedriveSource.mapRuns`), as JSON. */
  mapRuns?: Json;
}

/** One execution as the store keeps it. */
export interface ExecutionRecord {
  executionArn: string;
  name: string;
  stateMachineArn: string;
  /** The definition, as JSON text. */
  definition: string;
  machine: StoredMachineOptions;
  /** The execution's input, as JSON text. */
  input: string;
  start: StoredStartOptions;
  /** `RUNNING` until the batch holding the execution's last event is written. */
  status: ExecutionStatus;
  /** ISO-8601 times, as in `ExecutionResult`. */
  startDate: string;
  stopDate?: string;
  /**
   * Set by `recordHeartbeat`: per task token, when its latest SendTaskHeartbeat came (ms since the
   * epoch, on the execution's clock). A resume counts the task's HeartbeatSeconds from it.
   */
  heartbeats?: Record<string, number>;
  /** Set by `redriveExecution`: the latest redrive, which a resume goes on with. */
  redrive?: StoredRedrive;
  /** Whatever the host keeps with the execution (a service's tags, its machine version): stored as given. */
  meta?: Json;
}

/** How an execution ended, written in the same transaction as its last events. */
export interface ExecutionEnd {
  status: Exclude<ExecutionStatus, 'RUNNING'>;
  stopDate: string;
}

/** One execution's new events, for `ExecutionStore.appendBatches`. */
export interface EventBatch {
  executionArn: string;
  events: readonly HistoryEvent[];
  end?: ExecutionEnd | undefined;
}

/**
 * Where durable executions live. Implementations: `MemoryExecutionStore` (here), and
 * `SqliteExecutionStore` in `@aslkit/sqlite`. Every method may throw; the engine then stops
 * persisting that execution and stops it (docs/guide/durable-executions.md).
 */
export interface ExecutionStore {
  /**
   * Saves a new execution before its first event.
   * @throws AslkitError `ExecutionAlreadyExists` when the ARN is taken.
   */
  createExecution(record: ExecutionRecord): void;
  /**
   * Appends events (ids following on from the stored ones, without a gap) and, with `end`,
   * sets the status, all in one transaction: a crash keeps either all of them or none.
   * @throws AslkitError `ExecutionDoesNotExist`; any error on an id that is not the next one.
   */
  appendEvents(executionArn: string, events: readonly HistoryEvent[], end?: ExecutionEnd): void;
  /**
   * Optional: several executions' `appendEvents` in one transaction (the engine calls it with the
   * batches of all executions recorded before the same microtask). All are written or none; on
   * a throw the engine writes each batch alone, so only the faulty one fails.
   */
  appendBatches?(batches: readonly EventBatch[]): void;
  /**
   * Optional (without it a redrive is not written to the store, and not resumed): the stopped
   * execution runs again. Sets its status back to `RUNNING`, drops its `stopDate` and keeps `redrive` in
   * its record, so that a resume after a crash goes on with the redrive.
   * @throws AslkitError `ExecutionDoesNotExist`
   */
  redriveExecution?(executionArn: string, redrive: StoredRedrive): void;
  /**
   * Optional (without it heartbeats are not durable: after a resume a task's HeartbeatSeconds
   * counts from its attempt's start): keeps `at` as the latest heartbeat of `token` in the
   * record's `heartbeats`.
   * @throws AslkitError `ExecutionDoesNotExist`
   */
  recordHeartbeat?(executionArn: string, token: string, at: number): void;
  /** The record, or `undefined`. */
  getExecution(executionArn: string): ExecutionRecord | undefined;
  /** Every execution in `status` (all when it is left out), oldest first. */
  listExecutions(filter?: { status?: ExecutionStatus }): ExecutionRecord[];
  /** The stored events of an execution, in id order (empty when there is none). */
  loadEvents(executionArn: string): HistoryEvent[];
}

/** A record with `at` as the latest heartbeat of `token` (`recordHeartbeat`, shared by the stores aslkit ships). */
export function heartbeatRecord(record: ExecutionRecord, token: string, at: number): ExecutionRecord {
  return { ...record, heartbeats: { ...record.heartbeats, [token]: at } };
}

/** A stopped execution's record as `redriveExecution` leaves it (shared by the stores aslkit ships). */
export function redriveRecord(record: ExecutionRecord, redrive: StoredRedrive): ExecutionRecord {
  const { stopDate: _stopDate, ...rest } = record;
  return { ...rest, status: 'RUNNING', redrive };
}
