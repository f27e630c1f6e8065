/**
 * Fields that exist in one query language only, checked against each state's effective
 * language (its own `QueryLanguage`, else the machine's). AWS-observed wording, located at the
 * object that holds the field (floci-io/floci#2968, measured; localstack test_sfn_api_validation):
 *   The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage
 *   'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine
 * Numeric fields take a `{% %}` string only in JSONata; the schema lets strings through for them.
 */
import { isJsonObject } from '../../json.js';
import { isJsonataExpression } from '../../query/jsonata/expression.js';
import type { QueryLanguage } from '../types.js';
import { objectItems, type Fields, type RuleContext, type StateNode } from './context.js';

const JSONATA_ONLY = ['Arguments', 'Output', 'Items'];
const JSONPATH_ONLY = [
  'InputPath',
  'OutputPath',
  'Parameters',
  'ResultSelector',
  'ResultPath',
  'Result',
  'ItemsPath',
  'SecondsPath',
  'TimestampPath',
  'TimeoutSecondsPath',
  'HeartbeatSecondsPath',
  'MaxConcurrencyPath',
  'ToleratedFailurePercentagePath',
  'ToleratedFailureCountPath',
  'ErrorPath',
  'CausePath',
];
/** Nested objects with language-specific fields: [owner path, JSONata-only, JSONPath-only]. */
const NESTED: [string[], string[], string[]][] = [
  [['ItemReader'], ['Arguments'], ['Parameters']],
  [['ItemReader', 'ReaderConfig'], [], ['MaxItemsPath']],
  [['ItemBatcher'], [], ['MaxItemsPerBatchPath', 'MaxInputBytesPerBatchPath']],
  [['ResultWriter'], ['Arguments'], ['Parameters']],
];
/** Numeric fields that a JSONata state may give as an expression: [owner path, field, kind]. */
const NUMERIC: [string[], string, 'an integer' | 'a number'][] = [
  [[], 'TimeoutSeconds', 'an integer'],
  [[], 'HeartbeatSeconds', 'an integer'],
  [[], 'Seconds', 'an integer'],
  [[], 'MaxConcurrency', 'an integer'],
  [[], 'ToleratedFailurePercentage', 'a number'],
  [[], 'ToleratedFailureCount', 'an integer'],
  [['ItemReader', 'ReaderConfig'], 'MaxItems', 'an integer'],
  [['ItemBatcher'], 'MaxItemsPerBatch', 'an integer'],
  [['ItemBatcher'], 'MaxInputBytesPerBatch', 'an integer'],
];

const wrongLanguage = (language: QueryLanguage, field: string): string => {
  const other = language === 'JSONPath' ? 'JSONata' : 'JSONPath';
  return `The QueryLanguage is set to '${language}', but field '${field}' is only supported for the '${other}' QueryLanguage`;
};

function nestedObject(fields: Fields, owners: string[]): Fields | undefined {
  let current: unknown = fields;
  for (const owner of owners) current = isJsonObject(current) ? (current as Fields)[owner] : undefined;
  return isJsonObject(current) ? current : undefined;
}

/** Reports fields used in the wrong query language. */
export function checkQueryLanguage(context: RuleContext): void {
  for (const state of context.states) {
    const report = (message: string, path: string) => context.report({ message, path, stateName: state.name });
    if (context.machineQueryLanguage === 'JSONata' && state.fields['QueryLanguage'] === 'JSONPath') {
      report("'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine", state.pointer);
    }
    const language = state.queryLanguage;
    const forbidden = language === 'JSONPath' ? JSONATA_ONLY : JSONPATH_ONLY;
    for (const field of forbidden)
      if (state.fields[field] !== undefined) report(wrongLanguage(language, field), state.pointer);
    for (const [catcher, i] of objectItems(state.fields, 'Catch')) {
      const field = language === 'JSONPath' ? 'Output' : 'ResultPath';
      if (catcher[field] !== undefined) report(wrongLanguage(language, field), `${state.pointer}/Catch/${i}`);
    }
    for (const [owners, jsonataOnly, jsonPathOnly] of NESTED) {
      const owner = nestedObject(state.fields, owners);
      if (!owner) continue;
      for (const field of language === 'JSONPath' ? jsonataOnly : jsonPathOnly) {
        if (owner[field] !== undefined) report(wrongLanguage(language, field), `${state.pointer}/${owners.join('/')}`);
      }
    }
    checkExpressionFields(state, report);
  }
}

function checkExpressionFields(state: StateNode, report: (message: string, path: string) => void): void {
  const jsonata = state.queryLanguage === 'JSONata';
  for (const [owners, field, kind] of NUMERIC) {
    const owner = nestedObject(state.fields, owners);
    const value = owner?.[field];
    if (typeof value !== 'string' || (jsonata && isJsonataExpression(value))) continue;
    const path = [state.pointer, ...owners, field].join('/');
    report(`The value for the field '${field}' must be ${kind}${jsonata ? ' or a JSONata expression' : ''}`, path);
  }
  if (!jsonata) {
    if (typeof state.fields['ItemSelector'] === 'string')
      report("The value for the field 'ItemSelector' must be an object", `${state.pointer}/ItemSelector`);
    return;
  }
  const expressionOr = (field: string, expected: string, accepts: (value: unknown) => boolean) => {
    const value = state.fields[field];
    if (value !== undefined && !accepts(value) && !isJsonataExpression(value)) {
      report(
        `The value for the field '${field}' must be ${expected} or a JSONata expression`,
        `${state.pointer}/${field}`,
      );
    }
  };
  expressionOr('Items', 'an array', Array.isArray);
  expressionOr('Arguments', 'an object', (v) => isJsonObject(v));
  expressionOr('ItemSelector', 'an object', (v) => isJsonObject(v));
}
