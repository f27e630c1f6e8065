/**
 * The one reader of histories, from aslkit or imported from AWS: events in, chains (the
 * execution, Parallel branches, Map iterations), state visits, their attempts and outcomes out.
 * It reads event by event (the viewer folds a live run, O(1) amortized per event) and whole
 * histories alike. The viewer's fold (graph/fold.ts) and the trace behind coverage, the matchers
 * and the snapshot serializer (coverage/trace.ts) are views of it, so they cannot disagree.
 *
 * What the history does not say is read from the definition (its graph model) when given: the
 * scope each state sits in, a Fail state's error (the history has no event for it), a catch the
 * history hides (an output over the limit after the task succeeded), what Retry and Catch make of
 * a failure while the next event is still to come, and which Choice rule was taken.
 */
import type { QueryLanguage } from '../../definition/types.js';
import { catchersOf, nextOf } from '../../definition/state-fields.js';
import type { HistoryEvent } from '../events.js';
import type { ExecutionStatus } from '../../runtime/execution.js';
import type { GraphModel, GraphNode } from '../../graph/model.js';
import type { Failure } from '../../graph/attempt-fate.js';
import { END_STATUS, kindOf, TASK_FAILURE, TASK_SCHEDULED } from './event-kinds.js';
import { VisitOutcomes } from './visit-outcomes.js';
import { Chains } from './chains.js';
import { ChoiceRules } from './choice-rule.js';
import { detailsOf, isHistoryEvent, optionalString } from './event-fields.js';
import { failStateError } from './fail-state-error.js';
import { pickHandler } from './pick-handler.js';
import { indexStates } from './state-index.js';
import { latestFailure, newVisitRecord, type ReaderListener, type VisitRecord } from './visit-record.js';

export type { ReaderListener } from './visit-record.js';

export interface ReaderOptions {
  /** The machine's graph model: what the history does not say is read from it. */
  model?: GraphModel;
  /** The machine's query language, for evaluating Choice rules again (else read from the rules). */
  queryLanguage?: QueryLanguage;
  /**
   * Work out which rule each Choice visit left through (`VisitRecord.rule`), as the viewer draws it.
   * Off by default: evaluating rules again costs, and coverage asks `choiceRule` itself.
   */
  choiceRules?: boolean;
  listener?: ReaderListener;
}

/** Where an event sits: its id, its chain predecessor and its time. */
interface EventAt {
  eventId: number;
  previousEventId: number;
  time: string;
}

export class HistoryReader {
  readonly chains: Chains;
  /** Every visit, in entry order. */
  readonly visits: VisitRecord[] = [];
  /** Visits not settled yet, in entry order. */
  readonly open = new Set<VisitRecord>();
  status: ExecutionStatus = 'RUNNING';
  lastEventId = 0;
  error?: string;
  cause?: string;
  /** The execution's input and output as recorded (JSON text), and when it started and stopped. */
  input?: unknown;
  output?: unknown;
  startedAt?: string;
  stoppedAt?: string;
  private readonly nodes: ReadonlyMap<string, GraphNode>;
  private readonly listener: ReaderListener;
  private readonly outcomes: VisitOutcomes;
  private readonly choiceRules?: ChoiceRules;
  /** The event being read (one object, refilled per event: nothing keeps it). */
  private readonly at: EventAt = { eventId: 0, previousEventId: 0, time: '' };
  /** Whether any state assigned variables: only then do Choice visits keep what they saw. */
  private anyVariables = false;

  constructor(options: ReaderOptions = {}) {
    const states = indexStates(options.model);
    this.nodes = states.nodes;
    this.chains = new Chains(states, this.open);
    this.listener = options.listener ?? {};
    this.outcomes = new VisitOutcomes(this.chains, this.open, this.listener);
    if (options.choiceRules)
      this.choiceRules = new ChoiceRules(options.queryLanguage, (record) => this.listener.ruleSettled?.(record));
  }

  /** Reads the next event; events come in id order (repeated ids and malformed events are skipped). */
  apply(event: HistoryEvent): void {
    if (!isHistoryEvent(event) || event.id <= this.lastEventId) return;
    this.lastEventId = event.id;
    const type: string = event.type;
    const at = this.at;
    at.eventId = event.id;
    at.previousEventId = typeof event.previousEventId === 'number' ? event.previousEventId : 0;
    at.time = typeof event.timestamp === 'string' ? event.timestamp : String(event.timestamp);
    // Details are looked up only for the kinds that read them: joins, aborts and most task events have none to read.
    switch (kindOf(type)) {
      case 'execution':
        return this.execution(type, detailsOf(event), at);
      case 'entered':
        return this.entered(type.slice(0, -'StateEntered'.length), detailsOf(event), at);
      case 'exited':
        return this.exited(detailsOf(event), at);
      case 'iteration':
        return this.iteration(type, detailsOf(event), at);
      case 'started':
        return this.containerStarted(type, detailsOf(event), at);
      case 'failed':
        return this.containerFailed(type, at);
      case 'joined':
        return this.containerJoined(type, at);
      case 'aborted':
        return this.aborted(type.slice(0, -'StateAborted'.length), at);
      case 'evaluation':
        return this.evaluationFailed(detailsOf(event), at);
      case 'task':
        return this.task(type, event, at);
      default:
        // Map runs and event types this reader does not know belong to the open state they follow.
        this.chains.attribute(at.eventId, at.previousEventId, (v) => v.phase === 'open' && type.startsWith(v.type));
    }
  }

  /** Resolves once every Choice rule that waited on a JSONata evaluation is known. */
  async settled(): Promise<void> {
    await this.choiceRules?.settled();
  }

  private execution(type: string, details: Record<string, unknown>, at: EventAt): void {
    if (type === 'ExecutionStarted') {
      this.input = details['input'];
      this.startedAt = at.time;
      return;
    }
    if (type === 'ExecutionRedriven') {
      // A redrive: the stopped execution runs again, its history goes on.
      this.status = 'RUNNING';
      this.stoppedAt = this.error = this.cause = undefined;
      return;
    }
    const status = END_STATUS[type];
    if (status === undefined) return;
    this.status = status;
    this.stoppedAt = at.time;
    this.error = optionalString(details['error']);
    this.cause = optionalString(details['cause']);
    if (status === 'SUCCEEDED') this.output = details['output'];
    this.outcomes.executionEnded(status === 'FAILED' ? this.onChain(at.previousEventId) : [], this.error, this.cause);
  }

  private entered(type: string, details: Record<string, unknown>, at: EventAt): void {
    const name = optionalString(details['name']);
    if (name === undefined) return this.chains.attribute(at.eventId, at.previousEventId);
    const chain = this.chains.chainFor(name, at.previousEventId);
    const node = this.nodes.get(name);
    const record = newVisitRecord(this.visits.length, name, type, node, chain, at.eventId, at.time, details['input']);
    if (type === 'Choice' && this.anyVariables) record.variables = this.chains.visibleVariables(chain);
    const from = chain.current;
    this.visits.push(record);
    this.open.add(record);
    chain.visits.push(record);
    chain.current = record;
    this.chains.own(at.eventId, record);
    if (from && (from.status === 'succeeded' || from.status === 'caught')) this.link(from, record);
    if (type === 'Fail') {
      // No event carries a Fail state's error: its definition and recorded input do.
      const { error, cause } = failStateError(node?.state, String(record.input));
      const failure: Failure = { error, cause, known: error !== undefined };
      chain.lastFailure = failure;
      record.attempts[0]!.failure = failure;
      this.outcomes.close(record, 'failed');
    }
    this.listener.entered?.(record);
  }

  /** `to` follows `from` on their chain: settles how `from` was left. */
  private link(from: VisitRecord, to: VisitRecord): void {
    from.next = to;
    to.from = from;
    const state = from.node?.state;
    if (!state) return;
    // A failure the history does not show (an output over the size limit after TaskSucceeded)
    // still leaves through a catcher: when the next state is only a catcher's target, it was caught.
    if (from.status === 'succeeded' && to.name !== nextOf(state) && catchersOf(state).some((c) => c.Next === to.name)) {
      const attempt = from.attempts[from.attempts.length - 1]!;
      attempt.failure ??= { known: false };
      from.status = 'caught';
      this.listener.changed?.(from);
    }
    if (from.status === 'caught') from.catcher = pickHandler(catchersOf(state), latestFailure(from)?.error, to.name);
    if (state.Type === 'Choice') this.choiceRules?.ask(from, state, to, this);
  }

  private exited(details: Record<string, unknown>, at: EventAt): void {
    const name = optionalString(details['name']);
    // A Parallel or Map leaves after its join or a caught failure: of two open ones of a name, that tells them apart.
    const left = (v: VisitRecord) =>
      v.name === name && v.phase !== 'closed' && (v.joined === true || v.phase === 'failing' || !isContainer(v));
    const record =
      name === undefined
        ? undefined
        : (this.chains.find(at.previousEventId, left, name) ?? this.findOpen(at.previousEventId, name));
    if (!record) return this.chains.attribute(at.eventId, at.previousEventId);
    this.chains.own(at.eventId, record);
    record.exitedEventId = at.eventId;
    record.exitedAt = at.time;
    if (details['output'] !== undefined) record.output = details['output'];
    const assigned = details['assignedVariables'];
    if (typeof assigned === 'object' && assigned !== null && !Array.isArray(assigned)) {
      const variables = (record.chain.variables ??= new Map());
      for (const [variable, value] of Object.entries(assigned))
        if (typeof value === 'string') variables.set(variable, value);
      this.anyVariables = true;
    }
    this.outcomes.close(record, record.phase === 'failing' ? 'caught' : 'succeeded');
  }

  private task(type: string, event: HistoryEvent, at: EventAt): void {
    const record = this.chains.find(at.previousEventId, isOpenTask);
    if (!record) return this.chains.attribute(at.eventId, at.previousEventId);
    this.chains.own(at.eventId, record);
    if (TASK_SCHEDULED.has(type)) this.outcomes.attemptStarted(record, at.eventId);
    else if (TASK_FAILURE.test(type)) this.outcomes.fail(record, failureIn(detailsOf(event)), at);
  }

  private evaluationFailed(details: Record<string, unknown>, at: EventAt): void {
    // After a Parallel's or Map's join it points into a branch: the state is found by name.
    const name = optionalString(details['state']);
    const record = name === undefined ? undefined : this.findOpen(at.previousEventId, name);
    if (!record) return this.chains.attribute(at.eventId, at.previousEventId);
    this.chains.own(at.eventId, record);
    this.outcomes.fail(record, failureIn(details), at);
  }

  private containerStarted(type: string, details: Record<string, unknown>, at: EventAt): void {
    const kind = type.startsWith('Map') ? 'Map' : 'Parallel';
    // A retry's Started follows the failing inner event; skip containers whose failure is final.
    const record = this.chains.find(
      at.previousEventId,
      (v) => v.type === kind && v.phase !== 'closed' && !(v.phase === 'failing' && v.fate === 'fail'),
    );
    if (!record) return this.chains.attribute(at.eventId, at.previousEventId);
    // AWS retries a Parallel without a failure event in between: the failing branch's error is the attempt's.
    const inner = this.chains.chainOf(at.previousEventId);
    this.outcomes.attemptStarted(record, at.eventId, inner !== record.chain ? inner?.lastFailure : undefined);
    this.outcomes.finishChildren(record, 'aborted');
    this.chains.started(at.eventId, record);
    record.joined = undefined;
    if (kind === 'Map') {
      const length = details['length'];
      const known = typeof length === 'number' && Number.isFinite(length);
      record.itemCount = known ? length : undefined;
      record.progress = { total: known ? length : 0, succeeded: 0, failed: 0, running: 0, aborted: 0 };
      this.listener.changed?.(record);
    }
  }

  private containerFailed(type: string, at: EventAt): void {
    const kind = type.startsWith('Map') ? 'Map' : 'Parallel';
    const inner = this.chains.chainOf(at.previousEventId);
    const record = this.chains.find(at.previousEventId, (v) => v.type === kind && v.phase === 'open');
    if (!record) return this.chains.attribute(at.eventId, at.previousEventId);
    this.chains.own(at.eventId, record);
    // Branches or iterations still running are stopped by the failure.
    this.outcomes.finishChildren(record, 'aborted');
    let failure = (inner !== record.chain && inner?.lastFailure) || { known: false };
    // A Map with a tolerance fails with its own error, unless an iteration failed the run itself.
    if (kind === 'Map' && hasTolerance(record.node) && failure.error !== 'States.Runtime')
      failure = { error: 'States.ExceedToleratedFailureThreshold', known: true };
    this.outcomes.fail(record, failure, at);
  }

  /** Parallel/MapStateSucceeded change nothing, but a chain may point anywhere: the container whose children all ended owns it. */
  private containerJoined(type: string, at: EventAt): void {
    const kind = type.startsWith('Map') ? 'Map' : 'Parallel';
    const open = (v: VisitRecord) => v.type === kind && v.phase === 'open' && !v.joined;
    const joined = (v: VisitRecord) => open(v) && this.childrenEnded(v);
    const record =
      this.chains.find(at.previousEventId, joined) ??
      this.chains.newestOpen(joined) ??
      this.chains.find(at.previousEventId, open);
    if (!record) return this.chains.attribute(at.eventId, at.previousEventId);
    this.chains.own(at.eventId, record);
    record.joined = true;
  }

  private aborted(kind: string, at: EventAt): void {
    const record =
      this.chains.find(at.previousEventId, (v) => v.type === kind && v.phase !== 'closed') ??
      // AWS points sibling aborts at the event that caused them, not at the aborted state's chain.
      this.oldestOpen(kind);
    if (!record) return this.chains.attribute(at.eventId, at.previousEventId);
    this.chains.own(at.eventId, record);
    this.outcomes.finishChildren(record, 'aborted');
    record.exitedEventId = at.eventId;
    record.exitedAt = at.time;
    this.outcomes.close(record, 'aborted');
  }

  private iteration(type: string, details: Record<string, unknown>, at: EventAt): void {
    const name = optionalString(details['name']);
    const index = details['index'];
    if (name === undefined || typeof index !== 'number') return this.chains.attribute(at.eventId, at.previousEventId);
    if (type === 'MapIterationStarted') {
      const free = (v: VisitRecord) =>
        v.name === name && v.type === 'Map' && v.phase === 'open' && !this.chains.iteration(v, index);
      // A Map starts its iterations in index order, up to its length: where the chain points at a Map
      // that cannot start this one (aslkit's nested Maps), the first Map of the name that can does.
      const expects = (v: VisitRecord) =>
        free(v) && this.chains.iterationCount(v) === index && (v.itemCount ?? Infinity) > index;
      const map =
        this.chains.find(at.previousEventId, expects) ??
        this.oldestOpen('Map', expects) ??
        this.chains.find(at.previousEventId, free, name);
      if (!map) return this.chains.attribute(at.eventId, at.previousEventId);
      this.chains.startIteration(map, index, at.eventId);
      this.outcomes.bumpProgress(map, 'running', 1);
      return;
    }
    const map = this.chains.find(
      at.previousEventId,
      (v) => v.name === name && v.phase !== 'closed' && this.chains.iteration(v, index) !== undefined,
      name,
    );
    const chain = map && this.chains.iteration(map, index);
    if (!map || !chain) return this.chains.attribute(at.eventId, at.previousEventId);
    this.chains.own(at.eventId, map, chain);
    const outcome =
      type === 'MapIterationSucceeded' ? 'succeeded' : type === 'MapIterationFailed' ? 'failed' : 'aborted';
    const wasRunning = chain.running;
    if (outcome !== 'succeeded') this.outcomes.finishChain(chain, outcome);
    chain.running = false;
    if (!wasRunning) return;
    this.outcomes.bumpProgress(map, 'running', -1);
    this.outcomes.bumpProgress(map, outcome, 1);
  }

  /** Whether every branch or iteration of a visit's attempt has ended (its last state settled, at an end). */
  private childrenEnded(record: VisitRecord): boolean {
    for (const chain of this.chains.childrenOf(record)) {
      if (!chain.running) continue;
      const last = chain.current;
      if (!last || last.phase !== 'closed' || (last.node && !last.node.terminal)) return false;
    }
    return true;
  }

  /** The unsettled visit named `name` on the event's chain, else the newest one anywhere. */
  private findOpen(previousEventId: number, name: string): VisitRecord | undefined {
    return this.chains.find(previousEventId, (v) => v.name === name && v.phase !== 'closed', name);
  }

  private oldestOpen(type: string, accept: (record: VisitRecord) => boolean = () => true): VisitRecord | undefined {
    for (const record of this.open) if (record.type === type && accept(record)) return record;
    return undefined;
  }

  /** The visits an event's chain runs through, innermost first: its own visit, then the enclosing Parallels and Maps. */
  private onChain(previousEventId: number): VisitRecord[] {
    const out: VisitRecord[] = [];
    this.chains.find(previousEventId, (record) => {
      // A container is its chain's latest visit and its branch's parent: met twice in a row.
      if (out[out.length - 1] !== record) out.push(record);
      return false;
    });
    return out;
  }
}

function failureIn(details: Record<string, unknown>): Failure {
  const failure: Failure = { known: true };
  if (typeof details['error'] === 'string') failure.error = details['error'];
  if (typeof details['cause'] === 'string') failure.cause = details['cause'];
  return failure;
}

const isOpenTask = (record: VisitRecord): boolean => record.type === 'Task' && record.phase !== 'closed';

const isContainer = (record: VisitRecord): boolean => record.type === 'Parallel' || record.type === 'Map';

const hasTolerance = (node: GraphNode | undefined): boolean =>
  node?.state !== undefined && Object.keys(node.state).some((key) => key.startsWith('ToleratedFailure'));
