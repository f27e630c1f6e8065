/**
 * `testState(request)`: AWS's TestState API, offline. One attempt of one state, through the
 * engine's own pipeline (dataflow/), executors (states/) and recovery decision (errors/recovery.ts):
 * the input step, the executor (or the mock, for Task, Map and Parallel), the output step; a
 * failure is retried, caught or fails exactly as the run loop would decide, but TestState only
 * reports the decision (`RETRIABLE`, `CAUGHT_ERROR`, `FAILED`) instead of carrying it out.
 */
import { isJsonObject, type Json, type JsonObject, parseJson } from '../json.js';
import { ErrorName, StatesError } from '../errors/states-error.js';
import { decideRecovery } from '../errors/recovery.js';
import { findHandler } from '../errors/error-matching.js';
import { ErrorCode } from '../errors/error-codes.js';
import { UsageError } from '../errors/aslkit-error.js';
import { execute } from '../states/index.js';
import { readMaxConcurrency, readTolerance, toleratedFailures } from '../states/map-settings.js';
import { childInputs } from '../states/distributed-map.js';
import { pointedValue } from '../distributed/item-reader.js';
import type { StateOutcome, StateRun } from '../states/executor.js';
import type { StepEnv } from '../dataflow/pipeline.js';
import { recovers, type CompiledMap, type CompiledState } from '../runtime/compiled-state.js';
import { createRandom } from '../runtime/random.js';
import { isoTimestamp, parseStartTime, wallClockNow } from '../runtime/clock.js';
import { VariableScope } from '../runtime/variables.js';
import { runScope } from '../runtime/run-state.js';
import type { ResolversOption } from '../resolvers/resolver.js';
import { makeContext, parseContext } from './context.js';
import { testedDefinition } from './definition.js';
import { inspectionData } from './inspection.js';
import { httpTrace, isHttpTask } from './http-trace.js';
import { AttemptInspection } from '../runtime/inspection.js';
import type { Fiber } from '../runtime/fiber.js';
import { mockedOutcome, checkMock, type CheckedMock } from './mock-result.js';
import { invalidDefinition, invalidRequest } from './refusal.js';
import { constraintRefusal } from './request-constraints.js';
import { stateEnvironment } from './state-environment.js';
import type { ServiceShapes } from './mock-validation/shape-types.js';
import type {
  InspectionData,
  InspectionErrorDetails,
  TestStateRequest,
  TestStateResponse,
  TestExecutionStatus,
} from './types.js';

export interface TestStateOptions {
  /** Seeds the made-up execution name and States.UUID / States.MathRandom (default: fixed). */
  seed?: string | number;
  /** The time the state is entered (default: now). */
  startTime?: string | number | Date;
  /** Region and account in the made-up context object's ARNs (default `us-east-1`, `123456789012`). */
  region?: string;
  accountId?: string;
  /**
   * aslkit's own extension: answers an unmocked Task offline (AWS would call the service with
   * `roleArn`). Without it, an unmocked Task is refused as AWS refuses one without a role.
   */
  resolvers?: ResolversOption;
  /** Response shapes for `mock.fieldValidationMode` (default: the bundled table). */
  serviceShapes?: ServiceShapes;
}

const UNMOCKABLE = new Set(['Pass', 'Succeed', 'Fail', 'Choice', 'Wait']);

/**
 * Tests one state as AWS's TestState does and answers as AWS would.
 * @throws TestStateRefusal (`code` `ValidationException` or `InvalidDefinition`, AWS's message)
 * when AWS would refuse the request.
 * @example
 * const answer = await testState({
 *   definition: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true },
 *   input: '{"n": 1}',
 *   inspectionLevel: 'DEBUG',
 *   mock: { result: '{"StatusCode": 200, "Payload": "ok"}' },
 * });
 * // answer.status === 'SUCCEEDED', answer.inspectionData.afterParameters === '{"n":1}'
 */
export async function testState(request: TestStateRequest, options: TestStateOptions = {}): Promise<TestStateResponse> {
  if (!isJsonObject(request)) throw invalidRequest('The request must be an object');
  const refused = constraintRefusal(request);
  if (refused) throw refused;
  const level = request.inspectionLevel ?? 'INFO';
  const mock = request.mock;
  // Unverified wording for a mock with neither: AWS's text is recorded for both, and reads as "exactly one".
  if (mock && (mock.result === undefined) === (mock.errorOutput === undefined))
    throw invalidRequest('A test mock should have only one of the following fields: [result, errorOutput].');
  if (mock && request.revealSecrets)
    throw invalidRequest('TestState does not support RevealSecrets when a mock is specified.');

  const region = options.region ?? 'us-east-1';
  const { state } = testedDefinition(request.definition, request.stateName, region);
  const configuration = request.stateConfiguration ?? {};
  if (mock && UNMOCKABLE.has(state.type))
    throw invalidRequest(`State type '${state.type}' is not supported when a mock is specified`);
  if (!mock && configuration.mapIterationFailureCount !== undefined)
    throw invalidRequest('TestState does not support MapIterationFailureCount when a mock is not specified.');
  if (!mock && (state.type === 'Map' || state.type === 'Parallel'))
    throw invalidDefinition(
      'TestState API does not support Map or Parallel states. Supported state types include: [Task, Wait, Pass, Succeed, Fail, Choice]',
    );
  if (!mock && state.type === 'Task' && request.roleArn === undefined && options.resolvers === undefined)
    throw invalidRequest('RoleArn must be specified when testing a Task state');

  const givenContext = request.context === undefined ? undefined : parseContext(request.context);
  const checkedMock = mock ? checkMock(mock, state, options.serviceShapes) : undefined;
  const input = jsonText(request.input, 'input', {});
  const variables = jsonText(request.variables, 'variables', {});
  if (!isJsonObject(variables)) throw invalidRequest('Variables must be a JSON object');

  const startMs = options.startTime === undefined ? wallClockNow() : parseStartTime(options.startTime);
  if (startMs === undefined)
    throw new UsageError(ErrorCode.Usage, `startTime is not a valid date: ${String(options.startTime)}`);
  const random = createRandom(options.seed ?? 'aslkit-test-state');
  const retryCount = configuration.retrierRetryCount ?? 0;
  const taskToken =
    state.type === 'Task' && state.resource.pattern === 'waitForTaskToken'
      ? `AQB${random.uuid().replace(/-/g, '')}`
      : undefined;
  const context =
    givenContext ??
    makeContext({
      input,
      region,
      accountId: options.accountId ?? '123456789012',
      roleArn: request.roleArn,
      machineName: `TestStateMachine-${random.uuid()}`,
      executionName: random.uuid(),
      startTime: isoTimestamp(startMs),
      retryCount: recovers(state) ? retryCount : undefined,
      taskToken,
    });

  const scope = new VariableScope();
  scope.assign(variables);
  const stages = new AttemptInspection(state.name, 0, retryCount, input);
  const fiberEnv = stateEnvironment({ state, startMs, random, region, context, resolvers: options.resolvers });
  const env: StepEnv = {
    context,
    variables: scope,
    random,
    now: () => fiberEnv.clock.now(),
    stages: stages.sink,
  };
  const attempt = new Attempt(state, input, env, stages, checkedMock, configuration, fiberEnv.fiber(scope));
  const answer = await attempt.run(retryCount, taskToken);
  if (level === 'INFO') return answer.response;
  const data: InspectionData = { ...inspectionData(state, stages.stages), ...attempt.numbers };
  // AWS reports the variables after the state ran: the request's, with what the state (or its catcher) assigned.
  const after = attempt.assigned ? { ...variables, ...attempt.assigned } : variables;
  if (Object.keys(after).length > 0) data.variables = JSON.stringify(after);
  if (answer.errorDetails) data.errorDetails = answer.errorDetails;
  // A mock stands in for the call: no HTTP request was made, so there is none to show (unverified against AWS).
  if (level === 'TRACE' && !mock && isHttpTask(state)) Object.assign(data, httpTrace(stages.stages, region));
  return { ...answer.response, inspectionData: data };
}

interface Answer {
  response: TestStateResponse;
  errorDetails?: InspectionErrorDetails;
}

/** One attempt of the tested state. */
class Attempt {
  /** Map: `maxConcurrency` and the tolerated failures, as AWS reports them. */
  readonly numbers: Pick<InspectionData, 'maxConcurrency' | 'toleratedFailureCount' | 'toleratedFailurePercentage'> =
    {};
  /** What the state's Assign (or its catcher's) assigned. */
  assigned: Record<string, Json> | undefined;
  private failureTolerance: { count: number } | undefined;

  constructor(
    private readonly state: CompiledState,
    private readonly input: Json,
    private readonly env: StepEnv,
    private readonly stages: AttemptInspection,
    private readonly mock: CheckedMock | undefined,
    private readonly configuration: NonNullable<TestStateRequest['stateConfiguration']>,
    private readonly fiber: Fiber,
  ) {}

  async run(retryCount: number, taskToken: string | undefined): Promise<Answer> {
    const { state, input, env } = this;
    try {
      const { effective, taskInput } = await state.flow.input(input, env);
      const outcome = await this.execute(effective, taskInput, retryCount, taskToken);
      this.stages.set('result', outcome.result);
      const next = outcome.kind === 'result' ? state.next : outcome.kind === 'next' ? outcome.next : undefined;
      const source = outcome.kind === 'next' ? outcome.source : undefined;
      const { output, assigned } = await state.flow.output(input, outcome.result, env, source);
      this.assigned = assigned;
      return { response: withNext({ status: 'SUCCEEDED', output: JSON.stringify(output) }, next) };
    } catch (thrown) {
      if (!(thrown instanceof StatesError)) throw thrown;
      return this.recover(thrown, retryCount);
    }
  }

  private async execute(
    effective: Json,
    taskInput: Json,
    retryCount: number,
    taskToken: string | undefined,
  ): Promise<StateOutcome> {
    const { state, mock } = this;
    if (state.type === 'Map') await this.mapNumbers(state, effective);
    if (mock) return mockedOutcome(mock);
    const run: StateRun = {
      state,
      fiber: this.fiber,
      env: this.env,
      effective,
      raw: this.input,
      rawText: JSON.stringify(this.input),
      retryCount,
      taskToken,
      signal: this.fiber.signal,
      runScope,
    };
    return execute(state.type, taskInput, run);
  }

  /** Map: its items (ItemsPath/Items, or the reader's data), concurrency and tolerance, before the mock applies. */
  private async mapNumbers(state: CompiledMap, effective: Json): Promise<void> {
    const reader = state.definition.ItemReader;
    const items = isJsonObject(reader)
      ? readerItems(this.configuration.mapItemReaderData, reader, this.env)
      : await state.flow.items(effective, this.env);
    const view = { state, effective, env: this.env };
    // A mock stands for the children, not for the batches: they are made to be shown (afterItemBatcher).
    if (isJsonObject(state.definition.ItemBatcher)) await childInputs(view, items);
    this.numbers.maxConcurrency = await readMaxConcurrency(view);
    const count = await state.flow.field('ToleratedFailureCount', effective, this.env);
    const percentage = await state.flow.field('ToleratedFailurePercentage', effective, this.env);
    const tolerance = await readTolerance(view);
    this.failureTolerance = tolerance && { count: toleratedFailures(tolerance, items.length) };
    if (count?.found) this.numbers.toleratedFailureCount = Number(count.value);
    if (percentage?.found) this.numbers.toleratedFailurePercentage = Number(percentage.value);
    const failures = this.configuration.mapIterationFailureCount;
    if (
      this.mock?.kind === 'result' &&
      failures !== undefined &&
      this.failureTolerance &&
      failures > this.failureTolerance.count
    )
      throw new StatesError(
        ErrorName.ExceedToleratedFailureThreshold,
        'The specified tolerated failure threshold was exceeded',
      );
  }

  /** The run loop's decision (errors/recovery.ts), reported instead of carried out. */
  private async recover(error: StatesError, retryCount: number): Promise<Answer> {
    const { state } = this;
    const failed = (status: TestExecutionStatus, errorDetails?: InspectionErrorDetails): Answer => ({
      response: errorResponse(status, error),
      ...(errorDetails ? { errorDetails } : {}),
    });
    if (!recovers(state)) return failed('FAILED');
    const decision = decideRecovery({
      error: error.error,
      retriers: state.retriers,
      // Every retrier has made `retrierRetryCount` retries: the one that matches is the one asked about.
      counts: state.retriers.map(() => retryCount),
      catchers: state.catchers,
    });
    if (decision.kind === 'retry')
      return failed('RETRIABLE', { retryIndex: decision.index, retryBackoffIntervalSeconds: decision.delayMs / 1000 });
    if (decision.kind === 'fail') {
      const retryIndex = findHandler(state.retriers, error.error);
      return failed('FAILED', retryIndex >= 0 ? { retryIndex } : undefined);
    }
    const errorOutput: JsonObject = { Error: error.error ?? null, Cause: error.causeText ?? null };
    const { output, assigned } = await state.flow.catchOutput(decision.index, this.input, errorOutput, this.env);
    this.assigned = assigned;
    return {
      response: {
        ...errorResponse('CAUGHT_ERROR', error),
        output: JSON.stringify(output),
        nextState: decision.catcher.Next,
      },
      errorDetails: { catchIndex: decision.index },
    };
  }
}

function errorResponse(status: TestExecutionStatus, error: StatesError): TestStateResponse {
  return {
    status,
    ...(error.error === undefined ? {} : { error: error.error }),
    ...(error.causeText === undefined ? {} : { cause: error.causeText }),
  };
}

const withNext = (response: TestStateResponse, next: string | undefined): TestStateResponse =>
  next === undefined ? response : { ...response, nextState: next };

/**
 * The items of `mapItemReaderData`, "the data read by ItemReader as found in its original source"
 * (AWS's API reference): a `ReaderConfig.ItemsPointer` picks them out of it first.
 */
function readerItems(text: string | undefined, reader: JsonObject, env: StepEnv): Json[] {
  // Unverified wording: AWS's refusals for missing or malformed reader data are not recorded.
  if (text === undefined)
    throw invalidRequest('MapItemReaderData must be specified when testing a Map state with an ItemReader');
  const data = jsonText(text, 'mapItemReaderData', null);
  const config = isJsonObject(reader['ReaderConfig']) ? reader['ReaderConfig'] : {};
  const pointer = config['ItemsPointer'];
  const items = pointedValue(data, pointer);
  if (!Array.isArray(items)) throw invalidRequest('MapItemReaderData must be a JSON array');
  if (pointer !== undefined) env.stages?.('afterItemsPointer', items);
  return items;
}

/** A JSON-text field of the request (a value is taken as is: an aslkit convenience). */
function jsonText(text: unknown, field: string, absent: Json): Json {
  if (text === undefined) return absent;
  if (typeof text !== 'string') return text as Json;
  try {
    return parseJson(text);
  } catch {
    // Unverified wording: AWS's text for a request field that is not JSON is not recorded.
    throw invalidRequest(`The field '${field}' must be valid JSON`);
  }
}

/** AWS's (Coral) wording for a request member that breaks its constraint. */
