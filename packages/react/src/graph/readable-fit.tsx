/**
 * Fitting the graph so that state names stay readable. A small machine is fitted whole, as
 * React Flow would; a long one (a 30-state workflow fitted whole draws its names at 2px) is
 * shown at a floor zoom instead, its start at the top, the rest a scroll or a drag away. The
 * first view and the controls' fit button both fit this way; zooming out further stays free.
 */
import { useCallback, useEffect, useRef } from 'react';
import { Controls, useReactFlow, useStore, type Rect, type Viewport } from '@xyflow/react';
import type { FlowNode } from '../layout/to-flow.js';

/** Room kept free around the fitted graph; the legend sits along the bottom edge. */
export const FIT_PADDING = { top: 24, left: 24, right: 24, bottom: 56 } as const;
/** The lowest zoom a fit goes to: a 13px state name renders at 9.75px. */
export const DEFAULT_MIN_FIT_ZOOM = 0.75;
/** The highest: a two-state machine is not blown up past twice its size. */
const MAX_FIT_ZOOM = 2;

/** The box around the top-level nodes (children sit inside their containers). */
export function graphBounds(nodes: readonly FlowNode[]): Rect | undefined {
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const node of nodes) {
    if (node.parentId !== undefined) continue;
    left = Math.min(left, node.position.x);
    top = Math.min(top, node.position.y);
    right = Math.max(right, node.position.x + (node.width ?? 0));
    bottom = Math.max(bottom, node.position.y + (node.height ?? 0));
  }
  return left === Infinity ? undefined : { x: left, y: top, width: right - left, height: bottom - top };
}

/**
 * The viewport that fits `bounds` into a pane of `width` x `height`, never below `minZoom`:
 * centred when the graph fits, else centred across and starting at its top.
 */
export function readableViewport(bounds: Rect, width: number, height: number, minZoom: number): Viewport {
  const roomX = Math.max(1, width - FIT_PADDING.left - FIT_PADDING.right);
  const roomY = Math.max(1, height - FIT_PADDING.top - FIT_PADDING.bottom);
  const fit = Math.min(roomX / Math.max(1, bounds.width), roomY / Math.max(1, bounds.height), MAX_FIT_ZOOM);
  const zoom = Math.max(fit, Math.min(minZoom, MAX_FIT_ZOOM));
  const x = FIT_PADDING.left + roomX / 2 - (bounds.x + bounds.width / 2) * zoom;
  const y =
    bounds.height * zoom <= roomY
      ? FIT_PADDING.top + (roomY - bounds.height * zoom) / 2 - bounds.y * zoom
      : FIT_PADDING.top - bounds.y * zoom;
  return { x, y, zoom };
}

/** React Flow's controls (bottom right, clear of the legend) with the readable fit, which also runs once on show. */
export function ReadableFitControls({ bounds, minZoom }: { bounds: Rect | undefined; minZoom: number }) {
  const flow = useReactFlow();
  const width = useStore((state) => state.width);
  const height = useStore((state) => state.height);
  const fit = useCallback((): boolean => {
    if (!bounds || width === 0 || height === 0) return false;
    void flow.setViewport(readableViewport(bounds, width, height, minZoom));
    return true;
  }, [flow, bounds, width, height, minZoom]);
  const fitted = useRef(false);
  useEffect(() => {
    if (!fitted.current) fitted.current = fit();
  }, [fit]);
  // The button's own fitView runs first; this one then sets the readable viewport.
  return <Controls showInteractive={false} position="bottom-right" onFitView={fit} />;
}
