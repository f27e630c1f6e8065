/**
 * The definition validator: would AWS accept this state machine? It reports every problem at
 * once: the schema pass (schema/check-schema.ts) first, then the semantic rules (rules/), each
 * diagnostic with a stable code, AWS's wording where AWS's is known, a JSON pointer and, for
 * text input, its line and column. Codes are documented in docs/reference/diagnostics.md.
 *
 * Locations follow AWS: `path` is a JSON pointer, `/` for the top-level object, and `''` when
 * AWS reports no location (`MISSING_END_STATE`, a definition that is not an object).
 */
import { DefinitionError } from '../errors/aslkit-error.js';
import { isJsonObject } from '../json.js';
import { DiagnosticCode, type Diagnostic } from './diagnostics.js';
import { hasRepeatedKeys, indexSource, type SourceIndex } from './locate.js';
import { parseDefinitionText } from './parse.js';
import { findTooDeep, tooDeeplyNested } from './depth.js';
import { RULES } from './rules/all-rules.js';
import { createRuleContext, describeMachine } from './rules/context.js';
import { checkSchema } from './schema/check-schema.js';

export interface ValidateOptions {
  /** The machine's type; EXPRESS machines cannot use `.sync`, `.waitForTaskToken`, activities or distributed Maps. */
  type?: 'STANDARD' | 'EXPRESS';
}

/** More than this is noise (AWS returns at most 100); the rest would only cost time to locate. */
const MAX_DIAGNOSTICS = 1000;

const notAnObject = (): Diagnostic => ({
  code: DiagnosticCode.SchemaValidationFailed,
  severity: 'ERROR',
  message: 'Definition must be a valid JSON object',
  path: '',
});

// The host's stack ran out (a recursive library on a value within MAX_JSON_DEPTH): a safety net, never expected.
const tooDeep = (path: string): Diagnostic => ({
  code: DiagnosticCode.TooDeeplyNested,
  severity: 'ERROR',
  message: 'The definition is nested too deeply to be validated',
  path,
});

/**
 * Validates a definition, given as JSON text or as a parsed value. Never throws.
 * @example
 * validate('{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"}}}')
 * // [{ code: 'MISSING_TRANSITION_TARGET', message: "Missing 'Next' target: B", path: '/States/A/Next', line: 1, column: 45, ... }, ...]
 */
export function validate(definition: unknown, options: ValidateOptions = {}): Diagnostic[] {
  try {
    return validateUnsafely(definition, options);
  } catch (error) {
    if (error instanceof RangeError) return [tooDeep('')];
    return [
      {
        ...notAnObject(),
        message: `The definition could not be validated: ${error instanceof Error ? error.message : String(error)}`,
      },
    ];
  }
}

function validateUnsafely(input: unknown, options: ValidateOptions): Diagnostic[] {
  let definition: unknown;
  let text: string | undefined;
  if (typeof input === 'string') {
    // AWS-observed: an empty definition is "not a valid JSON object", not a JSON syntax error.
    if (input.trim() === '') return [notAnObject()];
    try {
      definition = parseDefinitionText(input);
    } catch (error) {
      if (error instanceof DefinitionError) return [...error.diagnostics];
      throw error;
    }
    text = input;
  } else {
    // Before toJson: JSON.stringify recurses and would exhaust the stack first.
    const deep = findTooDeep(input);
    if (deep) return [tooDeeplyNested(deep)];
    definition = toJson(input);
    if (definition === undefined) return [notAnObject()];
  }
  if (!isJsonObject(definition)) return [notAnObject()];

  const shape = describeMachine(definition);
  // Not push(...list): a hostile definition can have more schema errors than a call takes arguments.
  const diagnostics: Diagnostic[] =
    shape.tooDeep !== undefined ? [tooDeeplyNested({ pointer: shape.tooDeep })] : schemaDiagnostics(definition);

  // The location-keeping parse is slow next to JSON.parse: only text with repeated keys or with
  // something to report pays for it.
  let source: SourceIndex | undefined;
  if (text !== undefined && hasRepeatedKeys(text, definition)) source = indexSource(text);
  const statesObjects = new Set(shape.scopes.map((scope) => `${scope.pointer}/States`));
  const duplicateStateKeys = (source?.duplicateKeys ?? []).filter((pointer) =>
    statesObjects.has(pointer.slice(0, pointer.lastIndexOf('/'))),
  );
  const context = createRuleContext(
    definition,
    shape,
    { machineType: options.type ?? 'STANDARD', duplicateStateKeys },
    diagnostics,
  );
  for (const rule of RULES) rule(context);

  if (text !== undefined && diagnostics.length > 0) source ??= indexSource(text);
  const stateNames = new Map(shape.states.map((state) => [state.pointer, state.name]));
  const reported = diagnostics.slice(0, MAX_DIAGNOSTICS).map((diagnostic) => complete(diagnostic, stateNames, source));
  if (diagnostics.length > MAX_DIAGNOSTICS) {
    reported.push({
      code: DiagnosticCode.DiagnosticsTruncated,
      severity: 'WARNING',
      message: `Only the first ${MAX_DIAGNOSTICS} of ${diagnostics.length} problems are reported`,
      path: '',
    });
  }
  return reported;
}

/** A caller's value as plain JSON: drops what JSON cannot hold, refuses cycles. */
function toJson(value: unknown): unknown {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    if (error instanceof RangeError) throw error;
    return undefined;
  }
  return text === undefined ? undefined : (JSON.parse(text) as unknown);
}

function schemaDiagnostics(definition: unknown): Diagnostic[] {
  try {
    return checkSchema(definition);
  } catch (error) {
    // ajv recurses with the document; a hostile And/Or/Not chain can exhaust the stack.
    if (error instanceof RangeError) return [tooDeep('')];
    throw error;
  }
}

/** Adds the state name and, for text input, the line and column. */
function complete(
  diagnostic: Diagnostic,
  stateNames: ReadonlyMap<string, string>,
  source: SourceIndex | undefined,
): Diagnostic {
  const result = { ...diagnostic };
  if (result.stateName === undefined) {
    const state = owningState(result.path, stateNames);
    if (state !== undefined) result.stateName = state;
  }
  if (source && result.path !== '') {
    const { line, column } = source.locate(result.path);
    result.line = line;
    result.column = column;
  }
  return result;
}

/** The innermost state whose pointer is a prefix of `path`. */
function owningState(path: string, stateNames: ReadonlyMap<string, string>): string | undefined {
  for (let prefix = path; prefix.length > 0; prefix = prefix.slice(0, prefix.lastIndexOf('/'))) {
    const name = stateNames.get(prefix);
    if (name !== undefined) return name;
  }
  return undefined;
}

/** Fields whose numeric children AWS writes as `Field[0]` in its locations. */
const ARRAY_FIELDS = new Set(['Branches', 'Choices', 'And', 'Or', 'Retry', 'Catch', 'ErrorEquals', 'CSVHeaders']);

/**
 * A diagnostic's path in AWS's location style: array indexes in brackets
 * (`/States/C/Choices[0]/Next`, floci-io/floci#2786), names unescaped; `undefined` for no location.
 */
export function awsLocation(path: string): string | undefined {
  if (path === '') return undefined;
  if (path === '/') return '/';
  let location = '';
  let previous = '';
  for (const raw of path.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(segment) && ARRAY_FIELDS.has(previous)) location += `[${segment}]`;
    else location += `/${segment}`;
    previous = segment;
  }
  return location;
}

/**
 * AWS's CreateStateMachine error message for these diagnostics (errors only):
 * `Invalid State Machine Definition: '<CODE>: <message> at <location>, <CODE>: ...'`.
 */
export function formatInvalidDefinition(diagnostics: readonly Diagnostic[]): string {
  const parts = diagnostics
    .filter((d) => d.severity === 'ERROR')
    .map((d) => {
      const location = awsLocation(d.path);
      return `${d.code}: ${d.message}${location === undefined ? '' : ` at ${location}`}`;
    });
  return `Invalid State Machine Definition: '${parts.join(', ')}'`;
}
