/**
 * A distributed Map's ItemReader: the items of `arn:aws:states:::s3:getObject` (InputType JSON,
 * JSONL, CSV, MANIFEST) and `arn:aws:states:::s3:listObjectsV2`, read through the host's object
 * store and cut at MaxItems. Every failure is a `States.ItemReaderFailed`.
 */
import { asText, isJsonObject, type Json, type JsonObject, parseJson } from '../json.js';
import { timestampMs } from '../runtime/clock.js';
import { csvItems, CSV_DELIMITERS } from './csv-items.js';
import { textOf, type ObjectStore } from './object-store.js';
import { keyedItems } from './keyed-items.js';
import { ItemReaderError, itemReaderFailure, READER_CAUSES } from './reader-errors.js';

export const GET_OBJECT = 'arn:aws:states:::s3:getObject';
export const LIST_OBJECTS = 'arn:aws:states:::s3:listObjectsV2';
export const READER_INPUT_TYPES = ['JSON', 'JSONL', 'CSV', 'MANIFEST'] as const;

/** What a definition's ItemReader says, once its Parameters/Arguments and MaxItems are evaluated. */
export interface ItemReaderRequest {
  resource: string;
  /** ReaderConfig, as written. */
  config: JsonObject;
  /** The evaluated Parameters (JSONPath) or Arguments (JSONata). */
  parameters: Json;
  /** MaxItems(Path), or Infinity. */
  maxItems: number;
}

export async function readItems(store: ObjectStore | undefined, request: ItemReaderRequest): Promise<Json[]> {
  try {
    if (!store) {
      throw new ItemReaderError(
        'No object store was given: pass StartOptions.objectStore (or --s3-dir on the command line) to read items from S3.',
      );
    }
    if (!isJsonObject(request.parameters))
      throw new ItemReaderError('The ItemReader parameters must be an object with Bucket and Key or Prefix.');
    const bucket = stringParameter(request.parameters, 'Bucket');
    if (request.resource === LIST_OBJECTS) return await listItems(store, bucket, request);
    const key = stringParameter(request.parameters, 'Key');
    const text = textOf(await gunzipIfNeeded(await store.getObject(bucket, key)));
    return await parseObject(store, text, request);
  } catch (error) {
    throw itemReaderFailure(error);
  }
}

function stringParameter(parameters: JsonObject, name: string): string {
  const value = parameters[name];
  if (typeof value !== 'string') throw new ItemReaderError(`The ItemReader parameter '${name}' must be a string.`);
  return value;
}

async function listItems(store: ObjectStore, bucket: string, request: ItemReaderRequest): Promise<Json[]> {
  const prefix = isJsonObject(request.parameters) ? request.parameters['Prefix'] : undefined;
  if (prefix !== undefined && typeof prefix !== 'string')
    throw new ItemReaderError("The ItemReader parameter 'Prefix' must be a string.");
  const objects = await store.listObjects(bucket, prefix ?? '');
  // AWS's item for each object (docs: "ItemReader", S3 objects): Etag, Key, LastModified (epoch seconds), Size, StorageClass.
  return objects.slice(0, request.maxItems).map((object) => ({
    Etag: object.Etag ?? '',
    Key: object.Key,
    LastModified: object.LastModified ? Math.floor(timestampMs(object.LastModified) / 1000) : 0,
    Size: object.Size,
    StorageClass: object.StorageClass ?? 'STANDARD',
  }));
}

async function parseObject(store: ObjectStore, text: string, request: ItemReaderRequest): Promise<Json[]> {
  const { config, maxItems } = request;
  const inputType = config['InputType'];
  switch (inputType) {
    case 'JSON':
      return jsonItems(text, config['ItemsPointer'], maxItems);
    case 'JSONL':
      return jsonLinesItems(text, maxItems);
    case 'CSV':
      return csvItems(text, {
        headerLocation: config['CSVHeaderLocation'] === 'GIVEN' ? 'GIVEN' : 'FIRST_ROW',
        headers: Array.isArray(config['CSVHeaders']) ? (config['CSVHeaders'] as string[]) : undefined,
        delimiter: CSV_DELIMITERS[asText(config['CSVDelimiter'] ?? 'COMMA')] ?? ',',
        maxItems,
      });
    case 'MANIFEST':
      return manifestItems(store, text, maxItems);
    default:
      // The validator refuses other types; a definition compiled without it ends here.
      throw new ItemReaderError(`ReaderConfig.InputType ${JSON.stringify(inputType ?? null)} is not supported.`);
  }
}

function readJson(text: string, what: string): Json {
  try {
    return parseJson(text);
  } catch (error) {
    throw new ItemReaderError(`${what} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * The value `ReaderConfig.ItemsPointer` picks out of a JSON object read (the whole value without
 * one); a pointer that matches nothing fails like AWS's reader. TestState applies it to `mapItemReaderData`.
 */
export function pointedValue(value: Json, pointer: Json | undefined): Json {
  if (typeof pointer !== 'string' || pointer === '') return value;
  try {
    return atPointer(value, pointer);
  } catch (error) {
    throw itemReaderFailure(error);
  }
}

function jsonItems(text: string, pointer: Json | undefined, maxItems: number): Json[] {
  let value = readJson(text, 'The object');
  if (typeof pointer === 'string' && pointer !== '') value = atPointer(value, pointer);
  if (isJsonObject(value)) return keyedItems(value, maxItems);
  if (!Array.isArray(value)) throw new ItemReaderError(READER_CAUSES.notIterable);
  return value.length > maxItems ? value.slice(0, maxItems) : value;
}

/** RFC 6901: `/records/0/items`; `~1` is `/` and `~0` is `~`. */
function atPointer(value: Json, pointer: string): Json {
  if (!pointer.startsWith('/')) throw new ItemReaderError(READER_CAUSES.pointerMissing);
  let node: Json | undefined = value;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node) && /^(0|[1-9]\d*)$/.test(token)) node = node[Number(token)];
    else if (isJsonObject(node) && Object.hasOwn(node, token)) node = node[token];
    else node = undefined;
    if (node === undefined) throw new ItemReaderError(READER_CAUSES.pointerMissing);
  }
  return node;
}

function jsonLinesItems(text: string, maxItems: number): Json[] {
  const items: Json[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length && items.length < maxItems; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    items.push(readJson(line, `Line ${i + 1} of the JSONL object`));
  }
  return items;
}

/**
 * An S3 Inventory manifest (`manifest.json`): its CSV data files, read from its destination
 * bucket, give one item per listed object, named by `fileSchema`.
 */
async function manifestItems(store: ObjectStore, text: string, maxItems: number): Promise<Json[]> {
  const manifest = readJson(text, 'The manifest');
  if (!isJsonObject(manifest) || !Array.isArray(manifest['files']))
    throw new ItemReaderError('The manifest has no files list.');
  if (manifest['fileFormat'] !== 'CSV')
    throw new ItemReaderError(
      `The manifest's fileFormat ${JSON.stringify(manifest['fileFormat'] ?? null)} is not supported: aslkit reads CSV inventories.`,
    );
  const schema = asText(manifest['fileSchema'])
    .split(',')
    .map((name) => name.trim());
  const destination = asText(manifest['destinationBucket']).replace(/^arn:aws:s3:::/, '');
  const items: Json[] = [];
  for (const file of manifest['files']) {
    if (items.length >= maxItems) break;
    const key = isJsonObject(file) ? file['key'] : undefined;
    if (typeof key !== 'string') throw new ItemReaderError('A manifest file entry has no key.');
    const data = textOf(await gunzipIfNeeded(await store.getObject(destination, key)));
    items.push(
      ...csvItems(data, {
        headerLocation: 'GIVEN',
        headers: schema,
        delimiter: ',',
        maxItems: maxItems - items.length,
      }),
    );
  }
  return items;
}

/** Inventory files (and any object) may be gzipped: the magic bytes say so. */
async function gunzipIfNeeded(body: string | Uint8Array): Promise<string | Uint8Array> {
  if (typeof body === 'string' || body.length < 2 || body[0] !== 0x1f || body[1] !== 0x8b) return body;
  const stream = new Blob([body as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
