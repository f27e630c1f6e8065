/**
 * Jayway's filter grammar (what AWS accepts inside `[?( )]`), parsed into data, never code:
 *
 *   or         := and { '||' and }
 *   and        := operand { '&&' operand }
 *   operand    := '!' operand | '(' or ')' | relational
 *   relational := value [ operator value ]        (a lone path is an existence check; '!@.x' its negation)
 *   value      := '@' path | '$' path | 'str' | "str" | number | true | false | null | JSON array/object | /regex/flags
 *   operator   := == != === !== < <= > >= =~ in nin subsetof anyof noneof size empty contains all
 *
 * A path inside a filter runs to a space, one of `< > = ~ !`, or a `)` that does not close a
 * call like `.length()` (Jayway's rule). There are no method calls, no arithmetic and no access
 * to anything but the JSON data, so a filter can neither run code nor reach JavaScript objects.
 */
import type { FilterExpression, FilterPath, FilterValue, RelationalOperator } from './ast.js';
import { isDefinitePath } from './ast.js';
import { parseTokens, PathCursor, skipQuoted } from './parse.js';
import { compileFullMatch } from '../regex/linear-regex.js';

const OPERATORS = new Set<RelationalOperator>([
  '==',
  '!=',
  '===',
  '!==',
  '<',
  '<=',
  '>',
  '>=',
  '=~',
  'in',
  'nin',
  'subsetof',
  'anyof',
  'noneof',
  'size',
  'empty',
  'contains',
  'all',
]);
const OPERATOR_CHARS = new Set(['<', '>', '=', '~', '!']);
const NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** Parses `source[start, end)`, the text between `[?(` and `)]`. */
export function parseFilter(source: string, start: number, end: number): FilterExpression {
  const parser = new FilterParser(new PathCursor(source, start, end));
  const expression = parser.or();
  parser.expectEnd();
  return expression;
}

class FilterParser {
  constructor(private readonly cursor: PathCursor) {}

  private blank(): string | undefined {
    this.cursor.pos = this.cursor.skipSpaces();
    return this.cursor.peek();
  }

  private eat(text: string): boolean {
    this.blank();
    if (!this.cursor.source.startsWith(text, this.cursor.pos) || this.cursor.pos + text.length > this.cursor.end)
      return false;
    this.cursor.pos += text.length;
    return true;
  }

  expectEnd(): void {
    if (this.blank() !== undefined)
      this.cursor.fail(
        `expected the end of the filter instead of '${this.cursor.source.slice(this.cursor.pos, this.cursor.end)}'`,
      );
  }

  or(): FilterExpression {
    const operands = [this.and()];
    while (this.eat('||')) operands.push(this.and());
    return operands.length === 1 ? operands[0]! : { kind: 'or', operands };
  }

  private and(): FilterExpression {
    const operands = [this.operand()];
    while (this.eat('&&')) operands.push(this.operand());
    return operands.length === 1 ? operands[0]! : { kind: 'and', operands };
  }

  private operand(): FilterExpression {
    const c = this.blank();
    if (c === '!') {
      const next = this.cursor.source[this.cursor.skipSpaces(this.cursor.pos + 1)];
      if (next !== '@' && next !== '$') {
        this.cursor.pos += 1;
        return { kind: 'not', operand: this.operand() };
      }
    }
    if (c === '(') {
      this.cursor.pos += 1;
      const inner = this.or();
      if (!this.eat(')')) this.cursor.fail(`expected ')' at position ${this.cursor.pos}`);
      return inner;
    }
    return this.relational();
  }

  private relational(): FilterExpression {
    const negated = this.blank() === '!';
    if (negated) this.cursor.pos += 1;
    const left = this.value();
    const save = this.cursor.pos;
    const operator = this.operator();
    if (operator) {
      if (negated)
        this.cursor.fail(`'!' only negates an existence check; write !(...) around a comparison (at ${save})`);
      return { kind: 'compare', left, operator, right: this.value() };
    }
    this.cursor.pos = save;
    if (left.kind !== 'path')
      this.cursor.fail(`expected an operator after the value at position ${save} (a lone value must be a path)`);
    return { kind: 'exists', path: left.path, expected: !negated };
  }

  private operator(): RelationalOperator | undefined {
    const { source, end } = this.cursor;
    const start = this.cursor.skipSpaces();
    let at = start;
    if (at < end && OPERATOR_CHARS.has(source[at]!)) while (at < end && OPERATOR_CHARS.has(source[at]!)) at++;
    else while (at < end && source[at] !== ' ' && source[at] !== ')') at++;
    const text = source.slice(start, at).toLowerCase() as RelationalOperator;
    if (!OPERATORS.has(text)) {
      if (/^(exists|type|matches)$/.test(text))
        this.cursor.fail(`the filter operator '${text}' takes a Java value; AWS paths cannot use it`);
      return undefined;
    }
    this.cursor.pos = at;
    return text;
  }

  private value(): FilterValue {
    const c = this.blank();
    const { source, end } = this.cursor;
    const start = this.cursor.pos;
    switch (c) {
      case undefined:
        return this.cursor.fail('expected a value at the end of the filter');
      case '@':
      case '$':
        return { kind: 'path', path: this.path() };
      case "'":
      case '"': {
        const close = nextUnescaped(source, start + 1, end, c);
        if (close < 0) this.cursor.fail(`the string at position ${start} is not closed with ${c}`);
        this.cursor.pos = close + 1;
        return { kind: 'string', value: unescapeJava(source.slice(start + 1, close)) };
      }
      case 't':
      case 'f':
        for (const word of ['true', 'false'])
          if (source.startsWith(word, start) && start + word.length <= end) {
            this.cursor.pos += word.length;
            return { kind: 'boolean', value: word === 'true' };
          }
        return this.cursor.fail(`expected true or false at position ${start}`);
      case 'n':
        if (!source.startsWith('null', start) || start + 4 > end)
          this.cursor.fail(`expected null at position ${start}`);
        this.cursor.pos += 4;
        return { kind: 'null' };
      case '[':
      case '{':
        return { kind: 'json', value: this.json(c) };
      case '/':
        return this.pattern();
      default: {
        let at = start;
        while (at < end && /[\d.eE+-]/.test(source[at]!)) at++;
        const text = source.slice(start, at);
        if (!NUMBER.test(text)) this.cursor.fail(`expected a value at position ${start}`);
        this.cursor.pos = at;
        return { kind: 'number', value: Number(text) };
      }
    }
  }

  /** `@...` or `$...` up to a space, an operator character or a `)` that closes no call. */
  private path(): FilterPath {
    const { source, end } = this.cursor;
    const begin = this.cursor.pos;
    let at = begin + 1;
    while (at < end) {
      const c = source[at]!;
      if (c === '[') {
        at = matchingBracket(source, at, end);
        if (at < 0) this.cursor.fail(`square brackets do not match in the filter at position ${begin}`);
        at++;
        continue;
      }
      if (c === ')' ? !closesCall(source, begin, at) : c === ' ' || OPERATOR_CHARS.has(c)) break;
      at++;
    }
    const text = source.slice(begin, at);
    const tokens = parseTokens(new PathCursor(source, begin + 1, at));
    this.cursor.pos = at;
    return { root: text[0] as '@' | '$', tokens, definite: isDefinitePath(tokens), source: text };
  }

  private json(open: string): unknown {
    const { source, end } = this.cursor;
    const start = this.cursor.pos;
    const closeChar = open === '[' ? ']' : '}';
    let depth = 0;
    for (let at = start; at < end; at++) {
      const c = source[at];
      if (c === "'" || c === '"') at = skipQuoted(source, at, end);
      else if (c === open) depth++;
      else if (c === closeChar && --depth === 0) {
        this.cursor.pos = at + 1;
        const value = parseLenientJson(source.slice(start, at + 1));
        if (value === undefined) this.cursor.fail(`'${source.slice(start, at + 1)}' is not JSON`);
        return value;
      }
    }
    return this.cursor.fail(`the JSON value at position ${start} is not closed with ${closeChar}`);
  }

  private pattern(): FilterValue {
    const { source, end } = this.cursor;
    const start = this.cursor.pos;
    const close = nextUnescaped(source, start + 1, end, '/');
    if (close < 0) this.cursor.fail(`the regular expression at position ${start} is not closed with /`);
    let flagsEnd = close + 1;
    while (flagsEnd < end && /[a-zA-Z]/.test(source[flagsEnd]!)) flagsEnd++;
    const body = source.slice(start + 1, close);
    const flags = source.slice(close + 1, flagsEnd);
    this.cursor.pos = flagsEnd;
    const compiled = compileFullMatch(body, flags);
    if (typeof compiled === 'string')
      this.cursor.fail(`the regular expression /${body}/${flags} cannot be used: ${compiled}`);
    return { kind: 'pattern', source: `/${body}/${flags}`, matches: compiled };
  }
}

/** A `)` closes a call when it follows `(` directly and a `.` precedes it in the path. */
function closesCall(source: string, begin: number, at: number): boolean {
  let before = at - 1;
  while (before > begin && source[before] === ' ') before--;
  if (source[before] !== '(') return false;
  return source.slice(begin, before).includes('.');
}

function matchingBracket(source: string, open: number, end: number): number {
  let depth = 0;
  for (let at = open; at < end; at++) {
    const c = source[at];
    if (c === "'" || c === '"') at = skipQuoted(source, at, end);
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return at;
  }
  return -1;
}

/** Jayway's rule: a quote is escaped by one backslash, not by two. */
function nextUnescaped(source: string, from: number, end: number, char: string): number {
  for (let at = from; at < end; at++) {
    if (source[at] !== char) continue;
    const escaped = source[at - 1] === '\\' && source[at - 2] !== '\\';
    if (!escaped) return at;
  }
  return -1;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', b: '\b' };

/** Java-style string escapes (`\n`, `\t`, `\uXXXX`, `\\`, `\'`, `\"`), as Jayway unescapes filter strings. */
export function unescapeJava(text: string): string {
  if (!text.includes('\\')) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== '\\' || i === text.length - 1) {
      out += c;
      continue;
    }
    const next = text[++i]!;
    if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) {
      out += String.fromCharCode(parseInt(text.slice(i + 1, i + 5), 16));
      i += 4;
    } else out += ESCAPES[next] ?? next;
  }
  return out;
}

/** JSON, also with single-quoted strings (Jayway parses literals in json-smart's permissive mode). */
export function parseLenientJson(text: string): unknown {
  let normalized = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'") {
      const close = skipQuoted(text, i, text.length);
      normalized += JSON.stringify(unescapeJava(text.slice(i + 1, close)));
      i = close;
    } else if (c === '"') {
      const close = skipQuoted(text, i, text.length);
      normalized += text.slice(i, close + 1);
      i = close;
    } else normalized += c;
  }
  try {
    return JSON.parse(normalized) as unknown;
  } catch {
    return undefined;
  }
}
