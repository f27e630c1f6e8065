/**
 * `<Inspector>`: the selected state's definition facts, its breakpoints, and each visit so
 * far (input, output, error and cause, retries, timings, and with `inspect: true` its stages),
 * one visit at a time so a Map state with thousands of iterations stays cheap.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { GraphNode } from '@aslkit/core';
import { useViewerState, useViewerStore } from '../store/use-viewer.js';
import type { ViewerStore } from '../store/viewer-store.js';
import { nodeStatus } from '../store/snapshot-view.js';
import type { ViewerBreakpoint } from '@aslkit/core/debug';
import { JsonBlock } from './json-block.js';
import { BreakpointEditor } from './breakpoint-editor.js';
import { StageView } from './stage-view.js';

export interface InspectorProps {
  store?: ViewerStore;
  /**
   * Called when the user edits breakpoints; omit it to hide the breakpoint editor. The edit
   * shows at once; a returned promise that rejects takes it back.
   */
  onBreakpointsChange?: (breakpoints: ViewerBreakpoint[]) => void | Promise<unknown>;
  className?: string;
  /** More panels about the selection, shown below it (the viewer's Map Run panel). */
  children?: ReactNode;
}

/**
 * Details of the selected state.
 * @example
 * <Inspector store={store} onBreakpointsChange={(b) => source.send({ type: 'breakpoints', breakpoints: b })} />
 */
export function Inspector({ store: explicit, onBreakpointsChange, className, children }: InspectorProps) {
  const store = useViewerStore(explicit);
  const selected = useViewerState((state) => state.selected, store);
  const node = useViewerState(
    (state) => (selected === undefined ? undefined : state.model?.nodes.find((n) => n.id === selected)),
    store,
  );
  const visits = useViewerState(
    (state) => (selected === undefined ? undefined : state.snapshot?.visits[selected]),
    store,
  );
  const status = useViewerState(
    (state) => (selected === undefined ? 'not-started' : nodeStatus(state.snapshot, selected)),
    store,
  );
  const [index, setIndex] = useState(0);
  const count = visits?.length ?? 0;

  // A new selection shows its latest visit; more visits arriving keep the choice in range.
  useEffect(() => setIndex(Number.MAX_SAFE_INTEGER), [selected]);
  const shown = Math.min(index, Math.max(0, count - 1));
  const visit = visits?.[shown];

  return (
    <aside
      className={`aslkit-panel aslkit-inspector ${className ?? ''}`}
      aria-label="Inspector"
      data-testid="inspector"
    >
      {!node ? (
        <p>Select a state in the graph to inspect it.</p>
      ) : (
        <>
          <h2 data-testid="inspector-title">
            {node.label} <small>({node.kind})</small>
          </h2>
          <dl>
            <dt>Status</dt>
            <dd data-testid="inspector-status" data-status={status}>
              {status}
            </dd>
            {node.resource !== undefined && (
              <>
                <dt>Resource</dt>
                <dd>{node.resource}</dd>
              </>
            )}
            <NodePolicies node={node} />
          </dl>
          {onBreakpointsChange && node.stateName !== undefined && (
            <BreakpointEditor store={store} stateName={node.stateName} onChange={onBreakpointsChange} />
          )}
          {count === 0 ? (
            <p data-testid="inspector-no-visits">Not entered yet.</p>
          ) : (
            <section aria-label="Visits">
              <div className="aslkit-inspector__visit-nav">
                <button
                  type="button"
                  className="aslkit-button"
                  aria-label="Previous visit"
                  disabled={shown === 0}
                  onClick={() => setIndex(shown - 1)}
                >
                  ‹
                </button>
                <span data-testid="inspector-visit" aria-live="polite">
                  Visit {shown + 1} of {count}
                  {visit?.mapIndex !== undefined ? ` (item ${visit.mapIndex})` : ''}
                </span>
                <button
                  type="button"
                  className="aslkit-button"
                  aria-label="Next visit"
                  disabled={shown >= count - 1}
                  onClick={() => setIndex(shown + 1)}
                >
                  ›
                </button>
              </div>
              {visit && <VisitDetails visit={visit} />}
              {visit && <StageView store={store} node={node} visit={visit} />}
            </section>
          )}
        </>
      )}
      {children}
    </aside>
  );
}

function NodePolicies({ node }: { node: GraphNode }) {
  return (
    <>
      {(node.retry?.length ?? 0) > 0 && (
        <>
          <dt>Retry</dt>
          <dd>
            {node.retry!.map((r, i) => (
              <div key={i}>
                {r.ErrorEquals.join(', ')}: {r.MaxAttempts ?? 3}× every {r.IntervalSeconds ?? 1}s, backoff{' '}
                {r.BackoffRate ?? 2}
              </div>
            ))}
          </dd>
        </>
      )}
      {(node.catchErrors?.length ?? 0) > 0 && (
        <>
          <dt>Catch</dt>
          <dd>
            {node
              .catchErrors!.map((errors) => (Array.isArray(errors) ? errors.join(', ') : String(errors)))
              .join(' | ')}
          </dd>
        </>
      )}
    </>
  );
}

type Visit = NonNullable<NonNullable<ReturnType<ViewerStore['getState']>['snapshot']>['visits'][string]>[number];

function VisitDetails({ visit }: { visit: Visit }) {
  const entered = visit.enteredAt;
  const exited = visit.exitedAt;
  const retries = Array.isArray(visit.retries) ? visit.retries.length : visit.retries;
  return (
    <div data-testid="inspector-visit-details" data-status={visit.status}>
      <dl>
        <dt>Result</dt>
        <dd>{visit.status}</dd>
        <dt>Entered</dt>
        <dd>{entered ?? '—'}</dd>
        <dt>Exited</dt>
        <dd>{exited ?? '—'}</dd>
        {entered !== undefined && exited !== undefined && (
          <>
            <dt>Duration</dt>
            <dd>{formatDuration(Date.parse(String(exited)) - Date.parse(String(entered)))}</dd>
          </>
        )}
        <dt>Retries</dt>
        <dd data-testid="inspector-retries">{retries ?? 0}</dd>
      </dl>
      {visit.error !== undefined && (
        <dl className="aslkit-inspector__error">
          <dt>Error</dt>
          <dd data-testid="inspector-error">{visit.error}</dd>
          {visit.cause !== undefined && (
            <>
              <dt>Cause</dt>
              <dd data-testid="inspector-cause">{visit.cause}</dd>
            </>
          )}
        </dl>
      )}
      {(visit.failures?.length ?? 0) > 0 && (
        <>
          <strong>Failed attempts</strong>
          <ol className="aslkit-inspector__failures" data-testid="inspector-failures">
            {visit.failures!.map((failure) => (
              <li key={failure.eventId}>
                {failure.at.slice(11, 23)} {failure.error ?? 'unknown error'}
                {failure.cause !== undefined ? `: ${failure.cause}` : ''}
              </li>
            ))}
          </ol>
        </>
      )}
      {visit.input !== undefined && <JsonBlock label="Input" value={visit.input} testId="inspector-input" />}
      {visit.output !== undefined && <JsonBlock label="Output" value={visit.output} testId="inspector-output" />}
    </div>
  );
}

/** "1 h 0 min 2 s", "350 ms": durations as a person reads them. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${ms} ms`;
  const s = Math.floor(ms / 1000);
  const parts: string[] = [];
  if (s >= 3600) parts.push(`${Math.floor(s / 3600)} h`);
  if (s >= 60) parts.push(`${Math.floor((s % 3600) / 60)} min`);
  parts.push(`${s % 60}${ms % 1000 ? `.${String(ms % 1000).padStart(3, '0')}` : ''} s`);
  return parts.join(' ');
}
