/**
 * The live side of the service: compiles machines, starts executions on the engine (real time:
 * Waits and timeouts take as long as they say), mirrors each event into the store as it is
 * recorded, routes task tokens to their executions, and closes each record when its execution ends.
 */
import { randomUUID } from 'node:crypto';
import {
  AslkitError,
  DefinitionError,
  ErrorCode,
  StateMachine,
  formatInvalidDefinition,
  TaskError,
  UsageError,
  nestedExecutions,
  resumeAll,
  type Execution,
  type ExecutionResult,
  type ExecutionStatus,
  type HistoryEvent,
  type Json,
  type NestedExecutions,
  type ParsedResource,
  type ResolversOption,
  type SfnLocalMockConfig,
} from '@aslkit/core';
import { errors } from '../api/service-error.js';
import type { ServiceLocation } from '../api/arns.js';
import type { ExecutionRecord, MachineRecord, ServiceStore } from '../store/service-store.js';
import { ActivityTasks } from './activity-tasks.js';
import { TaskAnswers } from './task-answers.js';
import { MapRunIndex } from './map-run-index.js';

export interface RuntimeOptions extends ServiceLocation {
  store: ServiceStore;
  mockConfig?: SfnLocalMockConfig;
  resolvers?: ResolversOption;
}

/** What start-up did with the executions a durable store held as RUNNING. */
export interface ResumeReport {
  /** Running again, their open task tokens answerable. */
  resumed: number;
  /** Found ended in the engine's store (the process died before their record was closed): closed now. */
  closed: number;
  /** Express executions (not durable): closed as ABORTED. */
  aborted: number;
  /** Could not be resumed (left RUNNING for a later start): the execution and why. */
  failures: { executionArn: string; message: string }[];
}

export interface StartRequest {
  input: string;
  name?: string;
  testCase?: string;
  traceHeader?: string;
}

/** What a running execution keeps beyond its record. */
interface Live {
  execution: Execution;
  record: ExecutionRecord;
}

export class ServiceRuntime {
  readonly store: ServiceStore;
  readonly activities: ActivityTasks;
  /** The Map Runs of every execution this process ran, with their children. */
  readonly mapRuns = new MapRunIndex();
  private readonly compiled = new Map<string, { revisionId: string; machine: StateMachine }>();
  private readonly live = new Map<string, Live>();
  private readonly tokens = new Map<string, string>();
  private readonly answers: TaskAnswers;
  private readonly ended = new Set<(record: ExecutionRecord) => void>();
  private readonly nested: NestedExecutions;

  constructor(private readonly options: RuntimeOptions) {
    this.store = options.store;
    // The Map Runs of executions that ended before this process started.
    for (const { executionArn, runs } of this.store.storedMapRuns?.() ?? []) this.mapRuns.watch(executionArn, runs);
    const remember = (token: string, executionArn: string) => this.tokens.set(token, executionArn);
    this.activities = new ActivityTasks(remember);
    const nested = (this.nested = nestedExecutions({
      machines: (arn) => {
        // A version or alias ARN (`...:stateMachine:Name:1`) runs the machine itself.
        const record = this.store.getMachine(arn.split(':').slice(0, 7).join(':'));
        return record && this.machine(record);
      },
      // Children are executions of this service: listed, described, stoppable like any other.
      launch: (machine, input, startOptions) => {
        const record = this.store.getMachine(machine.arn)!;
        try {
          return this.start(record, {
            input: JSON.stringify(input),
            ...(startOptions.name === undefined ? {} : { name: startOptions.name }),
          }).execution!;
        } catch (error) {
          if (error instanceof Error && error.name === ErrorCode.ExecutionAlreadyExists)
            throw new TaskError('StepFunctions.ExecutionAlreadyExistsException', error.message);
          throw error;
        }
      },
    }));
    this.answers = new TaskAnswers({
      ...(options.mockConfig ? { mockConfig: options.mockConfig } : {}),
      ...(options.resolvers ? { resolvers: options.resolvers } : {}),
      nested,
      activities: this.activities.resolver,
      onCallback: remember,
    });
  }

  /** The compiled machine of a record, compiled once per revision. Throws InvalidDefinition. */
  machine(record: MachineRecord): StateMachine {
    const cached = this.compiled.get(record.arn);
    if (cached?.revisionId === record.revisionId) return cached.machine;
    const machine = compile(record.definition, record, this.options);
    this.compiled.set(record.arn, { revisionId: record.revisionId, machine });
    return machine;
  }

  forget(machineArn: string): void {
    this.compiled.delete(machineArn);
  }

  /**
   * Starts an execution, or returns the running one of the same name and input (AWS's
   * idempotency). Throws ExecutionAlreadyExists for a name in use otherwise.
   */
  start(machineRecord: MachineRecord, request: StartRequest): { record: ExecutionRecord; execution?: Execution } {
    const name = request.name ?? randomUUID();
    const machine = this.machine(machineRecord);
    if (machineRecord.type === 'STANDARD') {
      const arn = `${machineRecord.arn.replace(':stateMachine:', ':execution:')}:${name}`;
      const existing = this.store.getExecution(arn);
      if (existing) {
        if (existing.status === 'RUNNING' && existing.input === request.input && existing.testCase === request.testCase)
          return { record: existing, ...(this.live.has(arn) ? { execution: this.live.get(arn)!.execution } : {}) };
        throw errors.executionExists(arn);
      }
    }
    let input: Json;
    try {
      input = JSON.parse(request.input) as Json;
    } catch (error) {
      throw errors.invalidExecutionInput(
        `Invalid State Machine Execution Input: '${error instanceof Error ? error.message : String(error)}'`,
      );
    }
    const resolvers = this.answers.for(machineRecord.name, request.testCase);
    const startDate = Date.now();
    // STANDARD executions go through the engine's store when the service has one: their record
    // and events are persisted as reported, and resumed after a restart. Express ones are not durable.
    const durable = machineRecord.type === 'STANDARD' ? this.store.executionStore : undefined;
    const launch = (): { execution: Execution; record: ExecutionRecord } => {
      let execution: Execution;
      try {
        execution = machine.start(input, {
          name,
          realTime: true,
          startTime: startDate,
          resolvers,
          missingResolverMessage: noAnswer,
          mapRuns: MAP_RUN_OPTIONS,
          ...(durable ? { store: durable } : {}),
        });
      } catch (error) {
        if (error instanceof UsageError) throw errors.invalidExecutionInput(error.message);
        throw error;
      }
      const record: ExecutionRecord = {
        arn: execution.executionArn,
        machineArn: machineRecord.arn,
        name,
        type: machineRecord.type,
        status: 'RUNNING',
        input: request.input,
        definition: machineRecord.definition,
        revisionId: machineRecord.revisionId,
        roleArn: machineRecord.roleArn,
        startDate,
        ...(request.testCase === undefined ? {} : { testCase: request.testCase }),
        ...(request.traceHeader === undefined ? {} : { traceHeader: request.traceHeader }),
      };
      this.store.putExecution(record);
      return { execution, record };
    };
    // The engine's record and the service's land in one transaction: a crash keeps both or neither.
    const { execution, record } = durable && this.store.atomic ? this.store.atomic(launch) : launch();
    // Subscribed before the execution's first microtask: every event reaches the store.
    if (!durable) execution.subscribe((event) => this.store.appendEvents(record.arn, [event]));
    this.track(record, execution);
    return { record, execution };
  }

  /**
   * RedriveExecution: the stopped execution goes on where it stopped, with the definition it was
   * started with (as on AWS, whatever the machine became since), in real time; its events continue
   * its history. Throws ExecutionNotRedrivable with AWS's reason.
   */
  redrive(record: ExecutionRecord): ExecutionRecord {
    const name = machineNameOf(record.machineArn);
    const machine = compile(record.definition, { name, type: record.type, roleArn: record.roleArn }, this.options);
    const redriveDate = Date.now();
    // A STANDARD execution's redrive is kept by the engine's store, as its start was: resumed after a crash.
    const durable = record.type === 'STANDARD' ? this.store.executionStore : undefined;
    const launch = (): { execution: Execution; running: ExecutionRecord } => {
      let execution: Execution;
      try {
        execution = machine.redrive(
          // Its Map Runs, when this process ran them or the store kept them: a redriven Map Run runs only the
          // children that did not succeed.
          {
            executionArn: record.arn,
            history: this.store.events(record.arn),
            mapRuns: this.mapRuns.tracked(record.arn),
          },
          {
            realTime: true,
            redriveTime: redriveDate,
            resolvers: this.answers.for(name, record.testCase),
            missingResolverMessage: noAnswer,
            mapRuns: MAP_RUN_OPTIONS,
            ...(durable ? { store: durable } : {}),
          },
        );
      } catch (error) {
        if (error instanceof AslkitError && error.code === ErrorCode.ExecutionNotRedrivable)
          throw errors.executionNotRedrivable(error.message);
        throw error;
      }
      const { stopDate: _stop, output: _output, error: _error, cause: _cause, ...kept } = record;
      const running: ExecutionRecord = {
        ...kept,
        status: 'RUNNING',
        redriveCount: (record.redriveCount ?? 0) + 1,
        redriveDate,
      };
      this.store.putExecution(running);
      return { execution, running };
    };
    // The engine's redrive record and the service's land in one transaction: a crash keeps both or neither.
    const { execution, running } = durable && this.store.atomic ? this.store.atomic(launch) : launch();
    if (!durable) execution.subscribe((event) => this.store.appendEvents(record.arn, [event]));
    this.track(running, execution);
    return running;
  }

  /**
   * Start-up with a durable store: resumes every execution its records hold as RUNNING (the
   * engine replays the stored history, then runs on in real time: Waits fire at their due time),
   * registers the task tokens they wait on once their replay has settled, and closes the records
   * the process died too soon to close.
   */
  async resumeStored(): Promise<ResumeReport> {
    const report: ResumeReport = { resumed: 0, closed: 0, aborted: 0, failures: [] };
    const engineStore = this.store.executionStore;
    if (!engineStore || !this.store.runningExecutions) return report;
    const records = new Map(this.store.runningExecutions().map((record) => [record.arn, record]));
    const { executions, failures } = resumeAll(engineStore, (stored) => {
      const record = records.get(stored.executionArn);
      if (!record) throw new Error(`the service holds no record of ${stored.executionArn}`);
      return {
        resolvers: this.answers.for(machineNameOf(record.machineArn), record.testCase),
        missingResolverMessage: noAnswer,
        mapRuns: MAP_RUN_OPTIONS,
      };
    });
    for (const failure of failures)
      report.failures.push({
        executionArn: failure.executionArn,
        message: failure.error instanceof Error ? failure.error.message : String(failure.error),
      });
    for (const execution of executions) this.track(records.get(execution.executionArn)!, execution);
    // Before its replay settles, a resumed execution does not know the tokens the replay has not reached.
    await Promise.all(executions.map((execution) => execution.replayed.catch(() => undefined)));
    for (const execution of executions)
      for (const token of execution.openTaskTokens()) this.tokens.set(token, execution.executionArn);
    report.resumed = executions.length;
    // Resumed (running or, already, ended) or left RUNNING for a later start: the rest are closed here.
    const handled = new Set([
      ...executions.map((execution) => execution.executionArn),
      ...report.failures.map((failure) => failure.executionArn),
    ]);
    for (const record of records.values()) {
      if (handled.has(record.arn)) continue;
      const stored = engineStore.getExecution(record.arn);
      if (stored && stored.status !== 'RUNNING') {
        this.close(record, endingOf(this.store.events(record.arn), stored.status, Date.parse(stored.stopDate!)));
        report.closed++;
      } else {
        this.close(record, {
          status: 'ABORTED',
          stopDate: Date.now(),
          error: 'States.Runtime',
          cause: 'The service stopped while the execution ran: express executions are not durable',
        });
        report.aborted++;
      }
    }
    return report;
  }

  private track(record: ExecutionRecord, execution: Execution): void {
    this.live.set(record.arn, { execution, record });
    this.mapRuns.watch(record.arn, execution.mapRuns);
    // Its task tokens can be answered by its children (aws-sdk:sfn:sendTaskSuccess in a nested execution).
    this.nested.track(execution);
    void execution.result.then((result) => this.finish(record, result));
  }

  /** The running execution of `arn`, if it runs in this process. */
  running(arn: string): Execution | undefined {
    return this.live.get(arn)?.execution;
  }

  /** Calls `listener` with each record as its execution ends; returns the unsubscribe function. */
  onEnded(listener: (record: ExecutionRecord) => void): () => void {
    this.ended.add(listener);
    return () => this.ended.delete(listener);
  }

  /** SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat. */
  answer(taskToken: string, act: (execution: Execution) => void): void {
    const issuer = this.tokens.get(taskToken);
    // A Map Run child shares its tokens with the service execution that holds the run.
    const arn = issuer === undefined || this.live.has(issuer) ? issuer : (this.mapRuns.child(issuer)?.root ?? issuer);
    const candidates = arn !== undefined ? [arn] : [...this.live.keys()];
    for (const candidate of candidates) {
      const execution = this.live.get(candidate)?.execution;
      if (!execution) continue;
      try {
        act(execution);
        return;
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        if (error.code === ErrorCode.InvalidOutput) throw errors.invalidOutput(error.message);
        // Not this execution's token (a resolver issued it): try the next one.
        if (arn === undefined) continue;
        throw errors.taskTimedOut(taskToken);
      }
    }
    // A token this service gave out whose execution ended: its task can no longer be answered.
    if (arn !== undefined) throw errors.taskTimedOut(taskToken);
    if (!/^[A-Za-z0-9+/=_-]{1,2048}$/.test(taskToken)) throw errors.invalidToken(taskToken);
    throw errors.taskDoesNotExist();
  }

  /**
   * Resolves once the events recorded so far are written to a durable store: the engine writes
   * each batch on the microtask after it, so the next macrotask comes after the write.
   */
  persisted(): Promise<void> {
    return this.store.executionStore ? new Promise((resolve) => setImmediate(resolve)) : Promise.resolve();
  }

  /**
   * Stops every running execution (the service is closing). With a durable store, close the
   * store first: the stops are then written nowhere, and the executions resume at the next start.
   */
  stopAll(): Promise<unknown> {
    const running = [...this.live.values()];
    for (const { execution } of running) execution.stop('States.Runtime', 'The service stopped');
    return Promise.all(running.map(({ execution }) => execution.result));
  }

  private finish(record: ExecutionRecord, result: ExecutionResult): void {
    this.live.delete(record.arn);
    this.close(record, {
      status: result.status,
      stopDate: Date.parse(result.stopDate),
      ...(result.status === 'SUCCEEDED' ? { output: JSON.stringify(result.output ?? null) } : {}),
      ...(result.error === undefined ? {} : { error: result.error }),
      ...(result.cause === undefined ? {} : { cause: result.cause }),
    });
  }

  private close(record: ExecutionRecord, ending: Ending): void {
    const closed: ExecutionRecord = { ...record, ...ending };
    // A durable execution's Map Runs are kept with its closed record, in the same transaction.
    const runs = record.type === 'STANDARD' && this.store.putMapRuns ? this.mapRuns.tracked(record.arn) : [];
    const write = () => {
      this.store.putExecution(closed);
      if (runs.length > 0) this.store.putMapRuns!(record.arn, runs);
    };
    try {
      if (runs.length > 0 && this.store.atomic) this.store.atomic(write);
      else write();
    } catch (error) {
      // A closed durable store (the service is stopping): the record is closed at the next start.
      if (!this.store.durable) throw error;
      return;
    }
    for (const listener of this.ended) listener(closed);
  }
}

type Ending = Pick<ExecutionRecord, 'status' | 'stopDate' | 'output' | 'error' | 'cause'>;

/** How an execution ended, read from its last history event (a record the process died before closing). */
function endingOf(events: readonly HistoryEvent[], status: ExecutionStatus, stopDate: number): Ending {
  const last = events.at(-1) as Partial<Record<string, unknown>> | undefined;
  const details = (last?.executionSucceededEventDetails ??
    last?.executionFailedEventDetails ??
    last?.executionAbortedEventDetails ??
    last?.executionTimedOutEventDetails ??
    {}) as { output?: string; error?: string; cause?: string };
  return {
    status,
    stopDate,
    ...(status === 'SUCCEEDED' ? { output: details.output ?? 'null' } : {}),
    ...(details.error === undefined ? {} : { error: details.error }),
    ...(details.cause === undefined ? {} : { cause: details.cause }),
  };
}

/**
 * Every child of a Map Run keeps its history once it ends: GetExecutionHistory answers for any
 * child execution, as AWS does for Standard ones (memory: each child's events, for the life of
 * the process).
 */
const MAP_RUN_OPTIONS = { childHistories: 'all' } as const;

/** The machine name of a state machine ARN (`arn:aws:states:region:account:stateMachine:Name`). */
const machineNameOf = (machineArn: string): string => machineArn.split(':')[6] ?? machineArn;

/** The cause of the States.Runtime failure of a Task nothing answers: what would answer it here. */
const noAnswer = (resource: ParsedResource, stateName: string): string =>
  `aslkit serve has no answer for resource '${resource.arn}' (state '${stateName}'): it calls no AWS service. ` +
  `Start the execution with '<state machine ARN>#<test case>' of the service's --mock-config, ` +
  `answer Lambda functions with --handlers or --lambda real, or make the task a callback (.waitForTaskToken)`;

/** A record's definition as the engine's StateMachine; what cannot run is InvalidDefinition. */
export function compile(
  definition: string,
  record: Pick<MachineRecord, 'name' | 'type' | 'roleArn'>,
  where: ServiceLocation,
): StateMachine {
  try {
    return StateMachine.from(definition, {
      name: record.name,
      type: record.type,
      roleArn: record.roleArn,
      region: where.region,
      accountId: where.accountId,
    });
  } catch (error) {
    if (error instanceof DefinitionError) throw errors.invalidDefinition(invalidDefinitionMessage(error));
    throw errors.invalidDefinition(
      `Invalid State Machine Definition: '${error instanceof Error ? error.message : String(error)}'`,
    );
  }
}

function invalidDefinitionMessage(error: DefinitionError): string {
  return formatInvalidDefinition(error.diagnostics);
}
