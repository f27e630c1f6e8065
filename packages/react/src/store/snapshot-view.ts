/**
 * Small readers over an ExecutionSnapshot that return primitives, so React components
 * selecting them re-render only when what they show changes.
 */
import {
  mapRunAt,
  runsOfState,
  type ExecutionSnapshot,
  type HistoryEvent,
  type MapRunAt,
  type MapRunView,
  type StateStatus,
} from '@aslkit/core';

/**
 * A state's status at the current position.
 * @deprecated Use `StateStatus` from `@aslkit/core`: one status type for the viewer, the fold and coverage.
 */
export type NodeStatus = StateStatus;

export function nodeStatus(snapshot: ExecutionSnapshot | undefined, nodeId: string): StateStatus {
  return snapshot?.statuses[nodeId] ?? 'not-started';
}

/** How many times the state was entered so far. */
export function visitCount(snapshot: ExecutionSnapshot | undefined, nodeId: string): number {
  return snapshot?.visits[nodeId]?.length ?? 0;
}

/** Whether the execution went along the edge so far. */
export function edgeTaken(snapshot: ExecutionSnapshot | undefined, edgeId: string): boolean {
  const taken: unknown = snapshot?.edgesTaken;
  if (taken === undefined || taken === null) return false;
  if (taken instanceof Set) return taken.has(edgeId);
  if (Array.isArray(taken)) return taken.includes(edgeId);
  const count = (taken as Record<string, unknown>)[edgeId];
  return count === true || (typeof count === 'number' && count > 0);
}

/** A Map state's iterations as a short badge ("3/5 · 1 failed"), or undefined before it starts. */
export function mapProgressText(snapshot: ExecutionSnapshot | undefined, nodeId: string): string | undefined {
  const progress = (snapshot?.mapProgress as Record<string, MapProgressLike | undefined> | undefined)?.[nodeId];
  if (!progress) return undefined;
  return progressText(
    (progress.succeeded ?? 0) + (progress.failed ?? 0) + (progress.aborted ?? 0),
    progress.total ?? progress.length,
    progress.failed,
  );
}

/** Where the viewer stands in the history: the events received and how many of them are shown. */
export interface TimelinePosition {
  readonly events: readonly HistoryEvent[];
  readonly position: number;
}

/**
 * The runs of `stateName` that had started at `at` (all of them at the newest event), each as
 * it was then, oldest first.
 */
export function runsAtPosition(
  runs: readonly MapRunView[],
  stateName: string,
  at: TimelinePosition,
): Exclude<MapRunAt, { phase: 'not-started' }>[] {
  const seen: Exclude<MapRunAt, { phase: 'not-started' }>[] = [];
  for (const run of runsOfState(runs, stateName)) {
    const view = mapRunAt(run, at.events, at.position);
    if (view.phase !== 'not-started') seen.push(view);
  }
  return seen;
}

/**
 * A distributed Map's progress from its Map Run's item counts (the parent's history has no
 * iteration events to count): the latest run of `stateName` started by the position, once the
 * fold shows the Map started. Its counts show only where they are known at the position (the run
 * ended there for good, or the position is the newest event).
 */
export function mapRunProgressText(
  runs: readonly MapRunView[],
  stateName: string | undefined,
  folded: string | undefined,
  at?: TimelinePosition,
): string | undefined {
  if (folded === undefined || stateName === undefined) return folded;
  const latest = at ? runsAtPosition(runs, stateName, at).at(-1) : undefined;
  const run = at ? (latest?.phase === 'now' ? latest.run : undefined) : runsOfState(runs, stateName).at(-1);
  if (!run) return folded;
  const { total, pending, running, failed, timedOut, aborted } = run.itemCounts;
  return progressText(total - pending - running, total, failed + timedOut + aborted);
}

function progressText(done: number, total: number | undefined, failed: number | undefined): string {
  let text = total === undefined ? `${done} done` : `${done}/${total}`;
  if (failed) text += ` · ${failed} failed`;
  return text;
}

interface MapProgressLike {
  total?: number;
  length?: number;
  started?: number;
  succeeded?: number;
  failed?: number;
  aborted?: number;
}
