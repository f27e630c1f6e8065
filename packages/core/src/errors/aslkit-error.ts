/**
 * Errors thrown to the host program (never seen by Retry/Catch). Each has a stable `code`,
 * as in Vitest, so callers and tests match codes rather than wording.
 */
import type { Diagnostic } from '../definition/diagnostics.js';

export class AslkitError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** The definition cannot run: malformed JSON or a structurally broken machine. */
export class DefinitionError extends AslkitError {
  readonly diagnostics: readonly Diagnostic[];
  constructor(diagnostics: readonly Diagnostic[]) {
    super('ASLKIT_INVALID_DEFINITION', formatDiagnostics(diagnostics));
    this.diagnostics = diagnostics;
  }
}

/** The API was called the wrong way (bad option, unknown task token, ...). */
export class UsageError extends AslkitError {
  constructor(message: string, code = 'ASLKIT_USAGE') {
    super(code, message);
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
