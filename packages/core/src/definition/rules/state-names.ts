/**
 * State names are 1 to 80 characters and unique across the whole machine, nested branches
 * and processors included: history events and the Map/Parallel scopes name states without
 * saying which scope they belong to. Within one `States` object a repeated key is invisible
 * once the text is parsed, so text input also reports repeated keys.
 */
import { DiagnosticCode } from '../diagnostics.js';
import type { RuleContext } from './context.js';

const MAX_NAME_LENGTH = 80;

/** Reports state names that are too long, empty, or used more than once. */
export function checkStateNames(context: RuleContext): void {
  const seen = new Set<string>();
  for (const state of context.states) {
    // Length in code points, as AWS counts characters.
    const length = [...state.name].length;
    if (length === 0 || length > MAX_NAME_LENGTH) {
      context.report({
        code: DiagnosticCode.InvalidStateName,
        message: `State names must be 1 to ${MAX_NAME_LENGTH} characters long: "${state.name.slice(0, 100)}"`,
        path: state.pointer,
        stateName: state.name,
      });
    }
    if (seen.has(state.name)) {
      context.report({
        code: DiagnosticCode.DuplicateStateName,
        message: `Duplicate State name: ${state.name}`,
        path: state.pointer,
        stateName: state.name,
      });
    }
    seen.add(state.name);
  }
  for (const path of context.duplicateStateKeys) {
    const name = path
      .slice(path.lastIndexOf('/') + 1)
      .replace(/~1/g, '/')
      .replace(/~0/g, '~');
    context.report({
      code: DiagnosticCode.DuplicateStateName,
      message: `Duplicate State name: ${name}`,
      path,
      stateName: name,
    });
  }
}
