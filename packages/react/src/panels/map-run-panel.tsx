/**
 * `<MapRunPanel>`: the Map Run of the selected distributed Map: its ARN, status and item counts
 * (DescribeMapRun's itemCounts), its child executions one page at a time, filtered by status,
 * and a way to open any child whose history was kept. It shows the run as it was at the position
 * the timeline is at (scrubbed back: not started yet, running with the children of that time, or
 * as it ended). The counts and pages come from core (`mapRunAt`, the source's `query`); this
 * component only asks and draws.
 */
import { useEffect, useMemo, useState } from 'react';
import { CHILD_STATUSES, childCount, isDistributedMap } from '@aslkit/core';
import type { ChildExecutionView, ChildStatus, MapRunChildPage, MapRunCounts, MapRunView } from '@aslkit/core';
import type { ViewerSource } from '@aslkit/core/debug';
import { useViewerState, useViewerStore } from '../store/use-viewer.js';
import type { ViewerStore } from '../store/viewer-store.js';
import { nodeStatus, runsAtPosition } from '../store/snapshot-view.js';

export interface MapRunPanelProps {
  /** Answers the panel's queries (a page of children, one child); without `query` only the counts show. */
  source: ViewerSource;
  store?: ViewerStore;
  /** Called with the child the user opened (its definition and history), e.g. to show its graph. */
  onOpenChild?: (child: ChildExecutionView) => void;
  /** Children listed per page (default 50, at most core's MAX_CHILD_PAGE). */
  pageSize?: number;
}

const STATUS_LABELS: Record<ChildStatus, string> = {
  PENDING: 'Pending',
  RUNNING: 'Running',
  SUCCEEDED: 'Succeeded',
  FAILED: 'Failed',
  TIMED_OUT: 'Timed out',
  ABORTED: 'Aborted',
};

/**
 * The Map Run of the state selected in the store; renders nothing for other states.
 * @example
 * <MapRunPanel source={source} store={store} onOpenChild={(child) => show(createChildSource(source, child))} />
 */
export function MapRunPanel({ source, store: explicit, onOpenChild, pageSize = 50 }: MapRunPanelProps) {
  const store = useViewerStore(explicit);
  const node = useViewerState((state) => state.model?.nodes.find((n) => n.id === state.selected), store);
  const allRuns = useViewerState((state) => state.mapRuns, store);
  const started = useViewerState(
    (state) => state.selected !== undefined && nodeStatus(state.snapshot, state.selected) !== 'not-started',
    store,
  );
  const position = useViewerState((state) => state.position, store);
  const total = useViewerState((state) => state.total, store);
  const stateName = node?.stateName;
  // The runs as they were at the timeline's position (`total` too: the events grow in place).
  const runs = useMemo(
    () => (stateName === undefined ? [] : runsAtPosition(allRuns, stateName, { events: store.getEvents(), position })),
    [allRuns, stateName, store, position, total],
  );
  const recorded = stateName !== undefined && allRuns.some((run) => run.stateName === stateName);
  const [chosen, setChosen] = useState<number>();
  useEffect(() => setChosen(undefined), [stateName]);
  if (stateName === undefined || (!isDistributedMap(node?.state) && !recorded)) return null;
  // A Map in a loop starts a run per visit: the latest shows unless the user picks another.
  const shown = Math.min(chosen ?? runs.length - 1, runs.length - 1);
  const seen = runs[shown];
  const run = seen?.run;

  return (
    <section className="aslkit-map-run" aria-label="Map Run" data-testid="map-run-panel">
      <h3>Map Run</h3>
      {!run ? (
        <p data-testid="map-run-none">
          {recorded && position < total
            ? 'Not started yet at this point of the timeline: the Map Run begins later.'
            : started
              ? 'This source has no record of the Map Run (an imported AWS history, for one): its children cannot be listed.'
              : 'Not started yet: the Map Run begins when the state runs.'}
        </p>
      ) : (
        <>
          {runs.length > 1 && (
            <label className="aslkit-map-run__choose">
              Run{' '}
              <select
                className="aslkit-input"
                value={shown}
                onChange={(event) => setChosen(Number(event.target.value))}
                data-testid="map-run-choose"
              >
                {runs.map((r, i) => (
                  <option key={r.run.mapRunArn} value={i}>
                    {i + 1} of {runs.length} ({r.run.status})
                  </option>
                ))}
              </select>
            </label>
          )}
          <dl>
            <dt>ARN</dt>
            <dd data-testid="map-run-arn">{run.mapRunArn}</dd>
            <dt>Status</dt>
            <dd data-testid="map-run-status" data-status={run.status}>
              {run.status}
              {run.error !== undefined ? ` · ${run.error}` : ''}
            </dd>
            {run.cause !== undefined && (
              <>
                <dt>Cause</dt>
                <dd>{run.cause}</dd>
              </>
            )}
          </dl>
          {seen.phase === 'ended-before-redrive' && (
            <p className="aslkit-map-run__note" data-testid="map-run-note">
              Redriven later: its children are listed as they are since.
            </p>
          )}
          <MapRunChildren
            key={run.mapRunArn}
            run={run}
            at={seen.phase === 'running' ? seen.at : undefined}
            source={source}
            onOpenChild={onOpenChild}
            pageSize={pageSize}
          />
        </>
      )}
    </section>
  );
}

function MapRunChildren({
  run,
  at,
  source,
  onOpenChild,
  pageSize,
}: {
  run: MapRunView;
  /** The time the timeline shows, while the run went on then: its children as they were. */
  at: string | undefined;
  source: ViewerSource;
  onOpenChild: ((child: ChildExecutionView) => void) | undefined;
  pageSize: number;
}) {
  const [status, setStatus] = useState<ChildStatus>();
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<MapRunChildPage>();
  const [problem, setProblem] = useState<string>();
  // At a time of the run, the counts come with the page (a source without queries has none to give).
  const counts: MapRunCounts | undefined = at === undefined ? run.itemCounts : page?.itemCounts;
  // Asked again when the counts move (a live run), the time, the filter or the page changes.
  const countsKey = JSON.stringify(run.itemCounts);
  const { mapRunArn } = run;
  useEffect(() => {
    if (!source.query) return;
    let current = true;
    source
      .query({
        type: 'mapRunChildren',
        mapRunArn,
        offset,
        limit: pageSize,
        ...(status === undefined ? {} : { status }),
        ...(at === undefined ? {} : { at }),
      })
      .then(
        (answer) => current && (setPage(answer), setProblem(undefined)),
        (error: unknown) => current && setProblem(messageOf(error)),
      );
    return () => {
      current = false;
    };
  }, [source, mapRunArn, status, offset, pageSize, countsKey, at]);

  const open = (executionArn: string) => {
    source.query?.({ type: 'childExecution', executionArn }).then(
      (child) => onOpenChild?.(child),
      (error: unknown) => setProblem(messageOf(error)),
    );
  };
  const filters: (ChildStatus | undefined)[] = [undefined, ...CHILD_STATUSES];

  return (
    <>
      <div className="aslkit-map-run__counts" role="group" aria-label="Item counts (filter by status)">
        {filters.map((key) => (
          <button
            key={key ?? 'ALL'}
            type="button"
            className="aslkit-button aslkit-map-run__count"
            aria-pressed={status === key}
            data-status={key ?? 'ALL'}
            data-testid={`map-run-count-${key ?? 'ALL'}`}
            onClick={() => {
              setStatus(key);
              setOffset(0);
            }}
          >
            <span>{key === undefined ? 'Total' : STATUS_LABELS[key]}</span>{' '}
            <strong>{counts ? childCount(counts, key) : '…'}</strong>
          </button>
        ))}
      </div>
      {problem !== undefined && (
        <p className="aslkit-map-run__problem" role="alert" data-testid="map-run-problem">
          {problem}
        </p>
      )}
      {!source.query ? (
        <p data-testid="map-run-no-children">This source does not list the Map Run&apos;s child executions.</p>
      ) : (
        page && (
          <>
            <ol className="aslkit-map-run__children" aria-label="Child executions" data-testid="map-run-children">
              {page.children.map((child) => (
                <li key={child.executionArn}>
                  <button
                    type="button"
                    className="aslkit-map-run__child"
                    data-testid={`map-run-child-${child.index}`}
                    data-status={child.status}
                    disabled={!child.hasHistory || !onOpenChild}
                    title={
                      child.hasHistory
                        ? `Open ${child.name}`
                        : child.status === 'RUNNING' || child.status === 'PENDING'
                          ? 'Its history shows once it ends'
                          : "Its history was not kept (StartOptions mapRuns: { childHistories: 'all' } keeps every child's)"
                    }
                    onClick={() => open(child.executionArn)}
                  >
                    <span className="aslkit-map-run__index">#{child.index}</span>
                    <span className="aslkit-map-run__badge">{STATUS_LABELS[child.status]}</span>
                    <span className="aslkit-map-run__name">{child.error ?? child.name}</span>
                  </button>
                </li>
              ))}
            </ol>
            <p className="aslkit-map-run__shown">
              <button
                type="button"
                className="aslkit-button"
                aria-label="Previous children"
                disabled={page.offset === 0}
                onClick={() => setOffset(Math.max(0, offset - pageSize))}
              >
                ‹
              </button>
              <span data-testid="map-run-shown">
                {page.children.length === 0
                  ? `none of ${page.matching}`
                  : `${page.offset + 1}–${page.offset + page.children.length} of ${page.matching}`}
              </span>
              <button
                type="button"
                className="aslkit-button"
                aria-label="Next children"
                data-testid="map-run-next"
                disabled={page.offset + page.children.length >= page.matching}
                onClick={() => setOffset(offset + pageSize)}
              >
                ›
              </button>
            </p>
          </>
        )
      )}
    </>
  );
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
