/**
 * Variable scopes. Top-level states share one scope; each Parallel branch and Map iteration
 * gets a child that reads outer variables but keeps its own assignments to itself.
 */
import type { Json } from '../json.js';
import type { PathLookup, VariableReader } from '../query/jsonpath.js';
import { ErrorName, StatesError } from '../errors/states-error.js';
import { jsonBytes, OVER_LIMIT } from './payload-size.js';
import { nestedTooDeeply } from './payload-limits.js';

/** AWS: the values one `Assign` sets may total 256 KiB (UTF-8 JSON), so no single variable is larger either. */
export const MAX_ASSIGN_BYTES = 262_144;

/**
 * The JSON text of each assigned value (for the Exited event's `assignedVariables`), measured
 * against one shared budget so that no text past it is written. Fails with
 * States.DataLimitExceeded over AWS's limit; the limit is documented, AWS's error text for it is
 * not recorded (unverified).
 */
export function serializeAssignment(
  stateName: string,
  values: Record<string, Json>,
  limit = MAX_ASSIGN_BYTES,
): Record<string, string> {
  const texts: [string, string][] = [];
  let left = limit;
  for (const name of Object.keys(values)) {
    const bytes = jsonBytes(values[name], left);
    if (bytes === OVER_LIMIT) {
      throw new StatesError(
        ErrorName.DataLimitExceeded,
        `The variables assigned by the state '${stateName}' have a size exceeding the maximum of ${limit} bytes.`,
      );
    }
    if (bytes < 0) throw nestedTooDeeply();
    left -= bytes;
    texts.push([name, JSON.stringify(values[name])]);
  }
  // fromEntries defines own properties: a variable named __proto__ stays a variable.
  return Object.fromEntries(texts);
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
