/**
 * Threads of states for the fold: the top level, each Parallel branch and each Map iteration
 * of a visit. Every applied event is pinned to a thread (and usually to the visit it belongs
 * to), so a later event finds its place by following `previousEventId`.
 */
import type { GraphModel, GraphNode } from './model.js';
import type { VisitBook, VisitRecord } from './visit-book.js';

export interface Thread {
  /** The Parallel or Map visit that runs this thread; none for the top level. */
  readonly parent?: VisitRecord;
  /** Innermost Map iteration and Parallel branch (inherited from enclosing threads). */
  readonly mapIndex?: number;
  readonly branchIndex?: number;
  /** This thread's own branch index (branch threads only). */
  readonly ownBranch?: number;
  /** The thread's latest visit (open or settled): the source of the next edge. */
  current?: VisitRecord;
  /** The thread's latest failure, which a failing Parallel or Map reports as its own. */
  lastError?: { error?: string; cause?: string; known: boolean };
  running: boolean;
}

/** Where a state lives: its enclosing Parallel or Map node, and the branch index for Parallel. */
interface Scope {
  containerId?: string;
  branch?: number;
}

type Accept = (record: VisitRecord) => boolean;

export class Threads {
  readonly root: Thread = { running: true };
  private readonly eventThread = new Map<number, Thread>();
  private readonly eventOwner = new Map<number, VisitRecord>();
  private readonly recordThread = new WeakMap<VisitRecord, Thread>();
  private readonly children = new WeakMap<VisitRecord, Map<number, Thread>>();
  private readonly scopes = new Map<string, Scope>();

  constructor(
    model: GraphModel,
    private readonly book: VisitBook,
  ) {
    const byId = new Map(model.nodes.map((node) => [node.id, node]));
    for (const node of model.nodes) {
      if (node.stateName === undefined) continue;
      const parent = node.parentId === undefined ? undefined : byId.get(node.parentId);
      if (parent?.kind === 'branch')
        this.scopes.set(node.id, { containerId: parent.parentId, branch: parent.branchIndex });
      else this.scopes.set(node.id, parent ? { containerId: parent.id } : {});
    }
  }

  threadOf(eventId: number): Thread | undefined {
    return eventId === 0 ? this.root : this.eventThread.get(eventId);
  }

  ownerOf(eventId: number): VisitRecord | undefined {
    return this.eventOwner.get(eventId);
  }

  threadOfRecord(record: VisitRecord): Thread | undefined {
    return this.recordThread.get(record);
  }

  /** Pins an event to the visit it belongs to. */
  own(eventId: number, record: VisitRecord): void {
    this.eventOwner.set(eventId, record);
    const thread = this.recordThread.get(record);
    if (thread) this.eventThread.set(eventId, thread);
  }

  /** Pins an event that changes no visit: to its predecessor's thread, and to a visit if one accepts it. */
  attribute(eventId: number, previousEventId: number, accept?: Accept): void {
    this.eventThread.set(eventId, this.threadOf(previousEventId) ?? this.root);
    const owner = accept ? this.find(previousEventId, accept) : undefined;
    if (owner) this.eventOwner.set(eventId, owner);
  }

  enter(thread: Thread, record: VisitRecord, eventId: number): void {
    thread.current = record;
    this.recordThread.set(record, thread);
    this.own(eventId, record);
  }

  /** The visits an event's chain runs through, innermost first: its own visit, then the enclosing Parallels and Maps. */
  chain(previousEventId: number): VisitRecord[] {
    const out: VisitRecord[] = [];
    const owner = this.ownerOf(previousEventId);
    if (owner) out.push(owner);
    let thread = owner ? this.recordThread.get(owner) : this.threadOf(previousEventId);
    for (let guard = 0; thread && guard < 1000; guard++) {
      if (thread.current && !out.includes(thread.current)) out.push(thread.current);
      if (!thread.parent) break;
      if (!out.includes(thread.parent)) out.push(thread.parent);
      thread = this.recordThread.get(thread.parent);
    }
    return out;
  }

  /**
   * The first visit on the event's chain that `accept`s; failing that (a broken chain, or
   * AWS pointing an abort at the event that caused it), the newest unsettled visit of `node`.
   */
  find(previousEventId: number, accept: Accept, node?: GraphNode, also: Accept = () => true): VisitRecord | undefined {
    const onChain = this.chain(previousEventId).find((record) => accept(record) && also(record));
    if (onChain || !node) return onChain;
    let newest: VisitRecord | undefined;
    for (const record of this.book.open) if (record.node === node && accept(record) && also(record)) newest = record;
    return newest;
  }

  /** The thread a newly entered state belongs to. */
  threadFor(node: GraphNode, previousEventId: number): Thread {
    const scope = this.scopes.get(node.id) ?? {};
    const previous = this.threadOf(previousEventId) ?? this.root;
    if (this.inScope(previous, scope)) return previous;
    if (scope.containerId === undefined) return this.root;
    const container =
      this.find(previousEventId, (v) => v.node.id === scope.containerId && v.phase !== 'closed', undefined) ??
      this.newestOpen(scope.containerId);
    // A state whose enclosing visit cannot be found still gets a thread of its own.
    if (!container) return { running: true };
    const kids = this.kids(container);
    if (scope.branch !== undefined) {
      let branch = kids.get(scope.branch);
      if (!branch)
        kids.set(
          scope.branch,
          (branch = this.child(container, { ownBranch: scope.branch, branchIndex: scope.branch })),
        );
      return branch;
    }
    let fresh: Thread | undefined;
    for (const thread of kids.values()) if (thread.running && !thread.current) fresh = thread;
    return fresh ?? this.child(container, {});
  }

  startIteration(map: VisitRecord, index: number, eventId: number): void {
    const thread = this.child(map, { mapIndex: index });
    this.kids(map).set(index, thread);
    this.eventThread.set(eventId, thread);
    this.eventOwner.set(eventId, map);
  }

  hasIteration(map: VisitRecord, index: number): boolean {
    return this.children.get(map)?.has(index) ?? false;
  }

  /** Ends an iteration; returns whether it was still running (it may have been aborted already). */
  endIteration(map: VisitRecord, index: number, eventId: number, outcome: 'succeeded' | 'failed' | 'aborted'): boolean {
    const thread = this.children.get(map)?.get(index);
    this.eventOwner.set(eventId, map);
    if (!thread) return false;
    this.eventThread.set(eventId, thread);
    const wasRunning = thread.running;
    if (outcome !== 'succeeded') this.finishThread(thread, outcome);
    thread.running = false;
    return wasRunning;
  }

  /** A new attempt of a Parallel or Map starts with fresh branches or iterations. */
  resetChildren(record: VisitRecord): void {
    this.finishChildren(record, 'aborted');
    this.children.set(record, new Map());
  }

  /** Settles what still runs inside a visit: failing visits failed, running ones `status`. */
  finishChildren(record: VisitRecord, status: 'failed' | 'aborted'): void {
    for (const thread of this.children.get(record)?.values() ?? []) {
      if (thread.running && record.node.kind === 'Map' && thread.mapIndex !== undefined) {
        this.book.bumpProgress(record, 'running', -1);
        this.book.bumpProgress(record, status, 1);
      }
      this.finishThread(thread, status);
    }
  }

  private finishThread(thread: Thread, status: 'failed' | 'aborted'): void {
    const current = thread.current;
    if (current && current.phase !== 'closed') {
      this.finishChildren(current, status);
      this.book.close(current, current.phase === 'failing' ? 'failed' : status);
    }
    thread.running = false;
  }

  private inScope(thread: Thread, scope: Scope): boolean {
    return (
      thread.parent?.node.id === scope.containerId && (scope.branch === undefined || thread.ownBranch === scope.branch)
    );
  }

  private kids(record: VisitRecord): Map<number, Thread> {
    let kids = this.children.get(record);
    if (!kids) this.children.set(record, (kids = new Map()));
    return kids;
  }

  private child(parent: VisitRecord, own: { ownBranch?: number; branchIndex?: number; mapIndex?: number }): Thread {
    const outer = this.recordThread.get(parent);
    const thread: { -readonly [K in keyof Thread]: Thread[K] } = { parent, running: true };
    const mapIndex = own.mapIndex ?? outer?.mapIndex;
    const branchIndex = own.branchIndex ?? outer?.branchIndex;
    if (mapIndex !== undefined) thread.mapIndex = mapIndex;
    if (branchIndex !== undefined) thread.branchIndex = branchIndex;
    if (own.ownBranch !== undefined) thread.ownBranch = own.ownBranch;
    return thread;
  }

  private newestOpen(nodeId: string): VisitRecord | undefined {
    let newest: VisitRecord | undefined;
    for (const record of this.book.open) if (record.node.id === nodeId) newest = record;
    return newest;
  }
}
