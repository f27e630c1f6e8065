/** The colour key for state statuses, drawn over the graph's corner. */
import { STATUS_LABELS } from '@aslkit/core/layout';
import type { StateStatus } from '@aslkit/core';

const STATUSES = Object.entries(STATUS_LABELS) as [StateStatus, string][];

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
