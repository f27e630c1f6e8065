/**
 * What an execution did, as plain data for coverage, the matchers and the snapshot serializer:
 * each state visit (attempts, how it ended, the state before and after it) and the chains it ran
 * in (the execution, Parallel branches, Map iterations). The reading is the history reader's
 * (history/reader/history-reader.ts), the same the viewer's fold reads with.
 */
import type { HistoryEvent } from '../history/events.js';
import type { StateMachineDefinition, StateType } from '../definition/types.js';
import { buildGraph, type GraphModel } from '../graph/model.js';
import { HistoryReader } from '../history/reader/history-reader.js';
import type { Chain } from '../history/reader/chains.js';
import type { Attempt, StateStatus, VisitRecord } from '../history/reader/visit-record.js';

/** One try of a visit: the first, then one per retry. */
export interface TraceAttempt {
  failed: boolean;
  error?: string;
  cause?: string;
}

/**
 * How a visit ended: left normally, left through a catcher, failed its scope, was aborted, or never ended.
 * @deprecated Use `StateStatus` (`StateVisit.status`): `exited` is `succeeded`, `open` is `running` or `retrying`.
 */
export type VisitOutcome = 'exited' | 'caught' | 'failed' | 'aborted' | 'open';

export interface StateVisit {
  /** Position in `ExecutionTrace.visits`. */
  index: number;
  name: string;
  type: StateType;
  /** Id and timestamp of the state's Entered event. */
  eventId: number;
  enteredTime: string;
  /** The chain it ran in: its position in `ExecutionTrace.chains`. */
  chain: number;
  /** @deprecated Use `chain`. */
  readonly fiber: number;
  /** The state left just before this one on the same chain. */
  from?: string;
  /** The state entered next on the same chain. */
  next?: string;
  /** One per try; every attempt but the last was retried. */
  attempts: TraceAttempt[];
  /** How the visit ended; `running` or `retrying` when the history stops before it does. */
  status: Exclude<StateStatus, 'not-started'>;
  /** @deprecated Use `status`. */
  readonly outcome: VisitOutcome;
  /** Raw input, as recorded (JSON text). */
  input: string;
  output?: string;
  /** Variables visible on entry (JSON texts), kept for Choice visits to re-evaluate their rules. */
  variables?: Readonly<Record<string, string>>;
  /** Chains this visit started: Parallel branches and Map iterations, over all attempts. */
  children: number[];
}

/** A chain of states: the execution, a Parallel branch or a Map iteration. */
export interface TraceChain {
  id: number;
  kind: 'execution' | 'branch' | 'iteration';
  /** The chain of the Parallel or Map visit that started it. */
  parent?: number;
  /** Index of the Parallel or Map visit that started it. */
  owner?: number;
  /** Parallel branch index (from the definition when given, else order of appearance). */
  branch?: number;
  /** Map iteration index. */
  iteration?: number;
  visits: number[];
}

/** @deprecated Use `TraceChain`: the runtime's fiber is the execution-time thing, a trace has chains. */
export type TraceFiber = TraceChain;

export interface ExecutionTrace {
  visits: StateVisit[];
  chains: TraceChain[];
  /** @deprecated Use `chains`. */
  readonly fibers: TraceChain[];
  /** Top-level states in the order entered. */
  path: string[];
  /** The execution input (JSON text) and start timestamp, from ExecutionStarted. */
  input?: string;
  startTime?: string;
}

const OUTCOME: Record<StateVisit['status'], VisitOutcome> = {
  running: 'open',
  retrying: 'open',
  succeeded: 'exited',
  caught: 'caught',
  failed: 'failed',
  aborted: 'aborted',
};

const models = new WeakMap<object, GraphModel | null>();

/**
 * Traces a history (events in id order). The definition, when given, names Parallel branches,
 * supplies Fail states' errors and tells a caught exit from a normal one when the history alone
 * cannot.
 * @example
 * const trace = traceExecution(result.history, machine.definition);
 * trace.path; // ['ValidateOrder', 'IsValid', 'PriceLines', ...]
 */
export function traceExecution(
  history: readonly HistoryEvent[],
  definition?: StateMachineDefinition | object,
): ExecutionTrace {
  const reader = new HistoryReader(
    definition
      ? {
          model: modelOf(definition),
          queryLanguage: (definition as StateMachineDefinition).QueryLanguage === 'JSONata' ? 'JSONata' : 'JSONPath',
        }
      : {},
  );
  for (const event of history) reader.apply(event);
  return new Trace(reader);
}

/** The definition's graph model, which the reader reads a definition through (none for one too deep to draw). */
function modelOf(definition: object): GraphModel | undefined {
  let model = models.get(definition);
  if (model === undefined) {
    try {
      model = buildGraph(definition as StateMachineDefinition);
    } catch {
      model = null;
    }
    models.set(definition, model);
  }
  return model ?? undefined;
}

// Classes so the deprecated names can read the current ones from the prototype: neither copied,
// compared nor serialized. Their fields come from the interfaces (declaration merging): listed once,
// and each constructor sets every one of them (the rule cannot see that, so it is off for these two).
/* eslint-disable @typescript-eslint/no-unsafe-declaration-merging */
interface Trace extends Omit<ExecutionTrace, 'fibers'> {}
class Trace implements ExecutionTrace {
  constructor(reader: HistoryReader) {
    this.visits = reader.visits.map((record) => new Visit(record));
    this.chains = reader.chains.all.map(toChain);
    this.path = reader.chains.root.visits.map((visit) => visit.name);
    if (typeof reader.input === 'string') this.input = reader.input;
    if (reader.startedAt !== undefined) this.startTime = reader.startedAt;
  }

  get fibers(): TraceChain[] {
    return this.chains;
  }
}

interface Visit extends Omit<StateVisit, 'fiber' | 'outcome'> {}
class Visit implements StateVisit {
  /* eslint-enable @typescript-eslint/no-unsafe-declaration-merging */
  constructor(record: VisitRecord) {
    this.index = record.seq;
    this.name = record.name;
    this.type = record.type as StateType;
    this.eventId = record.enteredEventId;
    this.enteredTime = record.enteredAt;
    this.chain = record.chain.id;
    if (record.from) this.from = record.from.name;
    if (record.next) this.next = record.next.name;
    this.attempts = record.attempts.map(toAttempt);
    this.status = record.status as StateVisit['status'];
    this.input = typeof record.input === 'string' ? record.input : 'null';
    if (typeof record.output === 'string') this.output = record.output;
    if (record.variables) this.variables = record.variables;
    this.children = record.children.map((chain) => chain.id);
  }

  get fiber(): number {
    return this.chain;
  }

  get outcome(): VisitOutcome {
    return OUTCOME[this.status];
  }
}

function toAttempt({ failure }: Attempt): TraceAttempt {
  const attempt: TraceAttempt = { failed: failure !== undefined };
  if (failure?.error !== undefined) attempt.error = failure.error;
  if (failure?.cause !== undefined) attempt.cause = failure.cause;
  return attempt;
}

function toChain(chain: Chain): TraceChain {
  const traced: TraceChain = { id: chain.id, kind: chain.kind, visits: chain.visits.map((visit) => visit.seq) };
  if (chain.parent) {
    traced.parent = chain.parent.chain.id;
    traced.owner = chain.parent.seq;
  }
  if (chain.branch !== undefined) traced.branch = chain.branch;
  if (chain.iteration !== undefined) traced.iteration = chain.iteration;
  return traced;
}
