/**
 * What the history reader keeps per state visit: one entry into a state, its attempts (the
 * first, then one per retry), how it ended, and the visits before and after it on its chain.
 * Records are mutable and owned by the reader; the viewer's fold and the trace copy out what
 * they publish.
 */
import type { GraphNode } from '../../graph/model.js';
import type { Failure, Fate } from '../../graph/attempt-fate.js';
import type { ChoiceTaken } from './choice-rule.js';
import type { Chain } from './chains.js';

/**
 * A state's status: of one visit, or of a state summed over its visits. `retrying` is a failed
 * attempt that the state's Retry takes up (during the backoff and the next attempt); `caught` a
 * visit left through a catcher.
 */
export type StateStatus = 'not-started' | 'running' | 'succeeded' | 'failed' | 'caught' | 'retrying' | 'aborted';

/** One try of a visit. */
export interface Attempt {
  /** The event that started it (Task*Scheduled, Parallel/MapStateStarted); none for states without one. */
  startedEventId?: number;
  /** How it failed; `eventId`/`at` are absent when no event of its own says so (a Fail state, a retried Parallel). */
  failure?: Failure & { eventId?: number; at?: string };
}

/** Iterations of a Map visit's latest attempt, or of a Map state summed over its visits. */
export interface MapProgress {
  total: number;
  succeeded: number;
  failed: number;
  running: number;
  aborted: number;
}

export interface VisitRecord {
  /** Position among all visits, in entry order. */
  readonly seq: number;
  readonly name: string;
  /** The state type, from the Entered event's type (`TaskStateEntered` → `Task`). */
  readonly type: string;
  /** The state's graph node, when the reader was given the machine's model and it has one. */
  readonly node?: GraphNode;
  readonly chain: Chain;
  readonly enteredEventId: number;
  readonly enteredAt: string;
  /** The input as recorded (JSON text in any history aslkit or AWS writes). */
  readonly input: unknown;
  exitedEventId?: number;
  exitedAt?: string;
  output?: unknown;
  attempts: Attempt[];
  /** Never `not-started`. */
  status: StateStatus;
  /** open: running; failing: an attempt failed and what follows is not in the history yet; closed: settled. */
  phase: 'open' | 'failing' | 'closed';
  /** While failing: what the state's Retry and Catch make of the failure. */
  fate?: Fate;
  /** Retries taken per retrier, as the engine counts them (MaxAttempts); made at the first failure. */
  retrierCounts?: number[];
  /** The visit before it on its chain, and the one after it (set when that one is entered). */
  from?: VisitRecord;
  next?: VisitRecord;
  /** Caught visits: the catcher that took the error to `next`. */
  catcher?: number;
  /** Choice visits: the rule (or Default) that led to `next`, once known. */
  rule?: ChoiceTaken;
  /** Choice visits whose rule waits on a JSONata evaluation (HistoryReader.settled). */
  rulePending?: boolean;
  /** Choice visits: the variables visible on entry (JSON texts), when the run assigned any. */
  variables?: Readonly<Record<string, string>>;
  /** Parallel branches and Map iterations this visit started, over all its attempts. */
  readonly children: Chain[];
  /** Parallel and Map visits: the latest attempt joined (Parallel/MapStateSucceeded). */
  joined?: boolean;
  /** Map visits: the iterations of the latest attempt. */
  progress?: MapProgress;
  /** Parallel and Map visits: the latest attempt's branches or iterations, by index (the reader's bookkeeping). */
  attemptChains?: Map<number, Chain>;
  /** Map visits: how many items the latest attempt started with, when the history says. */
  itemCount?: number;
}

/** The visit's latest failure (its latest attempt's), if that attempt failed. */
export const latestFailure = (record: VisitRecord): Attempt['failure'] =>
  record.attempts[record.attempts.length - 1]?.failure;

/** What a view hears about while the reader reads. */
export interface ReaderListener {
  /** A visit was entered; `from` on it, and `next`, `catcher` and `rule` on `from`, are set. */
  entered?(record: VisitRecord): void;
  /** A visit changed: its status, attempts, exit, output or Map progress. */
  changed?(record: VisitRecord): void;
  /** A Choice visit's rule became known, after a JSONata evaluation it had to wait for. */
  ruleSettled?(record: VisitRecord): void;
}

/** A visit just entered; one shape for every record (absent fields are `undefined`), so property reads stay monomorphic. */
export function newVisitRecord(
  seq: number,
  name: string,
  type: string,
  node: GraphNode | undefined,
  chain: Chain,
  enteredEventId: number,
  enteredAt: string,
  input: unknown,
): VisitRecord {
  return {
    seq,
    name,
    type,
    node,
    chain,
    enteredEventId,
    enteredAt,
    input,
    exitedEventId: undefined,
    exitedAt: undefined,
    output: undefined,
    attempts: [{ startedEventId: undefined, failure: undefined }],
    status: 'running',
    phase: 'open',
    fate: undefined,
    retrierCounts: undefined,
    from: undefined,
    next: undefined,
    catcher: undefined,
    rule: undefined,
    rulePending: undefined,
    variables: undefined,
    children: [],
    joined: undefined,
    progress: undefined,
    attemptChains: undefined,
    itemCount: undefined,
  };
}
