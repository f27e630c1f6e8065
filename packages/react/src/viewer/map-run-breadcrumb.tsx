/**
 * The way back from a child execution: the top-level execution, then each child opened on the
 * way down (a distributed Map inside a child's processor opens a grandchild), the last one shown.
 */
import type { ChildExecutionView } from '@aslkit/core';
import type { ViewerSource } from '@aslkit/core/debug';
import { useViewerState } from '../store/use-viewer.js';
import type { ViewerStore } from '../store/viewer-store.js';

/** A child opened from a Map Run panel: its source, and what the query told of it. */
export interface OpenedChild {
  source: ViewerSource;
  view: ChildExecutionView;
}

export function MapRunBreadcrumb({
  root,
  opened,
  onBack,
}: {
  /** The top-level execution's store, for its title. */
  root: ViewerStore;
  opened: readonly OpenedChild[];
  /** Shows the execution at `depth` (0: the top level, 1: the first child opened, ...). */
  onBack: (depth: number) => void;
}) {
  const title = useViewerState((state) => state.title ?? state.definition?.Comment ?? 'Execution', root);
  const labels = [title, ...opened.map(({ view }) => `${view.stateName} · item ${view.child.index}`)];
  return (
    <nav className="aslkit-breadcrumb" aria-label="Executions" data-testid="map-run-breadcrumb">
      <ol>
        {labels.map((label, depth) => (
          <li key={depth}>
            {depth === labels.length - 1 ? (
              <span aria-current="page" data-status={opened[depth - 1]?.view.child.status}>
                {label}
              </span>
            ) : (
              <button
                type="button"
                className="aslkit-breadcrumb__link"
                data-testid={`breadcrumb-${depth}`}
                onClick={() => onBack(depth)}
              >
                {label}
              </button>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
