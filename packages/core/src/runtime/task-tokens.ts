/**
 * Task tokens of an execution's `.waitForTaskToken` tasks: the run loop waits on one, and
 * `sendTaskSuccess/Failure/Heartbeat` answer it, as AWS's SendTask* APIs do.
 */
import type { Json } from '../json.js';
import { UsageError } from '../errors/aslkit-error.js';
import { ErrorCode } from '../errors/error-codes.js';
import { AbortedError } from './clock.js';
import { onAbort, type Abortable } from './abort-listeners.js';

export type TokenAnswer = { ok: true; output: Json } | { ok: false; error?: string; cause?: string };

interface Waiter {
  answer?: (answer: TokenAnswer) => void;
  heartbeat?: (at?: number) => void;
  pending?: TokenAnswer;
}

/** Where the heartbeats of a durable execution go, and those stored before a restart. */
export interface HeartbeatLog {
  /** The latest heartbeat of each token before the restart (ms, on the execution's clock). */
  stored?: Readonly<Record<string, number>>;
  /** Keeps a heartbeat (the store's recordHeartbeat). */
  persist?: (token: string, at: number) => void;
  now: () => number;
}

export class TaskTokens {
  // Made on first use: most executions have no `.waitForTaskToken` task.
  private open: Map<string, Waiter> | undefined;
  private closed: Set<string> | undefined;

  constructor(private readonly heartbeats?: HeartbeatLog) {}

  /** Opens a token; answers that arrive before anyone waits are kept. */
  issue(token: string): void {
    (this.open ??= new Map()).set(token, {});
  }

  /**
   * Waits for the token's answer; `onHeartbeat` is called on each heartbeat (with its time for one
   * stored before a restart, at once); an abort stops the wait.
   */
  wait(token: string, onHeartbeat: (at?: number) => void, signal?: Abortable): Promise<TokenAnswer> {
    const waiter = this.open?.get(token);
    if (!waiter) return Promise.reject(new UsageError(ErrorCode.TaskDoesNotExist, `Task token ${token} is not open`));
    if (waiter.pending) {
      this.close(token);
      return Promise.resolve(waiter.pending);
    }
    // Stopped already (a listener of TaskSubmitted may stop the execution): an aborted signal never fires again.
    if (signal?.aborted) return Promise.reject(new AbortedError(signal.reason));
    waiter.heartbeat = onHeartbeat;
    const stored = this.heartbeats?.stored?.[token];
    if (stored !== undefined) onHeartbeat(stored);
    return new Promise((resolve, reject) => {
      // Answered: the abort callback goes, or the task's own signal (aborted as the task settles)
      // would build an error nobody reads, once per callback.
      const stopWaiting = signal && onAbort(signal, () => reject(new AbortedError(signal.reason)));
      waiter.answer = (answer) => {
        stopWaiting?.();
        resolve(answer);
      };
    });
  }

  /** The tokens issued and not answered, closed or timed out yet, in the order they were issued. */
  openTokens(): string[] {
    return this.open ? [...this.open.keys()] : [];
  }

  answer(token: string, answer: TokenAnswer): void {
    const waiter = this.lookup(token);
    if (waiter.pending) throw new UsageError(ErrorCode.TaskDoesNotExist, `Task token ${token} was already answered`);
    if (waiter.answer) {
      this.close(token);
      waiter.answer(answer);
    } else waiter.pending = answer;
  }

  heartbeat(token: string): void {
    this.lookup(token).heartbeat?.();
    this.heartbeats?.persist?.(token, this.heartbeats.now());
  }

  close(token: string): void {
    if (this.open?.delete(token)) (this.closed ??= new Set()).add(token);
  }

  private lookup(token: string): Waiter {
    const waiter = this.open?.get(token);
    if (waiter) return waiter;
    if (typeof token !== 'string' || token.length === 0)
      throw new UsageError(ErrorCode.InvalidToken, 'Invalid task token');
    throw new UsageError(
      ErrorCode.TaskDoesNotExist,
      this.closed?.has(token)
        ? `Task token ${token} was already answered or timed out`
        : `Task token ${token} does not exist`,
    );
  }
}
