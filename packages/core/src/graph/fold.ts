/**
 * Time travel: a history (or any prefix of it) folded into what each state did. Works for
 * a live run event by event and for a finished or imported one.
 *
 * Events do not say which Parallel branch or Map iteration they belong to; AWS chains them
 * instead (docs/research/history-events.md §1.1): each event's `previousEventId` is the last
 * event of the same thread of states, a branch's first state points at ParallelStateStarted,
 * an iteration's at its MapIterationStarted. The folder follows those chains, and falls back
 * on names and on the only visit that can match where a chain is broken.
 */
import type { Json } from '../json.js';
import type { HistoryEvent } from '../history/events.js';
import type { ExecutionStatus } from '../runtime/execution.js';
import { END_NODE_ID, START_NODE_ID, type GraphEdge, type GraphModel, type GraphNode } from './model.js';
import { findCatcher, predictFate, type Failure } from './attempt-fate.js';
import { definedOnly, detailsOf, optionalString, parsePayload } from './event-fields.js';
import { VisitBook, type MapProgress, type StateStatus, type Visit, type VisitRecord } from './visit-book.js';
import { Threads } from './threads.js';

export type { StateStatus, Visit, VisitFailure, MapProgress } from './visit-book.js';

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
}

/**
 * Folds `events` up to and including event id `upTo` (default: all).
 * @example
 * const graph = buildGraph(machine.definition);
 * const { statuses } = foldHistory(graph, result.history, 12); // the run as of event #12
 */
export function foldHistory(model: GraphModel, events: readonly HistoryEvent[], upTo = Infinity): ExecutionSnapshot {
  const folder = createHistoryFolder(model);
  for (const event of events) if (isEvent(event) && event.id <= upTo) folder.apply(event);
  return folder.snapshot();
}

/** An incremental folder for a history that grows (a live run, a stream from a server). */
export function createHistoryFolder(model: GraphModel): HistoryFolder {
  return new Folder(model);
}

const isEvent = (value: unknown): value is HistoryEvent =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as HistoryEvent).id === 'number' &&
  typeof (value as HistoryEvent).type === 'string';

/** Where an event sits: its id, its chain predecessor and its time. */
interface EventAt {
  eventId: number;
  previousEventId: number;
  time: string;
}

const TASK_SCHEDULED = new Set(['TaskScheduled', 'LambdaFunctionScheduled', 'ActivityScheduled']);
const TASK_FAILURE = /^(Task|LambdaFunction|Activity)(Failed|TimedOut|StartFailed|SubmitFailed|ScheduleFailed)$/;
const TASK_EVENT = /^(Task|LambdaFunction|Activity)[A-Z]/;

class Folder implements HistoryFolder {
  private readonly book: VisitBook;
  private readonly threads: Threads;
  private readonly edgesBySource = new Map<string, GraphEdge[]>();
  private readonly nodesByName = new Map<string, GraphNode>();
  private status: ExecutionStatus = 'RUNNING';
  private lastEventId = 0;
  private error?: string;
  private cause?: string;
  private input?: Json;
  private output?: Json;
  private startedAt?: string;
  private stoppedAt?: string;
  private cached?: { version: number; lastEventId: number; snapshot: ExecutionSnapshot };

  constructor(model: GraphModel) {
    this.book = new VisitBook(model);
    this.threads = new Threads(model, this.book);
    for (const edge of model.edges) {
      const list = this.edgesBySource.get(edge.source) ?? [];
      list.push(edge);
      this.edgesBySource.set(edge.source, list);
    }
    const byId = new Map(model.nodes.map((node) => [node.id, node]));
    for (const [name, id] of Object.entries(model.nodeIdsByStateName)) {
      const node = byId.get(id);
      if (node) this.nodesByName.set(name, node);
    }
  }

  apply(event: HistoryEvent): void {
    if (!isEvent(event) || event.id <= this.lastEventId) return;
    this.lastEventId = event.id;
    const type: string = event.type;
    const details = detailsOf(event);
    const at = {
      eventId: event.id,
      previousEventId: typeof event.previousEventId === 'number' ? event.previousEventId : 0,
      time: String(event.timestamp),
    };
    if (type.startsWith('Execution')) return this.execution(type, details, at.time, at.previousEventId);
    if (type.endsWith('StateEntered')) return this.entered(details, at);
    if (type.endsWith('StateExited')) return this.exited(details, at);
    if (type.startsWith('MapIteration')) return this.iteration(type, details, at);
    if (type === 'ParallelStateStarted' || type === 'MapStateStarted') return this.containerStarted(type, details, at);
    if (type === 'ParallelStateFailed' || type === 'MapStateFailed') return this.containerFailed(type, at);
    if (type.endsWith('StateAborted')) return this.aborted(type.slice(0, -'StateAborted'.length), at);
    if (type === 'EvaluationFailed') return this.evaluationFailed(details, at);
    if (TASK_EVENT.test(type)) return this.task(type, details, at);
    // ParallelStateSucceeded, MapStateSucceeded, Map runs and event types this folder does not know.
    this.threads.attribute(at.eventId, at.previousEventId, (v) => v.phase === 'open' && type.startsWith(v.node.kind));
  }

  snapshot(): ExecutionSnapshot {
    const cached = this.cached;
    if (cached && cached.version === this.book.changes && cached.lastEventId === this.lastEventId)
      return cached.snapshot;
    const snapshot: ExecutionSnapshot = {
      status: this.status,
      statuses: { ...this.book.statuses },
      visits: this.book.publishVisits(),
      edgesTaken: { ...this.book.edgesTaken },
      lastEventId: this.lastEventId,
      mapProgress: { ...this.book.mapProgress },
      ...definedOnly({
        error: this.error,
        cause: this.cause,
        input: this.input,
        output: this.output,
        startedAt: this.startedAt,
        stoppedAt: this.stoppedAt,
      }),
    };
    this.cached = { version: this.book.changes, lastEventId: this.lastEventId, snapshot };
    return snapshot;
  }

  visitOf(eventId: number): Visit | undefined {
    return this.threads.ownerOf(eventId)?.visit;
  }

  private execution(type: string, details: Record<string, unknown>, time: string, previousEventId: number): void {
    if (type === 'ExecutionStarted') {
      this.input = parsePayload(details['input']);
      this.startedAt = time;
      this.book.setStatus(START_NODE_ID, 'succeeded');
      return;
    }
    const status = (
      {
        ExecutionSucceeded: 'SUCCEEDED',
        ExecutionFailed: 'FAILED',
        ExecutionAborted: 'ABORTED',
        ExecutionTimedOut: 'TIMED_OUT',
      } as const
    )[type];
    if (status === undefined) return;
    this.status = status;
    this.stoppedAt = time;
    this.error = optionalString(details['error']);
    this.cause = optionalString(details['cause']);
    if (status === 'SUCCEEDED') this.output = parsePayload(details['output']);
    const last = this.threads.root.current;
    if (last && (status === 'SUCCEEDED' || last.node.kind === 'Fail')) {
      const toEnd = this.edgesBySource.get(last.node.id)?.find((edge) => edge.kind === 'end');
      if (toEnd) this.book.takeEdge(toEnd.id);
    }
    if (status === 'FAILED') {
      // The visits on the failing event's chain failed; what the history left unsaid about
      // their error (a Fail state's ErrorPath/CausePath) is the execution's error.
      for (const record of this.threads.chain(previousEventId)) {
        const missing =
          record.visit.error === undefined
            ? definedOnly({ error: this.error, cause: this.cause })
            : record.visit.cause === undefined
              ? definedOnly({ cause: this.cause })
              : {};
        if (record.phase !== 'closed') {
          this.threads.finishChildren(record, 'aborted');
          this.book.close(record, 'failed', missing);
        } else if (record.visit.status === 'failed' && Object.keys(missing).length > 0) {
          this.book.update(record, missing);
        }
      }
    }
    for (const record of [...this.book.open]) {
      if (record.phase === 'closed') continue;
      this.threads.finishChildren(record, 'aborted');
      this.book.close(record, record.phase === 'failing' ? 'failed' : 'aborted');
    }
    this.book.setStatus(
      END_NODE_ID,
      status === 'SUCCEEDED' ? 'succeeded' : status === 'ABORTED' ? 'aborted' : 'failed',
    );
  }

  private entered(details: Record<string, unknown>, at: EventAt): void {
    const node = this.nodeNamed(details['name']);
    if (!node) return this.threads.attribute(at.eventId, at.previousEventId);
    const thread = this.threads.threadFor(node, at.previousEventId);
    const from = thread.current;
    if (from) this.takeEdge(from, node);
    else if (thread === this.threads.root) this.takeStartEdge(node);
    const record = this.book.add(node, {
      nodeId: node.id,
      stateName: node.stateName!,
      enteredEventId: at.eventId,
      enteredAt: at.time,
      input: parsePayload(details['input']),
      retries: 0,
      status: 'running',
      ...definedOnly({ mapIndex: thread.mapIndex, branchIndex: thread.branchIndex }),
    });
    this.threads.enter(thread, record, at.eventId);
    if (node.kind === 'Fail') {
      const failure: Failure = { error: node.failError, cause: node.failCause, known: node.failError !== undefined };
      thread.lastError = failure;
      this.book.close(record, 'failed', this.withError(record, failure));
    }
  }

  private exited(details: Record<string, unknown>, at: EventAt): void {
    const node = this.nodeNamed(details['name']);
    const record = node && this.threads.find(at.previousEventId, (v) => v.node === node && v.phase !== 'closed', node);
    if (!record) return this.threads.attribute(at.eventId, at.previousEventId);
    this.threads.own(at.eventId, record);
    const caught = record.phase === 'failing';
    this.book.close(record, caught ? 'caught' : 'succeeded', {
      exitedEventId: at.eventId,
      exitedAt: at.time,
      output: parsePayload(details['output']),
    });
  }

  private task(type: string, details: Record<string, unknown>, at: EventAt): void {
    const record = this.threads.find(at.previousEventId, (v) => v.node.kind === 'Task' && v.phase !== 'closed');
    if (!record) return this.threads.attribute(at.eventId, at.previousEventId);
    this.threads.own(at.eventId, record);
    if (TASK_SCHEDULED.has(type)) this.attemptStarted(record);
    else if (TASK_FAILURE.test(type))
      this.fail(
        record,
        { error: optionalString(details['error']), cause: optionalString(details['cause']), known: true },
        at,
      );
  }

  private evaluationFailed(details: Record<string, unknown>, at: EventAt): void {
    const node = this.nodeNamed(details['state']);
    const record = node && this.threads.find(at.previousEventId, (v) => v.node === node && v.phase !== 'closed', node);
    if (!record) return this.threads.attribute(at.eventId, at.previousEventId);
    this.threads.own(at.eventId, record);
    this.fail(
      record,
      { error: optionalString(details['error']), cause: optionalString(details['cause']), known: true },
      at,
    );
  }

  private containerStarted(type: string, details: Record<string, unknown>, at: EventAt): void {
    const kind = type.startsWith('Map') ? 'Map' : 'Parallel';
    // A retry's Started follows the failing inner event; skip containers whose failure is final.
    const record = this.threads.find(
      at.previousEventId,
      (v) => v.node.kind === kind && v.phase !== 'closed' && !(v.phase === 'failing' && v.fate === 'fail'),
    );
    if (!record) return this.threads.attribute(at.eventId, at.previousEventId);
    this.threads.own(at.eventId, record);
    this.attemptStarted(record);
    this.threads.resetChildren(record);
    if (kind === 'Map') {
      const progress = record.progress;
      if (progress)
        for (const field of ['total', 'succeeded', 'failed', 'running', 'aborted'] as const)
          this.book.bumpProgress(record, field, -progress[field]);
      const length = details['length'];
      this.book.bumpProgress(record, 'total', typeof length === 'number' && Number.isFinite(length) ? length : 0);
    }
  }

  private containerFailed(type: string, at: EventAt): void {
    const kind = type.startsWith('Map') ? 'Map' : 'Parallel';
    const inner = this.threads.threadOf(at.previousEventId);
    const record = this.threads.find(at.previousEventId, (v) => v.node.kind === kind && v.phase === 'open');
    if (!record) return this.threads.attribute(at.eventId, at.previousEventId);
    this.threads.own(at.eventId, record);
    // Branches or iterations still running are stopped by the failure.
    this.threads.finishChildren(record, 'aborted');
    this.fail(record, inner?.lastError ?? { known: false }, at);
  }

  private iteration(type: string, details: Record<string, unknown>, at: EventAt): void {
    const node = this.nodeNamed(details['name']);
    const index = typeof details['index'] === 'number' ? details['index'] : undefined;
    if (!node || node.kind !== 'Map' || index === undefined)
      return this.threads.attribute(at.eventId, at.previousEventId);
    if (type === 'MapIterationStarted') {
      const map = this.threads.find(
        at.previousEventId,
        (v) => v.node === node && v.phase === 'open',
        node,
        (v) => !this.threads.hasIteration(v, index),
      );
      if (!map) return this.threads.attribute(at.eventId, at.previousEventId);
      this.threads.startIteration(map, index, at.eventId);
      this.book.bumpProgress(map, 'running', 1);
      return;
    }
    const map = this.threads.find(
      at.previousEventId,
      (v) => v.node === node && v.phase !== 'closed' && this.threads.hasIteration(v, index),
      node,
    );
    if (!map) return this.threads.attribute(at.eventId, at.previousEventId);
    const outcome =
      type === 'MapIterationSucceeded' ? 'succeeded' : type === 'MapIterationFailed' ? 'failed' : 'aborted';
    if (!this.threads.endIteration(map, index, at.eventId, outcome)) return;
    this.book.bumpProgress(map, 'running', -1);
    this.book.bumpProgress(map, outcome, 1);
  }

  private aborted(kind: string, at: EventAt): void {
    const record =
      this.threads.find(at.previousEventId, (v) => v.node.kind === kind && v.phase !== 'closed') ??
      // AWS points sibling aborts at the event that caused them, not at the aborted state's chain.
      [...this.book.open].find((v) => v.node.kind === kind);
    if (!record) return this.threads.attribute(at.eventId, at.previousEventId);
    this.threads.own(at.eventId, record);
    this.threads.finishChildren(record, 'aborted');
    this.book.close(record, 'aborted', { exitedEventId: at.eventId, exitedAt: at.time });
  }

  private attemptStarted(record: VisitRecord): void {
    const retries = record.visit.retries + (record.attempts > 0 ? 1 : 0);
    record.attempts++;
    record.phase = 'open';
    record.fate = undefined;
    this.book.update(record, {
      retries,
      status: retries > 0 ? 'retrying' : 'running',
      error: undefined,
      cause: undefined,
    });
  }

  /** A failed attempt; what follows is predicted so a paused view shows "retrying" during the backoff. */
  private fail(record: VisitRecord, failure: Failure, at: EventAt): void {
    const thread = this.threads.threadOfRecord(record);
    if (thread) thread.lastError = failure;
    record.phase = 'failing';
    record.fate = predictFate(record.node, failure, record.retrierCounts);
    const failures = [
      ...(record.visit.failures ?? []),
      { eventId: at.eventId, at: at.time, ...definedOnly({ error: failure.error, cause: failure.cause }) },
    ];
    this.book.update(record, {
      ...this.withError(record, failure),
      failures,
      status: record.fate === 'retry' ? 'retrying' : 'failed',
    });
  }

  private withError(record: VisitRecord, failure: Failure): Partial<Visit> {
    if (!failure.known && record.visit.error !== undefined) return {};
    return { error: failure.error, cause: failure.cause };
  }

  private takeStartEdge(node: GraphNode): void {
    const edge = this.edgesBySource.get(START_NODE_ID)?.find((e) => e.target === node.id);
    if (edge) this.book.takeEdge(edge.id);
  }

  /** The edge from the thread's previous visit to `node`: a Catch edge after a caught error. */
  private takeEdge(from: VisitRecord, node: GraphNode): void {
    const candidates = (this.edgesBySource.get(from.node.id) ?? []).filter((edge) => edge.target === node.id);
    if (candidates.length === 0) return;
    let edge: GraphEdge | undefined;
    if (from.visit.status === 'caught') {
      const catcher = findCatcher(from.node, from.visit.error);
      edge =
        candidates.find((e) => e.kind === 'catch' && e.index === catcher) ?? candidates.find((e) => e.kind === 'catch');
    }
    // Which Choice rule matched is not recorded (AWS neither); the first rule leading here is counted.
    edge ??= candidates.find((e) => e.kind !== 'catch') ?? candidates[0]!;
    this.book.takeEdge(edge.id);
  }

  private nodeNamed(name: unknown): GraphNode | undefined {
    return typeof name === 'string' ? this.nodesByName.get(name) : undefined;
  }
}
