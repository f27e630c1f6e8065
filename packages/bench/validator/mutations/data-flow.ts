/**
 * Mutations of how data flows: paths, payload templates, intrinsic functions, and the
 * fields of one query language used under the other.
 */
import { FLOW_TYPES, conformance, ofType, onState, ref, type Mutation } from './mutation.js';
import { isObject } from './state-sites.js';

const jsonPath = { queryLanguage: 'JSONPath' } as const;
const jsonata = { queryLanguage: 'JSONata', topLevel: true } as const;
const RESULT_PATH_TYPES = ['Pass', 'Task', 'Parallel', 'Map'];

/** Sets one field of a JSONPath state that takes it. */
const setPath = (types: readonly string[], field: string, value: string) =>
  onState(ofType(types, jsonPath), ({ state }) => void (state[field] = value));

/** Adds `key: value` to the Parameters of a JSONPath Pass (a Pass with Result has its Result replaced). */
const template = (key: string, value: string) =>
  onState(ofType('Pass', jsonPath), ({ state }) => {
    delete state.Result;
    const parameters = isObject(state.Parameters) ? state.Parameters : {};
    parameters[key] = value;
    state.Parameters = parameters;
  });

export const DATA_FLOW_MUTATIONS: readonly Mutation[] = [
  {
    kind: 'input-path-syntax',
    change: 'InputPath: "$.a["',
    aws: 'invalid',
    evidence: ref('§9.1 rule 12'),
    apply: setPath([...FLOW_TYPES, 'Choice', 'Succeed'], 'InputPath', '$.a['),
  },
  {
    kind: 'input-path-no-dollar',
    change: 'InputPath: "a.b"',
    aws: 'invalid',
    evidence: ref('§9.1 rule 12 (paths start with $, $$ or $var)'),
    apply: setPath([...FLOW_TYPES, 'Choice', 'Succeed'], 'InputPath', 'a.b'),
  },
  {
    kind: 'result-path-filter',
    change: 'ResultPath: "$.a[?(@.b > 1)]"',
    aws: 'invalid',
    evidence: ref('§9.1 rule 12 (ResultPath is a reference path)'),
    apply: setPath(RESULT_PATH_TYPES, 'ResultPath', '$.a[?(@.b > 1)]'),
  },
  {
    kind: 'result-path-wildcard',
    change: 'ResultPath: "$.a[*]"',
    aws: 'invalid',
    evidence: ref('§9.1 rule 12 (ResultPath is a reference path)'),
    apply: setPath(RESULT_PATH_TYPES, 'ResultPath', '$.a[*]'),
  },
  {
    kind: 'result-path-null',
    change: 'ResultPath: null',
    aws: 'valid',
    evidence: ref('§6.3 (null keeps the input)'),
    apply: onState(ofType(RESULT_PATH_TYPES, jsonPath), ({ state }) => void (state.ResultPath = null)),
  },
  {
    kind: 'items-path-syntax',
    change: 'Map ItemsPath: "$.items[("',
    aws: 'invalid',
    evidence: ref('§1.3, §9.1 rule 12'),
    apply: setPath(['Map'], 'ItemsPath', '$.items[('),
  },
  {
    kind: 'dollar-key-not-path',
    change: 'Parameters {"x.$": "hello"}',
    aws: 'invalid',
    evidence: conformance(
      'validation__scenarios__illegal_escapes-ESCAPE_SEQUENCES_ILLEGAL_INTRINSIC_FUNCTION__exception (same message)',
    ),
    apply: template('x.$', 'hello'),
  },
  {
    kind: 'intrinsic-unknown-name',
    change: 'Parameters {"x.$": "States.Nope($.a)"}',
    aws: 'invalid',
    evidence: ref('§9.1 rule 12 (known function names)'),
    apply: template('x.$', 'States.Nope($.a)'),
  },
  {
    kind: 'intrinsic-unclosed',
    change: `Parameters {"x.$": "States.Format('{}', $.a"}`,
    aws: 'invalid',
    evidence: ref('§5.1, §9.1 rule 12'),
    apply: template('x.$', "States.Format('{}', $.a"),
  },
  {
    kind: 'intrinsic-escaped-quote',
    change: `Parameters {"x.$": "States.Format('a\\"b')"}`,
    aws: 'invalid',
    evidence:
      conformance('validation__scenarios__illegal_escapes-ESCAPE_SEQUENCES_ILLEGAL_INTRINSIC_FUNCTION__exception') +
      '; ' +
      ref('§5.1'),
    apply: template('x.$', "States.Format('a\\\"b')"),
  },
  {
    kind: 'intrinsic-nested-valid',
    change: `Parameters {"x.$": "States.Format('{} items', States.ArrayLength($.a))"}`,
    aws: 'valid',
    evidence: ref('§5.1, §5.2'),
    apply: template('x.$', "States.Format('{} items', States.ArrayLength($.a))"),
  },
  {
    kind: 'intrinsic-wrong-arity',
    change: `Parameters {"x.$": "States.Hash('a')"}`,
    aws: 'unknown',
    evidence: 'unverified: aslkit holds that AWS accepts it and fails the call at run time',
    apply: template('x.$', "States.Hash('a')"),
  },
  {
    kind: 'context-path-template',
    change: 'Parameters {"x.$": "$$.Execution.Id"}',
    aws: 'valid',
    evidence: ref('§2.1 (context object paths)'),
    apply: template('x.$', '$$.Execution.Id'),
  },
  {
    kind: 'literal-looks-like-path',
    change: 'Parameters {"x": "$.a"} (no .$)',
    aws: 'valid',
    evidence: ref('§9.2 (NO_DOLLAR is a warning)'),
    apply: template('x', '$.a'),
  },
  {
    kind: 'jsonata-field-in-jsonpath',
    change: 'JSONPath Pass gets Output',
    aws: 'invalid',
    evidence: ref('§7 (Output is JSONata-only)'),
    apply: onState(ofType('Pass', { ...jsonPath, topLevel: true }), ({ state }) => void (state.Output = { a: 1 })),
  },
  {
    kind: 'arguments-in-jsonpath',
    change: 'JSONPath Task gets Arguments',
    aws: 'invalid',
    evidence: ref('§7 (Arguments is JSONata-only)'),
    apply: onState(ofType('Task', { ...jsonPath, topLevel: true }), ({ state }) => void (state.Arguments = { a: 1 })),
  },
  {
    kind: 'jsonpath-field-in-jsonata',
    change: 'JSONata state gets InputPath',
    aws: 'invalid',
    evidence: ref('§7 (InputPath forbidden in JSONata states)'),
    apply: onState(ofType([...FLOW_TYPES, 'Choice', 'Succeed'], jsonata), ({ state }) => void (state.InputPath = '$')),
  },
  {
    kind: 'parameters-in-jsonata',
    change: 'JSONata Pass gets Parameters',
    aws: 'invalid',
    evidence: ref('§7 (Parameters forbidden in JSONata states)'),
    apply: onState(ofType('Pass', jsonata), ({ state }) => void (state.Parameters = { a: 1 })),
  },
  {
    kind: 'jsonpath-state-in-jsonata-machine',
    change: 'QueryLanguage: "JSONPath" on a state of a JSONata machine',
    aws: 'invalid',
    evidence: ref('§7 (LocalStack-recorded AWS message)'),
    apply: onState(
      ({ depth }) => depth === 0,
      ({ state }, d) => {
        if (d.QueryLanguage !== 'JSONata') return false;
        state.QueryLanguage = 'JSONPath';
      },
    ),
  },
  {
    kind: 'jsonata-state-in-jsonpath-machine',
    change: 'QueryLanguage: "JSONata" on a plain state of a JSONPath machine',
    aws: 'valid',
    evidence: ref('§7 (a state MAY set JSONata under a JSONPath top level)'),
    apply: onState(
      ({ depth, queryLanguage, state }) =>
        depth === 0 &&
        queryLanguage === 'JSONPath' &&
        Object.keys(state).every((key) => ['Type', 'Next', 'End', 'Comment'].includes(key)),
      ({ state }, d) => {
        if (d.QueryLanguage !== undefined && d.QueryLanguage !== 'JSONPath') return false;
        state.QueryLanguage = 'JSONata';
      },
    ),
  },
  {
    kind: 'jsonata-syntax-error',
    change: 'JSONata state Output: "{% $states.input.( %}"',
    aws: 'invalid',
    evidence: ref('§7') + '; docs/reference/diagnostics.md INVALID_JSONATA_EXPRESSION (AWS wording)',
    apply: onState(
      ofType(['Pass', 'Task', 'Wait', 'Parallel', 'Map'], jsonata),
      ({ state }) => void (state.Output = '{% $states.input.( %}'),
    ),
  },
  {
    kind: 'jsonata-output-number',
    change: 'JSONata state Output: 42',
    aws: 'valid',
    evidence: conformance('outputdecl__base_output_any_non_dict-INT__h'),
    apply: onState(
      ofType(['Pass', 'Task', 'Wait', 'Parallel', 'Map'], jsonata),
      ({ state }) => void (state.Output = 42),
    ),
  },
];
