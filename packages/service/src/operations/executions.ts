/**
 * StartExecution, StartSyncExecution, DescribeExecution, ListExecutions, StopExecution,
 * GetExecutionHistory and DescribeStateMachineForExecution.
 */
import {
  childHistory,
  historyFacts,
  redrivability,
  type HistoryEvent,
  type MapRun,
  type MapRunChild,
} from '@aslkit/core';
import { checkExecutionArn, checkName, parseMachineArn } from '../api/arns.js';
import { errors } from '../api/service-error.js';
import { optionalBoolean, optionalEnum, optionalString, requiredString, type Body } from '../api/params.js';
import { pageResponse, paginate } from '../api/pagination.js';
import type { ExecutionRecord } from '../store/service-store.js';
import { epochSeconds, type Operation, type OperationContext } from './context.js';
import { describeMachine, existingMachine } from './state-machines.js';
import { apiEvent } from './history-events.js';
import { EXECUTION_ARN, MAP_RUN_ARN, existingMapRun, itemWeight, mapStateOf } from './map-runs.js';

const MAX_INPUT_BYTES = 262_144;
const STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'];

function startRequest(context: OperationContext, body: Body) {
  const { arn, testCase } = parseMachineArn(requiredString(body, 'stateMachineArn'));
  const machine = existingMachine(context, arn);
  const name = optionalString(body, 'name');
  if (name !== undefined) checkName(name);
  const input = optionalString(body, 'input') ?? '{}';
  if (Buffer.byteLength(input) > MAX_INPUT_BYTES)
    throw errors.invalidExecutionInput(
      `Invalid State Machine Execution Input: the input is larger than ${MAX_INPUT_BYTES} bytes`,
    );
  const traceHeader = optionalString(body, 'traceHeader');
  return {
    machine,
    request: {
      input,
      ...(name === undefined ? {} : { name }),
      ...(testCase === undefined ? {} : { testCase }),
      ...(traceHeader === undefined ? {} : { traceHeader }),
    },
  };
}

export const startExecution: Operation = (context, body) => {
  const { machine, request } = startRequest(context, body);
  const { record } = context.runtime.start(machine, request);
  return { executionArn: record.arn, startDate: epochSeconds(record.startDate) };
};

export const startSyncExecution: Operation = async (context, body) => {
  const { machine, request } = startRequest(context, body);
  if (machine.type !== 'EXPRESS')
    throw errors.typeNotSupported('This operation is not supported by this type of state machine');
  const { record, execution } = context.runtime.start(machine, request);
  await execution!.result;
  const ended = context.store.getExecution(record.arn)!;
  return {
    ...listed(ended),
    ...payloads(ended),
    // Express billing: whole 100 ms steps at the smallest memory size.
    billingDetails: {
      billedMemoryUsedInMB: 64,
      billedDurationInMilliseconds: Math.max(100, Math.ceil(((ended.stopDate ?? 0) - ended.startDate) / 100) * 100),
    },
  };
};

/** A Map Run's child execution (not a record of the store), when `arn` names one. */
function childExecution(context: OperationContext, arn: string) {
  if (context.store.getExecution(checkExecutionArn(arn))) return undefined;
  return context.runtime.mapRuns.child(arn);
}

function existingExecution(context: OperationContext, arn: string): ExecutionRecord {
  const record = context.store.getExecution(checkExecutionArn(arn));
  if (!record) throw errors.executionDoesNotExist(arn);
  return record;
}

/** ListExecutions' fields of an execution, which DescribeExecution starts with. */
const listed = (record: ExecutionRecord) => ({
  executionArn: record.arn,
  stateMachineArn: record.machineArn,
  name: record.name,
  status: record.status,
  startDate: epochSeconds(record.startDate),
  ...(record.stopDate === undefined ? {} : { stopDate: epochSeconds(record.stopDate) }),
  ...(record.redriveCount === undefined ? {} : { redriveCount: record.redriveCount }),
  ...(record.redriveDate === undefined ? {} : { redriveDate: epochSeconds(record.redriveDate) }),
});

/** Input, output, error and cause, as DescribeExecution and StartSyncExecution give them. */
const payloads = (record: ExecutionRecord) => ({
  input: record.input,
  inputDetails: { included: true },
  ...(record.output === undefined ? {} : { output: record.output, outputDetails: { included: true } }),
  ...(record.error === undefined ? {} : { error: record.error }),
  ...(record.cause === undefined ? {} : { cause: record.cause }),
  ...(record.traceHeader === undefined ? {} : { traceHeader: record.traceHeader }),
});

export const describeExecution: Operation = (context, body) => {
  const arn = requiredString(body, 'executionArn');
  const found = childExecution(context, arn);
  if (found) return describeChild(found.run, found.child);
  const record = existingExecution(context, arn);
  // A running execution's history may not hold its first event yet: its status says enough.
  const status =
    record.status === 'RUNNING'
      ? { redriveStatus: 'NOT_REDRIVABLE', redriveStatusReason: 'Execution is RUNNING and cannot be redriven' }
      : redrivability(historyFacts(context.store.events(record.arn)), record.type, Date.now());
  return {
    ...listed(record),
    ...payloads(record),
    redriveCount: record.redriveCount ?? 0,
    ...status,
  };
};

/** RedriveExecution: a FAILED, ABORTED or TIMED_OUT Standard execution goes on where it stopped. */
export const redriveExecution: Operation = (context, body) => {
  const arn = requiredString(body, 'executionArn', EXECUTION_ARN);
  // Checked as AWS checks it, though one redrive per call needs no idempotency here.
  const clientToken = optionalString(body, 'clientToken', { min: 1, max: 64 });
  if (clientToken !== undefined && !/^[!-~]+$/.test(clientToken))
    throw errors.validation(
      `1 validation error detected: Value '${clientToken}' at 'clientToken' failed to satisfy constraint: Member must satisfy regular expression pattern: [!-~]+`,
    );
  const record = existingExecution(context, arn);
  const running = context.runtime.redrive(record);
  return { redriveDate: epochSeconds(running.redriveDate!) };
};

export const listExecutions: Operation = (context, body) => {
  const machineArn = optionalString(body, 'stateMachineArn');
  const mapRunArn = optionalString(body, 'mapRunArn', MAP_RUN_ARN);
  if (machineArn !== undefined && mapRunArn !== undefined)
    throw errors.validation('Must provide only one of StateMachine ARN or MapRun ARN');
  if (mapRunArn !== undefined) return listChildren(context, body, mapRunArn);
  if (machineArn === undefined) throw errors.validation('Must provide a StateMachine ARN or MapRun ARN');
  const machine = existingMachine(context, machineArn);
  if (machine.type === 'EXPRESS')
    throw errors.typeNotSupported('This operation is not supported by this type of state machine');
  const status = optionalEnum(body, 'statusFilter', STATUSES);
  const redriven = redriveFilter(body);
  // Newest first, as AWS lists them.
  const all = context.store
    .listExecutions(machine.arn)
    .filter((record) => (status === undefined || record.status === status) && redriven.keep(record.redriveCount))
    .reverse();
  const scope = `executions:${machine.arn}:${status ?? ''}:${redriven.filter}`;
  return pageResponse(
    'executions',
    paginate(all, body, scope, (record) => record.arn),
    listed,
  );
};

/** ListExecutions' `redriveFilter`: its value (for the page token's scope) and whether `redriveCount` passes it. */
function redriveFilter(body: Body): { filter: string; keep: (redriveCount: number | undefined) => boolean } {
  const filter = optionalEnum(body, 'redriveFilter', ['REDRIVEN', 'NOT_REDRIVEN'] as const);
  if (filter === undefined) return { filter: '', keep: () => true };
  return { filter, keep: (redriveCount) => (redriveCount ?? 0) > 0 === (filter === 'REDRIVEN') };
}

/** ListExecutions by `mapRunArn`: the run's children that have started, newest first. */
function listChildren(context: OperationContext, body: Body, mapRunArn: string): object {
  const { root, run } = existingMapRun(context, mapRunArn);
  const items = itemWeight(mapStateOf(context, root, run));
  const status = optionalEnum(body, 'statusFilter', STATUSES);
  const redriven = redriveFilter(body);
  const all = run.children
    .filter(
      (child) =>
        child.status !== 'PENDING' &&
        (status === undefined || child.status === status) &&
        redriven.keep(child.redriveCount),
    )
    .sort((a, b) => Date.parse(b.startDate!) - Date.parse(a.startDate!) || b.index - a.index);
  const scope = `executions:${mapRunArn}:${status ?? ''}:${redriven.filter}`;
  return pageResponse(
    'executions',
    paginate(all, body, scope, (child) => child.executionArn),
    (child) => ({
      ...listedChild(run, child),
      mapRunArn: run.mapRunArn,
      itemCount: items(child),
    }),
  );
}

/** A child execution's ListExecutions fields. */
const listedChild = (run: MapRun, child: MapRunChild) => ({
  executionArn: child.executionArn,
  stateMachineArn: run.stateMachineArn,
  name: child.name,
  status: child.status,
  startDate: epochSeconds(Date.parse(child.startDate!)),
  ...(child.stopDate === undefined ? {} : { stopDate: epochSeconds(Date.parse(child.stopDate)) }),
  ...(child.redriveCount === undefined ? {} : { redriveCount: child.redriveCount }),
});

/** DescribeExecution of a Map Run's child: its own fields, the run's ARN, and how it can be redriven. */
function describeChild(run: MapRun, child: MapRunChild): object {
  const ended = child.status !== 'RUNNING';
  return {
    ...listedChild(run, child),
    input: JSON.stringify(child.input),
    inputDetails: { included: true },
    ...(child.status === 'SUCCEEDED'
      ? { output: JSON.stringify(child.output ?? null), outputDetails: { included: true } }
      : {}),
    ...(child.error === undefined ? {} : { error: child.error }),
    ...(child.cause === undefined ? {} : { cause: child.cause }),
    mapRunArn: run.mapRunArn,
    redriveCount: child.redriveCount ?? 0,
    // AWS: a child that did not succeed is redriven with its Map Run (RedriveExecution of the parent).
    ...(ended && child.status !== 'SUCCEEDED'
      ? { redriveStatus: 'REDRIVABLE_BY_MAP_RUN' }
      : {
          redriveStatus: 'NOT_REDRIVABLE',
          redriveStatusReason: `Execution is ${child.status} and cannot be redriven`,
        }),
  };
}

export const stopExecution: Operation = async (context, body) => {
  const record = existingExecution(context, requiredString(body, 'executionArn'));
  const error = optionalString(body, 'error');
  const cause = optionalString(body, 'cause');
  const execution = context.runtime.running(record.arn);
  if (execution) {
    execution.stop(error, cause);
    await execution.result;
  }
  const ended = context.store.getExecution(record.arn)!;
  return { stopDate: epochSeconds(ended.stopDate ?? Date.now()) };
};

/** Input and output payloads that `includeExecutionData: false` leaves out. */
const DATA_FIELDS = new Set(['input', 'output', 'parameters']);

export const getExecutionHistory: Operation = (context, body) => {
  const arn = requiredString(body, 'executionArn');
  const found = childExecution(context, arn);
  const events = found
    ? [...(childHistory(found.child) ?? [])]
    : [...context.store.events(existingExecution(context, arn).arn)];
  const reverse = optionalBoolean(body, 'reverseOrder') ?? false;
  const includeData = optionalBoolean(body, 'includeExecutionData') ?? true;
  if (reverse) events.reverse();
  const page = paginate(events, body, `history:${arn}:${reverse}`, (event) => String(event.id));
  return {
    events: page.items.map((event: HistoryEvent) => apiEvent(event, includeData ? undefined : DATA_FIELDS)),
    ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }),
  };
};

export const describeStateMachineForExecution: Operation = (context, body) => {
  const arn = requiredString(body, 'executionArn');
  const found = childExecution(context, arn);
  if (found) return describeChildMachine(context, found.root, found.run);
  const record = existingExecution(context, arn);
  const machine = context.store.getMachine(record.machineArn);
  // The definition the execution started with, even when the machine changed or went away since.
  const described = machine
    ? describeMachine(machine, record.definition)
    : {
        stateMachineArn: record.machineArn,
        name: record.machineArn.split(':')[6],
        definition: record.definition,
        roleArn: record.roleArn,
      };
  const { status: _status, creationDate, type: _type, ...fields } = described as Record<string, unknown>;
  return {
    ...fields,
    updateDate: machine?.updateDate === undefined ? creationDate : machine.updateDate / 1000,
    revisionId: record.revisionId,
  };
};

/**
 * DescribeStateMachineForExecution of a Map Run's child, as AWS answers it: the state machine of the
 * Map Run (`<machine>/<label>`, the Map state's ItemProcessor as its definition), its `label` and
 * `mapRunArn`, with the role, configurations and revision of the execution that started the run.
 */
function describeChildMachine(context: OperationContext, root: string, run: MapRun): object {
  const record = context.store.getExecution(root)!;
  const machine = context.store.getMachine(record.machineArn);
  const map = mapStateOf(context, root, run);
  const name = run.stateMachineArn.split(':')[6]!;
  return {
    stateMachineArn: run.stateMachineArn,
    name,
    definition: JSON.stringify(map?.['ItemProcessor'] ?? map?.['Iterator'] ?? {}),
    roleArn: record.roleArn,
    updateDate: epochSeconds(machine?.updateDate ?? machine?.creationDate ?? record.startDate),
    ...(machine ? { loggingConfiguration: machine.loggingConfiguration } : {}),
    ...(machine ? { tracingConfiguration: machine.tracingConfiguration } : {}),
    mapRunArn: run.mapRunArn,
    label: name.slice(name.indexOf('/') + 1),
    revisionId: record.revisionId,
  };
}
