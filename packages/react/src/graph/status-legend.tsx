/** The colour key for state statuses, drawn over the graph's corner. */
import type { StateStatus } from '@aslkit/core';

const STATUSES: readonly [StateStatus, string][] = [
  ['not-started', 'Not started'],
  ['running', 'In progress'],
  ['succeeded', 'Succeeded'],
  ['failed', 'Failed'],
  ['caught', 'Caught error'],
  ['retrying', 'Retrying'],
  ['aborted', 'Aborted'],
];

/** A one-line legend of status colours. */
export function StatusLegend() {
  return (
    <div className="aslkit-legend" aria-label="Status colours">
      {STATUSES.map(([status, label]) => (
        <span key={status} data-status={status}>
          <span className="aslkit-status-dot" aria-hidden="true" />
          {label}
        </span>
      ))}
    </div>
  );
}
