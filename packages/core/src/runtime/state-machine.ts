/**
 * A compiled, immutable state machine: parse and compile once, start many executions.
 */
import type { Json } from '../json.js';
import type { StateMachineDefinition } from '../definition/types.js';
import { parseDefinitionText } from '../definition/parse.js';
import { validate } from '../definition/validate.js';
import { DefinitionError, UsageError } from '../errors/aslkit-error.js';
import { ErrorCode } from '../errors/error-codes.js';
import { HistoryRecorder } from '../history/recorder.js';
import { createResolverRouter, type ResolversOption } from '../resolvers/resolver.js';
import { mockResolvers, type MockScript } from '../resolvers/mocks.js';
import type { ParsedResource } from '../resolvers/resource.js';
import { isoTimestamp, MAX_DATE_MS, parseStartTime, RealClock, wallClockNow } from './clock.js';
import { VirtualClock } from './virtual-clock.js';
import { compileMachine } from './compile.js';
import type { CompiledMachine } from './compiled-state.js';
import { Execution, type ExecutionResult } from './execution.js';
import type { ExecutionLimits, StepGate } from './fiber.js';
import { createRandom, randomSeed } from './random.js';
import { jsonTextWithin, OVER_LIMIT } from './payload-size.js';
import { executionArn, MAX_EXECUTION_SECONDS, type ExecutionType } from './execution-type.js';

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
   * Run as this type of machine, overriding the machine's own (`StateMachineOptions.type`): an
   * `EXPRESS` run is checked against the Express rules first and ends TIMED_OUT after 5 minutes.
   */
  type?: ExecutionType;
}

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
    const clock = options.realTime ? new RealClock() : new VirtualClock(startMs);
    const random = createRandom(options.seed ?? randomSeed());
    const name = options.name ?? random.uuid();
    const { region, accountId, roleArn } = this.options;
    const arn = executionArn(this.arn, name, type, random);
    const recorder = new HistoryRecorder(() => isoTimestamp(clock.now()), {
      record: options.history?.record ?? true,
      // AWS caps Standard histories; Express ones go to CloudWatch Logs, without a cap.
      maxEvents: options.history?.maxEvents ?? (type === 'EXPRESS' ? Infinity : AWS_HISTORY_LIMIT),
    });
    const parsedInput = JSON.parse(inputText) as Json;
    let routers = options.resolvers;
    if (options.mocks) {
      const mocks = mockResolvers(options.mocks);
      routers = [mocks.keyed, createResolverRouter(options.resolvers), mocks.fallback];
    }
    return new Execution({
      env: {
        machine: this.compiled,
        clock,
        random,
        resolvers: createResolverRouter(routers),
        // Always present (maybe undefined): a conditional spread here costs V8's slow object path per execution.
        missingResolverMessage: options.missingResolverMessage,
        limits,
        region,
        gate: options.gate,
        contextBase: {
          Execution: {
            Id: arn,
            Input: parsedInput,
            StartTime: isoTimestamp(startMs),
            Name: name,
            RoleArn: roleArn,
            RedriveCount: 0,
          },
          StateMachine: { Id: this.arn, Name: this.name },
        },
      },
      recorder,
      inputText,
      input: parsedInput,
      executionArn: arn,
      name,
      maxDurationSeconds,
      roleArn,
    });
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
