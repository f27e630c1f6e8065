/**
 * The AWS JSON 1.0 protocol as Step Functions speaks it: `POST /` with
 * `X-Amz-Target: AWSStepFunctions.<Operation>` and a JSON object body; the answer is a JSON object,
 * or an error `{"__type": "...", "message": "..."}` with its HTTP status. The SigV4 `Authorization`
 * header is accepted as it comes and not checked: the service holds no credentials.
 */
import type { IncomingMessage } from 'node:http';
import { ErrorCode } from '@aslkit/core';
import { errors, ServiceError } from './service-error.js';
import type { Body } from './params.js';

export const TARGET_PREFIX = 'AWSStepFunctions.';
export const CONTENT_TYPE = 'application/x-amz-json-1.0';

export interface ApiRequest {
  operation: string;
  body: Body;
}

/** Thrown when the body passes the size limit: answered 413, and the connection closes. */
export class BodyTooLarge extends ServiceError {
  constructor(limit: number) {
    super(ErrorCode.ValidationException, `The request body is larger than ${limit} bytes`, 413);
  }
}

/** Reads and checks one API request. */
export async function readApiRequest(request: IncomingMessage, maxBodyBytes: number): Promise<ApiRequest> {
  const target = String(request.headers['x-amz-target'] ?? '');
  const declared = Number(request.headers['content-length']);
  if (declared > maxBodyBytes) throw new BodyTooLarge(maxBodyBytes);
  const text = await readBody(request, maxBodyBytes);
  if (!target.startsWith(TARGET_PREFIX)) throw errors.unknownOperation(target);
  let body: unknown;
  try {
    body = text.trim() === '' ? {} : JSON.parse(text);
  } catch (error) {
    throw errors.serialization(
      `The request body is not JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw errors.serialization('The request body must be a JSON object');
  return { operation: target.slice(TARGET_PREFIX.length), body: body as Body };
}

async function readBody(request: IncomingMessage, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new BodyTooLarge(maxBytes);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
