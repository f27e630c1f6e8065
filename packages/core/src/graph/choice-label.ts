/**
 * A Choice rule as one readable line for an edge label: `$.n < 10`, `$.kind == "book"`,
 * `($.a is present) and not ($.b == true)`. JSONata conditions show their expression without
 * the `{% %}` delimiters. Labels are for people; nothing parses them back.
 */
import { isJsonObject } from '../json.js';

/** Longer labels are cut with an ellipsis: edges are no place for a whole rule tree. */
const MAX_LABEL = 160;
/** Nested And/Or/Not beyond this depth is shown as `…` (hostile definitions can nest deeply). */
const MAX_DEPTH = 16;

const RELATIONS: Record<string, string> = {
  Equals: '==',
  LessThan: '<',
  GreaterThan: '>',
  LessThanEquals: '<=',
  GreaterThanEquals: '>=',
};

const TYPE_TESTS: Record<string, string> = {
  IsNull: 'null',
  IsPresent: 'present',
  IsNumeric: 'numeric',
  IsString: 'a string',
  IsBoolean: 'a boolean',
  IsTimestamp: 'a timestamp',
};

const NOT_OPERATORS = new Set(['Variable', 'Next', 'Comment', 'Assign', 'Output']);

/** The readable condition of a Choice rule (top-level or nested). */
export function describeChoiceRule(rule: unknown): string {
  const text = describe(rule, 0);
  return text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text;
}

function describe(rule: unknown, depth: number): string {
  if (depth > MAX_DEPTH) return '…';
  if (!isJsonObject(rule)) return '?';
  const r = rule as Record<string, unknown>;
  if (r['Condition'] !== undefined) return describeCondition(r['Condition']);
  if (Array.isArray(r['And'])) return r['And'].map((inner) => group(inner, depth)).join(' and ');
  if (Array.isArray(r['Or'])) return r['Or'].map((inner) => group(inner, depth)).join(' or ');
  if (r['Not'] !== undefined) return `not ${group(r['Not'], depth)}`;
  const variable = typeof r['Variable'] === 'string' ? r['Variable'] : '?';
  const operator = Object.keys(r).find((key) => !NOT_OPERATORS.has(key));
  if (operator === undefined) return variable;
  return `${variable} ${describeComparison(operator, r[operator])}`;
}

/** Combinators inside combinators get parentheses so `and`/`or` precedence stays visible. */
function group(rule: unknown, depth: number): string {
  const text = describe(rule, depth + 1);
  const compound =
    isJsonObject(rule) && ['And', 'Or', 'Not'].some((key) => (rule as Record<string, unknown>)[key] !== undefined);
  return compound ? `(${text})` : text;
}

function describeCondition(condition: unknown): string {
  if (typeof condition !== 'string') return String(condition);
  const trimmed = condition.trim();
  return trimmed.startsWith('{%') && trimmed.endsWith('%}') ? trimmed.slice(2, -2).trim() : trimmed;
}

function describeComparison(operator: string, operand: unknown): string {
  const typeTest = TYPE_TESTS[operator];
  if (typeTest !== undefined) return operand === false ? `is not ${typeTest}` : `is ${typeTest}`;
  if (operator === 'StringMatches') return `matches ${JSON.stringify(operand)}`;
  const family =
    /^(String|Numeric|Timestamp|Boolean)(Equals|LessThan|GreaterThan|LessThanEquals|GreaterThanEquals)(Path)?$/.exec(
      operator,
    );
  if (family) {
    const symbol = RELATIONS[family[2]!]!;
    // A `...Path` operand is a path to compare with, shown as written rather than quoted.
    const shown = family[3] !== undefined && typeof operand === 'string' ? operand : (JSON.stringify(operand) ?? '?');
    return `${symbol} ${shown}`;
  }
  return `${operator} ${JSON.stringify(operand) ?? '?'}`;
}
