/**
 * A Task's heartbeat must be shorter than its timeout, when both are literal numbers: a
 * heartbeat window as long as the whole task can never fire. AWS rejects the definition
 * (ASL reference §1.2; AWS's wording is not recorded).
 */
import type { RuleContext } from './context.js';

const isSeconds = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1;

/** Reports a Task heartbeat that is not shorter than its timeout. */
export function checkTaskTimeouts(context: RuleContext): void {
  for (const state of context.states) {
    if (state.type !== 'Task') continue;
    const timeout = state.fields['TimeoutSeconds'];
    const heartbeat = state.fields['HeartbeatSeconds'];
    // Out-of-range values are the schema's to report; compare only two valid ones.
    if (isSeconds(timeout) && isSeconds(heartbeat) && heartbeat >= timeout) {
      context.report({
        message: `The value for the field 'HeartbeatSeconds' (${heartbeat}) must be smaller than the value for the field 'TimeoutSeconds' (${timeout})`,
        path: `${state.pointer}/HeartbeatSeconds`,
        stateName: state.name,
      });
    }
  }
}
