/**
 * `<ExecutionViewer>`: the whole debugger page for one source: controls, the graph, the
 * inspector, the scrubber and the timeline, wired to one store. A distributed Map's child opened
 * from the Map Run panel shows in the same frame, with a breadcrumb back to its parent.
 */
import { useCallback, useEffect, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useSourceStore, useViewerState, ViewerStoreContext } from '../store/use-viewer.js';
import type { ViewerStore } from '../store/viewer-store.js';
import { createChildSource, type ViewerBreakpoint, type ViewerSource } from '@aslkit/core/debug';
import type { ChildExecutionView } from '@aslkit/core';
import type { LayoutEngine } from '../layout/layout-graph.js';
import { ExecutionGraph } from '../graph/execution-graph.js';
import { Inspector } from '../panels/inspector.js';
import { Timeline } from '../panels/timeline.js';
import { Scrubber } from '../panels/scrubber.js';
import { Controls, type ControlAction } from '../panels/controls.js';
import { MapRunPanel } from '../panels/map-run-panel.js';
import { MapRunBreadcrumb, type OpenedChild } from './map-run-breadcrumb.js';
import { errorMessage, useRunControl } from './use-run-control.js';

export interface ExecutionViewerProps {
  source: ViewerSource;
  layoutEngine?: LayoutEngine;
  /** The lowest zoom the graph's first view and fit button go to (see `<ExecutionGraph minFitZoom>`). */
  minFitZoom?: number;
  theme?: 'light' | 'dark';
  className?: string;
}

/**
 * A complete viewer for a live debug session or an imported history.
 * @example
 * const source = useMemo(() => createSessionSource({ definition, input, mocks }), []);
 * return <ExecutionViewer source={source} />;
 */
export function ExecutionViewer({
  source,
  layoutEngine,
  minFitZoom,
  theme = 'light',
  className,
}: ExecutionViewerProps) {
  // The parent's store stays connected while a child shows: back, it is as the user left it.
  const store = useSourceStore(source);
  const [opened, setOpened] = useState<readonly OpenedChild[]>([]);
  useEffect(() => setOpened([]), [source]);
  const open = useCallback(
    (from: ViewerSource, view: ChildExecutionView) =>
      setOpened((trail) => [...trail, { source: createChildSource(from, view), view }]),
    [],
  );
  const child = opened[opened.length - 1];
  const common = { layoutEngine, minFitZoom, theme, className, onOpenChild: open };
  const breadcrumb =
    opened.length === 0 ? undefined : (
      <MapRunBreadcrumb root={store} opened={opened} onBack={(depth) => setOpened((trail) => trail.slice(0, depth))} />
    );
  return child ? (
    <ChildViewer key={child.view.child.executionArn} child={child} breadcrumb={breadcrumb} {...common} />
  ) : (
    <ViewerBody store={store} source={source} {...common} />
  );
}

interface BodyProps {
  layoutEngine: LayoutEngine | undefined;
  minFitZoom: number | undefined;
  theme: 'light' | 'dark';
  className: string | undefined;
  /** Opens a child of a Map Run that `from` listed. */
  onOpenChild: (from: ViewerSource, view: ChildExecutionView) => void;
  breadcrumb?: ReactNode;
}

/** A child execution: its own store over the child's source. */
function ChildViewer({ child, ...props }: BodyProps & { child: OpenedChild }) {
  const store = useSourceStore(child.source);
  return <ViewerBody store={store} source={child.source} {...props} />;
}

function ViewerBody({
  store,
  source,
  layoutEngine,
  minFitZoom,
  theme,
  className,
  onOpenChild,
  breadcrumb,
}: BodyProps & { store: ViewerStore; source: ViewerSource }) {
  const [commandError, setCommandError] = useState<string>();
  const control = useRunControl(store, source, setCommandError);
  usePauseSelection(store);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    const typing = target.closest('input, select, textarea') !== null;
    const action = shortcut(event.key, event.shiftKey, store, control.pacing);
    if (action) {
      event.preventDefault();
      control.act(action);
    } else if (!typing && (event.key === '[' || event.key === ']')) {
      event.preventDefault();
      store.move(event.key === ']' ? 1 : -1);
    }
  };

  // Rejects on failure too, so the breakpoint editor takes its optimistic change back.
  const onBreakpointsChange = useCallback(
    (breakpoints: readonly ViewerBreakpoint[]) =>
      source.send({ type: 'breakpoints', breakpoints: [...breakpoints] }).catch((error: unknown) => {
        setCommandError(errorMessage(error));
        throw error;
      }),
    [source],
  );
  const mode = useViewerState((state) => state.mode, store);

  return (
    <ViewerStoreContext.Provider value={store}>
      <div
        className={`aslkit-theme aslkit-viewer ${className ?? ''}`}
        data-theme={theme}
        data-testid="execution-viewer"
        onKeyDown={onKeyDown}
      >
        <ViewerHeader store={store} commandError={commandError} breadcrumb={breadcrumb} />
        <Controls
          store={store}
          onAction={control.act}
          speed={control.speed}
          onSpeedChange={control.setSpeed}
          pacing={control.pacing}
        />
        <ExecutionGraph
          store={store}
          {...(layoutEngine ? { layoutEngine } : {})}
          {...(minFitZoom !== undefined ? { minFitZoom } : {})}
        />
        <Inspector store={store} {...(mode === 'live' ? { onBreakpointsChange } : {})}>
          <MapRunPanel store={store} source={source} onOpenChild={(view) => onOpenChild(source, view)} />
        </Inspector>
        <Scrubber store={store} />
        <Timeline store={store} />
      </div>
    </ViewerStoreContext.Provider>
  );
}

function shortcut(key: string, shift: boolean, store: ViewerStore, pacing: boolean): ControlAction | undefined {
  if (key === 'F9') return 'step-event';
  if (key === 'F10') return 'step-transition';
  if (key !== 'F8') return undefined;
  const { mode, session } = store.getState();
  const { state } = session;
  if (shift)
    return mode === 'live' && (pacing || state === 'running' || state === 'stepping' || state === 'paused')
      ? 'abort'
      : undefined;
  if (pacing || state === 'running' || state === 'stepping') return 'pause';
  return state === 'paused' ? 'resume' : 'run';
}

/** When the session stops at a state, select that state so the inspector shows it. */
function usePauseSelection(store: ViewerStore): void {
  const pausedAt = useViewerState(
    (state) => (state.session.state === 'paused' ? state.session.pausedAt?.stateName : undefined),
    store,
  );
  useEffect(() => {
    const model = store.getState().model;
    if (pausedAt === undefined || !model) return;
    const ids = nodeIdsOf(model.nodeIdsByStateName, pausedAt);
    if (ids[0] !== undefined) store.select(ids[0]);
  }, [pausedAt, store]);
}

function nodeIdsOf(index: unknown, stateName: string): string[] {
  const found: unknown =
    index instanceof Map ? index.get(stateName) : (index as Record<string, unknown> | undefined)?.[stateName];
  if (typeof found === 'string') return [found];
  return Array.isArray(found) ? (found as string[]) : [];
}

function ViewerHeader({
  store,
  commandError,
  breadcrumb,
}: {
  store: ViewerStore;
  commandError: string | undefined;
  breadcrumb: ReactNode;
}) {
  const title = useViewerState((state) => state.title ?? state.definition?.Comment, store);
  const result = useViewerState((state) => state.session.result, store);
  const error = useViewerState((state) => state.error, store);
  const connection = useViewerState((state) => state.connection, store);
  const problem = commandError ?? error ?? (connection === 'closed' ? 'Disconnected from the execution.' : undefined);
  return (
    <header className="aslkit-viewer__header">
      {breadcrumb}
      <h1>{title ?? 'State machine'}</h1>
      {result && (
        <p className="aslkit-viewer__result" data-testid="execution-result" data-status={result.status} role="status">
          {result.status}
          {result.error !== undefined ? ` · ${result.error}` : ''}
          {result.cause !== undefined ? `: ${result.cause}` : ''}
        </p>
      )}
      {problem !== undefined && (
        <p className="aslkit-viewer__error" role="alert" data-testid="viewer-error">
          {problem}
        </p>
      )}
    </header>
  );
}
