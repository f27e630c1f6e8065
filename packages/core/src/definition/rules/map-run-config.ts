/**
 * A DISTRIBUTED Map's ItemReader, ItemBatcher and ResultWriter: what the engine runs is accepted,
 * everything else is refused by name, so no field is accepted and then ignored. Values AWS itself
 * refuses are `SCHEMA_VALIDATION_FAILED`; what AWS runs but aslkit does not (a Parquet or Athena
 * reader, an unknown ReaderConfig field) is `UNSUPPORTED_FEATURE`.
 */
import { isJsonObject, asText } from '../../json.js';
import { DiagnosticCode } from '../diagnostics.js';
import type { Fields, RuleContext, StateNode } from './context.js';
import { isDistributedMap } from '../state-fields.js';

const GET_OBJECT = 'arn:aws:states:::s3:getObject';
const LIST_OBJECTS = 'arn:aws:states:::s3:listObjectsV2';
const PUT_OBJECT = 'arn:aws:states:::s3:putObject';
const INPUT_TYPES = ['JSON', 'JSONL', 'CSV', 'MANIFEST'];
/** AWS's other input types, which aslkit does not read. */
const UNREAD_INPUT_TYPES = ['PARQUET'];
const READER_CONFIG_FIELDS = [
  'InputType',
  'CSVHeaderLocation',
  'CSVHeaders',
  'CSVDelimiter',
  'MaxItems',
  'MaxItemsPath',
  'ItemsPointer',
  'ManifestType',
];
const CSV_DELIMITERS = ['COMMA', 'PIPE', 'SEMICOLON', 'SPACE', 'TAB'];
const READER_PARAMETERS = ['Bucket', 'Key', 'Prefix'];
const WRITER_PARAMETERS = ['Bucket', 'Prefix'];
const WRITER_CONFIG: Record<string, readonly string[]> = {
  OutputType: ['JSON', 'JSONL'],
  Transformation: ['NONE', 'COMPACT', 'FLATTEN'],
};

export function checkMapRunConfig(context: RuleContext): void {
  for (const state of context.states) {
    if (state.type !== 'Map' || !isDistributed(state)) continue;
    const report: Report = (message, path, unsupported = false, severity) =>
      context.report({
        message,
        path: `${state.pointer}/${path}`,
        stateName: state.name,
        ...(unsupported ? { code: DiagnosticCode.UnsupportedFeature } : {}),
        ...(severity ? { severity } : {}),
      });
    const ineffective: Ineffective = (message, path) =>
      context.report({
        message,
        path: `${state.pointer}/${path}`,
        stateName: state.name,
        code: DiagnosticCode.IneffectiveField,
        severity: 'WARNING',
      });
    checkReader(state, report, ineffective);
    checkBatcher(state, report);
    checkWriter(state, report);
  }
}

type Report = (message: string, path: string, unsupported?: boolean, severity?: 'WARNING') => void;
/** A field the reader reads only in another configuration: warned of, as it has no effect in this one. */
type Ineffective = (message: string, path: string) => void;

/** The ReaderConfig fields each reader reads; the others have no effect on it. */
const CSV_FIELDS = ['CSVHeaderLocation', 'CSVHeaders', 'CSVDelimiter'];
const FIELDS_OF_INPUT: Record<string, readonly string[]> = {
  JSON: ['ItemsPointer'],
  JSONL: [],
  CSV: CSV_FIELDS,
  MANIFEST: ['ManifestType'],
};
const INPUT_SPECIFIC = [...CSV_FIELDS, 'ItemsPointer', 'ManifestType'];

const isDistributed = (state: StateNode): boolean => isDistributedMap(state.fields);

function checkReader(state: StateNode, report: Report, ineffective: Ineffective): void {
  const reader = state.fields['ItemReader'];
  if (!isJsonObject(reader)) return;
  const fields = reader as Fields;
  for (const items of ['ItemsPath', 'Items']) {
    if (state.fields[items] !== undefined)
      report(`The field '${items}' cannot be used with 'ItemReader': the reader gives the items`, items, true);
  }
  const resource = fields['Resource'];
  if (resource !== GET_OBJECT && resource !== LIST_OBJECTS) {
    if (typeof resource === 'string')
      report(
        `The ItemReader Resource '${resource}' is not supported: use ${GET_OBJECT} or ${LIST_OBJECTS}`,
        'ItemReader/Resource',
      );
    return;
  }
  checkParameters(fields, READER_PARAMETERS, 'ItemReader', report);
  const config = fields['ReaderConfig'];
  if (config === undefined) {
    if (resource === GET_OBJECT) report('These fields are required: [ReaderConfig]', 'ItemReader');
    return;
  }
  if (!isJsonObject(config)) return;
  const readerConfig = config as Fields;
  for (const key of Object.keys(readerConfig)) {
    if (!READER_CONFIG_FIELDS.includes(key))
      report(`aslkit does not run the ReaderConfig field '${key}'`, `ItemReader/ReaderConfig/${key}`, true);
  }
  const inputType = readerConfig['InputType'];
  if (resource === GET_OBJECT && typeof inputType === 'string' && !INPUT_TYPES.includes(inputType)) {
    const unread = UNREAD_INPUT_TYPES.includes(inputType);
    report(
      unread
        ? `aslkit does not read InputType ${inputType} (it reads ${INPUT_TYPES.join(', ')})`
        : `The ReaderConfig InputType '${inputType}' is not one of ${INPUT_TYPES.join(', ')}`,
      'ItemReader/ReaderConfig/InputType',
      unread,
    );
  }
  if (resource === GET_OBJECT && inputType === undefined)
    report('These fields are required: [InputType]', 'ItemReader/ReaderConfig');
  const delimiter = readerConfig['CSVDelimiter'];
  if (delimiter !== undefined && !CSV_DELIMITERS.includes(delimiter as string))
    report(
      `The CSVDelimiter '${asText(delimiter)}' is not one of ${CSV_DELIMITERS.join(', ')}`,
      'ItemReader/ReaderConfig/CSVDelimiter',
    );
  if (readerConfig['CSVHeaderLocation'] === 'GIVEN' && readerConfig['CSVHeaders'] === undefined)
    report('CSVHeaders must be given when CSVHeaderLocation is GIVEN', 'ItemReader/ReaderConfig');
  checkReaderFieldsApply(resource, readerConfig, ineffective);
  const manifestType = readerConfig['ManifestType'];
  if (manifestType !== undefined && manifestType !== 'S3_INVENTORY')
    report(
      `aslkit reads S3 Inventory manifests only, not ManifestType ${JSON.stringify(manifestType)}`,
      'ItemReader/ReaderConfig/ManifestType',
      true,
    );
}

/**
 * A ReaderConfig field the configured reader does not read (a CSV field on a JSON object, CSVHeaders
 * without CSVHeaderLocation GIVEN, InputType on listObjectsV2 ...) would be accepted and ignored:
 * it is warned of by name. AWS's own answer to these combinations is not recorded.
 */
function checkReaderFieldsApply(resource: unknown, config: Fields, ineffective: Ineffective): void {
  const at = (field: string) => `ItemReader/ReaderConfig/${field}`;
  if (resource === LIST_OBJECTS) {
    for (const field of ['InputType', ...INPUT_SPECIFIC])
      if (config[field] !== undefined)
        ineffective(
          `The ReaderConfig field '${field}' has no effect on ${LIST_OBJECTS}: it lists objects, it reads none`,
          at(field),
        );
    return;
  }
  const inputType = config['InputType'];
  if (typeof inputType !== 'string' || !INPUT_TYPES.includes(inputType)) return;
  const reads = FIELDS_OF_INPUT[inputType]!;
  for (const field of INPUT_SPECIFIC)
    // Another ManifestType is refused above as unsupported (ATHENA_DATA goes with CSV, JSONL, PARQUET).
    if (
      config[field] !== undefined &&
      !reads.includes(field) &&
      (field !== 'ManifestType' || config[field] === 'S3_INVENTORY')
    )
      ineffective(`The ReaderConfig field '${field}' has no effect with InputType ${inputType}`, at(field));
  if (inputType === 'CSV' && config['CSVHeaders'] !== undefined && config['CSVHeaderLocation'] !== 'GIVEN')
    ineffective(
      'CSVHeaders has no effect unless CSVHeaderLocation is GIVEN: the headers are read from the first row',
      at('CSVHeaders'),
    );
}

/** AWS batches by item count, by size or both: an ItemBatcher with neither would batch nothing as asked. */
function checkBatcher(state: StateNode, report: Report): void {
  const batcher = state.fields['ItemBatcher'];
  if (!isJsonObject(batcher)) return;
  const limits = ['MaxItemsPerBatch', 'MaxItemsPerBatchPath', 'MaxInputBytesPerBatch', 'MaxInputBytesPerBatchPath'];
  if (limits.every((field) => (batcher as Fields)[field] === undefined))
    report(
      'The ItemBatcher needs MaxItemsPerBatch, MaxInputBytesPerBatch or both (or their Path forms)',
      'ItemBatcher',
    );
}

function checkWriter(state: StateNode, report: Report): void {
  const writer = state.fields['ResultWriter'];
  if (!isJsonObject(writer)) return;
  const fields = writer as Fields;
  const resource = fields['Resource'];
  const hasParameters = fields['Parameters'] !== undefined || fields['Arguments'] !== undefined;
  if (resource === undefined && !hasParameters && fields['WriterConfig'] === undefined)
    report('The ResultWriter field cannot be empty', 'ResultWriter');
  if (resource !== undefined && resource !== PUT_OBJECT)
    report(
      `The ResultWriter Resource '${asText(resource)}' is not supported: use ${PUT_OBJECT}`,
      'ResultWriter/Resource',
    );
  if (resource !== undefined && !hasParameters) report('These fields are required: [Parameters]', 'ResultWriter');
  if (resource === undefined && hasParameters) report('These fields are required: [Resource]', 'ResultWriter');
  checkParameters(fields, WRITER_PARAMETERS, 'ResultWriter', report);
  const config = fields['WriterConfig'];
  if (!isJsonObject(config)) return;
  if (resource === undefined && (config as Fields)['OutputType'] === 'JSONL')
    report(
      'OutputType JSONL shapes the files a ResultWriter exports; without Resource the state output stays a JSON array',
      'ResultWriter/WriterConfig/OutputType',
      true,
      'WARNING',
    );
  for (const [key, value] of Object.entries(config as Fields)) {
    const allowed = WRITER_CONFIG[key];
    if (!allowed)
      report(`aslkit does not run the WriterConfig field '${key}'`, `ResultWriter/WriterConfig/${key}`, true);
    else if (!allowed.includes(value as string))
      report(
        `The WriterConfig ${key} '${String(value)}' is not one of ${allowed.join(', ')}`,
        `ResultWriter/WriterConfig/${key}`,
      );
  }
}

/** The S3 fields the reader or writer reads; any other key would be accepted and ignored. */
function checkParameters(fields: Fields, known: readonly string[], owner: string, report: Report): void {
  for (const field of ['Parameters', 'Arguments']) {
    const value = fields[field];
    if (!isJsonObject(value)) continue;
    for (const key of Object.keys(value)) {
      const name = key.endsWith('.$') ? key.slice(0, -2) : key;
      if (!known.includes(name))
        report(`aslkit does not run the ${owner} ${field} field '${key}'`, `${owner}/${field}/${key}`, true);
    }
  }
}
