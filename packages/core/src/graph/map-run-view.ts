/**
 * A Map Run as the viewer shows it: plain JSON views of `execution.mapRuns` (the run, its item
 * counts as DescribeMapRun's `itemCounts`, its children one page at a time, filtered by status),
 * and the ItemProcessor as a machine of its own, so a child's history can be drawn on it.
 * Framework-free: the React panel, the session sources and `aslkit view`'s wire all use these.
 */
import { isJsonObject } from '../json.js';
import { timestampMs } from '../runtime/clock.js';
import type { HistoryEvent } from '../history/events.js';
import type { MapState, State, StateMachineDefinition } from '../definition/types.js';
import {
  COUNT_KEYS,
  countChildren,
  type ChildStatus,
  type MapRun,
  type MapRunChild,
  type MapRunCounts,
  type MapRunStatus,
} from '../distributed/map-run.js';
import type { ExecutionType } from '../runtime/execution-type.js';
import { walkDefinition } from '../definition/walk.js';
import { isDistributedMap as hasDistributedProcessor } from '../definition/state-fields.js';

/** Every child status, in the order a viewer lists them (DescribeMapRun's itemCounts order). */
export const CHILD_STATUSES: readonly ChildStatus[] = [
  'PENDING',
  'RUNNING',
  'SUCCEEDED',
  'FAILED',
  'TIMED_OUT',
  'ABORTED',
];

/** The most children one page holds; a viewer asks for more pages rather than all at once. */
export const MAX_CHILD_PAGE = 1000;

/** How many children have `status` (all of them when it is absent). */
export function childCount(counts: MapRunCounts, status?: ChildStatus): number {
  return counts[status === undefined ? 'total' : COUNT_KEYS[status]];
}

/** A Map Run without its children: small enough to send whenever it changes. */
export interface MapRunView {
  mapRunArn: string;
  /** The execution that started it. */
  executionArn: string;
  /** The Map state's name. */
  stateName: string;
  stateMachineArn: string;
  executionType: ExecutionType;
  maxConcurrency: number;
  status: MapRunStatus;
  error?: string;
  cause?: string;
  startDate: string;
  stopDate?: string;
  itemCounts: MapRunCounts;
}

/** One child execution, without its input, output or history. */
export interface MapRunChildView {
  index: number;
  name: string;
  executionArn: string;
  status: ChildStatus;
  error?: string;
  cause?: string;
  startDate?: string;
  stopDate?: string;
  /** Whether its history was kept (`StartOptions.mapRuns.childHistories`), so it can be opened. */
  hasHistory: boolean;
}

/** Which children to list: one status (all when absent), from `offset`, at most `limit`. */
export interface ChildFilter {
  status?: ChildStatus;
  offset?: number;
  limit?: number;
  /**
   * The children as they were at this time (ISO 8601) of a run that had not ended then (a viewer
   * scrubbed back): one that started later is PENDING, one that had not stopped before it RUNNING.
   * The page then carries the run's `itemCounts` at that time.
   */
  at?: string;
}

/** A page of a run's children that match a filter. */
export interface MapRunChildPage {
  mapRunArn: string;
  status?: ChildStatus;
  offset: number;
  /** How many children match the filter (all pages). */
  matching: number;
  children: MapRunChildView[];
  /** With the filter's `at`: the run's item counts at that time. */
  itemCounts?: MapRunCounts;
}

/** A child execution opened in the viewer: the ItemProcessor as a machine, and the child's history. */
export interface ChildExecutionView {
  mapRunArn: string;
  /** The Map state that ran it. */
  stateName: string;
  child: MapRunChildView;
  definition: StateMachineDefinition;
  /** Absent while the child runs, or when its history was not kept. */
  events?: HistoryEvent[];
  /** The Map Runs this child started itself (a distributed Map inside the processor). */
  mapRuns: MapRunView[];
}

/** The run as JSON, with its item counts. */
export function mapRunView(run: MapRun): MapRunView {
  return {
    mapRunArn: run.mapRunArn,
    executionArn: run.executionArn,
    stateName: run.stateName,
    stateMachineArn: run.stateMachineArn,
    executionType: run.executionType,
    maxConcurrency: run.maxConcurrency,
    status: run.status,
    ...optional('error', run.error),
    ...optional('cause', run.cause),
    startDate: run.startDate,
    ...optional('stopDate', run.stopDate),
    itemCounts: countChildren(run.children),
  };
}

export function childView(child: MapRunChild): MapRunChildView {
  return {
    index: child.index,
    name: child.name,
    executionArn: child.executionArn,
    status: child.status,
    ...optional('error', child.error),
    ...optional('cause', child.cause),
    ...optional('startDate', child.startDate),
    ...optional('stopDate', child.stopDate),
    hasHistory: child.history !== undefined,
  };
}

/**
 * The children of `run` that match `filter`, one page (at most MAX_CHILD_PAGE), in item order.
 * @example
 * pageOfChildren(execution.mapRuns[0], { status: 'FAILED', limit: 50 }).children.map((c) => c.index);
 */
export function pageOfChildren(run: MapRun, filter: ChildFilter = {}): MapRunChildPage {
  const offset = Math.max(0, Math.floor(filter.offset ?? 0));
  const limit = Math.min(MAX_CHILD_PAGE, Math.max(0, Math.floor(filter.limit ?? 100)));
  const { status, at } = filter;
  const atMs = at === undefined ? undefined : timestampMs(at);
  const children: MapRunChildView[] = [];
  const seen = atMs === undefined ? undefined : run.children.map((child) => childAt(child, atMs));
  let matching = 0;
  for (const child of seen ?? run.children) {
    if (status !== undefined && child.status !== status) continue;
    if (matching >= offset && children.length < limit) children.push(childView(child));
    matching++;
  }
  return {
    mapRunArn: run.mapRunArn,
    ...(status === undefined ? {} : { status }),
    offset,
    matching,
    children,
    ...(seen ? { itemCounts: countChildren(seen) } : {}),
  };
}

/** `child` as it was at `atMs` while its run went on: not started yet, running, or as it ended. */
function childAt(child: MapRunChild, atMs: number): MapRunChild {
  const started = child.startDate !== undefined && timestampMs(child.startDate) <= atMs;
  if (!started) return pendingChild(child);
  // Strictly before: on the virtual clock a child can start and stop at the run's start time.
  if (child.stopDate !== undefined && timestampMs(child.stopDate) < atMs) return child;
  return { ...pendingChild(child), status: 'RUNNING', ...optional('startDate', child.startDate) };
}

function pendingChild({ index, name, executionArn, input }: MapRunChild): MapRunChild {
  // No history: what it held is of a later time.
  return { index, name, executionArn, input, status: 'PENDING' };
}

/** The runs of the Map state `stateName`, oldest first (a Map in a loop starts one per visit). */
export function runsOfState<R extends { stateName: string }>(runs: readonly R[], stateName: string): R[] {
  return runs.filter((run) => run.stateName === stateName);
}

/** The runs that `executionArn` started itself, oldest first (a pool also holds its children's runs). */
export function runsStartedBy(pool: readonly MapRun[], executionArn: string): MapRun[] {
  return pool.filter((run) => run.executionArn === executionArn);
}

/**
 * The runs of `pool` started by the top-level execution: those whose starter is no child of
 * another run (`execution.mapRuns` holds nested runs too, started by children).
 */
export function topLevelRuns(pool: readonly MapRun[]): MapRun[] {
  const children = new Set<string>();
  for (const run of pool) for (const child of run.children) children.add(child.executionArn);
  return pool.filter((run) => !children.has(run.executionArn));
}

/** The child with `executionArn`, and the run it belongs to. */
export function findChild(
  pool: readonly MapRun[],
  executionArn: string,
): { run: MapRun; child: MapRunChild } | undefined {
  for (const run of pool) {
    const child = run.children.find((candidate) => candidate.executionArn === executionArn);
    if (child) return { run, child };
  }
  return undefined;
}

/**
 * The ItemProcessor (or legacy Iterator) of the Map state `stateName`, anywhere in `definition`,
 * as a machine of its own: the machine children run. State names are unique across a machine,
 * nested ones included, so the name finds the one Map. The top level's QueryLanguage carries over,
 * as it does for the children's run.
 */
export function processorDefinition(
  definition: StateMachineDefinition,
  stateName: string,
): StateMachineDefinition | undefined {
  const found = findState(definition, stateName);
  const map = found?.Type === 'Map' ? found : undefined;
  const processor = map?.ItemProcessor ?? map?.Iterator;
  if (!isJsonObject(processor)) return undefined;
  const { ProcessorConfig: _config, ...machine } = processor;
  return {
    ...(definition.QueryLanguage === undefined ? {} : { QueryLanguage: definition.QueryLanguage }),
    ...machine,
  };
}

/** The state named `name` at any depth, through the one walk (which stops at MAX_SCOPE_DEPTH). */
function findState(definition: StateMachineDefinition, name: string): State | undefined {
  let found: State | undefined;
  walkDefinition<void, void>(definition, {
    scope: (_scope, states) => void states(),
    state: (state, nested) => {
      if (found !== undefined) return;
      if (state.name === name && isJsonObject(state.value)) found = state.value as unknown as State;
      else nested();
    },
    tooDeep: () => undefined,
  });
  return found;
}

/** Whether a Map state runs its items as a Map Run of child executions. */
export function isDistributedMap(state: State | undefined): state is MapState {
  return state?.Type === 'Map' && hasDistributedProcessor(state as unknown as Readonly<Record<string, unknown>>);
}

const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };

export type { ChildStatus, MapRunCounts, MapRunStatus };
