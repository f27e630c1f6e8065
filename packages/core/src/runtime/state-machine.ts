/**
 * A compiled, immutable state machine: parse and compile once, start many executions.
 */
import { isJsonObject, type Json, type JsonObject, parseJson } from '../json.js';
import { startOverrides } from './start-at.js';
import type { StateMachineDefinition } from '../definition/types.js';
import { parseDefinitionText } from '../definition/parse.js';
import { validate } from '../definition/validate.js';
import { DefinitionError, UsageError } from '../errors/aslkit-error.js';
import { ErrorCode } from '../errors/error-codes.js';
import { HistoryRecorder } from '../history/recorder.js';
import { createResolverRouter, type ResolversOption } from '../resolvers/resolver.js';
import { mockResolvers, type MockScript } from '../resolvers/mocks.js';
import type { ParsedResource } from '../resolvers/resource.js';
import { isoTimestamp, MAX_DATE_MS, parseStartTime, wallClockNow, type Clock } from './clock.js';
import type { HeartbeatLog } from './task-tokens.js';
import { compileMachine } from './compile.js';
import type { CompiledMachine } from './compiled-state.js';
import { Execution, type ExecutionResult } from './execution.js';
import type { ExecutionLimits, StepGate } from './fiber.js';
import { createRandom, randomSeed } from './random.js';
import { jsonTextWithin, OVER_LIMIT } from './payload-size.js';
import { executionArn, MAX_EXECUTION_SECONDS, type ExecutionType } from './execution-type.js';
import type { ExecutionRecord, ExecutionStore } from '../durable/execution-store.js';
import { eventPersister } from '../durable/persist-events.js';
import { replayResolvers } from '../durable/replay-resolvers.js';
import { answerToken, markReplayedEnd, pickResumeOptions, replaySetup, type Resumed } from '../durable/replay-setup.js';
import { restoreStartOptions, storedStartOptions } from '../durable/stored-options.js';
import { executionMissing } from '../durable/store-errors.js';
import {
  createMemoryObjectStore,
  isObjectStore,
  type ObjectMap,
  type ObjectStore,
} from '../distributed/object-store.js';
import type { MapRun, MapRunOptions } from '../distributed/map-run.js';
import type { HistoryEvent } from '../history/events.js';
import { checkRedriveHistory, checkRedriveMapRuns } from '../redrive/check-history.js';
import { redrivePlan, type ScopePlan } from '../redrive/redrive-plan.js';
import { buildGraph, type GraphModel } from '../graph/model.js';
import { executionNotRedrivable, historyFacts, redrivability } from '../redrive/redrive-status.js';

export interface StateMachineOptions {
  /** Name used in ARNs and `$$.StateMachine.Name` (default `StateMachine`). */
  name?: string;
  /** Region in ARNs and TaskScheduled events (default `us-east-1`). */
  region?: string;
  /** Account id in ARNs (default `123456789012`). */
  accountId?: string;
  /** Role ARN reported in ExecutionStarted and `$$.Execution.RoleArn`. */
  roleArn?: string;
  /**
   * Check the definition as AWS's CreateStateMachine would before compiling (default true).
   * `false` skips the schema and semantic rules; the engine's own structural checks still run.
   */
  validate?: boolean;
  /**
   * The machine's type, as CreateStateMachine takes it (default `STANDARD`). `EXPRESS` validates
   * with the Express rules (no `.sync`, `.waitForTaskToken` or activities), gives executions
   * AWS's express ARN and their 5-minute limit (Standard: one year).
   */
  type?: ExecutionType;
}

export interface StartOptions {
  /** Resolvers for Task resources: by ARN, glob pattern, route list or router. */
  resolvers?: ResolversOption;
  /**
   * Scripted responses per state name or resource ARN, tried before `resolvers`; the `"*"` key
   * answers what neither answers. The format: docs/reference/mocks.md.
   */
  mocks?: MockScript;
  /**
   * The cause of the `States.Runtime` failure of a Task that nothing answers. The default names
   * the `mocks` and `resolvers` options; a command line names its own flags instead.
   */
  missingResolverMessage?: (resource: ParsedResource, stateName: string, input: Json) => string;
  /** Seeds States.UUID, States.MathRandom, jitter and task tokens (default: random). */
  seed?: string | number;
  /** The execution's start time (default: now). */
  startTime?: string | number | Date;
  /** Sleep for real in Waits, retries and timeouts instead of advancing virtual time. */
  realTime?: boolean;
  /** Execution name (default: a UUID from the seed). */
  name?: string;
  history?: {
    /** Keep events in memory (default true); listeners are told either way. */
    record?: boolean;
    /** Fail the execution past this many events, as AWS does at 25,000 (default; Express: no limit). `Infinity` lifts it. */
    maxEvents?: number;
  };
  limits?: Partial<ExecutionLimits>;
  /** Called before each state is entered and after it exits; the debugger pauses here. */
  gate?: StepGate;
  /**
   * Record, for every attempt of every state, the value after each data-processing stage (the
   * stages AWS's TestState reports): on `result.inspections`, live through
   * `execution.subscribeInspections()`. Off by default, and free when off.
   */
  inspect?: boolean;
  /**
   * Start at this state instead of `StartAt`, with `input` as its input. A state nested in a
   * Parallel branch or a Map processor is reached through its enclosing states, entered with the
   * input: the Map's iterations (or that branch) start at the state.
   */
  startAt?: string;
  /** Variables the run starts with, as if assigned before the first state. */
  variables?: Record<string, Json>;
  /** Fields of `$$.Execution` and `$$.StateMachine` to use instead of the run's own (e.g. a tail run's original input). */
  context?: { Execution?: JsonObject; StateMachine?: JsonObject };
  /**
   * Run as this type of machine, overriding the machine's own (`StateMachineOptions.type`): an
   * `EXPRESS` run is checked against the Express rules first and ends TIMED_OUT after 5 minutes.
   */
  type?: ExecutionType;
  /**
   * Persist the execution in this store as it runs (its record now, each batch of events as it is
   * reported), so that `resumeExecution` can finish it after a restart or a crash
   * (docs/guide/durable-executions.md). `mocks` are stored with it; resolvers are given again.
   * @throws AslkitError `ExecutionAlreadyExists` (from `start`) when the store holds the ARN.
   */
  store?: ExecutionStore;
  /** Kept with the execution's record in the store, as given (`ExecutionRecord.meta`). */
  storeMeta?: Json;
  /**
   * The S3 objects a distributed Map's ItemReader reads and its ResultWriter writes: a store
   * (`createMemoryObjectStore`, `@aslkit/node`'s directory and S3 stores) or, for tests, the objects
   * themselves by bucket and key (text, or any JSON value, stored as its JSON text).
   */
  objectStore?: ObjectStore | ObjectMap;
  /** Distributed Maps: which child histories stay in memory (default: those that did not succeed). */
  mapRuns?: MapRunOptions;
}

/** What a redrive takes: what a start takes, but for what the stopped execution fixed (its input, name, start). */
export interface RedriveOptions extends Pick<
  StartOptions,
  | 'resolvers'
  | 'mocks'
  | 'missingResolverMessage'
  | 'seed'
  | 'realTime'
  | 'history'
  | 'limits'
  | 'gate'
  | 'inspect'
  | 'type'
  | 'objectStore'
  | 'mapRuns'
  | 'store'
> {
  /** When the redrive happens (default: now): `$$.Execution.RedriveTime`; AWS's 14 days count to it. */
  redriveTime?: string | number | Date;
}

/** A stopped execution to redrive: its ARN and its whole history (an `ExecutionResult` is one). */
export interface RedriveSource {
  executionArn: string;
  history: readonly HistoryEvent[];
  /**
   * The stopped execution's Map Runs (`execution.mapRuns`): a redriven distributed Map runs again
   * only the children that did not succeed. Without them, every child of its Map Run runs again.
   */
  mapRuns?: readonly MapRun[];
}

/** A redrive's launch: the stopped execution's history and where it goes on from. */
interface Redriven {
  arn: string;
  history: readonly HistoryEvent[];
  count: number;
  startDate: string;
  plan: ScopePlan | undefined;
  /** The Map Runs it was given: kept in a store with the redrive, for a resume's plan. */
  mapRuns: readonly MapRun[] | undefined;
}

/**
 * What a resume takes again: what cannot be stored (functions), and which Map Run children keep
 * their histories. The rest comes from the store.
 */
export type ResumeOptions = Pick<StartOptions, 'resolvers' | 'missingResolverMessage' | 'gate' | 'mapRuns'>;

export const DEFAULT_LIMITS: ExecutionLimits = { payloadBytes: 262_144, stateTransitions: Infinity };
export const AWS_HISTORY_LIMIT = 25_000;

export class StateMachine {
  readonly definition: StateMachineDefinition;
  readonly name: string;
  readonly arn: string;
  /** `STANDARD` or `EXPRESS`; a run may override it (`StartOptions.type`). */
  readonly type: ExecutionType;
  private readonly compiled: CompiledMachine;
  private readonly options: Required<Omit<StateMachineOptions, 'name' | 'validate' | 'type'>>;
  /** Whether the definition was validated, and so whether an Express run must check the Express rules. */
  private readonly validated: boolean;
  private expressChecked = false;
  /** The graph model, built for the first redrive. */
  private model: GraphModel | undefined;

  private constructor(definition: StateMachineDefinition, compiled: CompiledMachine, options: StateMachineOptions) {
    this.definition = definition;
    this.compiled = compiled;
    this.type = options.type ?? 'STANDARD';
    this.validated = options.validate !== false;
    this.expressChecked = this.type === 'EXPRESS';
    this.name = options.name ?? 'StateMachine';
    const region = options.region ?? 'us-east-1';
    const accountId = options.accountId ?? '123456789012';
    this.options = {
      region,
      accountId,
      roleArn: options.roleArn ?? `arn:aws:iam::${accountId}:role/aslkit-execution-role`,
    };
    this.arn = `arn:aws:states:${region}:${accountId}:stateMachine:${this.name}`;
  }

  /**
   * Parses (when given text) and compiles a definition.
   * @throws DefinitionError with located diagnostics when it cannot run.
   * @example
   * const machine = StateMachine.from({ StartAt: 'Hi', States: { Hi: { Type: 'Pass', End: true } } });
   * const result = await machine.run({ name: 'Ada' });
   */
  static from(definition: string | object, options: StateMachineOptions = {}): StateMachine {
    checkType(options.type);
    const value = typeof definition === 'string' ? parseDefinitionText(definition) : definition;
    if (options.validate !== false) {
      // Text keeps its line/column in the diagnostics.
      const problems = validate(typeof definition === 'string' ? definition : value, { type: options.type });
      if (problems.some((d) => d.severity === 'ERROR')) throw new DefinitionError(problems);
    }
    const { machine, diagnostics } = compileMachine(value, { region: options.region ?? 'us-east-1' });
    if (!machine) throw new DefinitionError(diagnostics);
    return new StateMachine(value as StateMachineDefinition, machine, options);
  }

  /** Starts an execution; consume it live with `events()`/`subscribe()`, or await `result`. */
  start(input: Json = {}, options: StartOptions = {}): Execution {
    return this.launch(input, options);
  }

  /**
   * Resumes an execution of this machine that `store` holds: replays its stored events (checking
   * each, reporting none again, calling no resolver for a task whose result is stored), then runs
   * on live, persisting new events to the same store. A finished execution replays to its end.
   * @param execution its ARN, or its record as `store.listExecutions` returned it
   * @throws AslkitError `ExecutionDoesNotExist`; UsageError when the execution is another machine's.
   * @example
   * const execution = machine.resume(store, arn, { resolvers });
   */
  resume(store: ExecutionStore, execution: string | ExecutionRecord, options: ResumeOptions = {}): Execution {
    const record = typeof execution === 'string' ? store.getExecution(execution) : execution;
    if (!record) throw executionMissing(execution as string);
    const executionArn = record.executionArn;
    if (record.stateMachineArn !== this.arn)
      throw new UsageError(
        ErrorCode.Usage,
        `Execution '${executionArn}' belongs to state machine '${record.stateMachineArn}', not '${this.arn}'`,
      );
    const start: StartOptions = { ...restoreStartOptions(record.start), ...pickResumeOptions(options), store };
    const events = store.loadEvents(executionArn);
    const resumed: Resumed = { store, record, events };
    if (!record.redrive) return this.launch(parseJson(record.input), start, resumed);
    // A redrive running at the crash: the redrive again, with its stored seed and time, replaying its own events.
    const { time, seed, priorEvents, mapRuns } = record.redrive;
    const previous = { executionArn, history: events.slice(0, priorEvents), mapRuns: mapRuns as MapRun[] | undefined };
    const { input, name, redriven } = this.redriveOf(previous, time, start.type);
    return this.launch(input, { ...start, seed, startTime: time, name }, resumed, redriven);
  }

  /**
   * Redrives a stopped execution of this machine, as AWS's RedriveExecution does: the same ARN,
   * its history going on after `ExecutionRedriven`, the states that did not finish entered again
   * with their recorded input (in a Parallel or inline Map only the branches or iterations that did
   * not succeed run again), `$$.Execution.RedriveCount` and `RedriveTime` set, and the execution's
   * timeout counted afresh. `execution.redrive()` is the same with that execution's own options.
   * @throws AslkitError `ExecutionNotRedrivable` (AWS's reason as its message) for an execution that
   * succeeded or still runs, an Express one, or one past AWS's limits; UsageError for another machine's.
   * @example
   * const redriven = machine.redrive(failedResult, { resolvers: fixed });
   */
  redrive(previous: RedriveSource, options: RedriveOptions = {}): Execution {
    checkType(options.type);
    const at = options.redriveTime === undefined ? wallClockNow() : parseStartTime(options.redriveTime);
    if (at === undefined)
      throw new UsageError(ErrorCode.Usage, `redriveTime is not a valid date: ${String(options.redriveTime)}`);
    const { input, name, redriven } = this.redriveOf(previous, at, options.type);
    const { redriveTime: _at, ...start } = options;
    return this.launch(input, { ...start, startTime: at, name }, undefined, redriven);
  }

  /** A redrive of `previous` at `at`, checked as AWS checks it: its input, name and launch. */
  private redriveOf(
    previous: RedriveSource,
    at: number,
    type: ExecutionType | undefined,
  ): { input: Json; name: string; redriven: Redriven } {
    const history = (previous as RedriveSource | null)?.history;
    if (!Array.isArray(history) || typeof previous.executionArn !== 'string')
      throw new UsageError(ErrorCode.Usage, 'A redrive takes the stopped execution: its executionArn and history');
    checkRedriveHistory(history);
    checkRedriveMapRuns(previous.mapRuns);
    const facts = historyFacts(history);
    const { redriveStatusReason } = redrivability(facts, type ?? this.type, at);
    if (redriveStatusReason !== undefined) throw executionNotRedrivable(redriveStatusReason);
    const prefix = `${this.arn.replace(':stateMachine:', ':execution:')}:`;
    if (!previous.executionArn.startsWith(prefix))
      throw new UsageError(
        ErrorCode.Usage,
        `Execution '${previous.executionArn}' is not an execution of state machine '${this.arn}'`,
      );
    const redriven: Redriven = {
      arn: previous.executionArn,
      history,
      count: facts.redriveCount + 1,
      startDate: facts.startDate,
      plan: redrivePlan(this.compiled.root, history, {
        model: (this.model ??= buildGraph(this.definition)),
        mapRuns: previous.mapRuns,
      }),
      mapRuns: previous.mapRuns,
    };
    const input = parseJson(facts.inputText);
    return { input, name: previous.executionArn.slice(prefix.length), redriven };
  }

  private launch(input: Json, options: StartOptions, resumed?: Resumed, redriven?: Redriven): Execution {
    checkType(options.type);
    const type = options.type ?? this.type;
    if (type === 'EXPRESS') this.checkExpress();
    const limits = { ...DEFAULT_LIMITS, ...options.limits };
    const inputText = serializeInput(input, limits.payloadBytes);
    const startMs = options.startTime === undefined ? wallClockNow() : parseStartTime(options.startTime);
    if (startMs === undefined)
      throw new UsageError(ErrorCode.Usage, `startTime is not a valid date: ${String(options.startTime)}`);
    // Virtual time must be able to reach the execution's deadline, which no Date may pass.
    const maxDurationSeconds = MAX_EXECUTION_SECONDS[type];
    if (startMs < -MAX_DATE_MS || startMs + maxDurationSeconds * 1000 > MAX_DATE_MS)
      throw new UsageError(
        ErrorCode.Usage,
        `startTime leaves no room for the execution's maximum duration: ${String(options.startTime)}`,
      );
    const seed = options.seed ?? randomSeed();
    const random = createRandom(seed);
    const name = options.name ?? random.uuid();
    const { region, accountId, roleArn } = this.options;
    const arn = redriven?.arn ?? executionArn(this.arn, name, type, random);
    // A resumed redrive replays only when the store holds events of its own beyond the stopped history.
    const replayed = redriven && resumed && resumed.events.length <= redriven.history.length ? undefined : resumed;
    const { clock, replay } = replaySetup(startMs, options.realTime === true, replayed?.events);
    const recorder = new HistoryRecorder(() => isoTimestamp(clock.now()), {
      record: options.history?.record ?? true,
      // AWS caps Standard histories; Express ones go to CloudWatch Logs, without a cap.
      maxEvents: options.history?.maxEvents ?? (type === 'EXPRESS' ? Infinity : AWS_HISTORY_LIMIT),
      replay,
      prior: redriven?.history,
    });
    const parsedInput = parseJson(inputText);
    let routers = options.resolvers;
    if (options.mocks) {
      const mocks = mockResolvers(options.mocks);
      routers = [mocks.keyed, createResolverRouter(options.resolvers), mocks.fallback];
    }
    // A store that cannot keep a redrive (no redriveExecution) does not get its events either.
    const store = redriven && !resumed && !options.store?.redriveExecution ? undefined : options.store;
    if (store && redriven && !resumed) {
      store.redriveExecution!(arn, {
        priorEvents: redriven.history.length,
        time: startMs,
        seed: String(seed),
        ...(redriven.mapRuns ? { mapRuns: JSON.parse(JSON.stringify(redriven.mapRuns)) as Json } : {}),
      });
    } else if (store && !resumed) {
      store.createExecution({
        executionArn: arn,
        name,
        stateMachineArn: this.arn,
        definition: JSON.stringify(this.definition),
        machine: { name: this.name, region, accountId, roleArn, type: this.type, validate: this.validated },
        input: inputText,
        start: storedStartOptions(options, seed, startMs),
        status: 'RUNNING',
        startDate: isoTimestamp(startMs),
        ...(options.storeMeta === undefined ? {} : { meta: options.storeMeta }),
      });
    }
    // Bound once the execution exists: replayed callback answers and store failures go to it.
    let execution: Execution | undefined;
    let resolvers = createResolverRouter(routers);
    if (replay)
      resolvers = replayResolvers(resolvers, replay, recorder, (token, value) => answerToken(execution, token, value));
    if (store)
      recorder.subscribe(
        eventPersister(store, arn, (error) =>
          execution?.stop(
            'States.Runtime',
            `aslkit could not store the execution's events: ${error instanceof Error ? error.message : String(error)}`,
          ),
        ),
      );
    execution = new Execution({
      env: {
        machine: this.compiled,
        clock,
        random,
        resolvers,
        // Always present (maybe undefined): a conditional spread here costs V8's slow object path per execution.
        missingResolverMessage: options.missingResolverMessage,
        limits,
        region,
        gate: options.gate,
        inspect: options.inspect === true,
        // Every field present (maybe undefined), as above: this object and the two below are built per execution.
        startAt: options.startAt === undefined ? undefined : startOverrides(this.compiled, options.startAt),
        objectStore: options.objectStore
          ? isObjectStore(options.objectStore)
            ? options.objectStore
            : createMemoryObjectStore(options.objectStore)
          : undefined,
        mapRunOptions: options.mapRuns || undefined,
        contextBase: {
          Execution: executionContext(arn, parsedInput, name, roleArn, startMs, redriven, options.context?.Execution),
          StateMachine: options.context?.StateMachine
            ? { Id: this.arn, Name: this.name, ...options.context.StateMachine }
            : { Id: this.arn, Name: this.name },
        },
      },
      recorder,
      inputText,
      input: parsedInput,
      variables: options.variables ? checkedVariables(options.variables) : undefined,
      executionArn: arn,
      name,
      maxDurationSeconds,
      roleArn,
      replayed: replay ? new Promise<void>((resolve) => replay.onCaughtUp(resolve)) : undefined,
      heartbeats:
        store?.recordHeartbeat || resumed?.record.heartbeats
          ? heartbeatLog(clock, resumed?.record.heartbeats, store, arn)
          : undefined,
      redrive: redriven
        ? { count: redriven.count, startDate: redriven.startDate, date: isoTimestamp(startMs), plan: redriven.plan }
        : undefined,
      redriver: (stopped, more) =>
        this.redrive(
          { executionArn: stopped.executionArn, history: stopped.history, mapRuns: stopped.mapRuns },
          { ...redriveDefaults(options), ...more },
        ),
    });
    if (replayed) markReplayedEnd(replayed, execution, recorder);
    return execution;
  }

  /** Runs an execution to its end. */
  run(input: Json = {}, options: StartOptions = {}): Promise<ExecutionResult> {
    return this.start(input, options).result;
  }

  /** An Express run of a machine validated as Standard: AWS would have refused what Express cannot run. */
  private checkExpress(): void {
    if (this.expressChecked || !this.validated) return;
    const problems = validate(this.definition, { type: 'EXPRESS' });
    if (problems.some((d) => d.severity === 'ERROR')) throw new DefinitionError(problems);
    this.expressChecked = true;
  }
}

/** Where a durable execution's heartbeats go (the store), and those it kept before a restart. */
function heartbeatLog(
  clock: Clock,
  stored: Record<string, number> | undefined,
  store: ExecutionStore | undefined,
  executionArn: string,
): HeartbeatLog {
  return {
    ...(stored ? { stored } : {}),
    ...(store?.recordHeartbeat ? { persist: (token, at) => store.recordHeartbeat!(executionArn, token, at) } : {}),
    now: () => clock.now(),
  };
}

/**
 * `$$.Execution`: its fields in AWS's order, the host's `context.Execution` over them. Written
 * out with assignments: a literal with conditional spreads takes V8's slow path, per execution.
 */
function executionContext(
  arn: string,
  input: Json,
  name: string,
  roleArn: string,
  startMs: number,
  redriven: Redriven | undefined,
  overrides: JsonObject | undefined,
): JsonObject {
  const context: JsonObject = {
    Id: arn,
    Input: input,
    StartTime: redriven?.startDate ?? isoTimestamp(startMs),
    Name: name,
    RoleArn: roleArn,
    RedriveCount: redriven?.count ?? 0,
  };
  if (redriven) context.RedriveTime = isoTimestamp(startMs);
  // Spread, not Object.assign: an own `__proto__` key in the host's context must stay a field.
  return overrides ? { ...context, ...overrides } : context;
}

/** What a redrive of an execution carries over from its start (`execution.redrive()`). */
function redriveDefaults(options: StartOptions): RedriveOptions {
  const { resolvers, mocks, missingResolverMessage, realTime, history, limits, type, objectStore, mapRuns, store } =
    options;
  const carried: RedriveOptions = {
    // A durable execution's redrive is durable too: its store keeps it, and a resume goes on with it.
    store,
    resolvers,
    mocks,
    missingResolverMessage,
    realTime,
    history,
    limits,
    type,
    objectStore,
    mapRuns,
  };
  for (const key of Object.keys(carried) as (keyof RedriveOptions)[])
    if (carried[key] === undefined) delete carried[key];
  return carried;
}

/** Start variables must be JSON, as an Assign's values are. */
function checkedVariables(variables: Record<string, Json>): Record<string, Json> {
  if (!isJsonObject(variables))
    throw new UsageError(ErrorCode.Usage, 'variables must be an object of variable names to JSON values');
  const text = JSON.stringify(variables);
  return JSON.parse(text) as Record<string, Json>;
}

function checkType(type: unknown): void {
  if (type !== undefined && type !== 'STANDARD' && type !== 'EXPRESS')
    throw new UsageError(ErrorCode.Usage, `type must be STANDARD or EXPRESS, got ${JSON.stringify(type)}`);
}

/**
 * The input's JSON text, measured before it is written: StartExecution refuses an input over
 * the payload limit, and aslkit one nested deeper than MAX_JSON_DEPTH or not JSON at all.
 */
function serializeInput(input: Json, limit: number): string {
  let text: string | typeof OVER_LIMIT | -2;
  try {
    text = jsonTextWithin(input, limit);
  } catch (error) {
    throw new UsageError(
      ErrorCode.InvalidExecutionInput,
      `The execution input cannot be written as JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (text === OVER_LIMIT)
    throw new UsageError(ErrorCode.InvalidExecutionInput, `The execution input is larger than ${limit} bytes`);
  // Deeper than MAX_JSON_DEPTH.
  if (typeof text !== 'string')
    throw new UsageError(
      ErrorCode.InvalidExecutionInput,
      'The execution input is nested too deeply to be written as JSON',
    );
  return text;
}
