/**
 * JSON text from files and flags. `JSON.parse` does the parsing; when it fails, a small
 * scanner walks the text again to say where, because V8's message sometimes gives a
 * character offset, sometimes quotes the whole text back, and never gives a line.
 */
import { ErrorCode, UsageError } from '@aslkit/core';

/** Where JSON text stops being valid, 1-based, with what the scanner expected there. */
export interface JsonSyntaxProblem {
  line: number;
  column: number;
  message: string;
}

/** Parses JSON text, or throws a UsageError (`ASLKIT_INVALID_JSON`) naming `source` and the line and column. */
export function parseJsonText(text: string, source: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const problem = findJsonSyntaxProblem(text);
    const where = problem ? `${source}:${problem.line}:${problem.column}` : source;
    throw new UsageError(ErrorCode.InvalidJson, `${where}: invalid JSON: ${problem?.message ?? 'cannot be parsed'}`);
  }
}

// Sticky, so that it matches at `lastIndex` without copying the rest of the text.
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class ScanStop {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

/** Finds the first syntax error in `text`; `undefined` when the text is valid JSON. */
export function findJsonSyntaxProblem(text: string): JsonSyntaxProblem | undefined {
  let pos = 0;
  const fail = (message: string): never => {
    // A signal caught by findJsonSyntaxProblem, never seen outside it: no Error, no stack to build.
    // eslint-disable-next-line @typescript-eslint/only-throw-error
    throw new ScanStop(pos, message);
  };
  const describe = (): string => {
    const code = text.charCodeAt(pos);
    if (Number.isNaN(code)) return 'the end of the text';
    return code >= 0x20 && code < 0x7f ? `'${text[pos]}'` : `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  };
  const skipSpace = (): void => {
    while (pos < text.length && ' \t\n\r'.includes(text[pos]!)) pos++;
  };
  const expect = (char: string, context: string): void => {
    skipSpace();
    if (text[pos] !== char) fail(`expected '${char}' ${context} but found ${describe()}`);
    pos++;
  };
  const scanString = (): void => {
    pos++;
    for (;;) {
      if (pos >= text.length) fail('unterminated string');
      const char = text[pos]!;
      if (char === '"') break;
      if (char < ' ') fail('control character in string (escape it)');
      if (char === '\\') {
        const escape = text[pos + 1];
        if (escape === undefined) fail('unterminated string');
        if (escape === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) fail('bad \\u escape in string');
          pos += 4;
        } else if (!'"\\/bfnrt'.includes(escape!)) fail(`bad escape '\\${escape}' in string`);
        pos++;
      }
      pos++;
    }
    pos++;
  };
  const scanNumber = (): void => {
    NUMBER.lastIndex = pos;
    if (!NUMBER.test(text)) fail(`expected a value but found ${describe()}`);
    pos = NUMBER.lastIndex;
  };
  const scanKey = (): void => {
    skipSpace();
    if (text[pos] !== '"') fail(`expected a property name in double quotes but found ${describe()}`);
    scanString();
    expect(':', 'after a property name');
  };
  const scanScalar = (): void => {
    if (text[pos] === '"') return scanString();
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, pos)) return void (pos += literal.length);
    }
    scanNumber();
  };
  // An explicit stack rather than recursion: hostile input nested a million deep must not
  // overflow the call stack on the error path.
  const open: ('{' | '[')[] = [];
  try {
    for (;;) {
      skipSpace();
      const char = text[pos];
      if (char === '{' || char === '[') {
        pos++;
        skipSpace();
        if (text[pos] === (char === '{' ? '}' : ']')) pos++;
        else {
          open.push(char);
          if (char === '{') scanKey();
          continue;
        }
      } else scanScalar();
      // After a value: close containers until one continues with a comma.
      for (;;) {
        skipSpace();
        const container = open.at(-1);
        if (container === undefined) {
          if (pos < text.length) fail(`unexpected ${describe()} after the JSON value`);
          return undefined;
        }
        const close = container === '{' ? '}' : ']';
        if (text[pos] === close) {
          pos++;
          open.pop();
          continue;
        }
        if (text[pos] !== ',') {
          const after = container === '{' ? 'a property value' : 'an array element';
          fail(`expected ',' or '${close}' after ${after} but found ${describe()}`);
        }
        pos++;
        if (container === '{') scanKey();
        break;
      }
    }
  } catch (stop) {
    if (!(stop instanceof ScanStop)) throw stop;
    return { ...lineAndColumn(text, stop.offset), message: stop.message };
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
