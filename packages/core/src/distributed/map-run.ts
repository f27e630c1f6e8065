/**
 * A Map Run: what a distributed Map state starts. Its iterations are child executions with their
 * own ARNs and histories; the parent's history records only MapRunStarted and how the run ended.
 * This file holds the public model (`execution.mapRuns`) and AWS's ARN forms.
 */
import type { Json } from '../json.js';
import type { HistoryEvent } from '../history/events.js';
import type { ExecutionType } from '../runtime/execution-type.js';
import { UsageError } from '../errors/aslkit-error.js';
import { ErrorCode } from '../errors/error-codes.js';

export type MapRunStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';
export type ChildStatus = 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** Which children keep their history in memory once they end (`StartOptions.mapRuns`). */
export type ChildHistories = 'none' | 'failed' | 'all';

export interface MapRunOptions {
  /**
   * Keep the histories of no child, of children that did not succeed (the default), or of all.
   * A running child's history is always kept until it ends; listeners see every event either way.
   */
  childHistories?: ChildHistories;
}

/** One child execution of a Map Run (one item, or one batch with an ItemBatcher). */
export interface MapRunChild {
  /** The item's (or batch's) index. */
  readonly index: number;
  readonly name: string;
  readonly executionArn: string;
  status: ChildStatus;
  /** The child's input (the item after ItemSelector, or the batch). */
  readonly input: Json;
  output?: Json;
  error?: string;
  cause?: string;
  startDate?: string;
  stopDate?: string;
  /** Present once the child ended, when `childHistories` keeps it. */
  history?: readonly HistoryEvent[];
  /** A STANDARD child a Map Run's redrive redrove: how many times (absent before the first). */
  redriveCount?: number;
}

export interface MapRunCounts {
  pending: number;
  running: number;
  succeeded: number;
  failed: number;
  timedOut: number;
  aborted: number;
  total: number;
}

/** A Map Run, as DescribeMapRun and ListExecutions (by map run) show it. */
export interface MapRun {
  readonly mapRunArn: string;
  /** The ARN of the execution that started it. */
  readonly executionArn: string;
  /** The Map state's name. */
  readonly stateName: string;
  /** The ARN the children run under: the machine's, with `/<Label or state name>`. */
  readonly stateMachineArn: string;
  readonly executionType: ExecutionType;
  readonly maxConcurrency: number;
  /** The Map's ToleratedFailurePercentage and ToleratedFailureCount, when it sets them. */
  readonly toleratedFailurePercentage?: number;
  readonly toleratedFailureCount?: number;
  status: MapRunStatus;
  error?: string;
  cause?: string;
  startDate: string;
  stopDate?: string;
  readonly children: readonly MapRunChild[];
  /** Children by status, counted from `children`. */
  readonly itemCounts: MapRunCounts;
}

/** The `itemCounts` field each child status is counted in (DescribeMapRun's names). */
export const COUNT_KEYS: Readonly<Record<ChildStatus, keyof MapRunCounts>> = {
  PENDING: 'pending',
  RUNNING: 'running',
  SUCCEEDED: 'succeeded',
  FAILED: 'failed',
  TIMED_OUT: 'timedOut',
  ABORTED: 'aborted',
};

/** The limits UpdateMapRun changes on a running Map Run. */
export interface MapRunLimits {
  /** 0: as many children at once as AWS runs (10,000). */
  maxConcurrency?: number;
  toleratedFailurePercentage?: number;
  toleratedFailureCount?: number;
}

/** Who hears of a record's new limits (kept off the record, whose fields are its public shape). */
const limitListeners = new WeakMap<MapRunRecord, Set<() => void>>();

/** Calls `listener` after `updateMapRun` changed the limits of `run`; returns the unsubscribe function. */
export function onLimitsChanged(run: MapRunRecord, listener: () => void): () => void {
  let listeners = limitListeners.get(run);
  if (!listeners) limitListeners.set(run, (listeners = new Set()));
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * UpdateMapRun: new limits for a RUNNING Map Run of `execution.mapRuns`. A raised MaxConcurrency
 * starts more children at once; a lowered one lets the running children end before others start; the
 * tolerated failures apply to the failures counted from then on. Throws a UsageError for a run that
 * ended or a Map Run this engine did not start.
 */
export function updateMapRun(run: MapRun, limits: MapRunLimits): void {
  if (!(run instanceof MapRunRecord)) throw new UsageError(ErrorCode.Usage, 'Not a Map Run of this engine');
  if (run.status !== 'RUNNING')
    throw new UsageError(
      ErrorCode.Usage,
      `Map Run '${run.mapRunArn}' is ${run.status}: only a running one can be updated`,
    );
  if (limits.maxConcurrency !== undefined) run.maxConcurrency = limits.maxConcurrency;
  if (limits.toleratedFailurePercentage !== undefined)
    run.toleratedFailurePercentage = limits.toleratedFailurePercentage;
  if (limits.toleratedFailureCount !== undefined) run.toleratedFailureCount = limits.toleratedFailureCount;
  for (const listener of limitListeners.get(run) ?? []) listener();
}

/** The run's record; the executor updates it as children start and end. */
export class MapRunRecord implements MapRun {
  status: MapRunStatus = 'RUNNING';
  error?: string;
  cause?: string;
  stopDate?: string;
  toleratedFailurePercentage?: number;
  toleratedFailureCount?: number;
  readonly children: MapRunChild[] = [];

  constructor(
    readonly mapRunArn: string,
    readonly executionArn: string,
    readonly stateName: string,
    readonly stateMachineArn: string,
    readonly executionType: ExecutionType,
    /** Mutable: `updateMapRun`. */
    public maxConcurrency: number,
    readonly startDate: string,
  ) {}

  get itemCounts(): MapRunCounts {
    return countChildren(this.children);
  }
}

/** Children by status, as DescribeMapRun's `itemCounts`. */
export function countChildren(children: readonly Pick<MapRunChild, 'status'>[]): MapRunCounts {
  const counts: MapRunCounts = { pending: 0, running: 0, succeeded: 0, failed: 0, timedOut: 0, aborted: 0, total: 0 };
  for (const child of children) counts[COUNT_KEYS[child.status]]++;
  counts.total = children.length;
  return counts;
}

/** `arn:aws:states:REGION:ACCOUNT:stateMachine:NAME` → the children's `...:stateMachine:NAME/LABEL`. */
export const childMachineArn = (machineArn: string, label: string): string => `${machineArn}/${label}`;

/** AWS's form: `arn:aws:states:REGION:ACCOUNT:mapRun:MACHINE/LABEL:ID`. */
export const mapRunArn = (childMachine: string, id: string): string =>
  `${childMachine.replace(':stateMachine:', ':mapRun:')}:${id}`;
