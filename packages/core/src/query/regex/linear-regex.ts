/**
 * Regular expressions that cannot blow up: every pattern a definition or its input supplies
 * (JSONPath `=~` filters, JSONata's `$match`, `$contains`, `$replace`, `$split` with a regex)
 * runs on re2js, a pure-JS port of RE2 whose matching time is linear in the input. JavaScript's
 * backtracking RegExp is never run on such a pattern: `(a+)+b` against 30 `a`s blocks it for a
 * minute. RE2 refuses what it cannot match in linear time (back-references, look-around,
 * possessive quantifiers); those patterns fail with a clear message instead.
 */
import { RE2JS } from 're2js';

/** Java's flag letters; read when a pattern compiles, so re2js loads only when a regex is used. */
const flagBits = (flag: string): number | undefined =>
  flag === 'i'
    ? RE2JS.CASE_INSENSITIVE
    : flag === 'm'
      ? RE2JS.MULTILINE
      : flag === 's'
        ? RE2JS.DOTALL
        : // Java's UNIX_LINES, UNICODE_CASE and UNICODE_CHARACTER_CLASS: RE2 is Unicode-aware already.
          flag === 'd' || flag === 'u' || flag === 'U'
          ? 0
          : undefined;

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * A whole-input matcher for a Jayway `/body/flags` literal (Java `Pattern.matcher(s).matches()`),
 * or the reason it cannot be used.
 */
export function compileFullMatch(body: string, flags: string): ((text: string) => boolean) | string {
  let bits = 0;
  for (const flag of flags) {
    const bit = flagBits(flag);
    if (bit === undefined) return `the flag '${flag}' is not supported (use i, m, s, d, u or U)`;
    bits |= bit;
  }
  try {
    const pattern = RE2JS.compile(body, bits);
    return (text) => pattern.testExact(text);
  } catch (error) {
    return `RE2 syntax, which aslkit uses to match in linear time, refuses it: ${reason(error)}`;
  }
}

/** Thrown when a JSONata regex uses syntax RE2 refuses; the evaluation fails with its message. */
export class UnsupportedRegexError extends Error {
  constructor(pattern: string, detail: string) {
    super(
      `The regular expression /${pattern}/ uses syntax that aslkit's linear-time engine (RE2) does not support: ${detail}`,
    );
    this.name = 'UnsupportedRegexError';
  }
}

interface LinearExecArray extends Array<string | undefined> {
  index: number;
  input: string;
}

/**
 * The `RegExp` subset JSONata drives (`lastIndex` and `exec` with the `g` flag's stepping),
 * matched by RE2: JSONata's `RegexEngine` option.
 */
export class LinearRegExp {
  lastIndex = 0;
  private readonly pattern: RE2JS;

  constructor(regexp: RegExp | string) {
    const source = typeof regexp === 'string' ? regexp : regexp.source;
    const flags = typeof regexp === 'string' ? '' : regexp.flags;
    let bits = 0;
    if (flags.includes('i')) bits |= RE2JS.CASE_INSENSITIVE;
    if (flags.includes('m')) bits |= RE2JS.MULTILINE;
    if (flags.includes('s')) bits |= RE2JS.DOTALL;
    try {
      this.pattern = RE2JS.compile(RE2JS.translateRegExp(source), bits);
    } catch (error) {
      throw new UnsupportedRegexError(source, reason(error));
    }
  }

  exec(input: string): LinearExecArray | null {
    const from = this.lastIndex;
    if (from > input.length) {
      this.lastIndex = 0;
      return null;
    }
    const matcher = this.pattern.matcher(input);
    if (!matcher.find(from)) {
      this.lastIndex = 0;
      return null;
    }
    const groups: (string | undefined)[] = [];
    for (let i = 0; i <= matcher.groupCount(); i++) groups.push(matcher.group(i) ?? undefined);
    const result = Object.assign(groups, { index: matcher.start(), input });
    this.lastIndex = matcher.end();
    return result;
  }
}
