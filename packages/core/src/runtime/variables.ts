/**
 * Variable scopes. Top-level states share one scope; each Parallel branch and Map iteration
 * gets a child that reads outer variables but keeps its own assignments to itself.
 */
import type { Json } from '../json.js';
import type { PathLookup, VariableReader } from '../query/jsonpath.js';
import { ErrorName, StatesError } from '../errors/states-error.js';
import { utf8Length } from './payload-size.js';

/** AWS: the values one `Assign` sets may total 256 KiB (UTF-8 JSON), so no single variable is larger either. */
export const MAX_ASSIGN_BYTES = 262_144;

/**
 * Fails with States.DataLimitExceeded when an Assign's values (name → JSON text) are over
 * AWS's limit. The limit is documented; AWS's error text for it is not recorded (unverified).
 */
export function checkAssignmentSize(
  stateName: string,
  serialized: Record<string, string>,
  limit = MAX_ASSIGN_BYTES,
): void {
  let bytes = 0;
  for (const name of Object.keys(serialized)) bytes += utf8Length(serialized[name]!);
  if (bytes > limit) {
    throw new StatesError(
      ErrorName.DataLimitExceeded,
      `The variables assigned by the state '${stateName}' have a size of ${bytes} bytes, exceeding the maximum of ${limit} bytes.`,
    );
  }
}

export class VariableScope implements VariableReader {
  // Created on first assignment: most Map iterations and branches never assign.
  private values: Map<string, Json> | undefined;

  constructor(private readonly parent?: VariableScope) {}

  get(name: string): PathLookup {
    for (let scope: VariableScope | undefined = this; scope; scope = scope.parent) {
      if (scope.values?.has(name)) return { found: true, value: scope.values.get(name)! };
    }
    return { found: false };
  }

  assign(values: Record<string, Json>): void {
    const own = (this.values ??= new Map());
    for (const name of Object.keys(values)) own.set(name, values[name]!);
  }

  child(): VariableScope {
    return new VariableScope(this);
  }

  /** This scope's own variables (not the outer ones). */
  own(): Record<string, Json> {
    return this.values ? Object.fromEntries(this.values) : {};
  }
}
