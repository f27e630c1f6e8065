/**
 * An edge drawn along the route ELK computed (React Flow would otherwise draw its own
 * bezier, which cuts across containers), styled by kind: Next, Choice rule, dashed Default,
 * Catch with its error names.
 */
import { memo } from 'react';
import { EdgeLabelRenderer, type EdgeProps } from '@xyflow/react';
import { useViewerState } from '../store/use-viewer.js';
import { edgeTaken } from '../store/snapshot-view.js';
import type { FlowEdge } from '../layout/to-flow.js';
import type { Point } from '../layout/layout-graph.js';

const CORNER = 6;

/** An SVG path through `points` with rounded corners. */
export function roundedPath(points: readonly Point[]): string {
  const [first, ...rest] = points;
  if (!first) return '';
  let d = `M ${first.x} ${first.y}`;
  for (let i = 0; i < rest.length; i++) {
    const corner = rest[i]!;
    const next = rest[i + 1];
    const prev = i === 0 ? first : rest[i - 1]!;
    if (!next) {
      d += ` L ${corner.x} ${corner.y}`;
      break;
    }
    const r = Math.min(CORNER, distance(prev, corner) / 2, distance(corner, next) / 2);
    const before = towards(corner, prev, r);
    const after = towards(corner, next, r);
    d += ` L ${before.x} ${before.y} Q ${corner.x} ${corner.y} ${after.x} ${after.y}`;
  }
  return d;
}

function distance(a: Point, b: Point): number {
  return Math.hypot(b.x - a.x, b.y - a.y);
}

function towards(from: Point, to: Point, length: number): Point {
  const d = distance(from, to);
  if (d === 0) return from;
  return { x: from.x + ((to.x - from.x) * length) / d, y: from.y + ((to.y - from.y) * length) / d };
}

/** The edge component to pass to React Flow as `routed`. */
export const RoutedEdge = memo(function RoutedEdge({
  id,
  data,
  markerEnd,
  sourceX,
  sourceY,
  targetX,
  targetY,
}: EdgeProps<FlowEdge>) {
  const taken = useViewerState((state) => edgeTaken(state.snapshot, id));
  if (!data) return null;
  const { edge, route, text } = data;
  // Before ELK answers (or if it dropped the edge), fall back to a straight line between handles.
  const points =
    route.points.length >= 2
      ? route.points
      : [
          { x: sourceX, y: sourceY },
          { x: targetX, y: targetY },
        ];
  const path = roundedPath(points);
  const label = route.label;
  return (
    <>
      <path
        id={id}
        className="aslkit-edge react-flow__edge-path"
        d={path}
        data-kind={edge.kind}
        data-taken={taken}
        data-testid={`edge-${id}`}
        markerEnd={markerEnd}
      >
        <title>{edgeTitle(edge.kind, edge.label)}</title>
      </path>
      {text !== undefined && label && (
        <EdgeLabelRenderer>
          <div
            className="aslkit-edge-label nodrag nopan"
            data-kind={edge.kind}
            data-testid={`edge-label-${id}`}
            title={edge.label ?? text}
            style={{ transform: `translate(${label.x}px, ${label.y}px)`, width: label.width, height: label.height }}
          >
            {text}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});

function edgeTitle(kind: string, label: string | undefined): string {
  if (kind === 'catch') return `Catch ${label ?? ''}`.trim();
  if (kind === 'default') return 'Default';
  if (kind === 'choice') return `When ${label ?? ''}`.trim();
  return label ?? kind;
}

/** The edge types to pass to React Flow. */
export const edgeTypes = { routed: RoutedEdge };
