/**
 * The path grammar of Jayway JsonPath (what AWS accepts), tokens after the root:
 *
 *   path     := root { '.' step | '..' step | bracket }
 *   step     := name | name '(' args ')' (last only) | '*' | bracket     (so `$.['a']` and `$.[0]` are paths)
 *   bracket  := '[' quoted { ',' quoted } ']' | '[' int { ',' int } ']' | '[' [int] ':' [int] [':' int] ']'
 *             | '[' '*' ']' | '[?(' filter ')]'
 *
 * A dot name runs to the next `.`, `[` or `(` and may not hold a space (Jayway's rule). Quoted
 * names unescape only their own quote, as AWS does (conformance ESCAPE_SEQUENCES_JSONPATH).
 * Where Jayway is lenient by accident (a name glued to `]`, a stray character after it), the
 * parser refuses: such paths are typos, not something a definition relies on.
 */
import { PATH_FUNCTIONS, type PathToken } from './ast.js';
import { parseFilter } from './filter-parse.js';
import { PathSyntaxError } from './syntax-error.js';

const INT32_MAX = 2147483647;
const INT32_MIN = -2147483648;

export class PathCursor {
  constructor(
    readonly source: string,
    public pos: number,
    readonly end: number = source.length,
  ) {}

  fail(reason: string): never {
    throw new PathSyntaxError(this.source, reason);
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  peek(offset = 0): string | undefined {
    const at = this.pos + offset;
    return at < this.end ? this.source[at] : undefined;
  }

  /** Index of the first non-space character at or after `from`, or `end`. */
  skipSpaces(from = this.pos): number {
    let at = from;
    while (at < this.end && this.source[at] === ' ') at++;
    return at;
  }
}

/** Parses the tokens of `cursor` up to its end. */
export function parseTokens(cursor: PathCursor): PathToken[] {
  const tokens: PathToken[] = [];
  if (cursor.done) return tokens;
  const first = cursor.peek();
  if (first !== '.' && first !== '[')
    cursor.fail(`illegal character '${first}' at position ${cursor.pos}; expected '.' or '['`);
  while (!cursor.done) {
    const c = cursor.peek()!;
    if (c === '.') readDot(cursor, tokens);
    else if (c === '[') tokens.push(readBracket(cursor));
    else cursor.fail(`unexpected '${c}' at position ${cursor.pos}; expected '.' or '['`);
    const last = tokens[tokens.length - 1];
    if (last?.kind === 'function' && !cursor.done) cursor.fail(`a function call must end the path (at ${cursor.pos})`);
  }
  return tokens;
}

function readDot(cursor: PathCursor, tokens: PathToken[]): void {
  if (cursor.peek(1) === '.') {
    tokens.push({ kind: 'scan' });
    cursor.pos += 2;
  } else cursor.pos += 1;
  if (cursor.done) cursor.fail("a path must not end with '.' or '..'");
  const c = cursor.peek()!;
  if (c === '.') cursor.fail(`character '.' at position ${cursor.pos} is not valid`);
  if (c === '[') tokens.push(readBracket(cursor));
  else if (c === '*') {
    tokens.push({ kind: 'wildcard' });
    cursor.pos += 1;
  } else tokens.push(readName(cursor));
}

/** `name` or `name(...)` after a dot. */
function readName(cursor: PathCursor): PathToken {
  const start = cursor.pos;
  if (cursor.peek() === ' ') cursor.fail(`unexpected space at position ${start}`);
  let at = start;
  const { source, end } = cursor;
  while (at < end) {
    const c = source[at];
    if (c === ' ') cursor.fail(`use bracket notation ['my prop'] for a name with spaces (position ${at})`);
    if (c === '.' || c === '[' || c === '(') break;
    at++;
  }
  const name = source.slice(start, at);
  if (at < end && source[at] === '(') {
    if (!PATH_FUNCTIONS.has(name))
      cursor.fail(`'${name}()' at position ${start} is not a JSONPath function (${[...PATH_FUNCTIONS].join(', ')})`);
    const close = matchingParen(cursor, at);
    cursor.pos = close + 1;
    return { kind: 'function', name, args: source.slice(at + 1, close).trim() };
  }
  cursor.pos = at;
  return { kind: 'property', names: [name] };
}

function matchingParen(cursor: PathCursor, open: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < cursor.end; i++) {
    const c = cursor.source[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return cursor.fail(`the arguments of the function at position ${open} are not closed`);
}

function readBracket(cursor: PathCursor): PathToken {
  const open = cursor.pos;
  const next = cursor.skipSpaces(open + 1);
  const c = cursor.source[next];
  if (c === "'" || c === '"') return readQuotedNames(cursor, next, c);
  if (c === '?') return readFilter(cursor, next);
  if (c === '*') {
    const close = cursor.skipSpaces(next + 1);
    if (cursor.source[close] !== ']') cursor.fail(`expected ']' after '*' at position ${next}`);
    cursor.pos = close + 1;
    return { kind: 'wildcard' };
  }
  if (c !== undefined && /[\d:-]/.test(c)) return readArray(cursor, open);
  return cursor.fail(`could not parse the bracket at position ${open}; expected ?, ', ", 0-9, - , : or *`);
}

/** `['a']`, `["a"]`, `['a', 'b']`. */
function readQuotedNames(cursor: PathCursor, first: number, quote: string): PathToken {
  const { source, end } = cursor;
  const names: string[] = [];
  let at = first;
  for (;;) {
    if (source[at] !== quote) cursor.fail(`expected ${quote} at position ${at}`);
    let close = at + 1;
    while (close < end && source[close] !== quote) close += source[close] === '\\' ? 2 : 1;
    if (close >= end) cursor.fail(`the name at position ${at} is not closed with ${quote}`);
    names.push(unescapeQuote(source.slice(at + 1, close), quote));
    const after = cursor.skipSpaces(close + 1);
    if (source[after] === ']') {
      cursor.pos = after + 1;
      return { kind: 'property', names };
    }
    if (source[after] !== ',') cursor.fail(`expected ',' or ']' at position ${after}`);
    at = cursor.skipSpaces(after + 1);
  }
}

/** AWS unescapes only the quote that delimits the name; other backslashes stay. */
const unescapeQuote = (text: string, quote: string): string => text.split(`\\${quote}`).join(quote);

/** `[0]`, `[0, -1]`, `[1:3]`, `[-2:]`, `[:2]`. */
function readArray(cursor: PathCursor, open: number): PathToken {
  const close = cursor.source.indexOf(']', open);
  if (close < 0 || close >= cursor.end) cursor.fail(`unclosed '[' at position ${open}`);
  const body = cursor.source.slice(open + 1, close).trim();
  if (!/^[\d\s,:-]*$/.test(body)) cursor.fail(`could not parse '[${body}]' at position ${open}`);
  cursor.pos = close + 1;
  if (body.includes(':')) {
    // Java's split drops trailing empty parts; Jayway reads the first two and ignores a step.
    const parts = body.split(':');
    while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
    const from = parts[0] === undefined || parts[0].trim() === '' ? undefined : toInt(cursor, parts[0], open);
    const to = parts[1] === undefined || parts[1].trim() === '' ? undefined : toInt(cursor, parts[1], open);
    if (from === undefined && to === undefined) cursor.fail(`the slice '[${body}]' needs a start or an end`);
    return { kind: 'slice', ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) };
  }
  return { kind: 'index', indexes: body.split(/\s*,\s*/).map((part) => toInt(cursor, part, open)) };
}

function toInt(cursor: PathCursor, text: string, at: number): number {
  const trimmed = text.trim();
  if (!/^-?\d+$/.test(trimmed)) cursor.fail(`'${text}' at position ${at} is not an integer`);
  const value = Number(trimmed);
  if (value > INT32_MAX || value < INT32_MIN) cursor.fail(`${trimmed} at position ${at} is out of range`);
  return value;
}

/** `[?( ... )]`: the filter runs to its matching parenthesis (strings and /regex/ skipped). */
function readFilter(cursor: PathCursor, question: number): PathToken {
  const open = cursor.skipSpaces(question + 1);
  if (cursor.source[open] !== '(') cursor.fail(`expected '(' after '?' at position ${question}`);
  const close = closingParen(cursor, open);
  const bracket = cursor.skipSpaces(close + 1);
  if (cursor.source[bracket] !== ']') cursor.fail(`expected ']' after the filter at position ${close + 1}`);
  cursor.pos = bracket + 1;
  return { kind: 'filter', expression: parseFilter(cursor.source, open + 1, close) };
}

function closingParen(cursor: PathCursor, open: number): number {
  const { source, end } = cursor;
  let depth = 0;
  for (let i = open; i < end; i++) {
    const c = source[i];
    if (c === "'" || c === '"') i = skipQuoted(source, i, end);
    else if (c === '/' && source[i - 1] !== '\\') {
      const slash = source.indexOf('/', i + 1);
      if (slash > 0 && slash < end) i = slash;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return cursor.fail(`the filter at position ${open} is not closed with ')'`);
}

/** The index of the quote closing the string that opens at `at` (or `end - 1` when it never closes). */
export function skipQuoted(source: string, at: number, end: number): number {
  const quote = source[at];
  for (let i = at + 1; i < end; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === quote) return i;
  }
  return end - 1;
}
