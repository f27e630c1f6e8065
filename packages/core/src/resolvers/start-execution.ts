/**
 * Nested workflows: `arn:aws:states:::states:startExecution` (plain, `.sync`, `.sync:2`,
 * `.waitForTaskToken`) starts a registered state machine as a local child execution and
 * answers with what AWS gives for each form; `aws-sdk:sfn:sendTask{Success,Failure,Heartbeat}`
 * lets a child answer its parent's task token.
 */
import { isJsonObject, type Json, type JsonObject, parseJson } from '../json.js';
import { ErrorName } from '../errors/states-error.js';
import { UsageError } from '../errors/aslkit-error.js';
import { ErrorCode } from '../errors/error-codes.js';
import { isoTimestamp, parseStartTime } from '../runtime/clock.js';
import { createRandom } from '../runtime/random.js';
import type { StateMachine, StartOptions } from '../runtime/state-machine.js';
import type { Execution, ExecutionResult } from '../runtime/execution.js';
import {
  awaitCallback,
  TaskError,
  type ResolverRouter,
  type ResolversOption,
  type TaskContext,
  type TaskResolver,
} from './resolver.js';
import { onAbort } from '../runtime/abort-listeners.js';

export interface NestedExecutionsOptions {
  /**
   * Machines StartExecution may target: a list (found by ARN, then by name), a map keyed by ARN or
   * name, or a lookup by the ARN the task names (a service whose machines come and go).
   */
  machines: readonly StateMachine[] | Record<string, StateMachine> | ((arn: string) => StateMachine | undefined);
  /**
   * Starts a child in place of `machine.start(input, options)`: a service registers it as one of its
   * executions. May throw a `TaskError` (say, the service's ExecutionAlreadyExists).
   */
  launch?: (machine: StateMachine, input: Json, options: StartOptions) => Execution;
  /**
   * Options for every child: its resolvers, mocks, limits, `realTime`. The seed, start time and
   * name come from the parent. Keep `realTime` the same as the parent's.
   */
  childOptions?: Omit<StartOptions, 'seed' | 'startTime' | 'name'>;
}

export interface NestedExecutions extends ResolverRouter {
  /** Child executions started so far, in start order. */
  readonly children: readonly Execution[];
  /** Starts an execution with this router in its resolvers, whose task tokens children may answer. */
  start(machine: StateMachine, input?: Json, options?: StartOptions): Execution;
  /** Lets children answer the task tokens of an execution started elsewhere. */
  track(execution: Execution): Execution;
}

interface ChildRecord {
  execution: Execution;
  inputText: string;
  startMs: number;
}

const MACHINE_ARN = /^(arn:[^:]+:states:[^:]*:[^:]*:stateMachine:[^:]+)(?::[^:]+)?$/;

/**
 * Routes StartExecution and the SendTask* SDK calls to local executions of `machines`.
 * @example
 * const nested = nestedExecutions({ machines: [child], childOptions: { resolvers } });
 * const result = await nested.start(parent, { orderId: 7 }, { seed: 1, resolvers }).result;
 */
export function nestedExecutions(options: NestedExecutionsOptions): NestedExecutions {
  const byKey = new Map<string, StateMachine>();
  const find = typeof options.machines === 'function' ? options.machines : undefined;
  if (Array.isArray(options.machines)) {
    for (const machine of options.machines as readonly StateMachine[]) {
      byKey.set(machine.arn, machine);
      if (!byKey.has(machine.name)) byKey.set(machine.name, machine);
    }
  } else if (!find) {
    const record = options.machines as Record<string, StateMachine>;
    for (const key of Object.keys(record)) byKey.set(key, record[key]!).set(record[key]!.arn, record[key]!);
  }
  const childOptions = options.childOptions ?? {};
  const children: Execution[] = [];
  const tracked = new Set<Execution>();
  const byExecutionArn = new Map<string, ChildRecord>();
  const counters = new Map<string, number>();
  const requestCounters = new Map<string, number>();
  // When a child answered a token, on the child's clock, and who waits to hear it.
  const answers = new Map<string, number>();
  const listeners = new Map<string, () => void>();

  const launch = options.launch ?? ((machine, input, startOptions) => machine.start(input, startOptions));
  const lookup = (arn: string): StateMachine | undefined => {
    if (find) return find(arn);
    const base = MACHINE_ARN.exec(arn)?.[1];
    return (
      byKey.get(arn) ??
      (base === undefined ? undefined : (byKey.get(base) ?? byKey.get(base.slice(base.lastIndexOf(':') + 1))))
    );
  };
  const withRouter = (resolvers: ResolversOption | undefined): ResolversOption =>
    resolvers === undefined ? [router] : [router, resolvers];

  const startExecution: TaskResolver = async (input, context) => {
    const parameters = checkParameters(input, ['StateMachineArn', 'Input', 'Name'], context);
    const arn = parameters['StateMachineArn'];
    if (typeof arn !== 'string')
      throw new TaskError(
        ErrorName.Runtime,
        `The field 'StateMachineArn' of states:startExecution must be a state machine ARN (state '${context.stateName}')`,
      );
    const seed = childSeed(context, counters);
    const requestId = createRandom(`${seed}:request`).uuid();
    const machine = lookup(arn);
    if (!machine) throw serviceError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`, requestId);
    const inputText = childInputText(parameters['Input'], requestId);
    const name = parameters['Name'];
    if (name !== undefined && typeof name !== 'string')
      throw new TaskError(
        ErrorName.Runtime,
        `The field 'Name' of states:startExecution must be a string (state '${context.stateName}')`,
      );

    const executionArn =
      name === undefined ? undefined : machine.arn.replace(':stateMachine:', ':execution:') + `:${name}`;
    const existing = executionArn === undefined ? undefined : byExecutionArn.get(executionArn);
    let child: ChildRecord;
    if (existing) {
      // AWS: the same name and input while the first still runs is the same execution; anything else is a conflict.
      if (existing.inputText !== inputText || existing.execution.status !== 'RUNNING') {
        throw serviceError(ErrorCode.ExecutionAlreadyExists, `Execution Already Exists: '${executionArn}'`, requestId);
      }
      child = existing;
    } else {
      const startMs = context.clock.now();
      const execution = launch(machine, parseJson(inputText), {
        ...childOptions,
        resolvers: withRouter(childOptions.resolvers),
        seed,
        startTime: startMs,
        ...(name === undefined ? {} : { name }),
      });
      child = { execution, inputText, startMs };
      byExecutionArn.set(execution.executionArn, child);
      children.push(execution);
      tracked.add(execution);
    }
    const pattern = context.parsedResource.pattern;
    if (pattern === 'request-response') return startedOutput(child, requestId);
    if (pattern === 'sync') {
      // AWS's TaskSubmitted shows StartExecution's response.
      context.submit(startedOutput(child, requestId));
      const cancelStop = onAbort(context.signal, () => child.execution.stop());
      const result = await child.execution.result;
      cancelStop();
      await catchUp(context, child.startMs, parseStartTime(result.stopDate) ?? child.startMs);
      const version2 = context.parsedResource.arn.endsWith('.sync:2');
      const described = describeExecution(child, result, machine.arn, version2);
      if (result.status === 'SUCCEEDED') return described;
      throw new TaskError(ErrorName.TaskFailed, JSON.stringify(described));
    }
    // `.waitForTaskToken`: the child gets the token in its input; the parent resumes on the answer.
    const token = context.taskToken!;
    context.submit(startedOutput(child, requestId));
    const answered = new Promise<void>((resolve) => listeners.set(token, resolve));
    const result = await Promise.race([child.execution.result, answered]);
    listeners.delete(token);
    const answeredAt = answers.get(token);
    const until = answeredAt ?? (result ? (parseStartTime(result.stopDate) ?? child.startMs) : child.startMs);
    await catchUp(context, child.startMs, until);
    return awaitCallback();
  };

  /** Virtual time stands still for the parent while the child runs; move it on by the child's time. */
  const catchUp = async (context: TaskContext, fromMs: number, toMs: number): Promise<void> => {
    if (!childOptions.realTime && toMs > fromMs) await context.clock.sleep(toMs - fromMs);
  };

  const sendTask =
    (action: 'sendTaskSuccess' | 'sendTaskFailure' | 'sendTaskHeartbeat'): TaskResolver =>
    (input, context) => {
      const fields = {
        sendTaskSuccess: ['TaskToken', 'Output'],
        sendTaskFailure: ['TaskToken', 'Error', 'Cause'],
        sendTaskHeartbeat: ['TaskToken'],
      }[action];
      const parameters = checkParameters(input, fields, context);
      const token = parameters['TaskToken'];
      const requestId = createRandom(`${childSeed(context, requestCounters)}:send`).uuid();
      if (typeof token !== 'string' || token.length === 0)
        throw sdkError(ErrorCode.InvalidToken, 'Invalid Token', requestId);
      let output: Json = null;
      if (action === 'sendTaskSuccess') {
        const raw = parameters['Output'];
        try {
          output = typeof raw === 'string' ? parseJson(raw) : (raw ?? null);
        } catch {
          throw sdkError(ErrorCode.InvalidOutput, 'Invalid Output: the output is not valid JSON', requestId);
        }
      }
      const text = (key: string): string | undefined =>
        typeof parameters[key] === 'string' ? parameters[key] : undefined;
      for (const execution of tracked) {
        if (execution.status !== 'RUNNING') {
          tracked.delete(execution);
          continue;
        }
        try {
          if (action === 'sendTaskSuccess') execution.sendTaskSuccess(token, output);
          else if (action === 'sendTaskFailure') execution.sendTaskFailure(token, text('Error'), text('Cause'));
          else execution.sendTaskHeartbeat(token);
        } catch (error) {
          if (error instanceof UsageError && error.code === ErrorCode.TaskDoesNotExist) continue;
          throw error instanceof UsageError && error.code === ErrorCode.InvalidToken
            ? sdkError(ErrorCode.InvalidToken, 'Invalid Token', requestId)
            : error;
        }
        if (action !== 'sendTaskHeartbeat') {
          answers.set(token, context.clock.now());
          listeners.get(token)?.();
        }
        return {};
      }
      throw sdkError(ErrorCode.TaskDoesNotExist, 'Task Does Not Exist', requestId);
    };

  const resolvers = new Map<string, TaskResolver>([
    ['arn:aws:states:::states:startExecution', startExecution],
    ['arn:aws:states:::aws-sdk:sfn:sendTaskSuccess', sendTask('sendTaskSuccess')],
    ['arn:aws:states:::aws-sdk:sfn:sendTaskFailure', sendTask('sendTaskFailure')],
    ['arn:aws:states:::aws-sdk:sfn:sendTaskHeartbeat', sendTask('sendTaskHeartbeat')],
  ]);
  const router: NestedExecutions = {
    children,
    find: (resource) =>
      resource.kind === 'service'
        ? resolvers.get(resource.baseArn.replace(/^arn:[^:]+:states:[^:]*:[^:]*:/, 'arn:aws:states:::'))
        : undefined,
    start(machine, input = {}, startOptions = {}) {
      return router.track(machine.start(input, { ...startOptions, resolvers: withRouter(startOptions.resolvers) }));
    },
    track(execution) {
      tracked.add(execution);
      return execution;
    },
  };
  return router;
}

/** Keeps only the fields the API takes, as AWS rejects others at create time. */
function checkParameters(input: Json, fields: string[], context: TaskContext): JsonObject {
  if (!isJsonObject(input))
    throw new TaskError(
      ErrorName.Runtime,
      `The parameters of '${context.resource}' must be an object (state '${context.stateName}')`,
    );
  const unknown = Object.keys(input).filter((key) => !fields.includes(key));
  if (unknown.length > 0) {
    throw new TaskError(
      ErrorName.Runtime,
      `The field '${unknown[0]}' is not supported by '${context.resource}'; it takes ${fields.join(', ')} (state '${context.stateName}')`,
    );
  }
  return input;
}

/** Children's seeds come from the parent's execution and a per-parent counter, so reruns match. */
function childSeed(context: TaskContext, counters: Map<string, number>): string {
  const execution = isJsonObject(context.contextObject) ? context.contextObject['Execution'] : undefined;
  const parentId =
    isJsonObject(execution ?? null) && typeof (execution as JsonObject)['Id'] === 'string'
      ? ((execution as JsonObject)['Id'] as string)
      : '';
  const n = (counters.get(parentId) ?? 0) + 1;
  counters.set(parentId, n);
  return `${parentId}/${n}`;
}

/** `Input` may be JSON text or a JSON value; absent or null starts the child with `{}` (conformance: local_mocking__sfn_start_execution_sync-SFN_SYNC2). */
function childInputText(value: Json | undefined, requestId: string): string {
  if (value === undefined || value === null) return '{}';
  if (typeof value !== 'string') return JSON.stringify(value);
  try {
    JSON.parse(value);
  } catch {
    throw serviceError(ErrorCode.InvalidExecutionInput, `Invalid State Machine Execution Input: '${value}'`, requestId);
  }
  return value;
}

/** The optimized integration's errors, in the v1 Java client's form (as Lambda.* causes are, runtime-errors.md §13). */
const serviceError = (code: string, message: string, requestId: string): TaskError =>
  new TaskError(
    `StepFunctions.${code}Exception`,
    `${message} (Service: AWSStepFunctions; Status Code: 400; Error Code: ${code}; Request ID: ${requestId}; Proxy: null)`,
  );

/** The `aws-sdk:sfn` integration's errors, in the SDK-integration form (conformance: error_handling__s3_no_such_key). */
const sdkError = (code: string, message: string, requestId: string): TaskError =>
  new TaskError(`Sfn.${code}Exception`, `${message} (Service: Sfn, Status Code: 400, Request ID: ${requestId})`);

/** StartExecution's response as the plain integration returns it (snapshot: test_sfn_task_service::test_start_execution). */
function startedOutput(child: ChildRecord, requestId: string): JsonObject {
  const executionArn = child.execution.executionArn;
  const length = String(
    new TextEncoder().encode(`{"executionArn":"${executionArn}","startDate":${javaDouble(child.startMs / 1000)}}`)
      .length,
  );
  const date = httpDate(child.startMs);
  return {
    ExecutionArn: executionArn,
    SdkHttpMetadata: {
      // AWS's AllHttpHeaders is a Java HashMap: this is its iteration order for these five names.
      AllHttpHeaders: {
        'x-amzn-RequestId': [requestId],
        connection: ['keep-alive'],
        'Content-Length': [length],
        Date: [date],
        'Content-Type': ['application/x-amz-json-1.0'],
      },
      HttpHeaders: {
        connection: 'keep-alive',
        'Content-Length': length,
        'Content-Type': 'application/x-amz-json-1.0',
        Date: date,
        'x-amzn-RequestId': requestId,
      },
      HttpStatusCode: 200,
    },
    SdkResponseMetadata: { RequestId: requestId },
    StartDate: child.startMs,
  };
}

/**
 * DescribeExecution in PascalCase with epoch-millisecond dates and keys in alphabetical order,
 * as `.sync` returns it and as the cause of a failed child (wild: an AWS `.sync` failure cause,
 * find_string id 29520959141). `.sync:2` gives Input and Output as JSON instead of text.
 */
function describeExecution(
  child: ChildRecord,
  result: ExecutionResult,
  machineArn: string,
  version2: boolean,
): JsonObject {
  const described: JsonObject = {};
  if (result.cause !== undefined) described['Cause'] = result.cause;
  if (result.error !== undefined) described['Error'] = result.error;
  described['ExecutionArn'] = child.execution.executionArn;
  described['Input'] = version2 ? parseJson(child.inputText) : child.inputText;
  described['InputDetails'] = { Included: true };
  described['Name'] = child.execution.name;
  if (result.status === 'SUCCEEDED') {
    const outputText = JSON.stringify(result.output ?? null);
    described['Output'] = version2 ? parseJson(outputText) : outputText;
    described['OutputDetails'] = { Included: true };
  }
  described['RedriveCount'] = 0;
  described['RedriveStatus'] = result.status === 'SUCCEEDED' ? 'NOT_REDRIVABLE' : 'REDRIVABLE';
  if (result.status === 'SUCCEEDED') described['RedriveStatusReason'] = 'Execution is SUCCEEDED and cannot be redriven';
  described['StartDate'] = parseStartTime(result.startDate) ?? child.startMs;
  described['StateMachineArn'] = machineArn;
  described['Status'] = result.status;
  described['StopDate'] = parseStartTime(result.stopDate) ?? child.startMs;
  return described;
}

const DAYS = ['Thu', 'Fri', 'Sat', 'Sun', 'Mon', 'Tue', 'Wed'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 7231 date (`Wed, 28 Jun 2023 11:07:54 GMT`) from the ISO text, since core may not use `Date`. */
function httpDate(epochMs: number): string {
  const iso = isoTimestamp(epochMs);
  const day = DAYS[((Math.floor(epochMs / 86_400_000) % 7) + 7) % 7]!;
  return `${day}, ${iso.slice(8, 10)} ${MONTHS[Number(iso.slice(5, 7)) - 1]!} ${iso.slice(0, 4)} ${iso.slice(11, 19)} GMT`;
}

/** Java's `Double.toString` for large values (`1.687950474123E9`), as AWS's JSON body writes startDate. */
function javaDouble(value: number): string {
  const [whole = '0', fraction = ''] = String(value).split('.');
  const digits = (whole + fraction).replace(/0+$/, '') || '0';
  return whole.length < 8 ? String(value) : `${digits[0]}.${digits.slice(1) || '0'}E${whole.length - 1}`;
}
