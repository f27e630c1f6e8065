/**
 * A DISTRIBUTED Map: a Map Run of child executions. The parent records MapStateStarted,
 * MapRunStarted, then MapRunSucceeded / MapRunFailed / MapRunAborted and no iteration events
 * (docs/research/history-events.md §4: MapStateSucceeded and MapStateExited both follow
 * MapRunSucceeded). Items come from the state input or the ItemReader, pass ItemSelector, are
 * grouped by the ItemBatcher, and each item (or batch) is one child; the results are the
 * children's outputs or the ResultWriter's export.
 */
import { isJsonObject, asText, type Json, type JsonObject } from '../json.js';
import { ErrorName, StatesError, runtimeError } from '../errors/states-error.js';
import { AbortedError, isoTimestamp } from '../runtime/clock.js';
import { runChildren, type ConcurrencyLimit } from '../runtime/scheduler.js';
import { resultLimitError } from '../runtime/payload-limits.js';
import type { CompiledMap } from '../runtime/compiled-state.js';
import { invalidPathCause, type FieldName } from '../dataflow/pipeline.js';
import { readItems } from '../distributed/item-reader.js';
import { batchItems } from '../distributed/item-batcher.js';
import { itemKey } from '../distributed/keyed-items.js';
import { childMachineArn, mapRunArn, MapRunRecord, onLimitsChanged } from '../distributed/map-run.js';
import { plannedChild, runChild, type ChildPlan, type ChildRedrive } from '../distributed/child-execution.js';
import type { MapRunChild } from '../distributed/map-run.js';
import type { ExecutionType } from '../runtime/execution-type.js';
import { buildGraph, type GraphModel } from '../graph/model.js';
import {
  transformationOf,
  transformResults,
  writeResults,
  type ResultWriterRequest,
} from '../distributed/result-writer.js';
import type { StateOutcome, StateRun } from './executor.js';
import { failsState } from './state-failure.js';
import {
  asInteger,
  failIfJsonata,
  ItemEnv,
  type MapFieldView,
  readMaxConcurrency,
  readTolerance,
  toleratedFailures,
  valueText,
} from './map-settings.js';

/** AWS runs at most 10,000 child executions of a Map Run at once. */
export const DISTRIBUTED_CONCURRENCY = 10_000;

export async function executeDistributedMap(run: StateRun<CompiledMap>): Promise<StateOutcome> {
  const { state, fiber } = run;
  const definition = state.definition;
  const reader = isJsonObject(definition.ItemReader) ? definition.ItemReader : undefined;
  // Without an ItemReader the items are known now; AWS shows 0 as the length of a reader's run.
  const inputItems = reader ? undefined : await failIfJsonata(run, state.flow.items(run.effective, run.env));
  fiber.record('MapStateStarted', { mapStateStartedEventDetails: { length: inputItems?.length ?? 0 } });
  // A bad configuration value fails the state with no MapStateFailed (history-events.md §4j).
  const maxConcurrency = await readMaxConcurrency(run);
  const tolerance = await readTolerance(run);
  const env = fiber.env;
  const label = typeof definition.Label === 'string' ? definition.Label : state.name;
  const machineArn = asText(env.contextBase.StateMachine['Id']);
  const childMachine = childMachineArn(machineArn, label);
  // A redrive takes up the Map Run the stopped execution started: same ARN, same start.
  const redrive = run.redrive?.mapRun;
  const mapRun = new MapRunRecord(
    redrive?.mapRunArn ?? mapRunArn(childMachine, env.random.uuid()),
    asText(env.contextBase.Execution['Id']),
    state.name,
    childMachine,
    state.processorType,
    maxConcurrency,
    redrive?.record?.startDate ?? isoTimestamp(env.clock.now()),
  );
  const plan: ChildPlan = {
    run: mapRun,
    processor: state.processor,
    type: state.processorType,
    machineName: `${asText(env.contextBase.StateMachine['Name'])}/${label}`,
  };
  if (tolerance?.percentage !== undefined) mapRun.toleratedFailurePercentage = tolerance.percentage;
  if (tolerance?.count !== undefined) mapRun.toleratedFailureCount = tolerance.count;
  env.mapRuns.push(mapRun);
  if (redrive)
    fiber.record('MapRunRedriven', {
      mapRunRedrivenEventDetails: { mapRunArn: mapRun.mapRunArn, redriveCount: redrive.redriveCount },
    });
  else fiber.record('MapRunStarted', { mapRunStartedEventDetails: { mapRunArn: mapRun.mapRunArn } });
  const runFailed = (error: StatesError): never => {
    mapRun.status = 'FAILED';
    mapRun.error = error.error;
    mapRun.cause = error.causeText;
    mapRun.stopDate = isoTimestamp(env.clock.now());
    fiber.record('MapRunFailed', {
      mapRunFailedEventDetails: {
        ...(error.error === undefined ? {} : { error: error.error }),
        ...(error.causeText === undefined ? {} : { cause: error.causeText }),
      },
    });
    throw failsState(error);
  };
  let items: Json[];
  let inputs: Json[];
  try {
    items = reader ? await readerItems(run, reader) : (inputItems ?? []);
    inputs = await childInputs(run, items);
  } catch (error) {
    if (!(error instanceof StatesError)) throw error;
    return runFailed(error);
  }
  const before = redrive?.record?.children;
  // The compile step refuses a Map without one; an empty scope stands for it here.
  const processor = definition.ItemProcessor ?? definition.Iterator ?? { StartAt: state.processor.startAt, States: {} };
  const processorModel = (): GraphModel => (model ??= buildGraph(processor));
  let model: GraphModel | undefined;
  inputs.forEach((input, index) => {
    const earlier = before?.[index];
    // A redrive keeps the children that succeeded; a STANDARD one that did not is redriven under its
    // own ARN; an EXPRESS one is started anew (AWS reruns it with StartExecution): a new name and ARN.
    const kept = earlier && (earlier.status === 'SUCCEEDED' || state.processorType === 'STANDARD');
    mapRun.children.push(kept ? keptChild(earlier) : plannedChild(env, plan, index, earlier ? earlier.input : input));
  });
  let failures = 0;
  // A distributed Map tolerates no failure unless told: one failed child fails the run. Read at
  // each failure, as the limits below are read as children start: UpdateMapRun changes them.
  const allowed = (): number =>
    toleratedFailures(
      { percentage: mapRun.toleratedFailurePercentage, count: mapRun.toleratedFailureCount },
      inputs.length,
    );
  const concurrency: ConcurrencyLimit = {
    current: () => (mapRun.maxConcurrency === 0 ? DISTRIBUTED_CONCURRENCY : mapRun.maxConcurrency),
    onChange: (listener) => onLimitsChanged(mapRun, listener),
  };
  let outcome;
  try {
    outcome = await runChildren(
      mapRun.children,
      concurrency,
      run.signal,
      async (child, index, signal) => {
        if (succeeded(child)) return;
        await runChild(env, plan, child, signal, childRedrive(before?.[index], state.processorType, processorModel));
        if (child.status !== 'SUCCEEDED') throw new ChildFailed();
      },
      (error) => error instanceof ChildFailed && ++failures <= allowed(),
    );
  } catch (error) {
    if (error instanceof AbortedError) {
      mapRun.status = 'ABORTED';
      mapRun.stopDate = isoTimestamp(env.clock.now());
      fiber.record('MapRunAborted', {});
    }
    throw error;
  }
  const writer = writerRequest(definition.ResultWriter);
  const exported = writer?.resource !== undefined;
  if (outcome.failure) {
    const exceeded = new StatesError(
      ErrorName.ExceedToleratedFailureThreshold,
      'The specified tolerated failure threshold was exceeded',
    );
    // AWS exports what the run did, failed children and unstarted ones too, before it fails.
    if (exported) await writeOrFail(run, mapRun, writer, runFailed);
    return runFailed(outcome.failure.error instanceof ChildFailed ? exceeded : toStatesError(outcome.failure.error));
  }
  let result: Json;
  if (exported) {
    const details = await writeOrFail(run, mapRun, writer, runFailed);
    result = { MapRunArn: mapRun.mapRunArn, ResultWriterDetails: details };
  } else {
    result = transformResults(mapRun, transformationOf(writer));
    const tooLarge = resultLimitError(result, env.limits.payloadBytes, state.name);
    if (tooLarge) return runFailed(tooLarge);
  }
  mapRun.status = 'SUCCEEDED';
  mapRun.stopDate = isoTimestamp(env.clock.now());
  fiber.record('MapRunSucceeded', {});
  fiber.recordAside('MapStateSucceeded', {});
  return { kind: 'result', result };
}

/**
 * How a Map Run's redrive runs a child again: a STANDARD child whose history was kept is redriven
 * (its history goes on); an EXPRESS one is started again, as AWS restarts Express children.
 */
function childRedrive(
  earlier: MapRunChild | undefined,
  type: ExecutionType,
  model: () => GraphModel,
): ChildRedrive | undefined {
  const history = earlier?.history;
  if (type !== 'STANDARD' || !history || history.length === 0 || earlier.startDate === undefined) return undefined;
  const redriven = history.filter((event) => event.type === 'ExecutionRedriven').length;
  return { history, model: model(), startDate: earlier.startDate, redriveCount: redriven + 1 };
}

/** A child of the run a redrive takes up: as it was when it succeeded, else to be redriven (what it ended with cleared). */
function keptChild(earlier: MapRunChild): MapRunChild {
  if (earlier.status === 'SUCCEEDED') return { ...earlier };
  const { index, name, executionArn, input, redriveCount } = earlier;
  return {
    index,
    name,
    executionArn,
    input,
    status: 'PENDING',
    ...(redriveCount === undefined ? {} : { redriveCount }),
  };
}

/** A child kept from the run a redrive takes up (a function: the status changes while it runs). */
const succeeded = (child: MapRunChild): boolean => child.status === 'SUCCEEDED';

/** A child that did not succeed: the run counts it against the tolerated failures. */
class ChildFailed extends Error {}

const toStatesError = (error: unknown): StatesError =>
  error instanceof StatesError ? error : runtimeError(error instanceof Error ? error.message : String(error));

/** The store does real I/O (files, S3): virtual time must not run on to a deadline meanwhile. */
async function withClockHeld<T>(run: StateRun<CompiledMap>, io: () => Promise<T>): Promise<T> {
  const release = run.fiber.env.clock.hold();
  try {
    return await io();
  } finally {
    release();
  }
}

async function readerItems(run: StateRun<CompiledMap>, reader: JsonObject): Promise<Json[]> {
  const config = isJsonObject(reader['ReaderConfig']) ? reader['ReaderConfig'] : {};
  const parameters = (await run.state.flow.mapTemplate('ItemReader', run.effective, run.env)) ?? {};
  const maxItems = await readCount(run, 'MaxItems', 0);
  const items = await withClockHeld(run, () =>
    readItems(run.fiber.env.objectStore, {
      resource: asText(reader['Resource']),
      config,
      parameters,
      maxItems: maxItems === undefined || maxItems === 0 ? Infinity : maxItems,
    }),
  );
  if (config['ItemsPointer'] !== undefined) run.env.stages?.('afterItemsPointer', items);
  return items;
}

/**
 * Each item through ItemSelector, then grouped by the ItemBatcher when there is one (TestState
 * makes the batches of a mocked Map the same way, to show them).
 */
export async function childInputs(run: MapFieldView, items: Json[]): Promise<Json[]> {
  const { flow } = run.state;
  const selected: Json[] = new Array<Json>(items.length);
  for (const [index, item] of items.entries()) {
    const env = new ItemEnv(run.env, index, item, itemKey(items, index));
    selected[index] = await flow.itemInput(run.effective, item, env);
  }
  if (!isJsonObject(run.state.definition.ItemBatcher)) return selected;
  const maxItems = await readCount(run, 'MaxItemsPerBatch', 1);
  const maxBytes = await readCount(run, 'MaxInputBytesPerBatch', 1);
  const batchInput = await flow.mapTemplate('BatchInput', run.effective, run.env);
  const batches = batchItems(selected, {
    maxItems: maxItems ?? Infinity,
    maxBytes: maxBytes ?? Infinity,
    batchInput,
  });
  run.env.stages?.('afterItemBatcher', batches);
  return batches;
}

/** An integer configuration value of at least `min` (AWS parses `"3"` as 3), or `undefined` when unset. */
async function readCount(run: MapFieldView, name: FieldName, min: number): Promise<number | undefined> {
  const field = await run.state.flow.field(name, run.effective, run.env);
  if (!field) return undefined;
  if (!field.found) throw runtimeError(invalidPathCause(field.path, field.miss));
  const value = asInteger(field.value);
  if (value === undefined) {
    throw runtimeError(
      `The ${name}Path field refers to value "${valueText(field.value)}" which is not a valid integer: ${field.path ?? name}`,
    );
  }
  if (value < min) throw runtimeError(`${name} must be at least ${min}, got '${value}' instead.`);
  return value;
}

function writerRequest(writer: Json | undefined): ResultWriterRequest | undefined {
  if (!isJsonObject(writer)) return undefined;
  return {
    resource: typeof writer['Resource'] === 'string' ? writer['Resource'] : undefined,
    parameters: undefined,
    writerConfig: isJsonObject(writer['WriterConfig']) ? writer['WriterConfig'] : undefined,
  };
}

async function writeOrFail(
  run: StateRun<CompiledMap>,
  mapRun: MapRunRecord,
  writer: ResultWriterRequest,
  runFailed: (error: StatesError) => never,
): Promise<JsonObject> {
  try {
    const parameters = await run.state.flow.mapTemplate('ResultWriter', run.effective, run.env);
    return await withClockHeld(run, () => writeResults(run.fiber.env.objectStore, mapRun, { ...writer, parameters }));
  } catch (error) {
    if (!(error instanceof StatesError)) throw error;
    return runFailed(error);
  }
}
