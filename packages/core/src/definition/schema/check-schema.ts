/**
 * The schema pass: the ASL schema, compiled ahead of time by ajv (validate-schema.generated.ts,
 * see scripts/generate-validator.ts), checks the definition, and each error becomes a diagnostic worded
 * the way AWS words it. Neither ajv's compiler nor a schema compile is paid at run time.
 */
import { DiagnosticCode, type Diagnostic } from '../diagnostics.js';
import { STATE_TYPES } from '../types.js';
import { validate as generatedValidate } from './validate-schema.generated.js';

/** The fields of an ajv error object (its `ErrorObject`) this pass reads; ajv itself is build-time only. */
interface SchemaError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

/** The generated validator: ajv's convention leaves the last call's errors on the function. */
export const validateSchema = generatedValidate as unknown as ((data: unknown) => boolean) & {
  errors?: SchemaError[] | null;
};

/** Checks `definition` (a parsed JSON value) against the ASL schema. */
export function checkSchema(definition: unknown): Diagnostic[] {
  if (validateSchema(definition)) return [];
  // Missing fields of one object are reported together, where the first of them was found.
  const entries: (Diagnostic | { requiredAt: string })[] = [];
  const missing = new Map<string, string[]>();
  for (const error of validateSchema.errors ?? []) {
    if (error.keyword !== 'required') {
      const diagnostic = translate(error);
      if (diagnostic) entries.push(diagnostic);
      continue;
    }
    const list = missing.get(error.instancePath);
    if (list) list.push(String(error.params['missingProperty']));
    else {
      missing.set(error.instancePath, [String(error.params['missingProperty'])]);
      entries.push({ requiredAt: error.instancePath });
    }
  }
  return entries.map((entry) =>
    'requiredAt' in entry
      ? {
          code: DiagnosticCode.SchemaValidationFailed,
          severity: 'ERROR',
          message: `These fields are required: [${missing.get(entry.requiredAt)!.join(', ')}]`,
          path: entry.requiredAt || '/',
        }
      : entry,
  );
}

function translate(error: SchemaError): Diagnostic | undefined {
  const path = error.instancePath;
  const field = fieldName(path);
  const params = error.params;
  const schema = (message: string, at = path, code: string = DiagnosticCode.SchemaValidationFailed): Diagnostic => ({
    code,
    severity: 'ERROR',
    message,
    path: at || '/',
  });
  switch (error.keyword) {
    case 'additionalProperties':
      return schema(`Field '${String(params['additionalProperty'])}' is not supported`);
    case 'discriminator':
      // A missing Type is already reported by `required`.
      if (params['tagValue'] === undefined) return undefined;
      return schema(`The field 'Type' should have one of these values: [${STATE_TYPES.join(', ')}]`, `${path}/Type`);
    case 'type':
      return schema(`The value for the field '${field}' must be ${describeType(String(params['type']))}`);
    case 'enum':
    case 'const': {
      const allowed = (params['allowedValues'] as unknown[] | undefined) ?? [params['allowedValue']];
      const list = `[${allowed.map(String).join(', ')}]`;
      // AWS words QueryLanguage's refusal differently from Type's (floci-io/floci#2972, measured).
      if (field === 'QueryLanguage') return schema(`Value should be one of the following: ${list}`);
      return schema(`The field '${field}' should have one of these values: ${list}`);
    }
    case 'minimum':
      return schema(`The value for the field '${field}' must be greater than or equal to ${String(params['limit'])}`);
    case 'maximum':
      return schema(`The value for the field '${field}' must be less than or equal to ${String(params['limit'])}`);
    case 'minItems':
    case 'minProperties':
      return schema('Value cannot be empty');
    case 'maxLength':
      if (field === 'Label')
        return schema(
          `The value for the field 'Label' must be at most ${String(params['limit'])} characters long`,
          path,
          DiagnosticCode.InvalidLabelName,
        );
      return schema(`The value for the field '${field}' must be at most ${String(params['limit'])} characters long`);
    case 'pattern':
      return schema(
        `The value for the field '${field}' contains characters that are not allowed`,
        path,
        field === 'Label' ? DiagnosticCode.InvalidLabelName : DiagnosticCode.SchemaValidationFailed,
      );
    case 'fieldGroups':
      return schema(error.message ?? 'Invalid combination of fields');
    default:
      // Keywords the schema does not use; kept generic so a schema change never crashes validate().
      return schema(`The value for the field '${field}' is not valid (${error.keyword})`);
  }
}

/** The name of the field an instance path points to: its last non-index segment. */
function fieldName(instancePath: string): string {
  const segments = instancePath.split('/').slice(1);
  for (let i = segments.length - 1; i >= 0; i--) {
    const segment = segments[i]!;
    if (!/^\d+$/.test(segment)) return segment.replace(/~1/g, '/').replace(/~0/g, '~');
  }
  return '';
}

function describeType(types: string): string {
  const list = types.split(',');
  const numeric = list.find((t) => t === 'integer' || t === 'number');
  // Numeric fields that also take a string take it only as a JSONata expression.
  if (numeric && list.includes('string'))
    return `${numeric === 'integer' ? 'an integer' : 'a number'} or a JSONata expression`;
  const article = (t: string) => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`);
  return list.map((t) => (t === 'null' ? 'null' : article(t))).join(' or ');
}
