/**
 * One execution of a state machine: starts on the next microtask (so listeners attached
 * right after `start()` see every event), runs the root scope under the execution timeout,
 * and ends with exactly one of ExecutionSucceeded / Failed / Aborted / TimedOut.
 */
import { type Json, parseJson } from '../json.js';
import { NOT_TRUNCATED, type HistoryEvent } from '../history/events.js';
import { HistoryLimitExceeded, HistoryRecorder, type HistoryListener } from '../history/recorder.js';
import { followEvents } from '../history/stream.js';
import { ErrorName, StatesError } from '../errors/states-error.js';
import { UsageError } from '../errors/aslkit-error.js';
import { ErrorCode } from '../errors/error-codes.js';
import { AbortedError, isoTimestamp, type Clock } from './clock.js';
import { Fiber, type EveryField, type ExecutionEnv } from './fiber.js';
import { runScope } from './run-state.js';
import { TaskTokens, type HeartbeatLog } from './task-tokens.js';
import { VariableScope } from './variables.js';
import type { InspectionListener, StateInspection } from './inspection.js';
import { onAbort, StopSignal, type Abortable } from './abort-listeners.js';
import type { MapRun, MapRunRecord } from '../distributed/map-run.js';
import type { ScopePlan } from '../redrive/redrive-plan.js';
import { executionNotRedrivable } from '../redrive/redrive-status.js';
import type { RedriveOptions } from './state-machine.js';
import { executionEnd } from '../durable/persist-events.js';
import type { ExecutionEnd } from '../durable/execution-store.js';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface ExecutionResult {
  status: Exclude<ExecutionStatus, 'RUNNING'>;
  /** Present when SUCCEEDED. */
  output?: Json;
  error?: string;
  cause?: string;
  executionArn: string;
  startDate: string;
  stopDate: string;
  /** Every recorded event (empty when recording was turned off). */
  history: HistoryEvent[];
  /** Every attempt's stages, in the order attempts ended (present when started with `inspect: true`). */
  inspections?: StateInspection[];
  /** A redriven execution: how many times it was redriven, and when last (absent for one never redriven). */
  redriveCount?: number;
  redriveDate?: string;
}

type StopReason = { kind: 'stop'; error?: string; cause?: string } | { kind: 'timeout' };

export interface ExecutionInit {
  env: Omit<ExecutionEnv, 'tokens' | 'recorder' | 'transitions' | 'inspect' | 'mapRuns'> & { inspect?: boolean };
  recorder: HistoryRecorder;
  inputText: string;
  input: Json;
  /** Variables the root scope starts with (`StartOptions.variables`). */
  variables?: Record<string, Json>;
  executionArn: string;
  name: string;
  roleArn: string;
  /** How long the execution may run at most, for its type (Standard: one year; Express: 5 minutes). */
  maxDurationSeconds: number;
  /** A resumed execution: settles when its stored history is replayed. */
  replayed?: Promise<void>;
  /**
   * A distributed Map's child: it answers the parent's task tokens, lists its Map Runs with the
   * parent's, and is stopped when the parent's signal aborts.
   */
  parent?: { tokens: TaskTokens; mapRuns: MapRunRecord[]; signal: Abortable };
  /**
   * Whether the execution sets its own deadline timer (default true). A STANDARD child of a Map Run
   * does not: its year cannot end before its parent's, and 10,000 running children would each keep
   * a timer on the clock.
   */
  deadline?: boolean;
  /**
   * A redrive of a stopped execution whose history the recorder already holds: ExecutionRedriven
   * follows it, then the run goes on where `plan` says (from the start when it says nothing).
   */
  redrive?: { count: number; startDate: string; date: string; plan: ScopePlan | undefined };
  /** A durable execution's heartbeats: where they are kept, and those kept before a restart. */
  heartbeats?: HeartbeatLog;
  /** What `redrive()` calls: the machine's redrive, with the options this execution was started with. */
  redriver?: (execution: Execution, options: RedriveOptions) => Execution;
}

export class Execution {
  readonly executionArn: string;
  readonly name: string;
  /** Settles when the execution ends; never rejects for a failed execution (that is a result). */
  readonly result: Promise<ExecutionResult>;
  /**
   * Settles once a resumed execution has replayed its stored history and runs live (at once for
   * one that was started): from then on the task tokens it still waits on can be answered.
   */
  readonly replayed: Promise<void>;
  private currentStatus: ExecutionStatus = 'RUNNING';
  private readonly recorder: HistoryRecorder;
  /** The execution's stop signal: a stop or its deadline aborts it with a `StopReason`. */
  private readonly stopSignal = new StopSignal();
  private readonly tokens: TaskTokens;
  private readonly clock: Clock;
  private readonly inspections: StateInspection[] | undefined;
  private inspectionListeners: Set<InspectionListener> | undefined;
  private readonly runs: MapRunRecord[];
  private readonly redriver: ExecutionInit['redriver'];

  constructor(init: ExecutionInit) {
    this.redriver = init.redriver;
    this.inspections = init.env.inspect ? [] : undefined;
    this.executionArn = init.executionArn;
    this.name = init.name;
    this.recorder = init.recorder;
    this.clock = init.env.clock;
    this.tokens = init.parent?.tokens ?? new TaskTokens(init.heartbeats);
    this.runs = init.parent?.mapRuns ?? [];
    // A child leaves no listener behind on its parent's signal: a Map Run may start 100,000 children.
    const stopWithParent = init.parent ? onAbort(init.parent.signal, () => this.stop()) : undefined;
    this.result = Promise.resolve()
      .then(() => this.run(init))
      .catch((error: unknown) => this.lastResort(error))
      .finally(stopWithParent);
    // A replay that stops short (it diverged) settles with the execution.
    this.replayed = init.replayed
      ? Promise.race([init.replayed, this.result.then(() => undefined)])
      : Promise.resolve();
  }

  get status(): ExecutionStatus {
    return this.currentStatus;
  }

  /** The events recorded so far. */
  get history(): readonly HistoryEvent[] {
    return this.recorder.events;
  }

  /**
   * The Map Runs its distributed Map states started (nested ones included), in start order: each
   * with its children's status, input, output and (per `StartOptions.mapRuns`) history.
   */
  get mapRuns(): readonly MapRun[] {
    return this.runs;
  }

  /** Every event, past and future, as an async iterator that ends with the execution. */
  events(): AsyncIterable<HistoryEvent> {
    return followEvents({
      recorded: this.recorder.events,
      subscribe: (l) => this.recorder.subscribe(l),
      done: this.result,
    });
  }

  /** Calls `listener` for each new event; returns the unsubscribe function. */
  subscribe(listener: HistoryListener): () => void {
    return this.recorder.subscribe(listener);
  }

  /**
   * Calls `listener` with each attempt's stages as the attempt ends (runs started with
   * `inspect: true`); returns the unsubscribe function.
   */
  subscribeInspections(listener: InspectionListener): () => void {
    const listeners = (this.inspectionListeners ??= new Set());
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  /** Stops the execution; it ends ABORTED with the given error and cause (StopExecution). */
  stop(error?: string, cause?: string): void {
    if (this.currentStatus !== 'RUNNING' || this.stopSignal.aborted) return;
    this.stopSignal.abort({ kind: 'stop', error, cause } satisfies StopReason);
  }

  /** Stops virtual time until the returned function is called; a debugger holds it while paused. */
  holdClock(): () => void {
    return this.clock.hold();
  }

  /** Answers a `.waitForTaskToken` task with its output (SendTaskSuccess). */
  sendTaskSuccess(taskToken: string, output: Json): void {
    const normalized = JSON.stringify(output);
    if (normalized === undefined) throw new UsageError(ErrorCode.InvalidOutput, 'Task output must be a JSON value');
    this.tokens.answer(taskToken, { ok: true, output: parseJson(normalized) });
  }

  /** Fails a `.waitForTaskToken` task (SendTaskFailure). */
  sendTaskFailure(taskToken: string, error?: string, cause?: string): void {
    this.tokens.answer(taskToken, { ok: false, error, cause });
  }

  /**
   * The task tokens of this execution's `.waitForTaskToken` tasks that are open now: a host that
   * resumed the execution routes SendTaskSuccess/Failure by them (tokens are drawn from the seed,
   * so they are the same after a restart).
   */
  openTaskTokens(): string[] {
    return this.tokens.openTokens();
  }

  /**
   * Redrives the execution once it stopped FAILED, ABORTED or TIMED_OUT, as AWS's RedriveExecution
   * does: a new `Execution` with the same ARN whose history goes on after this one's
   * (`ExecutionRedriven`), entering again the states that did not finish with their recorded input;
   * states that finished (branches, iterations included) do not run again. `options` default to
   * this execution's own start options (resolvers, mocks ...); pass fixed resolvers here.
   * @throws AslkitError `ExecutionNotRedrivable` (the reason as its message) while it runs, once it
   * succeeded, for an Express execution, or past AWS's limits (docs/guide/redrive.md).
   * @example
   * const failed = await execution.result;
   * const redriven = await execution.redrive({ resolvers: fixed }).result;
   */
  redrive(options: RedriveOptions = {}): Execution {
    if (this.currentStatus === 'RUNNING') throw executionNotRedrivable('Execution is RUNNING and cannot be redriven');
    if (!this.redriver) throw new UsageError(ErrorCode.Usage, 'This execution cannot be redriven: it has no machine');
    if (this.recorder.events.length === 0)
      throw new UsageError(
        ErrorCode.Usage,
        'This execution cannot be redriven: its history was not kept (history.record)',
      );
    return this.redriver(this, options);
  }

  /** Resets a task's HeartbeatSeconds timer (SendTaskHeartbeat). */
  sendTaskHeartbeat(taskToken: string): void {
    this.tokens.heartbeat(taskToken);
  }

  private async run(init: ExecutionInit): Promise<ExecutionResult> {
    // Written out, not spread: a spread of the init object fell to V8's slow clone path, the
    // largest single cost of a short execution (profile of W8, docs/benchmarks.md).
    const { machine, clock, random, resolvers, missingResolverMessage, limits, region, contextBase, gate } = init.env;
    const { startAt, objectStore, mapRunOptions } = init.env;
    const env: EveryField<ExecutionEnv> = {
      machine,
      clock,
      random,
      resolvers,
      missingResolverMessage,
      limits,
      region,
      contextBase,
      gate,
      startAt,
      inspect: this.inspections ? (inspection: StateInspection) => this.inspected(inspection) : undefined,
      objectStore,
      mapRunOptions,
      mapRuns: this.runs,
      tokens: this.tokens,
      recorder: this.recorder,
      transitions: 0,
    };
    const redrive = init.redrive;
    const startDate = redrive?.startDate ?? isoTimestamp(this.clock.now());
    const variables = new VariableScope();
    if (init.variables) variables.assign(init.variables);
    // A redrive's first event follows the stopped history's last one.
    const root = new Fiber(env, variables, this.stopSignal, redrive ? this.recorder.count : 0);
    let status: ExecutionResult['status'];
    let output: Json | undefined;
    let error: string | undefined;
    let cause: string | undefined;
    let cancelDeadline: (() => void) | undefined;
    try {
      if (redrive) root.record('ExecutionRedriven', { executionRedrivenEventDetails: { redriveCount: redrive.count } });
      // AWS starts the first state's chain at 0, not at ExecutionStarted.
      else
        root.recordUnchained('ExecutionStarted', {
          executionStartedEventDetails: { input: init.inputText, inputDetails: NOT_TRUNCATED, roleArn: init.roleArn },
        });
      // The execution's deadline: its TimeoutSeconds, and at the latest its type's maximum duration,
      // which AWS enforces on every execution. On the virtual clock it is a timer like any other, so
      // an execution that waits on nothing else (a callback nobody answers) skips to it.
      const timeoutSeconds = Math.min(env.machine.timeoutSeconds ?? Infinity, init.maxDurationSeconds);
      if (init.deadline !== false) {
        cancelDeadline = this.clock.timer(timeoutSeconds * 1000, () =>
          this.stopSignal.abort({ kind: 'timeout' } satisfies StopReason),
        );
      }
      output = await runScope(env.machine.root, init.input, root, redrive?.plan);
      status = 'SUCCEEDED';
    } catch (thrown) {
      const reason = this.stopSignal.reason as StopReason | undefined;
      if (thrown instanceof AbortedError && reason?.kind === 'timeout') {
        status = 'TIMED_OUT';
        error = ErrorName.Timeout;
      } else if (thrown instanceof AbortedError && reason?.kind === 'stop') {
        status = 'ABORTED';
        error = reason.error;
        cause = reason.cause;
      } else if (thrown instanceof StatesError) {
        status = 'FAILED';
        error = thrown.error;
        cause = thrown.causeText;
      } else if (thrown instanceof HistoryLimitExceeded) {
        status = 'FAILED';
        error = ErrorName.Runtime;
        cause = thrown.message;
      } else {
        // A bug in host code (a listener, a gate) must not crash the caller: it fails the run.
        status = 'FAILED';
        error = ErrorName.Runtime;
        cause = `aslkit internal error: ${thrown instanceof Error ? thrown.message : String(thrown)}`;
      }
    } finally {
      cancelDeadline?.();
    }
    const divergence = this.recorder.divergence;
    if (divergence) {
      // Whatever the run made of the first mismatch, the cause is the mismatch itself.
      status = 'FAILED';
      error = ErrorName.Runtime;
      cause = divergence.message;
      output = undefined;
    }
    this.finish(root, status, output, error, cause);
    this.currentStatus = status;
    // AWS's stopDate is the time of the terminal event; a later clock reading could differ by a tick.
    const stopDate = this.lastEventEnd()?.stopDate ?? isoTimestamp(this.clock.now());
    return executionResult(
      status,
      output,
      error,
      cause,
      this.executionArn,
      startDate,
      stopDate,
      this.recorder.events,
      this.inspections,
      redrive,
    );
  }

  private lastEventEnd(): ExecutionEnd | undefined {
    const last = this.recorder.events.at(-1);
    return last && executionEnd(last);
  }

  private inspected(inspection: StateInspection): void {
    this.inspections!.push(inspection);
    for (const listener of this.inspectionListeners ?? []) {
      try {
        listener(inspection);
      } catch {
        // A listener's bug must not change the execution it watches.
      }
    }
  }

  /**
   * A failure of aslkit itself after the run ended (a host listener, a clock gone wrong): the
   * result still settles, as documented, with what is known.
   */
  private lastResort(error: unknown): ExecutionResult {
    this.currentStatus = 'FAILED';
    const safeNow = (): string => {
      try {
        return isoTimestamp(this.clock.now());
      } catch {
        return '';
      }
    };
    return {
      status: 'FAILED',
      error: ErrorName.Runtime,
      cause: `aslkit internal error: ${error instanceof Error ? error.message : String(error)}`,
      executionArn: this.executionArn,
      startDate: safeNow(),
      stopDate: safeNow(),
      history: this.recorder.events,
    };
  }

  private finish(
    root: Fiber,
    status: ExecutionResult['status'],
    output: Json | undefined,
    error?: string,
    cause?: string,
  ): void {
    const details = {
      ...(error === undefined ? {} : { error }),
      ...(cause === undefined || (cause === '' && error === ErrorName.Timeout) ? {} : { cause }),
    };
    try {
      if (status === 'SUCCEEDED') {
        root.record('ExecutionSucceeded', {
          executionSucceededEventDetails: { output: JSON.stringify(output), outputDetails: NOT_TRUNCATED },
        });
      } else if (status === 'FAILED') root.record('ExecutionFailed', { executionFailedEventDetails: details });
      else {
        // AWS chains neither ExecutionTimedOut nor ExecutionAborted to the interrupted state's events.
        if (status === 'TIMED_OUT')
          root.recordUnchained('ExecutionTimedOut', { executionTimedOutEventDetails: details });
        else root.recordUnchained('ExecutionAborted', { executionAbortedEventDetails: details });
      }
    } catch {
      // A throwing listener cannot stop the execution from ending.
    }
  }
}

/**
 * The result, its optional fields only where they apply, in this order. Built by assignment: a
 * literal with conditional spreads takes V8's slow object path, once per execution.
 */
function executionResult(
  status: ExecutionResult['status'],
  output: Json | undefined,
  error: string | undefined,
  cause: string | undefined,
  executionArn: string,
  startDate: string,
  stopDate: string,
  history: HistoryEvent[],
  inspections: StateInspection[] | undefined,
  redrive: ExecutionInit['redrive'],
): ExecutionResult {
  const result: { -readonly [K in keyof ExecutionResult]: ExecutionResult[K] } = { status } as ExecutionResult;
  if (status === 'SUCCEEDED') result.output = output;
  if (error !== undefined) result.error = error;
  if (cause !== undefined) result.cause = cause;
  result.executionArn = executionArn;
  result.startDate = startDate;
  result.stopDate = stopDate;
  result.history = history;
  if (inspections) result.inspections = inspections;
  if (redrive) {
    result.redriveCount = redrive.count;
    result.redriveDate = redrive.date;
  }
  return result;
}
