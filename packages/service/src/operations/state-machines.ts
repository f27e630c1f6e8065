/**
 * CreateStateMachine, DescribeStateMachine, UpdateStateMachine, DeleteStateMachine,
 * ListStateMachines and ValidateStateMachineDefinition.
 */
import { randomUUID } from 'node:crypto';
import { awsLocation, validate, type ExecutionType } from '@aslkit/core';
import { checkMachineArn, checkName, machineArn } from '../api/arns.js';
import { errors } from '../api/service-error.js';
import {
  optionalEnum,
  optionalInteger,
  optionalString,
  optionalTags,
  requiredString,
  type Body,
} from '../api/params.js';
import { pageResponse, paginate } from '../api/pagination.js';
import { compile } from '../engine/service-runtime.js';
import type { MachineRecord } from '../store/service-store.js';
import { epochSeconds, type Operation, type OperationContext } from './context.js';

const DEFAULT_LOGGING = { level: 'OFF', includeExecutionData: false };
const DEFAULT_TRACING = { enabled: false };

const machineType = (body: Body): ExecutionType => optionalEnum(body, 'type', ['STANDARD', 'EXPRESS']) ?? 'STANDARD';

/** The machine of `arn`, or StateMachineDoesNotExist. */
export function existingMachine(context: OperationContext, arn: string): MachineRecord {
  const record = context.store.getMachine(checkMachineArn(arn));
  if (!record) throw errors.machineDoesNotExist(arn);
  return record;
}

export const createStateMachine: Operation = (context, body) => {
  const name = requiredString(body, 'name');
  const definition = requiredString(body, 'definition');
  const roleArn = requiredString(body, 'roleArn');
  const type = machineType(body);
  const tags = optionalTags(body, 'tags') ?? [];
  checkName(name);
  const arn = machineArn(context.location, name);
  const existing = context.store.getMachine(arn);
  if (existing) {
    // AWS: the same name, definition, role and type is the same machine (idempotent); anything else conflicts.
    if (existing.definition === definition && existing.roleArn === roleArn && existing.type === type)
      return { stateMachineArn: arn, creationDate: epochSeconds(existing.creationDate) };
    throw errors.machineExists(arn);
  }
  const record: MachineRecord = {
    arn,
    name,
    type,
    definition,
    roleArn,
    creationDate: Date.now(),
    revisionId: randomUUID(),
    loggingConfiguration: body['loggingConfiguration'] ?? DEFAULT_LOGGING,
    tracingConfiguration: body['tracingConfiguration'] ?? DEFAULT_TRACING,
  };
  // Checked as AWS checks it: InvalidDefinition with AWS's message.
  compile(definition, record, context.location);
  context.store.putMachine(record);
  if (tags.length > 0) context.store.setTags(arn, tags);
  return { stateMachineArn: arn, creationDate: epochSeconds(record.creationDate) };
};

/** DescribeStateMachine's fields of a record (also DescribeStateMachineForExecution's). */
export function describeMachine(record: MachineRecord, definition = record.definition): object {
  return {
    stateMachineArn: record.arn,
    name: record.name,
    status: 'ACTIVE',
    definition,
    roleArn: record.roleArn,
    type: record.type,
    creationDate: epochSeconds(record.creationDate),
    loggingConfiguration: record.loggingConfiguration,
    tracingConfiguration: record.tracingConfiguration,
    revisionId: record.revisionId,
  };
}

export const describeStateMachine: Operation = (context, body) =>
  describeMachine(existingMachine(context, requiredString(body, 'stateMachineArn')));

export const updateStateMachine: Operation = (context, body) => {
  const record = existingMachine(context, requiredString(body, 'stateMachineArn'));
  const definition = optionalString(body, 'definition');
  const roleArn = optionalString(body, 'roleArn');
  const logging = body['loggingConfiguration'];
  const tracing = body['tracingConfiguration'];
  if (definition === undefined && roleArn === undefined && logging === undefined && tracing === undefined)
    throw errors.missing('Either the definition, the roleArn, the loggingConfiguration or the tracingConfiguration');
  const updated: MachineRecord = {
    ...record,
    ...(definition === undefined ? {} : { definition }),
    ...(roleArn === undefined ? {} : { roleArn }),
    ...(logging === undefined ? {} : { loggingConfiguration: logging }),
    ...(tracing === undefined ? {} : { tracingConfiguration: tracing }),
    updateDate: Date.now(),
    revisionId: randomUUID(),
  };
  compile(updated.definition, updated, context.location);
  context.store.putMachine(updated);
  // Running executions keep the definition they started with, as on AWS.
  return { updateDate: epochSeconds(updated.updateDate!), revisionId: updated.revisionId };
};

export const deleteStateMachine: Operation = (context, body) => {
  const arn = checkMachineArn(requiredString(body, 'stateMachineArn'));
  // AWS answers success for a machine that does not exist; running executions go on to their end.
  context.store.deleteMachine(arn);
  context.runtime.forget(arn);
  return {};
};

export const listStateMachines: Operation = (context, body) => {
  const all = [...context.store.listMachines()].sort((a, b) => a.name.localeCompare(b.name));
  return pageResponse(
    'stateMachines',
    paginate(all, body, 'stateMachines', (record) => record.arn),
    (record) => ({
      stateMachineArn: record.arn,
      name: record.name,
      type: record.type,
      creationDate: epochSeconds(record.creationDate),
    }),
  );
};

export const validateStateMachineDefinition: Operation = (_context, body) => {
  const definition = requiredString(body, 'definition');
  const type = machineType(body);
  const severity = optionalEnum(body, 'severity', ['ERROR', 'WARNING']) ?? 'ERROR';
  const maxResults = optionalInteger(body, 'maxResults', 0, 100) || 100;
  const found = validate(definition, { type }).filter(
    (diagnostic) => diagnostic.severity === 'ERROR' || severity === 'WARNING',
  );
  const diagnostics = found.slice(0, maxResults).map((diagnostic) => {
    const location = awsLocation(diagnostic.path);
    return {
      severity: diagnostic.severity,
      code: diagnostic.code,
      message: diagnostic.message,
      ...(location === undefined ? {} : { location }),
    };
  });
  return {
    result: found.some((diagnostic) => diagnostic.severity === 'ERROR') ? 'FAIL' : 'OK',
    diagnostics,
    truncated: found.length > maxResults,
  };
};
