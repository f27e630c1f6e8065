/**
 * Warns about a literal field whose string looks like a path while a `…Path` sibling exists
 * for it: `"Error": "$.error"` fails with the text `$.error`, not the value at that path.
 * Choice operands (`"StringEquals": "$.x"`) get the same warning from choice-rules.ts.
 */
import { DiagnosticCode } from '../diagnostics.js';
import type { RuleContext } from './context.js';

const LITERAL_FIELDS = ['Error', 'Cause', 'Timestamp'];

/** True for strings that can only have been meant as a path. */
export const looksLikePath = (value: unknown): boolean => typeof value === 'string' && /^\$\$?(?:$|[.[])/.test(value);

/** The warning for a literal `field` holding what looks like a path. */
export const noPathMessage = (field: string): string =>
  `The value of the field '${field}' looks like a JSONPath, but it is used as a literal. Use '${field}Path' to read the value at that path.`;

/** Warns about literal Error, Cause and Timestamp values that look like paths. */
export function checkNoPath(context: RuleContext): void {
  for (const state of context.states) {
    if (state.queryLanguage !== 'JSONPath') continue;
    for (const field of LITERAL_FIELDS) {
      if (!looksLikePath(state.fields[field])) continue;
      context.report({
        code: DiagnosticCode.NoPath,
        severity: 'WARNING',
        message: noPathMessage(field),
        path: `${state.pointer}/${field}`,
        stateName: state.name,
      });
    }
  }
}
