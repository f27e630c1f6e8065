/**
 * StartExecution, StartSyncExecution, DescribeExecution, ListExecutions, StopExecution,
 * GetExecutionHistory and DescribeStateMachineForExecution.
 */
import { historyFacts, redrivability, type HistoryEvent } from '@aslkit/core';
import { checkExecutionArn, checkName, parseMachineArn } from '../api/arns.js';
import { errors } from '../api/service-error.js';
import { optionalBoolean, optionalEnum, optionalString, requiredString, type Body } from '../api/params.js';
import { pageResponse, paginate } from '../api/pagination.js';
import type { ExecutionRecord } from '../store/service-store.js';
import { epochSeconds, type Operation, type OperationContext } from './context.js';
import { describeMachine, existingMachine } from './state-machines.js';
import { apiEvent } from './history-events.js';

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
  const record = existingExecution(context, requiredString(body, 'executionArn'));
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
  const record = existingExecution(context, requiredString(body, 'executionArn'));
  const running = context.runtime.redrive(record);
  return { redriveDate: epochSeconds(running.redriveDate!) };
};

export const listExecutions: Operation = (context, body) => {
  const machineArn = optionalString(body, 'stateMachineArn');
  if (machineArn === undefined) {
    if (body['mapRunArn'] !== undefined) throw errors.resourceNotFound(String(body['mapRunArn']));
    throw errors.validation('Must provide a StateMachine ARN or MapRun ARN');
  }
  const machine = existingMachine(context, machineArn);
  if (machine.type === 'EXPRESS')
    throw errors.typeNotSupported('This operation is not supported by this type of state machine');
  const status = optionalEnum(body, 'statusFilter', STATUSES);
  // Newest first, as AWS lists them.
  const all = context.store
    .listExecutions(machine.arn)
    .filter((record) => status === undefined || record.status === status)
    .reverse();
  return pageResponse('executions', paginate(all, body, `executions:${machine.arn}:${status ?? ''}`), listed);
};

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
  const record = existingExecution(context, requiredString(body, 'executionArn'));
  const reverse = optionalBoolean(body, 'reverseOrder') ?? false;
  const includeData = optionalBoolean(body, 'includeExecutionData') ?? true;
  const events = [...context.store.events(record.arn)];
  if (reverse) events.reverse();
  const page = paginate(events, body, `history:${record.arn}:${reverse}`);
  return {
    events: page.items.map((event: HistoryEvent) => apiEvent(event, includeData ? undefined : DATA_FIELDS)),
    ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }),
  };
};

export const describeStateMachineForExecution: Operation = (context, body) => {
  const record = existingExecution(context, requiredString(body, 'executionArn'));
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
