/**
 * Definition text to a JSON value. `JSON.parse` does the work; on malformed text the
 * location-keeping momoa parser reports where, so the error names line and column.
 */
import { parse as parseWithLocations } from '@humanwhocodes/momoa';
import { DefinitionError } from '../errors/aslkit-error.js';
import { DiagnosticCode } from './diagnostics.js';

export function parseDefinitionText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    let line: number | undefined;
    let column: number | undefined;
    let message = error instanceof Error ? error.message : String(error);
    try {
      parseWithLocations(text);
    } catch (located) {
      const where = located as { line?: number; column?: number; message?: string };
      line = where.line;
      column = where.column;
      if (where.message) message = where.message.replace(/\s*\(\d+:\d+\)$/, '');
    }
    throw new DefinitionError([
      {
        code: DiagnosticCode.InvalidJson,
        severity: 'ERROR',
        message: `Malformed JSON: ${message}${looksLikeFilePath(text) ? FILE_PATH_HINT : ''}`,
        path: '',
        line,
        column,
      },
    ]);
  }
}

/** A common first mistake: `StateMachine.from('order.asl.json')`; core reads no files (it runs in browsers too). */
const FILE_PATH_HINT =
  ' (this looks like a file path: pass the definition text or object, e.g. readFileSync(path, "utf8"), or use runMachine(path) from @aslkit/vitest)';

const looksLikeFilePath = (text: string): boolean => /^[^{[\s"][^\n]*\.(json|ya?ml)$/i.test(text.trim());
