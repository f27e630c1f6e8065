/**
 * The fold's store: every visit of every state as the viewer shows it, each node's status summed
 * up from its visits, edge counts and Map progress. Visits are immutable objects replaced on
 * change, and a snapshot reuses every array and record that did not change since the last one,
 * so a UI that snapshots once per frame while 10,000 events stream in pays for what changed only.
 */
import type { Json } from '../json.js';
import type { GraphModel } from './model.js';
import { parsePayload } from '../history/reader/event-fields.js';
import type { MapProgress, StateStatus, VisitRecord } from '../history/reader/visit-record.js';

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

/** A visit as published: its place in its node's list, and what was parsed or counted for it. */
interface Entry {
  readonly nodeId: string;
  readonly index: number;
  input: Json | undefined;
  output: Json | undefined;
  visit?: Visit;
  progress?: MapProgress;
}

const EMPTY: readonly Visit[] = Object.freeze([]);
/** A new visit's slot until the next flush fills it. */
const EMPTY_VISIT = Object.freeze({}) as Visit;
const STATUS_ORDER: readonly StateStatus[] = ['retrying', 'running', 'failed', 'aborted', 'caught', 'succeeded'];
const PROGRESS_FIELDS = ['total', 'succeeded', 'failed', 'running', 'aborted'] as const;

export class VisitBook {
  readonly statuses: Record<string, StateStatus> = Object.create(null) as Record<string, StateStatus>;
  readonly edgesTaken: Record<string, number> = Object.create(null) as Record<string, number>;
  readonly mapProgress: Record<string, MapProgress> = Object.create(null) as Record<string, MapProgress>;
  private readonly entries = new WeakMap<VisitRecord, Entry>();
  private readonly visits = new Map<string, Visit[]>();
  private readonly counts = new Map<string, Record<StateStatus, number>>();
  private readonly dirtyRecords = new Set<VisitRecord>();
  private readonly dirtyVisits = new Set<string>();
  /** Visits a redrive ran again: listed still, no longer counted in their node's status. */
  private readonly superseded = new WeakSet<Visit>();
  private published: Record<string, readonly Visit[]> = Object.create(null) as Record<string, readonly Visit[]>;
  private version = 0;

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

  /** A visit of a node the graph draws was entered; its published form is made at the next flush. */
  add(record: VisitRecord): void {
    const nodeId = record.node?.id;
    if (nodeId === undefined || !(nodeId in this.published)) return;
    let list = this.visits.get(nodeId);
    if (!list) this.visits.set(nodeId, (list = []));
    this.entries.set(record, { nodeId, index: list.length, input: undefined, output: undefined });
    list.push(EMPTY_VISIT);
    this.dirtyRecords.add(record);
    this.version++;
  }

  /** The reader changed a visit: its published form is brought up to date at the next flush. */
  touch(record: VisitRecord): void {
    if (!this.entries.has(record)) return;
    this.dirtyRecords.add(record);
    this.version++;
  }

  /** The published form of a visit (after `flush`). */
  visitOf(record: VisitRecord): Visit | undefined {
    return this.entries.get(record)?.visit;
  }

  /** Replaces the visits the reader changed since the last flush, and sums their nodes up again. */
  flush(): void {
    for (const record of this.dirtyRecords) {
      const entry = this.entries.get(record)!;
      const before = entry.visit;
      // Payloads are parsed once: the input when first published, the output when the visit has one.
      if (!before) entry.input = parsePayload(record.input);
      if (record.output !== undefined && entry.output === undefined) entry.output = parsePayload(record.output);
      entry.visit = toVisit(record, entry);
      this.visits.get(entry.nodeId)![entry.index] = entry.visit;
      if (before && this.superseded.has(before)) this.superseded.add(entry.visit);
      else if (entry.visit.status !== before?.status) {
        if (before) this.count(entry.nodeId, before.status, -1);
        this.count(entry.nodeId, entry.visit.status, 1);
      }
      if (record.progress) this.moveProgress(entry, record.progress);
      this.dirtyVisits.add(entry.nodeId);
    }
    this.dirtyRecords.clear();
  }

  /**
   * The execution was redriven: the visits that stopped it (failed, aborted) ran again, so they no
   * longer decide their nodes' statuses; a state that failed and then succeeded shows as succeeded.
   */
  supersedeStopped(): void {
    this.flush();
    for (const [nodeId, list] of this.visits) {
      for (const visit of list) {
        if ((visit.status !== 'failed' && visit.status !== 'aborted') || this.superseded.has(visit)) continue;
        this.superseded.add(visit);
        this.count(nodeId, visit.status, -1);
      }
    }
    this.version++;
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

  /** The visits record for a snapshot (after `flush`): unchanged nodes keep the arrays of the previous one. */
  publishVisits(): Record<string, readonly Visit[]> {
    if (this.dirtyVisits.size === 0) return this.published;
    const next = Object.assign(Object.create(null) as Record<string, readonly Visit[]>, this.published);
    for (const nodeId of this.dirtyVisits) next[nodeId] = Object.freeze(this.visits.get(nodeId)!.slice());
    this.dirtyVisits.clear();
    this.published = next;
    return next;
  }

  /** A Map node's progress is the sum of its visits' latest attempts: the difference goes into it. */
  private moveProgress(entry: Entry, progress: MapProgress): void {
    const total = this.mapProgress[entry.nodeId];
    const before = entry.progress;
    if (!total || PROGRESS_FIELDS.every((field) => before?.[field] === progress[field])) return;
    const next = { ...total };
    for (const field of PROGRESS_FIELDS) next[field] += progress[field] - (before?.[field] ?? 0);
    this.mapProgress[entry.nodeId] = next;
    entry.progress = { ...progress };
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

/** A visit as the viewer shows it: payloads parsed, the latest attempt's error, every failure event. */
function toVisit(record: VisitRecord, { nodeId, input, output }: Entry): Visit {
  // Only what is known is set, so visits compare and serialise cleanly.
  const visit = {
    nodeId,
    stateName: record.name,
    enteredEventId: record.enteredEventId,
    enteredAt: record.enteredAt,
  } as Visit;
  if (input !== undefined) visit.input = input;
  visit.retries = record.attempts.length - 1;
  visit.status = record.status;
  const { mapIndex, branchIndex } = record.chain;
  if (mapIndex !== undefined) visit.mapIndex = mapIndex;
  if (branchIndex !== undefined) visit.branchIndex = branchIndex;
  if (record.exitedEventId !== undefined) visit.exitedEventId = record.exitedEventId;
  if (record.exitedAt !== undefined) visit.exitedAt = record.exitedAt;
  if (output !== undefined) visit.output = output;
  const latest = record.attempts[record.attempts.length - 1]?.failure;
  if (latest?.error !== undefined) visit.error = latest.error;
  if (latest?.cause !== undefined) visit.cause = latest.cause;
  let failures: VisitFailure[] | undefined;
  for (const { failure } of record.attempts) {
    if (failure?.eventId === undefined) continue;
    const entry: VisitFailure = { eventId: failure.eventId, at: failure.at! };
    if (failure.error !== undefined) entry.error = failure.error;
    if (failure.cause !== undefined) entry.cause = failure.cause;
    (failures ??= []).push(entry);
  }
  if (failures) visit.failures = failures;
  return visit;
}
