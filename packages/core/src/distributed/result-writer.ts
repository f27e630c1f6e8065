/**
 * A distributed Map's results: the state's output (Transformation COMPACT, FLATTEN or NONE of the
 * children's results) or, with ResultWriter's `arn:aws:states:::s3:putObject`, AWS's export: one
 * file per child status (`SUCCEEDED_0.json`, `FAILED_0.json`, `PENDING_0.json`) and a
 * `manifest.json` under `<Prefix>/<map run id>/`, with `{MapRunArn, ResultWriterDetails}` as the
 * state's result. A failed write is `States.ResultWriterFailed`.
 */
import { isJsonObject, type Json, type JsonObject } from '../json.js';
import type { MapRun, MapRunChild } from './map-run.js';
import { byteLength, type ObjectStore } from './object-store.js';
import { ItemReaderError, resultWriterFailure } from './reader-errors.js';

export const PUT_OBJECT = 'arn:aws:states:::s3:putObject';
export const TRANSFORMATIONS = ['NONE', 'COMPACT', 'FLATTEN'] as const;
export const OUTPUT_TYPES = ['JSON', 'JSONL'] as const;
export type Transformation = (typeof TRANSFORMATIONS)[number];

/** A ResultWriter, with its Parameters/Arguments evaluated. */
export interface ResultWriterRequest {
  resource: string | undefined;
  parameters: Json | undefined;
  writerConfig: JsonObject | undefined;
}

/**
 * A child's result in AWS's export form (Transformation NONE): its execution's facts, with the
 * input and output as JSON text. Keys in AWS's order (alphabetical).
 */
export function childRecord(run: MapRun, child: MapRunChild): JsonObject {
  const record: JsonObject = {};
  if (child.cause !== undefined) record['Cause'] = child.cause;
  if (child.error !== undefined) record['Error'] = child.error;
  if (child.status !== 'PENDING') record['ExecutionArn'] = child.executionArn;
  record['Input'] = JSON.stringify(child.input);
  record['InputDetails'] = { Included: true };
  if (child.status !== 'PENDING') record['Name'] = child.name;
  if (child.status === 'SUCCEEDED') {
    record['Output'] = JSON.stringify(child.output ?? null);
    record['OutputDetails'] = { Included: true };
    record['RedriveCount'] = child.redriveCount ?? 0;
    record['RedriveStatus'] = 'NOT_REDRIVABLE';
    record['RedriveStatusReason'] = 'Execution is SUCCEEDED and cannot be redriven';
  } else if (child.status !== 'PENDING') {
    record['RedriveCount'] = child.redriveCount ?? 0;
    record['RedriveStatus'] = 'REDRIVABLE_BY_MAP_RUN';
  }
  if (child.startDate !== undefined) record['StartDate'] = child.startDate;
  record['StateMachineArn'] = run.stateMachineArn;
  record['Status'] = child.status;
  if (child.stopDate !== undefined) record['StopDate'] = child.stopDate;
  return record;
}

/**
 * The children's results as the state's output: COMPACT (the default) gives each output, FLATTEN
 * spreads outputs that are arrays, NONE gives each record. A child that did not succeed always
 * gives its record (AWS: "as if Transformation were NONE").
 */
export function transformResults(run: MapRun, transformation: Transformation): Json[] {
  const results: Json[] = [];
  for (const child of run.children) {
    if (child.status === 'PENDING') continue;
    if (child.status !== 'SUCCEEDED' || transformation === 'NONE') results.push(childRecord(run, child));
    else if (transformation === 'FLATTEN' && Array.isArray(child.output)) results.push(...child.output);
    else results.push(child.output ?? null);
  }
  return results;
}

/** The transformation a writer config asks for (default COMPACT without export, NONE with it). */
export function transformationOf(request: ResultWriterRequest | undefined): Transformation {
  const asked = request?.writerConfig?.['Transformation'];
  if (typeof asked === 'string' && (TRANSFORMATIONS as readonly string[]).includes(asked))
    return asked as Transformation;
  return request?.resource === PUT_OBJECT ? 'NONE' : 'COMPACT';
}

/** Writes the export and returns `ResultWriterDetails` (`{Bucket, Key}` of manifest.json). */
export async function writeResults(
  store: ObjectStore | undefined,
  run: MapRun,
  request: ResultWriterRequest,
): Promise<JsonObject> {
  try {
    if (!store) {
      throw new ItemReaderError(
        'No object store was given: pass StartOptions.objectStore (or --s3-dir on the command line) to write results to S3.',
      );
    }
    const parameters = request.parameters;
    const bucket = isJsonObject(parameters) ? parameters['Bucket'] : undefined;
    const prefix = isJsonObject(parameters) ? (parameters['Prefix'] ?? '') : '';
    if (typeof bucket !== 'string' || typeof prefix !== 'string')
      throw new ItemReaderError('The ResultWriter parameters must have a string Bucket and, if any, a string Prefix.');
    const id = run.mapRunArn.slice(run.mapRunArn.lastIndexOf(':') + 1);
    const base = `${prefix.replace(/\/+$/, '')}${prefix === '' ? '' : '/'}${id}/`;
    const transformation = transformationOf(request);
    const jsonLines = request.writerConfig?.['OutputType'] === 'JSONL';
    const groups: Record<'FAILED' | 'PENDING' | 'SUCCEEDED', Json[]> = { FAILED: [], PENDING: [], SUCCEEDED: [] };
    for (const child of run.children) {
      const group = child.status === 'SUCCEEDED' ? 'SUCCEEDED' : child.status === 'PENDING' ? 'PENDING' : 'FAILED';
      if (group !== 'SUCCEEDED' || transformation === 'NONE') groups[group].push(childRecord(run, child));
      else if (transformation === 'FLATTEN' && Array.isArray(child.output)) groups[group].push(...child.output);
      else groups[group].push(child.output ?? null);
    }
    const files: Record<string, { Key: string; Size: number }[]> = { FAILED: [], PENDING: [], SUCCEEDED: [] };
    for (const status of ['FAILED', 'PENDING', 'SUCCEEDED'] as const) {
      const entries = groups[status];
      if (entries.length === 0) continue;
      const key = `${base}${status}_0.${jsonLines ? 'jsonl' : 'json'}`;
      const body = jsonLines ? entries.map((entry) => JSON.stringify(entry)).join('\n') : JSON.stringify(entries);
      await store.putObject(bucket, key, body);
      files[status]!.push({ Key: key, Size: byteLength(body) });
    }
    const manifestKey = `${base}manifest.json`;
    const manifest = { DestinationBucket: bucket, MapRunArn: run.mapRunArn, ResultFiles: files };
    await store.putObject(bucket, manifestKey, JSON.stringify(manifest));
    return { Bucket: bucket, Key: manifestKey };
  } catch (error) {
    throw resultWriterFailure(error);
  }
}
