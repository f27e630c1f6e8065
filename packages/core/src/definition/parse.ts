/**
 * Definition text to a JSON value. `JSON.parse` does the work; on malformed text the
 * location-keeping momoa parser reports where, so the error names line and column. Text nested
 * deeper than MAX_JSON_DEPTH is refused with the place where it goes too deep.
 */
import { parse as parseWithLocations } from '@humanwhocodes/momoa';
import { DefinitionError } from '../errors/aslkit-error.js';
import { MAX_JSON_DEPTH } from '../json.js';
import { findTooDeep, findTooDeepInText, tooDeeplyNested } from './depth.js';
import { DiagnosticCode } from './diagnostics.js';

export function parseDefinitionText(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    throw new DefinitionError([malformed(text, error)]);
  }
  // Nesting needs two characters a level: short text cannot be too deep, and long text is
  // walked as a value first, which is cheaper than reading it again.
  if (text.length > 2 * MAX_JSON_DEPTH && findTooDeep(value)) {
    throw new DefinitionError([tooDeeplyNested(findTooDeepInText(text) ?? findTooDeep(value)!)]);
  }
  return value;
}

function malformed(text: string, error: unknown) {
  // JSON.parse itself gives up (RangeError) on text nested far too deeply.
  const deep = findTooDeepInText(text);
  if (error instanceof RangeError && deep) return tooDeeplyNested(deep);
  let line: number | undefined;
  let column: number | undefined;
  let message = error instanceof Error ? error.message : String(error);
  try {
    parseWithLocations(text);
  } catch (located) {
    // momoa recurses: text too deep for it fails as too deep, where it goes too deep.
    if (located instanceof RangeError) {
      if (deep) return tooDeeplyNested(deep);
    } else {
      const where = located as { line?: number; column?: number; message?: string };
      line = where.line;
      column = where.column;
      if (where.message) message = where.message.replace(/\s*\(\d+:\d+\)$/, '');
    }
  }
  return {
    code: DiagnosticCode.InvalidJson,
    severity: 'ERROR' as const,
    message: `Malformed JSON: ${message}${looksLikeFilePath(text) ? FILE_PATH_HINT : ''}`,
    path: '',
    ...(line === undefined ? {} : { line, column }),
  };
}

/** A common first mistake: `StateMachine.from('order.asl.json')`; core reads no files (it runs in browsers too). */
const FILE_PATH_HINT =
  ' (this looks like a file path: pass the definition text or object, e.g. readFileSync(path, "utf8"), or use loadMachine(path) from @aslkit/node)';

const looksLikeFilePath = (text: string): boolean => /^[^{[\s"][^\n]*\.(json|ya?ml)$/i.test(text.trim());
