/**
 * Node components for the execution graph: a box per state (with a look per type), a
 * container for Parallel and Map, a dashed frame per Parallel branch, and the start and end
 * markers. Each reads its own status from the store, so an event re-renders only the nodes it
 * changes.
 */
import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { GraphNode } from '@aslkit/core';
import { useViewerState, useViewerStore } from '../store/use-viewer.js';
import { mapProgressText, mapRunProgressText, nodeStatus, visitCount } from '../store/snapshot-view.js';
import type { FlowNode } from '../layout/to-flow.js';

function Handles() {
  return (
    <>
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </>
  );
}

function useNodeView(node: GraphNode) {
  const status = useViewerState((state) => nodeStatus(state.snapshot, node.id));
  const visits = useViewerState((state) => visitCount(state.snapshot, node.id));
  const selected = useViewerState((state) => state.selected === node.id);
  const name = node.stateName;
  const breakpoint = useViewerState((state) =>
    name === undefined
      ? ''
      : state.breakpoints
          .filter((b) => b.stateName === name)
          .map((b) => b.on)
          .sort()
          .join('+'),
  );
  const paused = useViewerState(
    (state) =>
      name !== undefined &&
      state.following &&
      state.session.state === 'paused' &&
      state.session.pausedAt?.stateName === name,
  );
  return { status, visits, selected, breakpoint, paused };
}

/** The data attributes every node carries, for tests and for CSS that styles by status or kind. */
function nodeAttributes(node: GraphNode, view: ReturnType<typeof useNodeView>) {
  return {
    'data-testid': `node-${node.id}`,
    'data-kind': node.kind,
    'data-state-name': node.stateName,
    'data-status': view.status,
    'data-selected': view.selected,
  };
}

function Badges({
  node,
  visits,
  breakpoint,
  paused,
  progress,
}: {
  node: GraphNode;
  visits: number;
  breakpoint: string;
  paused: boolean;
  progress?: string;
}) {
  const retries = node.retry ?? [];
  return (
    <span className="aslkit-badges">
      {paused && (
        <span className="aslkit-badge" data-badge="paused" data-testid={`paused-${node.id}`}>
          paused
        </span>
      )}
      {breakpoint !== '' && (
        <span
          className="aslkit-badge"
          data-badge="breakpoint"
          title={`Breakpoint on ${breakpoint.replace('+', ' and ')}`}
        >
          ●<span className="aslkit-sr-only">breakpoint on {breakpoint.replace('+', ' and ')}</span>
        </span>
      )}
      {retries.length > 0 && (
        <span className="aslkit-badge" data-badge="retry" data-testid={`retry-${node.id}`} title={retryTitle(node)}>
          ↻ {retries.map((r) => r.MaxAttempts ?? 3).reduce((a, b) => a + b, 0)}
        </span>
      )}
      {progress !== undefined && (
        <span className="aslkit-badge" data-badge="map" data-testid={`map-progress-${node.id}`} title="Map iterations">
          {progress}
        </span>
      )}
      {visits > 1 && progress === undefined && (
        <span className="aslkit-badge" data-badge="visits" title={`${visits} visits`}>
          ×{visits}
        </span>
      )}
    </span>
  );
}

function retryTitle(node: GraphNode): string {
  return (node.retry ?? [])
    .map(
      (r) =>
        `Retry ${r.ErrorEquals.join(', ')}: ${r.MaxAttempts ?? 3} attempts, ${r.IntervalSeconds ?? 1}s × ${r.BackoffRate ?? 2}`,
    )
    .join('\n');
}

/** One state. */
export const StateNode = memo(function StateNode({ data }: NodeProps<FlowNode>) {
  const { node } = data;
  const view = useNodeView(node);
  return (
    <div className="aslkit-node" {...nodeAttributes(node, view)} title={node.resource ?? node.label}>
      <Handles />
      <span className="aslkit-node__top">
        <span className="aslkit-status-dot" aria-hidden="true" />
        {node.kind}
        <Badges node={node} visits={view.visits} breakpoint={view.breakpoint} paused={view.paused} />
      </span>
      <span className="aslkit-node__name">{node.label}</span>
      <span className="aslkit-sr-only">status {view.status}</span>
    </div>
  );
});

/** A Parallel or Map container; its children are laid out inside it. */
export const GroupNode = memo(function GroupNode({ data }: NodeProps<FlowNode>) {
  const { node } = data;
  const view = useNodeView(node);
  const store = useViewerStore();
  const progress = useViewerState((state) =>
    node.kind === 'Map'
      ? mapRunProgressText(state.mapRuns, node.stateName, mapProgressText(state.snapshot, node.id), {
          events: store.getEvents(),
          position: state.position,
        })
      : undefined,
  );
  return (
    <div className="aslkit-group" {...nodeAttributes(node, view)}>
      <Handles />
      <div className="aslkit-group__header aslkit-node__top">
        <span className="aslkit-status-dot" aria-hidden="true" />
        {node.kind}
        <span className="aslkit-node__name">{node.label}</span>
        <Badges
          node={node}
          visits={view.visits}
          breakpoint={view.breakpoint}
          paused={view.paused}
          {...(progress === undefined ? {} : { progress })}
        />
      </div>
      <span className="aslkit-sr-only">status {view.status}</span>
    </div>
  );
});

/** A frame around one Parallel branch. */
export const BranchNode = memo(function BranchNode({ data }: NodeProps<FlowNode>) {
  const { node } = data;
  const status = useViewerState((state) => nodeStatus(state.snapshot, node.id));
  return (
    <div className="aslkit-branch" data-testid={`node-${node.id}`} data-kind="branch" data-status={status}>
      <Handles />
      {node.label}
    </div>
  );
});

/** The start or end marker. */
export const MarkerNode = memo(function MarkerNode({ data }: NodeProps<FlowNode>) {
  const { node } = data;
  const status = useViewerState((state) => nodeStatus(state.snapshot, node.id));
  return (
    <div className="aslkit-marker" data-testid={`node-${node.id}`} data-kind={node.kind} data-status={status}>
      <Handles />
      {node.kind === 'start' ? 'Start' : 'End'}
    </div>
  );
});

/** The node types to pass to React Flow. */
export const nodeTypes = { aslState: StateNode, aslGroup: GroupNode, aslBranch: BranchNode, aslMarker: MarkerNode };
