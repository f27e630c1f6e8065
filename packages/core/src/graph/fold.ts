/**
 * Time travel: a history (or any prefix of it) folded into what each state did, for a view of
 * the graph. Works for a live run event by event and for a finished or imported one. The reading
 * itself (chains, visits, attempts, outcomes) is the history reader's
 * (history/reader/history-reader.ts), which coverage's trace reads with too; the fold turns its
 * visits into node statuses, taken edges and Map progress.
 */
import type { Json } from '../json.js';
import type { HistoryEvent } from '../history/events.js';
import type { ExecutionStatus } from '../runtime/execution.js';
import { HistoryReader } from '../history/reader/history-reader.js';
import { definedOnly, isHistoryEvent, parsePayload } from '../history/reader/event-fields.js';
import type { MapProgress, StateStatus, VisitRecord } from '../history/reader/visit-record.js';
import { END_NODE_ID, START_NODE_ID, type GraphEdge, type GraphModel } from './model.js';
import { VisitBook, type Visit } from './visit-book.js';

export type { Visit, VisitFailure } from './visit-book.js';
export type { StateStatus, MapProgress } from '../history/reader/visit-record.js';

/** Everything a view needs at one point of a history. */
export interface ExecutionSnapshot {
  status: ExecutionStatus;
  /** Every node but branch groups: states, and the Start/End markers. */
  statuses: Record<string, StateStatus>;
  /** Visits per state node, in entry order. */
  visits: Record<string, readonly Visit[]>;
  /** How often each edge was followed. */
  edgesTaken: Record<string, number>;
  lastEventId: number;
  error?: string;
  cause?: string;
  mapProgress: Record<string, MapProgress>;
  input?: Json;
  output?: Json;
  startedAt?: string;
  stoppedAt?: string;
}

/** An incremental fold: apply events one by one, snapshot whenever a view wants one. */
export interface HistoryFolder {
  /** Applies the next event; events must come in id order (repeated ids are ignored). */
  apply(event: HistoryEvent): void;
  /** The fold so far; returns the same object while nothing changed. */
  snapshot(): ExecutionSnapshot;
  /** The visit (state) an applied event belongs to; `undefined` for execution-level events. */
  visitOf(eventId: number): Visit | undefined;
  /**
   * Resolves once every Choice edge is known. Which of several JSONata rules leading to the same
   * state was taken needs an asynchronous evaluation; until it settles, that edge is not counted.
   */
  settled(): Promise<void>;
}

/**
 * Folds `events` up to and including event id `upTo` (default: all).
 * @example
 * const graph = buildGraph(machine.definition);
 * const { statuses } = foldHistory(graph, result.history, 12); // the run as of event #12
 */
export function foldHistory(model: GraphModel, events: readonly HistoryEvent[], upTo = Infinity): ExecutionSnapshot {
  const folder = createHistoryFolder(model);
  for (const event of events) if (isHistoryEvent(event) && event.id <= upTo) folder.apply(event);
  return folder.snapshot();
}

/** An incremental folder for a history that grows (a live run, a stream from a server). */
export function createHistoryFolder(model: GraphModel): HistoryFolder {
  return new Folder(model);
}

const END_STATUS: Record<Exclude<ExecutionStatus, 'RUNNING'>, StateStatus> = {
  SUCCEEDED: 'succeeded',
  FAILED: 'failed',
  TIMED_OUT: 'failed',
  ABORTED: 'aborted',
};

class Folder implements HistoryFolder {
  private readonly book: VisitBook;
  private readonly reader: HistoryReader;
  private readonly edgesBySource = new Map<string, GraphEdge[]>();
  private started = false;
  private ended = false;
  /** The execution's input and output, parsed once. */
  private input?: Json;
  private output?: Json;
  private cached?: { version: number; lastEventId: number; snapshot: ExecutionSnapshot };

  constructor(model: GraphModel) {
    this.book = new VisitBook(model);
    this.reader = new HistoryReader({
      model,
      choiceRules: true,
      listener: {
        entered: (record) => this.entered(record),
        changed: (record) => this.book.touch(record),
        ruleSettled: (record) => record.next && this.takeEdge(record, record.next),
      },
    });
    for (const edge of model.edges) {
      const list = this.edgesBySource.get(edge.source) ?? [];
      list.push(edge);
      this.edgesBySource.set(edge.source, list);
    }
  }

  apply(event: HistoryEvent): void {
    this.reader.apply(event);
    if (this.ended && this.reader.status === 'RUNNING') this.redriven();
    if (!this.started && this.reader.startedAt !== undefined) {
      this.started = true;
      this.input = parsePayload(this.reader.input);
      this.book.setStatus(START_NODE_ID, 'succeeded');
    }
    if (!this.ended && this.reader.status !== 'RUNNING') {
      this.output = parsePayload(this.reader.output);
      this.end(this.reader.status);
    }
  }

  snapshot(): ExecutionSnapshot {
    this.book.flush();
    const reader = this.reader;
    const cached = this.cached;
    if (cached && cached.version === this.book.changes && cached.lastEventId === reader.lastEventId)
      return cached.snapshot;
    const snapshot: ExecutionSnapshot = {
      status: reader.status,
      statuses: { ...this.book.statuses },
      visits: this.book.publishVisits(),
      edgesTaken: { ...this.book.edgesTaken },
      lastEventId: reader.lastEventId,
      mapProgress: { ...this.book.mapProgress },
      ...definedOnly({
        error: reader.error,
        cause: reader.cause,
        input: this.input,
        output: this.output,
        startedAt: reader.startedAt,
        stoppedAt: reader.stoppedAt,
      }),
    };
    this.cached = { version: this.book.changes, lastEventId: reader.lastEventId, snapshot };
    return snapshot;
  }

  visitOf(eventId: number): Visit | undefined {
    const record = this.reader.chains.ownerOf(eventId);
    if (!record) return undefined;
    this.book.flush();
    return this.book.visitOf(record);
  }

  settled(): Promise<void> {
    return this.reader.settled();
  }

  private entered(record: VisitRecord): void {
    this.book.add(record);
    const { from, chain } = record;
    // The edge out of a Choice whose rule waits on JSONata is counted when the rule is known.
    if (from) {
      if (!from.rulePending) this.takeEdge(from, record);
    } else if (chain === this.reader.chains.root && chain.visits.length === 1) this.takeStartEdge(record);
  }

  private end(status: Exclude<ExecutionStatus, 'RUNNING'>): void {
    this.ended = true;
    const last = this.reader.chains.root.current;
    if (last?.node && (status === 'SUCCEEDED' || last.node.kind === 'Fail')) {
      const toEnd = this.edgesBySource.get(last.node.id)?.find((edge) => edge.kind === 'end');
      if (toEnd) this.book.takeEdge(toEnd.id);
    }
    this.book.setStatus(END_NODE_ID, END_STATUS[status]);
  }

  /** ExecutionRedriven: the run goes on, and what stopped it is run again. */
  private redriven(): void {
    this.ended = false;
    this.output = undefined;
    this.book.setStatus(END_NODE_ID, 'not-started');
    this.book.supersedeStopped();
  }

  private takeStartEdge(record: VisitRecord): void {
    const edge = this.edgesBySource.get(START_NODE_ID)?.find((e) => e.target === record.node?.id);
    if (edge) this.book.takeEdge(edge.id);
  }

  /** The edge from a visit to the next on its chain: the catcher's after a caught error, the rule's after a Choice. */
  private takeEdge(from: VisitRecord, to: VisitRecord): void {
    if (!from.node || !to.node) return;
    const candidates = (this.edgesBySource.get(from.node.id) ?? []).filter((edge) => edge.target === to.node!.id);
    if (candidates.length === 0) return;
    let edge: GraphEdge | undefined;
    if (from.status === 'caught')
      edge =
        candidates.find((e) => e.kind === 'catch' && e.index === from.catcher) ??
        candidates.find((e) => e.kind === 'catch');
    else if (from.rule !== undefined)
      edge = candidates.find((e) =>
        from.rule === 'default' ? e.kind === 'default' : e.kind === 'choice' && e.index === from.rule,
      );
    edge ??= candidates.find((e) => e.kind !== 'catch') ?? candidates[0]!;
    this.book.takeEdge(edge.id);
  }
}
