/**
 * The comparison operators of JSONPath Choice rules and the type of each operand: a literal of
 * the family's type, or a path for the `…Path` variant; `Is*` tests take a boolean.
 */
const string = { type: 'string' } as const;
const boolean = { type: 'boolean' } as const;

/** Operator name → JSON Schema of its operand. */
export const comparisonOperators: Readonly<Record<string, object>> = (() => {
  const operators: Record<string, object> = {};
  const literal = { String: string, Numeric: { type: 'number' }, Boolean: boolean, Timestamp: string } as const;
  const suffixes = ['Equals', 'LessThan', 'GreaterThan', 'LessThanEquals', 'GreaterThanEquals'];
  for (const [family, schema] of Object.entries(literal)) {
    for (const suffix of family === 'Boolean' ? ['Equals'] : suffixes) {
      operators[`${family}${suffix}`] = schema;
      operators[`${family}${suffix}Path`] = string;
    }
  }
  operators['StringMatches'] = string;
  for (const test of ['IsNull', 'IsPresent', 'IsNumeric', 'IsString', 'IsBoolean', 'IsTimestamp'])
    operators[test] = boolean;
  return operators;
})();

/** The comparison operator names of JSONPath Choice rules. */
export const CHOICE_OPERATORS: readonly string[] = Object.keys(comparisonOperators);
