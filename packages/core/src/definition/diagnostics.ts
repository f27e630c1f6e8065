/**
 * A problem found in a definition, in the shape of AWS's ValidateStateMachineDefinition
 * diagnostics plus where it is: `path` is a JSON pointer, `line`/`column` are 1-based and
 * present when the definition came as text.
 */
export type Severity = 'ERROR' | 'WARNING';

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  /** JSON pointer to the offending value, e.g. `/States/Pay/Next`. */
  path: string;
  line?: number;
  column?: number;
  stateName?: string;
}

/** Codes reuse AWS's own where AWS has one; see docs/reference/diagnostics.md. */
export const DiagnosticCode = {
  InvalidJson: 'INVALID_JSON_DESCRIPTION',
  SchemaValidationFailed: 'SCHEMA_VALIDATION_FAILED',
  MissingTransitionTarget: 'MISSING_TRANSITION_TARGET',
  MissingEndState: 'MISSING_END_STATE',
  DuplicateStateName: 'DUPLICATE_STATE_NAME',
  InvalidStateName: 'INVALID_STATE_NAME',
  InvalidResource: 'INVALID_RESOURCE',
  InvalidJsonPath: 'INVALID_JSON_PATH',
  InvalidIntrinsic: 'INVALID_INTRINSIC_FUNCTION',
  InvalidJsonata: 'INVALID_JSONATA',
  InvalidJsonataExpression: 'INVALID_JSONATA_EXPRESSION',
  UnsupportedJsonataExpression: 'UNSUPPORTED_JSONATA_EXPRESSION',
  InvalidLabelName: 'INVALID_LABEL_NAME',
  DistributedOnlyField: 'DISTRIBUTED_ONLY_FIELD',
  IneffectiveField: 'INEFFECTIVE_FIELD',
  UnsupportedFeature: 'UNSUPPORTED_FEATURE',
  DiagnosticsTruncated: 'DIAGNOSTICS_TRUNCATED',
  TooDeeplyNested: 'TOO_DEEPLY_NESTED',
  UnreachableState: 'UNREACHABLE_STATE',
  NoTerminalPath: 'NO_TERMINAL_PATH',
  NoDollar: 'NO_DOLLAR',
  NoPath: 'NO_PATH',
  PassResultIsStatic: 'PASS_RESULT_IS_STATIC',
  UnresolvedSubstitution: 'UNRESOLVED_SUBSTITUTION',
} as const;

export type DiagnosticCode = (typeof DiagnosticCode)[keyof typeof DiagnosticCode] | (string & {});

/** Escapes one JSON-pointer segment (RFC 6901). */
export const pointerSegment = (key: string | number): string => String(key).replace(/~/g, '~0').replace(/\//g, '~1');

export const pointer = (...segments: (string | number)[]): string =>
  segments.length === 0 ? '' : '/' + segments.map(pointerSegment).join('/');
