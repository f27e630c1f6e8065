/**
 * The Choice operators as data: every name a JSONPath Choice rule may use maps to one entry,
 * so the rule compiler looks an operator up instead of testing `'X' in rule`. AWS never
 * coerces: a value of the wrong JSON type makes a comparison false (conformance:
 * choice_operators__*, every operator against every JSON type).
 */
import type { Json } from '../json.js';
import { compareInstants, parseTimestamp, type Instant } from '../query/timestamp.js';

/** What a comparison's operand must be; also the word used in diagnostics. */
export type OperandKind = 'string' | 'number' | 'boolean' | 'timestamp' | 'pattern';

/** A test of the Variable's value against an operand that has already been bound. */
export type ValueTest = (value: Json) => boolean;

/** A binary operator (`StringEquals`, `NumericLessThan`, ...). */
export interface Comparison {
  readonly expects: OperandKind;
  /** Binds an operand, parsing it once; `undefined` when the operand has the wrong type. */
  bind(operand: Json): ValueTest | undefined;
}

export type OperatorEntry =
  /** `path`: the `…Path` form, whose operand is a path read at run time. */
  | { kind: 'comparison'; comparison: Comparison; path: boolean }
  /** `IsNull`, `IsString`, ...: the boolean operand says whether the test must hold. */
  | { kind: 'type-test'; test: ValueTest }
  /** `IsPresent`: the one operator that looks at whether the Variable path resolves at all. */
  | { kind: 'presence' };

type Relation = (order: number) => boolean;

const relations = {
  Equals: (order) => order === 0,
  LessThan: (order) => order < 0,
  GreaterThan: (order) => order > 0,
  LessThanEquals: (order) => order <= 0,
  GreaterThanEquals: (order) => order >= 0,
} satisfies Record<string, Relation>;
type RelationName = keyof typeof relations;

/** Both sides are read through `view`; a side it rejects makes the comparison false. */
function ordered<T>(
  expects: OperandKind,
  view: (value: Json) => T | undefined,
  order: (a: T, b: T) => number,
  holds: Relation,
): Comparison {
  return {
    expects,
    bind(operand) {
      const right = view(operand);
      if (right === undefined) return undefined;
      return (value) => {
        const left = view(value);
        return left !== undefined && holds(order(left, right));
      };
    },
  };
}

const asString = (value: Json): string | undefined => (typeof value === 'string' ? value : undefined);
const asNumber = (value: Json): number | undefined => (typeof value === 'number' ? value : undefined);
const asBoolean = (value: Json): boolean | undefined => (typeof value === 'boolean' ? value : undefined);
const asInstant = (value: Json): Instant | undefined => (typeof value === 'string' ? parseTimestamp(value) : undefined);

// JavaScript's `<` on strings compares UTF-16 code units, exactly Java's String.compareTo.
const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
// IEEE-754 doubles, as JSON numbers arrive; 1 and 1.0 are the same value (conformance: numeric_equals__53).
const compareNumbers = (a: number, b: number): number => (a < b ? -1 : a > b ? 1 : 0);
const compareBooleans = (a: boolean, b: boolean): number => (a === b ? 0 : 1);

const stringMatches: Comparison = {
  expects: 'pattern',
  bind(operand) {
    if (typeof operand !== 'string') return undefined;
    const pattern = compileStringPattern(operand);
    return (value) => typeof value === 'string' && matchesStringPattern(value, pattern);
  },
};

const typeTests: [name: string, test: ValueTest][] = [
  ['IsNull', (value) => value === null],
  ['IsNumeric', (value) => typeof value === 'number'],
  ['IsString', (value) => typeof value === 'string'],
  ['IsBoolean', (value) => typeof value === 'boolean'],
  ['IsTimestamp', (value) => asInstant(value) !== undefined],
];

// A Map, not an object literal, so rule keys such as `constructor` or `__proto__` find nothing.
const operators = new Map<string, OperatorEntry>();

function addFamily<T>(
  prefix: string,
  expects: OperandKind,
  view: (value: Json) => T | undefined,
  order: (a: T, b: T) => number,
  suffixes: readonly RelationName[],
): void {
  for (const suffix of suffixes) {
    const comparison = ordered(expects, view, order, relations[suffix]);
    operators.set(prefix + suffix, { kind: 'comparison', comparison, path: false });
    operators.set(`${prefix}${suffix}Path`, { kind: 'comparison', comparison, path: true });
  }
}

const ALL_RELATIONS: RelationName[] = ['Equals', 'LessThan', 'GreaterThan', 'LessThanEquals', 'GreaterThanEquals'];
addFamily('String', 'string', asString, compareStrings, ALL_RELATIONS);
addFamily('Numeric', 'number', asNumber, compareNumbers, ALL_RELATIONS);
addFamily('Timestamp', 'timestamp', asInstant, compareInstants, ALL_RELATIONS);
addFamily('Boolean', 'boolean', asBoolean, compareBooleans, ['Equals']);
// AWS has no StringMatchesPath: the pattern is always a literal.
operators.set('StringMatches', { kind: 'comparison', comparison: stringMatches, path: false });
for (const [name, test] of typeTests) operators.set(name, { kind: 'type-test', test });
operators.set('IsPresent', { kind: 'presence' });

/** The operator a rule key names, or `undefined` for a key that is no operator. */
export const lookupOperator = (name: string): OperatorEntry | undefined => operators.get(name);

/** Every operator name, for messages and tests. */
export const operatorNames = (): string[] => [...operators.keys()];

/**
 * A StringMatches pattern split at its unescaped stars: `a*b\*c` is `['a', 'b*c']`. Only `*`
 * is special; `\*` is a literal star and `\\` a literal backslash. Any other backslash is kept
 * as written (AWS's handling of other escapes is not recorded).
 */
export function compileStringPattern(pattern: string): string[] {
  const pieces: string[] = [];
  let current: string[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern.charAt(i);
    const next = pattern[i + 1];
    if (ch === '\\' && (next === '*' || next === '\\')) {
      current.push(next);
      i++;
    } else if (ch === '*') {
      pieces.push(current.join(''));
      current = [];
    } else current.push(ch);
  }
  pieces.push(current.join(''));
  return pieces;
}

/**
 * Whole-string match of a compiled pattern, without regular expressions: the text must start
 * with the first piece and end with the last, and the pieces between are found left to right,
 * each at its earliest position. Earliest placement is always safe with `*` as the only
 * wildcard, so there is no backtracking and hostile patterns (10,000 stars) stay linear in
 * the number of pieces.
 */
export function matchesStringPattern(text: string, pieces: readonly string[]): boolean {
  const first = pieces[0] ?? '';
  if (pieces.length === 1) return text === first;
  const last = pieces[pieces.length - 1] ?? '';
  if (text.length < first.length + last.length || !text.startsWith(first) || !text.endsWith(last)) return false;
  const end = text.length - last.length;
  let position = first.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    const piece = pieces[i] ?? '';
    if (piece === '') continue;
    const found = text.indexOf(piece, position);
    if (found < 0 || found + piece.length > end) return false;
    position = found + piece.length;
  }
  return true;
}
