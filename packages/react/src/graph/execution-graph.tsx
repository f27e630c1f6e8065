/**
 * `<ExecutionGraph>`: the state machine as a graph (React Flow), laid out once per
 * definition by ELK, coloured by the store's snapshot at the current history position.
 */
import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { ReactFlow } from '@xyflow/react';
import { useViewerState, useViewerStore, ViewerStoreContext } from '../store/use-viewer.js';
import type { ViewerStore } from '../store/viewer-store.js';
import { elkLayoutEngine, layoutGraph, type LayoutEngine } from '../layout/layout-graph.js';
import { toFlow, type FlowEdge, type FlowNode } from '../layout/to-flow.js';
import { nodeTypes } from './state-node.js';
import { edgeTypes } from './routed-edge.js';
import { StatusLegend } from './status-legend.js';
import { DEFAULT_MIN_FIT_ZOOM, ReadableFitControls, graphBounds } from './readable-fit.js';

export interface ExecutionGraphProps {
  /** The viewer store; defaults to the one in context. */
  store?: ViewerStore;
  /** How to run ELK (default: on the page's thread, loaded lazily). */
  layoutEngine?: LayoutEngine;
  /** Show the status legend (default true). */
  legend?: boolean;
  /**
   * The lowest zoom the first view and the fit button go to (default 0.75, where a state name
   * renders at about 10px). A machine too long to fit above it starts at its top; scroll or
   * drag to see the rest, or zoom out with the controls.
   */
  minFitZoom?: number;
  className?: string;
}

// React Flow draws every node of a big graph unless told to skip those off screen.
const VIRTUALIZE_ABOVE = 150;

/**
 * The live execution graph. Click a state (or focus it and press Enter) to select it for the
 * inspector; arrow keys move focus between states.
 * @example
 * <ExecutionGraph store={store} />
 */
export function ExecutionGraph({
  store: explicit,
  layoutEngine = elkLayoutEngine,
  legend = true,
  minFitZoom = DEFAULT_MIN_FIT_ZOOM,
  className,
}: ExecutionGraphProps) {
  const store = useViewerStore(explicit);
  const model = useViewerState((state) => state.model, store);
  const [flow, setFlow] = useState<{ nodes: FlowNode[]; edges: FlowEdge[] } | { error: string } | undefined>();

  useEffect(() => {
    if (!model) return;
    let current = true;
    setFlow(undefined);
    layoutGraph(model, layoutEngine).then(
      (layout) => current && setFlow(toFlow(model, layout)),
      (error: unknown) => current && setFlow({ error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
  }, [model, layoutEngine]);

  const bounds = useMemo(() => (flow && 'nodes' in flow ? graphBounds(flow.nodes) : undefined), [flow]);
  const order = useMemo(
    () => (flow && 'nodes' in flow ? flow.nodes.filter((n) => n.type !== 'aslBranch').map((n) => n.id) : []),
    [flow],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const element = (event.target as HTMLElement).closest<HTMLElement>('.react-flow__node');
    const id = element?.dataset.id;
    if (!element || id === undefined) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      store.select(id);
    } else if (event.key === 'Escape') {
      store.select(undefined);
    } else if (['ArrowDown', 'ArrowRight', 'ArrowUp', 'ArrowLeft'].includes(event.key)) {
      event.preventDefault();
      const step = event.key === 'ArrowDown' || event.key === 'ArrowRight' ? 1 : -1;
      const index = order.indexOf(id);
      const nextId = order[(index + step + order.length) % order.length];
      const root = element.closest('.react-flow');
      const next =
        nextId === undefined
          ? null
          : root?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(nextId)}"]`);
      next?.focus();
    }
  };

  let body;
  if (!model) body = <p className="aslkit-graph__message">Waiting for a definition…</p>;
  else if (!flow)
    body = (
      <p className="aslkit-graph__message" role="status">
        Laying out the graph…
      </p>
    );
  else if ('error' in flow)
    body = (
      <p className="aslkit-graph__message" role="alert">
        Layout failed: {flow.error}
      </p>
    );
  else {
    body = (
      <ReactFlow<FlowNode, FlowEdge>
        nodes={flow.nodes}
        edges={flow.edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        minZoom={0.05}
        // A long machine is fitted at a readable zoom and scrolled through (Ctrl/⌘ + wheel or a pinch zooms).
        panOnScroll
        maxZoom={2}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        edgesFocusable={false}
        onlyRenderVisibleElements={flow.nodes.length > VIRTUALIZE_ABOVE}
        onNodeClick={(_, node) => store.select(node.type === 'aslBranch' ? undefined : node.id)}
        onPaneClick={() => store.select(undefined)}
        ariaLabelConfig={{
          'node.a11yDescription.default': 'Press Enter to inspect this state, arrow keys to move between states.',
        }}
      >
        <ReadableFitControls bounds={bounds} minZoom={minFitZoom} />
      </ReactFlow>
    );
  }

  return (
    <ViewerStoreContext.Provider value={store}>
      <div
        className={`aslkit-graph ${className ?? ''}`}
        data-testid="execution-graph"
        onKeyDown={onKeyDown}
        role="region"
        aria-label="Execution graph"
      >
        {body}
        {legend && model && <StatusLegend />}
      </div>
    </ViewerStoreContext.Provider>
  );
}
