/**
 * Errors thrown to the host program (never seen by Retry/Catch). Each has a stable `code`
 * from the one catalogue (error-codes.ts, docs/reference/errors.md), as in Vitest, so callers
 * and tests match codes rather than wording.
 */
import type { Diagnostic } from '../definition/diagnostics.js';
import { ErrorCode, isErrorCode } from './error-codes.js';

/** The base of every error aslkit throws to its caller; `code` says which one. */
export class AslkitError extends Error {
  readonly code: ErrorCode | (string & {});
  constructor(code: ErrorCode | (string & {}), message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** The definition cannot run: malformed JSON or a structurally broken machine. */
export class DefinitionError extends AslkitError {
  readonly diagnostics: readonly Diagnostic[];
  constructor(diagnostics: readonly Diagnostic[]) {
    super(ErrorCode.InvalidDefinition, formatDiagnostics(diagnostics));
    this.diagnostics = diagnostics;
  }
}

/**
 * The API was called the wrong way (bad option, unknown task token, malformed mocks, ...).
 * @example
 * throw new UsageError(ErrorCode.InvalidThreshold, `coverage threshold 'lines' is not a known name`);
 */
export class UsageError extends AslkitError {
  /** A code of the catalogue, then the message, as `AslkitError` takes them. */
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown });
  /**
   * @deprecated Give the code first, as `AslkitError` takes it: `new UsageError(ErrorCode.Usage, message)`.
   * This order (code defaulting to `ASLKIT_USAGE`) keeps working until it is removed in a major version.
   */
  constructor(message: string, code?: string);
  constructor(first: string, second?: string, options?: { cause?: unknown }) {
    // The code-first form takes only catalogue codes, so the order is never ambiguous.
    const codeFirst = second !== undefined && isErrorCode(first);
    super(codeFirst ? first : (second ?? ErrorCode.Usage), codeFirst ? second : first, options);
  }
}

function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'ERROR');
  const shown = (errors.length > 0 ? errors : diagnostics).slice(0, 10);
  const lines = shown.map((d) => {
    const where = d.line !== undefined ? `${d.line}:${d.column ?? 1} ` : '';
    return `${where}${d.code}: ${d.message}${d.path ? ` at ${d.path}` : ''}`;
  });
  const more = diagnostics.length > shown.length ? `\n(+${diagnostics.length - shown.length} more)` : '';
  return `Invalid state machine definition:\n${lines.join('\n')}${more}`;
}
