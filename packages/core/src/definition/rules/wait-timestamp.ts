/**
 * A Wait state's literal `Timestamp` must be an RFC 3339 date-time; AWS checks it at create
 * time. AWS-observed, at /States/<state>/Timestamp: "String does not match RFC3339 timestamp"
 * for month 13, hour 25, `05-12-2016T…`, a space for `T`, and a `{% %}` string in a JSONPath
 * state (conformance validation__scenarios__wait_timestamp_invalid-*). In a JSONata state a
 * `{% %}` string is an expression, checked when it runs.
 */
import { isJsonataExpression } from '../../query/jsonata/expression.js';
import { parseTimestamp } from '../../query/timestamp.js';
import type { RuleContext } from './context.js';

/** Reports literal Wait timestamps that are not RFC 3339. */
export function checkWaitTimestamps(context: RuleContext): void {
  for (const state of context.states) {
    const timestamp = state.fields['Timestamp'];
    if (state.type !== 'Wait' || typeof timestamp !== 'string') continue;
    if (state.queryLanguage === 'JSONata' && isJsonataExpression(timestamp)) continue;
    if (parseTimestamp(timestamp) === undefined) {
      context.report({
        message: 'String does not match RFC3339 timestamp',
        path: `${state.pointer}/Timestamp`,
        stateName: state.name,
      });
    }
  }
}
