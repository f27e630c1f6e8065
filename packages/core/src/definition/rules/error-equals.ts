/**
 * `States.ALL` matches every error, so a retrier or catcher after it could never run: it must
 * be alone in its `ErrorEquals` and in the last element of the list. The message is statelint's
 * (awslabs/statelint); AWS's own wording is not recorded.
 */
import { objectItems, type RuleContext } from './context.js';

const WILDCARD = 'States.ALL';

/** Reports `States.ALL` that is not alone in the last retrier or catcher. */
export function checkErrorEquals(context: RuleContext): void {
  for (const state of context.states) {
    for (const field of ['Retry', 'Catch']) {
      const items = objectItems(state.fields, field);
      const length = Array.isArray(state.fields[field]) ? (state.fields[field] as unknown[]).length : 0;
      for (const [item, i] of items) {
        const errors = item['ErrorEquals'];
        if (!Array.isArray(errors) || !errors.includes(WILDCARD)) continue;
        if (errors.length > 1 || i !== length - 1) {
          context.report({
            message: 'States.ALL can only appear in the last element, and by itself.',
            path: `${state.pointer}/${field}/${i}/ErrorEquals`,
            stateName: state.name,
          });
        }
      }
    }
  }
}
