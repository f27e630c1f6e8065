/**
 * Parser for intrinsic function calls (`States.Format('{} {}', $.a, States.UUID())`).
 * A hand-written scanner plus recursive descent; it never evaluates anything.
 *
 * Grammar (ASL reference §5.1, plus what AWS was seen to accept or reject):
 *   call   := 'States.' Name '(' ws [arg ws (',' ws arg ws)*] ')' ws EOF
 *   arg    := string | number | 'true' | 'false' | 'null' | path | call
 *   string := "'" (escape | any char but ' and \)* "'"     escape := '\' ( ' | { | } | \ )
 *   number := JSON number grammar (`1.` and `.5` are rejected)
 *   path   := '$' ...  up to the first ',' or ')' or space outside brackets/parentheses
 * A raw newline inside a string is fine; `\"` or `\n` is not (AWS rejects the definition,
 * conformance validation__scenarios__illegal_escapes). Calls nest at most 10 deep.
 *
 * Arity is NOT a syntax error: AWS accepts `States.Hash('a')` and fails it at run time with
 * "Invalid arguments in States.Hash" (States.Runtime). Pass `{ strictArity: true }` to
 * reject wrong counts here (for a linter warning).
 */
import type { Json } from '../../json.js';
import { compilePath, PathSyntaxError, type CompiledPath } from '../jsonpath.js';
import { arityProblem, isIntrinsicName } from './registry.js';

/** A parsed `States.Name(...)` call. */
export interface IntrinsicCall {
  /** `States.Format`, ... */
  name: string;
  args: IntrinsicArg[];
  /** The call's text as written (for the top-level call: the whole field value). */
  source: string;
}

/** One argument: a literal, a compiled path (`$`, `$$`, `$var`), or a nested call. */
export type IntrinsicArg =
  /** `raw` is a string literal's text between the quotes, escapes kept (States.Format needs them). */
  | { kind: 'literal'; value: Json; raw?: string }
  | { kind: 'path'; path: CompiledPath }
  | { kind: 'call'; call: IntrinsicCall };

/** The text is not a valid intrinsic call; `offset` indexes `text`. */
export class IntrinsicSyntaxError extends Error {
  constructor(
    readonly offset: number,
    readonly text: string,
    reason: string,
  ) {
    super(`Invalid intrinsic function call at offset ${offset}: ${reason}`);
    this.name = 'IntrinsicSyntaxError';
  }
}

/** Options of `parseIntrinsic`. */
export interface ParseOptions {
  /** Also reject wrong argument counts (AWS itself accepts them and fails at run time). */
  strictArity?: boolean;
}

/** Documented limit: "You can nest up to 10 intrinsic functions within a field". */
export const MAX_NESTING = 10;
const PREFIX = 'States.';

const isNameChar = (ch: string | undefined): boolean =>
  ch !== undefined && ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'));
const isSpace = (ch: string | undefined): boolean => ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
const isDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= '0' && ch <= '9';

/** True when `text` looks like a call: `States.` + a name + `(`. Says nothing about validity. */
export function isIntrinsicCall(text: string): boolean {
  if (typeof text !== 'string' || !text.startsWith(PREFIX)) return false;
  let i = PREFIX.length;
  while (isNameChar(text[i])) i++;
  return i > PREFIX.length && text[i] === '(';
}

/**
 * Parses and validates a call. Throws `IntrinsicSyntaxError` on bad syntax, an unknown
 * function, nesting deeper than 10, or a bad path argument.
 * @example parseIntrinsic("States.Format('Hi {}', $.name)").args[1] // { kind: 'path', ... }
 */
export function parseIntrinsic(text: string, options: ParseOptions = {}): IntrinsicCall {
  if (typeof text !== 'string') throw new IntrinsicSyntaxError(0, String(text), 'expected a string');
  const parser = new Parser(text, options.strictArity === true);
  const call = parser.call(1);
  parser.skipSpace();
  if (!parser.atEnd()) parser.fail(`unexpected '${parser.peek()}' after the closing ')'`);
  return { ...call, source: text };
}

class Parser {
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly strictArity: boolean,
  ) {}

  atEnd = (): boolean => this.pos >= this.text.length;
  peek = (): string | undefined => this.text[this.pos];

  fail(reason: string, at = this.pos): never {
    throw new IntrinsicSyntaxError(at, this.text, reason);
  }

  skipSpace(): void {
    while (isSpace(this.peek())) this.pos++;
  }

  call(depth: number): IntrinsicCall {
    const start = this.pos;
    if (depth > MAX_NESTING) this.fail(`intrinsic functions nest at most ${MAX_NESTING} deep`);
    if (!this.text.startsWith(PREFIX, start)) this.fail(`expected '${PREFIX}'`);
    this.pos += PREFIX.length;
    const nameStart = this.pos;
    while (isNameChar(this.peek())) this.pos++;
    const name = this.text.slice(start, this.pos);
    if (this.pos === nameStart) this.fail("expected a function name after 'States.'");
    if (!isIntrinsicName(name)) this.fail(`unknown intrinsic function '${name}'`, start);
    if (this.peek() !== '(') this.fail(`expected '(' after '${name}'`);
    this.pos++;
    const args = this.argumentList(depth);
    if (this.strictArity) {
      const problem = arityProblem(name, args.length);
      if (problem) this.fail(problem, start);
    }
    return { name, args, source: this.text.slice(start, this.pos) };
  }

  private argumentList(depth: number): IntrinsicArg[] {
    const args: IntrinsicArg[] = [];
    this.skipSpace();
    if (this.peek() === ')') {
      this.pos++;
      return args;
    }
    for (;;) {
      this.skipSpace();
      args.push(this.argument(depth));
      this.skipSpace();
      const ch = this.peek();
      if (ch === ',') this.pos++;
      else if (ch === ')') {
        this.pos++;
        return args;
      } else if (ch === undefined) this.fail("missing ')'");
      else this.fail(`expected ',' or ')' but found '${ch}'`);
    }
  }

  private argument(depth: number): IntrinsicArg {
    const ch = this.peek();
    if (ch === undefined) this.fail("missing ')'");
    if (ch === "'") return this.stringLiteral();
    if (ch === '$') return this.pathArgument();
    if (ch === '-' || isDigit(ch)) return { kind: 'literal', value: this.number() };
    if (this.text.startsWith(PREFIX, this.pos)) return { kind: 'call', call: this.call(depth + 1) };
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (this.text.startsWith(word, this.pos) && !isNameChar(this.text[this.pos + word.length])) {
        this.pos += word.length;
        return { kind: 'literal', value };
      }
    }
    if (ch === ',' || ch === ')') this.fail('expected an argument');
    return this.fail(`unexpected '${ch}'; an argument is a 'string', a number, true, false, null, a path or a call`);
  }

  private stringLiteral(): IntrinsicArg {
    const start = this.pos;
    this.pos++;
    // The text between escapes is copied in slices: a character at a time, a long literal would
    // leave one string object per character for the garbage collector.
    let value = '';
    let run = this.pos;
    for (;;) {
      const ch = this.peek();
      if (ch === undefined) this.fail('unterminated string literal', start);
      this.pos++;
      if (ch === "'") break;
      if (ch !== '\\') continue;
      const escaped = this.peek();
      if (escaped !== "'" && escaped !== '{' && escaped !== '}' && escaped !== '\\') {
        const shown = escaped === undefined ? 'end of input' : `'\\${escaped}'`;
        this.fail(`invalid escape ${shown} in a string literal; only \\' \\{ \\} \\\\ are allowed`, this.pos - 1);
      }
      value += this.text.slice(run, this.pos - 1) + escaped;
      this.pos++;
      run = this.pos;
    }
    value += this.text.slice(run, this.pos - 1);
    return { kind: 'literal', value, raw: this.text.slice(start + 1, this.pos - 1) };
  }

  private number(): number {
    const start = this.pos;
    if (this.peek() === '-') this.pos++;
    if (this.peek() === '0') this.pos++;
    else if (isDigit(this.peek())) while (isDigit(this.peek())) this.pos++;
    else this.fail('expected a digit', this.pos);
    if (this.peek() === '.') {
      this.pos++;
      if (!isDigit(this.peek())) this.fail('expected a digit after the decimal point');
      while (isDigit(this.peek())) this.pos++;
    }
    if (this.peek() === 'e' || this.peek() === 'E') {
      this.pos++;
      if (this.peek() === '+' || this.peek() === '-') this.pos++;
      if (!isDigit(this.peek())) this.fail('expected a digit in the exponent');
      while (isDigit(this.peek())) this.pos++;
    }
    const next = this.peek();
    if (next !== undefined && next !== ',' && next !== ')' && !isSpace(next))
      this.fail(`unexpected '${next}' in a number`);
    const value = Number(this.text.slice(start, this.pos));
    if (!Number.isFinite(value)) this.fail('number is out of range', start);
    return value + 0; // `-0` is the integer 0 to Java
  }

  /** A path runs to the first ',' ')' or space that is outside brackets, parentheses and quotes. */
  private pathArgument(): IntrinsicArg {
    const start = this.pos;
    const open: string[] = [];
    let quote: string | undefined;
    for (let ch = this.peek(); ch !== undefined; ch = this.peek()) {
      if (quote) {
        if (ch === '\\') this.pos++;
        else if (ch === quote) quote = undefined;
      } else if (open.length > 0 && (ch === "'" || ch === '"')) quote = ch;
      else if (ch === '[' || ch === '(') open.push(ch === '[' ? ']' : ')');
      else if (ch === ']' || ch === ')') {
        if (open.length === 0 && ch === ')') break;
        if (open.pop() !== ch) this.fail(`unmatched '${ch}' in a path`);
      } else if (open.length === 0 && (ch === ',' || isSpace(ch))) break;
      this.pos++;
    }
    if (quote) this.fail('unterminated quote in a path', start);
    if (open.length > 0) this.fail('unclosed bracket in a path', start);
    const source = this.text.slice(start, this.pos);
    try {
      return { kind: 'path', path: compilePath(source) };
    } catch (error) {
      if (error instanceof PathSyntaxError) this.fail(`invalid path '${source}': ${error.message}`, start);
      throw error;
    }
  }
}
