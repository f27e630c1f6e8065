/**
 * The constraints AWS's service model puts on a TestState request's members (required, enum,
 * length, minimum), checked before anything else as AWS's front end checks them, and refused in
 * its wording: `N validation error(s) detected: Value … at 'member' failed to satisfy constraint: …`,
 * joined by `; `. Members the model marks sensitive (definition, input, variables, stateName,
 * context, mock.result, …) are named without their value, as AWS redacts them.
 * Source: the `states` service model (`TestStateInput`, `MockInput`, `MockErrorOutput`,
 * `TestStateConfiguration`), as shipped by botocore and the AWS SDKs.
 */
import { invalidRequest, type TestStateRefusal } from './refusal.js';
import type { TestStateRequest } from './types.js';

interface Member {
  path: readonly string[];
  sensitive?: boolean;
  required?: boolean;
  enum?: readonly string[];
  minLength?: number;
  maxLength?: number;
  /** An integer member's minimum. */
  minimum?: number;
}

const KB256 = 262144;

/** In the model's order, which is the order AWS lists the violations in (unverified for more than one). */
const MEMBERS: readonly Member[] = [
  { path: ['definition'], sensitive: true, required: true, minLength: 1, maxLength: 1048576 },
  { path: ['roleArn'], minLength: 1, maxLength: 256 },
  { path: ['input'], sensitive: true, maxLength: KB256 },
  { path: ['inspectionLevel'], enum: ['INFO', 'DEBUG', 'TRACE'] },
  { path: ['variables'], sensitive: true, maxLength: KB256 },
  { path: ['stateName'], sensitive: true, minLength: 1, maxLength: 80 },
  { path: ['mock', 'result'], sensitive: true, maxLength: KB256 },
  { path: ['mock', 'errorOutput', 'error'], sensitive: true, maxLength: 256 },
  { path: ['mock', 'errorOutput', 'cause'], sensitive: true, maxLength: 32768 },
  { path: ['mock', 'fieldValidationMode'], enum: ['STRICT', 'PRESENT', 'NONE'] },
  { path: ['context'], sensitive: true, maxLength: KB256 },
  { path: ['stateConfiguration', 'retrierRetryCount'], minimum: 0 },
  { path: ['stateConfiguration', 'errorCausedByState'], sensitive: true, minLength: 1, maxLength: 80 },
  { path: ['stateConfiguration', 'mapIterationFailureCount'], minimum: 0 },
  { path: ['stateConfiguration', 'mapItemReaderData'], sensitive: true, maxLength: KB256 },
];

/** The refusal AWS's model validation gives `request`, if any. */
export function constraintRefusal(request: TestStateRequest): TestStateRefusal | undefined {
  const violations: string[] = [];
  for (const member of MEMBERS) {
    const problem = violation(member, valueAt(request, member.path));
    if (problem !== undefined) violations.push(problem);
  }
  if (violations.length === 0) return undefined;
  const count = violations.length === 1 ? '1 validation error' : `${violations.length} validation errors`;
  return invalidRequest(`${count} detected: ${violations.join('; ')}`);
}

function valueAt(request: TestStateRequest, path: readonly string[]): unknown {
  let node: unknown = request;
  for (const key of path)
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  return node;
}

function violation(member: Member, value: unknown): string | undefined {
  const at = `at '${member.path.join('.')}' failed to satisfy constraint: Member must`;
  if (value === undefined || value === null) return member.required ? `Value null ${at} not be null` : undefined;
  const shown = member.sensitive ? 'Value' : `Value '${typeof value === 'string' ? value : JSON.stringify(value)}'`;
  if (member.enum && !member.enum.includes(value as string))
    return `${shown} ${at} satisfy enum value set: [${member.enum.join(', ')}]`;
  if (member.minimum !== undefined) {
    // Unverified wording: a count that is not an integer fails AWS's JSON reading; its text is not recorded.
    if (typeof value !== 'number' || !Number.isInteger(value)) return `${shown} ${at} be a non-negative integer`;
    if (value < member.minimum) return `${shown} ${at} have value greater than or equal to ${member.minimum}`;
  }
  // aslkit also takes a value where AWS takes JSON text: its length is that of its JSON text.
  const length = typeof value === 'string' ? value.length : (JSON.stringify(value) ?? '').length;
  if (member.minLength !== undefined && length < member.minLength)
    return `${shown} ${at} have length greater than or equal to ${member.minLength}`;
  if (member.maxLength !== undefined && length > member.maxLength)
    return `${shown} ${at} have length less than or equal to ${member.maxLength}`;
  return undefined;
}
