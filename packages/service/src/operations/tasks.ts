/** SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat: answers to callback and activity tasks. */
import type { Json } from '@aslkit/core';
import { errors } from '../api/service-error.js';
import { optionalString, requiredString, type Body } from '../api/params.js';
import type { Operation } from './context.js';

const MAX_OUTPUT_BYTES = 262_144;

function token(body: Body): string {
  const taskToken = requiredString(body, 'taskToken');
  if (taskToken.length === 0 || taskToken.length > 2048) throw errors.invalidToken(taskToken);
  return taskToken;
}

export const sendTaskSuccess: Operation = async (context, body) => {
  const taskToken = token(body);
  const text = requiredString(body, 'output');
  if (Buffer.byteLength(text) > MAX_OUTPUT_BYTES)
    throw errors.invalidOutput(`Invalid Output: the output is larger than ${MAX_OUTPUT_BYTES} bytes`);
  let output: Json;
  try {
    output = JSON.parse(text) as Json;
  } catch {
    throw errors.invalidOutput(`Invalid Output: '${text}'`);
  }
  context.runtime.answer(taskToken, (execution) => execution.sendTaskSuccess(taskToken, output));
  // Acknowledged once durable: a crash after the answer then loses nothing the client was told.
  await context.runtime.persisted();
  return {};
};

export const sendTaskFailure: Operation = async (context, body) => {
  const taskToken = token(body);
  const error = optionalString(body, 'error');
  const cause = optionalString(body, 'cause');
  context.runtime.answer(taskToken, (execution) => execution.sendTaskFailure(taskToken, error, cause));
  // Acknowledged once durable: a crash after the answer then loses nothing the client was told.
  await context.runtime.persisted();
  return {};
};

export const sendTaskHeartbeat: Operation = (context, body) => {
  const taskToken = token(body);
  context.runtime.answer(taskToken, (execution) => execution.sendTaskHeartbeat(taskToken));
  return {};
};
