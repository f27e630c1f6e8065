/**
 * JSONPath-mode path fields. `InputPath`/`OutputPath` take any path; `ResultPath` and the
 * `*Path` fields that read one value take a reference path (names and indexes only: no
 * filters, wildcards, slices or `..`), and `ResultPath` writes into the state's data, so it
 * cannot start at `$$` or a variable. Fail's `ErrorPath`/`CausePath` also take an intrinsic call.
 * AWS's wording is recorded for `.$` fields only ("must be a valid JSONPath or a valid intrinsic
 * function call"); these messages follow it.
 */
import { isJsonObject } from '../../json.js';
import { compilePath, type CompiledPath } from '../../query/jsonpath.js';
import { isIntrinsicCallValid, looksLikeIntrinsicCall } from './intrinsic-call.js';
import { objectItems, type Fields, type RuleContext, type StateNode } from './context.js';

type PathKind = 'path' | 'reference' | 'result' | 'pathOrIntrinsic';

const STATE_FIELDS: Record<string, PathKind> = {
  InputPath: 'path',
  OutputPath: 'path',
  ResultPath: 'result',
  ItemsPath: 'reference',
  SecondsPath: 'reference',
  TimestampPath: 'reference',
  TimeoutSecondsPath: 'reference',
  HeartbeatSecondsPath: 'reference',
  MaxConcurrencyPath: 'reference',
  ToleratedFailurePercentagePath: 'reference',
  ToleratedFailureCountPath: 'reference',
  ErrorPath: 'pathOrIntrinsic',
  CausePath: 'pathOrIntrinsic',
};

const NESTED_FIELDS: [string[], string, PathKind][] = [
  [['ItemReader', 'ReaderConfig'], 'MaxItemsPath', 'reference'],
  [['ItemBatcher'], 'MaxItemsPerBatchPath', 'reference'],
  [['ItemBatcher'], 'MaxInputBytesPerBatchPath', 'reference'],
];

/** `$`, `$.name` and `$[0]` chains: valid as every kind of path, no need to compile them. */
const SIMPLE_PATH = /^\$(?:\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])*$/;

/** Why `value` is not acceptable as a `kind` path, or `undefined` when it is. */
export function pathProblem(value: string, kind: PathKind): string | undefined {
  if (SIMPLE_PATH.test(value)) return undefined;
  if (kind === 'pathOrIntrinsic' && looksLikeIntrinsicCall(value)) {
    return isIntrinsicCallValid(value) ? undefined : 'must be a valid JSONPath or a valid intrinsic function call';
  }
  let path: CompiledPath;
  try {
    path = compilePath(value);
  } catch {
    return kind === 'pathOrIntrinsic'
      ? 'must be a valid JSONPath or a valid intrinsic function call'
      : 'must be a valid JSONPath';
  }
  if (kind === 'reference' && path.segments === undefined)
    return 'must be a valid reference path (names and indexes only)';
  if (kind === 'result') {
    if (path.segments === undefined) return 'must be a valid reference path (names and indexes only)';
    if (path.root !== 'input')
      return "must be a reference path into the state's data (starting with '$.' or equal to '$')";
  }
  return undefined;
}

/** Reports path fields of JSONPath states that are not valid paths of their kind. */
export function checkPaths(context: RuleContext): void {
  for (const state of context.states) {
    if (state.queryLanguage !== 'JSONPath') continue;
    for (const [field, kind] of Object.entries(STATE_FIELDS))
      checkField(context, state, state.fields, field, kind, state.pointer);
    for (const [catcher, i] of objectItems(state.fields, 'Catch')) {
      checkField(context, state, catcher, 'ResultPath', 'result', `${state.pointer}/Catch/${i}`);
    }
    for (const [parents, field, kind] of NESTED_FIELDS) {
      let owner: unknown = state.fields;
      let pointer = state.pointer;
      for (const parent of parents) {
        owner = isJsonObject(owner) ? (owner as Fields)[parent] : undefined;
        pointer += `/${parent}`;
      }
      if (isJsonObject(owner)) checkField(context, state, owner, field, kind, pointer);
    }
  }
}

function checkField(
  context: RuleContext,
  state: StateNode,
  fields: Fields,
  field: string,
  kind: PathKind,
  pointer: string,
): void {
  const value = fields[field];
  // null is a legal InputPath/OutputPath/ResultPath; other types are the schema's to report.
  if (typeof value !== 'string') return;
  const problem = pathProblem(value, kind);
  if (problem)
    context.report({
      message: `The value for the field '${field}' ${problem}`,
      path: `${pointer}/${field}`,
      stateName: state.name,
    });
}
