/**
 * The fold's store: every visit of every state, each node's status summed up from its visits,
 * edge counts and Map progress. Visits are immutable objects replaced on change, and a
 * snapshot reuses every array and record that did not change since the last one, so a UI
 * that snapshots once per frame while 10,000 events stream in pays for what changed only.
 */
import type { Json } from '../json.js';
import type { GraphModel, GraphNode } from './model.js';
import type { Fate } from './attempt-fate.js';

export type StateStatus = 'not-started' | 'running' | 'succeeded' | 'failed' | 'caught' | 'retrying' | 'aborted';

/** One failed attempt of a visit (the attempts that Retry gave another go, and the last one). */
export interface VisitFailure {
  eventId: number;
  at: string;
  error?: string;
  cause?: string;
}

/** One entry into a state, from its Entered event to its Exited (or failure, or abort). */
export interface Visit {
  nodeId: string;
  stateName: string;
  enteredEventId: number;
  exitedEventId?: number;
  enteredAt: string;
  exitedAt?: string;
  input?: Json;
  output?: Json;
  error?: string;
  cause?: string;
  /** Retry attempts started (attempts after the first). */
  retries: number;
  status: StateStatus;
  /** Index of the innermost Map iteration this visit ran in. */
  mapIndex?: number;
  /** Index of the innermost Parallel branch this visit ran in. */
  branchIndex?: number;
  failures?: readonly VisitFailure[];
}

/** Iterations of a Map node, summed over its visits (each visit's latest attempt). */
export interface MapProgress {
  total: number;
  succeeded: number;
  failed: number;
  running: number;
  aborted: number;
}

/** A visit's bookkeeping; `visit` is the current public (immutable) object. */
export interface VisitRecord {
  readonly node: GraphNode;
  readonly index: number;
  readonly seq: number;
  visit: Visit;
  /** open: running; failing: an attempt failed and the outcome is not known yet; closed: settled. */
  phase: 'open' | 'failing' | 'closed';
  /** Attempts started (Task*Scheduled, Parallel/MapStateStarted). */
  attempts: number;
  /** While failing: what the state's Retry and Catch make of the failure. */
  fate?: Fate;
  retrierCounts: number[];
  progress?: MapProgress;
}

const EMPTY: readonly Visit[] = Object.freeze([]);
const STATUS_ORDER: readonly StateStatus[] = ['retrying', 'running', 'failed', 'aborted', 'caught', 'succeeded'];

export class VisitBook {
  readonly statuses: Record<string, StateStatus> = Object.create(null) as Record<string, StateStatus>;
  readonly edgesTaken: Record<string, number> = Object.create(null) as Record<string, number>;
  readonly mapProgress: Record<string, MapProgress> = Object.create(null) as Record<string, MapProgress>;
  /** Visits not yet closed, in entry order. */
  readonly open = new Set<VisitRecord>();
  private readonly visits = new Map<string, Visit[]>();
  private readonly counts = new Map<string, Record<StateStatus, number>>();
  private readonly dirtyVisits = new Set<string>();
  private published: Record<string, readonly Visit[]> = Object.create(null) as Record<string, readonly Visit[]>;
  private version = 0;
  private seq = 0;

  constructor(model: GraphModel) {
    for (const node of model.nodes) {
      if (node.kind === 'branch') continue;
      this.statuses[node.id] = 'not-started';
      if (node.stateName === undefined) continue;
      this.published[node.id] = EMPTY;
      if (node.kind === 'Map')
        this.mapProgress[node.id] = { total: 0, succeeded: 0, failed: 0, running: 0, aborted: 0 };
    }
  }

  /** Bumped on every change: a snapshot is rebuilt only when it moved. */
  get changes(): number {
    return this.version;
  }

  add(node: GraphNode, visit: Visit): VisitRecord {
    let list = this.visits.get(node.id);
    if (!list) this.visits.set(node.id, (list = []));
    const record: VisitRecord = {
      node,
      index: list.length,
      seq: this.seq++,
      visit,
      phase: 'open',
      attempts: 0,
      retrierCounts: [],
    };
    list.push(visit);
    this.count(node.id, visit.status, 1);
    this.open.add(record);
    this.touch(node.id);
    return record;
  }

  update(record: VisitRecord, patch: Partial<Visit>): void {
    const before = record.visit.status;
    const next: Visit = { ...record.visit, ...patch };
    // Cleared fields are removed, not kept as `undefined`, so visits compare and serialise cleanly.
    for (const key of Object.keys(patch) as (keyof Visit)[]) if (next[key] === undefined) delete next[key];
    record.visit = next;
    this.visits.get(record.node.id)![record.index] = record.visit;
    if (record.visit.status !== before) {
      this.count(record.node.id, before, -1);
      this.count(record.node.id, record.visit.status, 1);
    }
    this.touch(record.node.id);
  }

  close(record: VisitRecord, status: StateStatus, patch: Partial<Visit> = {}): void {
    record.phase = 'closed';
    this.open.delete(record);
    this.update(record, { ...patch, status });
  }

  takeEdge(edgeId: string): void {
    this.edgesTaken[edgeId] = (this.edgesTaken[edgeId] ?? 0) + 1;
    this.version++;
  }

  setStatus(nodeId: string, status: StateStatus): void {
    if (!(nodeId in this.statuses)) return;
    this.statuses[nodeId] = status;
    this.version++;
  }

  /** Adds `delta` to one progress counter of a Map visit and of its node's total. */
  bumpProgress(record: VisitRecord, field: keyof MapProgress, delta: number): void {
    record.progress ??= { total: 0, succeeded: 0, failed: 0, running: 0, aborted: 0 };
    record.progress[field] += delta;
    const total = this.mapProgress[record.node.id];
    if (total) this.mapProgress[record.node.id] = { ...total, [field]: total[field] + delta };
    this.version++;
  }

  /** Visits of a node, newest last, as currently recorded. */
  visitsOf(nodeId: string): readonly Visit[] {
    return this.visits.get(nodeId) ?? EMPTY;
  }

  /** The visits record for a snapshot: unchanged nodes keep the arrays of the previous one. */
  publishVisits(): Record<string, readonly Visit[]> {
    if (this.dirtyVisits.size === 0) return this.published;
    const next = Object.assign(Object.create(null) as Record<string, readonly Visit[]>, this.published);
    for (const nodeId of this.dirtyVisits) next[nodeId] = Object.freeze(this.visits.get(nodeId)!.slice());
    this.dirtyVisits.clear();
    this.published = next;
    return next;
  }

  private touch(nodeId: string): void {
    this.dirtyVisits.add(nodeId);
    this.version++;
  }

  private count(nodeId: string, status: StateStatus, delta: number): void {
    let counts = this.counts.get(nodeId);
    if (!counts) {
      counts = { 'not-started': 0, running: 0, succeeded: 0, failed: 0, caught: 0, retrying: 0, aborted: 0 };
      this.counts.set(nodeId, counts);
    }
    counts[status] += delta;
    // A node drawn once for many visits (loops, Map iterations) shows the liveliest, then the worst, outcome.
    this.statuses[nodeId] = STATUS_ORDER.find((s) => counts[s] > 0) ?? 'not-started';
  }
}
