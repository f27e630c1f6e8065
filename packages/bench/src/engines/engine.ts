/**
 * The one interface both engines are driven through, so every workload runs the same way.
 */

export type EngineName = 'aslkit' | 'peer' | 'limit';

export interface EngineOptions {
  /** Task state name → local function (the peer overrides Tasks by state name, so aslkit routes the same way). */
  tasks: Record<string, TaskHandler>;
  /** aslkit only: keep events in memory (`history.record`). */
  recordHistory: boolean;
  /** Peer only: consume its `eventLogs` into an array. It queues every event either way: it has no off switch. */
  drainEvents: boolean;
  /** aslkit only: `history.maxEvents: Infinity`. */
  liftHistoryLimit: boolean;
  /** aslkit only: `limits.payloadBytes: Infinity`. */
  liftPayloadLimit: boolean;
  /** Peer only: validate the definition on construction (its default; `false` is its `noValidate` option). */
  validate: boolean;
  /** The workload's id: the limit engine picks its hand-written program by it. */
  workloadId: string;
}

export type TaskHandler = (input: unknown) => unknown;

export interface EventCounts {
  /** Events the engine recorded or emitted, when it exposes them. */
  events: number | undefined;
  /** States entered, when the recorded events show it. */
  statesEntered: number | undefined;
}

export interface EngineRun {
  output: unknown;
  /** Counts the events after the timed part, so counting is not measured. */
  countEvents(): EventCounts;
  /** Whatever the engine keeps alive after the run (history, queues), so memory counts it. */
  retained: unknown;
}

/** Executions that were started and now all wait on a callback. */
export interface WaitingExecutions {
  /** Answers every callback and resolves with the last execution once all have ended. */
  answerAll(): Promise<EngineRun>;
}

export interface PreparedMachine {
  run(input: unknown): Promise<EngineRun>;
  /**
   * Starts one execution per input and resolves once each waits on its `.waitForTaskToken`
   * callback. Absent when the engine has no callbacks.
   */
  startWaiting?(inputs: readonly unknown[]): Promise<WaitingExecutions>;
}

export interface Engine {
  readonly name: EngineName;
  /** Parses, validates and compiles the definition (not timed as part of the run). */
  prepare(definition: object, options: EngineOptions): PreparedMachine;
}
