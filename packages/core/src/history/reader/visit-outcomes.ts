/**
 * How visits end, as the history reader hears it: attempts start and fail (with what the state's
 * Retry and Catch will make of the failure, so a paused view says "retrying" during a backoff),
 * visits settle, and a settling Parallel or Map settles what still runs inside it. Every change
 * is told to the reader's listener.
 */
import { predictFate, type Failure } from '../../graph/attempt-fate.js';
import type { Chain, Chains } from './chains.js';
import type { MapProgress, ReaderListener, StateStatus, VisitRecord } from './visit-record.js';

export class VisitOutcomes {
  constructor(
    private readonly chains: Chains,
    private readonly open: Set<VisitRecord>,
    private readonly listener: ReaderListener,
  ) {}

  attemptStarted(record: VisitRecord, eventId: number, implied?: Failure): void {
    const attempt = record.attempts[record.attempts.length - 1]!;
    if (attempt.startedEventId === undefined && !attempt.failure) attempt.startedEventId = eventId;
    else {
      // Another start means the attempt before it failed, whether or not an event said so.
      if (!attempt.failure) {
        attempt.failure = implied ?? { known: false };
        if (record.node) predictFate(record.node, attempt.failure, (record.retrierCounts ??= []));
      }
      record.attempts.push({ startedEventId: eventId, failure: undefined });
    }
    record.phase = 'open';
    record.fate = undefined;
    record.status = record.attempts.length > 1 ? 'retrying' : 'running';
    this.listener.changed?.(record);
  }

  /** A failed attempt; what follows is predicted so a paused view shows "retrying" during the backoff. */
  fail(record: VisitRecord, failure: Failure, at: { eventId: number; time: string }): void {
    record.chain.lastFailure = failure;
    let attempt = record.attempts[record.attempts.length - 1]!;
    if (attempt.failure) record.attempts.push((attempt = { startedEventId: undefined, failure: undefined }));
    attempt.failure = {
      error: failure.error,
      cause: failure.cause,
      known: failure.known,
      eventId: at.eventId,
      at: at.time,
    };
    record.phase = 'failing';
    record.fate = record.node ? predictFate(record.node, failure, (record.retrierCounts ??= [])) : 'unknown';
    record.status = record.fate === 'retry' ? 'retrying' : 'failed';
    this.listener.changed?.(record);
  }

  close(record: VisitRecord, status: StateStatus): void {
    record.phase = 'closed';
    record.status = status;
    this.open.delete(record);
    this.listener.changed?.(record);
  }

  /** Settles what still runs inside a visit: failing visits failed, running ones `status`. */
  finishChildren(record: VisitRecord, status: 'failed' | 'aborted'): void {
    for (const chain of this.chains.childrenOf(record)) {
      if (chain.running && record.type === 'Map' && chain.iteration !== undefined) {
        this.bumpProgress(record, 'running', -1);
        this.bumpProgress(record, status, 1);
      }
      this.finishChain(chain, status);
    }
  }

  finishChain(chain: Chain, status: 'failed' | 'aborted'): void {
    const current = chain.current;
    if (current && current.phase !== 'closed') {
      this.finishChildren(current, status);
      this.close(current, current.phase === 'failing' ? 'failed' : status);
    }
    chain.running = false;
  }

  bumpProgress(record: VisitRecord, field: keyof MapProgress, delta: number): void {
    record.progress ??= { total: 0, succeeded: 0, failed: 0, running: 0, aborted: 0 };
    record.progress[field] += delta;
    this.listener.changed?.(record);
  }

  /**
   * The execution ended. When it failed, `failing` are the visits on the failing event's chain:
   * they failed, and what the history left unsaid about their error (a Fail state's ErrorPath, a
   * Runtime error) is the execution's. Whatever still runs stops: a timeout or an abort ends the
   * execution, not the states.
   */
  executionEnded(failing: readonly VisitRecord[], error: string | undefined, cause: string | undefined): void {
    for (const record of failing) {
      if (record.phase === 'closed' && record.status !== 'failed') continue;
      const attempt = record.attempts[record.attempts.length - 1]!;
      const failure = (attempt.failure ??= { known: true });
      if (failure.error === undefined) {
        if (error !== undefined) failure.error = error;
        if (cause !== undefined) failure.cause = cause;
      } else if (failure.cause === undefined && cause !== undefined) failure.cause = cause;
      if (record.phase !== 'closed') {
        this.finishChildren(record, 'aborted');
        this.close(record, 'failed');
      } else this.listener.changed?.(record);
    }
    if (this.open.size === 0) return;
    for (const record of [...this.open]) {
      if (record.phase === 'closed') continue;
      this.finishChildren(record, 'aborted');
      this.close(record, record.phase === 'failing' ? 'failed' : 'aborted');
    }
  }
}
