/**
 * Mock field validation, as TestState does it (`mock.fieldValidationMode`): a mocked Task result
 * is checked against the response shape of the API the Task calls. `PRESENT` checks the fields
 * the mock has (type, length, range, enum value); `STRICT` also requires the required ones.
 * Fields the API does not have pass, as on AWS. The messages are AWS's
 * (`Field 'Entries' must be an array`); ones not recorded are marked below.
 */
import { isJsonObject, type Json } from '../../json.js';
import type { ParsedResource } from '../../resolvers/resource.js';
import { SERVICE_SHAPES } from './service-shapes.generated.js';
import { serviceOperation } from './service-operation.js';
import type { ServiceShapes, ServiceShapeTable, Shape } from './shape-types.js';

export type CheckedMode = 'STRICT' | 'PRESENT';

/**
 * The first problem of `result` as a response of the API `resource` calls, in AWS's words
 * (without the `Mock result schema validation error: ` prefix); `undefined` when it fits, or
 * when the table has no shape for that API.
 */
export function validateMockResult(
  resource: ParsedResource,
  result: Json,
  mode: CheckedMode,
  shapes: ServiceShapes = SERVICE_SHAPES,
): string | undefined {
  const api = serviceOperation(resource);
  const table = api && shapes[api.service];
  const output = table?.operations[api!.operation];
  if (!table || output === undefined) return undefined;
  return checkShape(table, output, result, undefined, mode);
}

/** Checks one value; `field` is the member name AWS's message uses (`undefined` at the top). */
function checkShape(
  table: ServiceShapeTable,
  shapeName: string,
  value: Json,
  field: string | undefined,
  mode: CheckedMode,
): string | undefined {
  const shape: Shape | undefined = table.shapes[shapeName];
  if (!shape || value === null) return undefined;
  const name = field ?? 'result';
  switch (shape.t) {
    case 'string':
    case 'blob':
    case 'timestamp':
      if (typeof value !== 'string') return `Field '${name}' must be a string`;
      if (shape.min !== undefined && value.length < shape.min)
        return `Field '${name}' is smaller than the minimum length`;
      // Unverified wording (AWS's text for a value over the maximum length is not recorded).
      if (shape.max !== undefined && value.length > shape.max) return `Field '${name}' exceeds the maximum length`;
      if (shape.t === 'string' && shape.enum && !shape.enum.includes(value))
        return `Field '${name}' is not an expected value`;
      return undefined;
    case 'integer':
    case 'long':
    case 'float':
    case 'double':
      if (typeof value !== 'number') return `Field '${name}' must be a number`;
      // Unverified wording: AWS's text for a fraction where an integer belongs is not recorded.
      if ((shape.t === 'integer' || shape.t === 'long') && !Number.isInteger(value))
        return `Field '${name}' must be an integer`;
      if (shape.min !== undefined && value < shape.min) return `Field '${name}' is less than the minimum value`;
      if (shape.max !== undefined && value > shape.max) return `Field '${name}' exceeds the maximum value`;
      return undefined;
    case 'boolean':
      // Unverified wording.
      return typeof value === 'boolean' ? undefined : `Field '${name}' must be a boolean`;
    case 'list': {
      if (!Array.isArray(value)) return `Field '${name}' must be an array`;
      for (const item of value) {
        const problem = checkShape(table, shape.member, item, name, mode);
        if (problem) return problem;
      }
      return undefined;
    }
    case 'map': {
      // Unverified wording.
      if (!isJsonObject(value)) return `Field '${name}' must be an object`;
      for (const key of Object.keys(value)) {
        const problem = checkShape(table, shape.value, value[key]!, key, mode);
        if (problem) return problem;
      }
      return undefined;
    }
    case 'structure': {
      // Unverified wording.
      if (!isJsonObject(value)) return `Field '${name}' must be an object`;
      if (mode === 'STRICT')
        for (const required of shape.required ?? [])
          if (value[required] === undefined) return `Required field '${required}' is missing`;
      for (const key of Object.keys(value)) {
        const member = shape.members[key];
        if (member === undefined) continue;
        const problem = checkShape(table, member, value[key]!, key, mode);
        if (problem) return problem;
      }
      return undefined;
    }
  }
}
