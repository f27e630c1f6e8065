/**
 * A stored history, replayed: the recorder hands each event it is about to record to `take`,
 * which checks it against the stored event of the same id and returns the stored one (so even
 * real-time timestamps come out byte for byte); nothing replayed is reported again. It also
 * answers what the replay needs to know about each Task attempt: how it ended, if it did.
 */
import { parseJson } from '../json.js';
import type { EventDetails, HistoryEvent, HistoryEventType } from '../history/events.js';
import type { RecorderReplay } from '../history/recorder.js';
import { AslkitError } from '../errors/aslkit-error.js';
import { ErrorCode } from '../errors/error-codes.js';
import type { TokenAnswer } from '../runtime/task-tokens.js';
import { macrotask } from '../runtime/clock.js';

/** What the stored history says about one Task attempt, found from its `…Started` event. */
export interface StoredAttempt {
  /** TaskSubmitted, when the submit call had answered. */
  submitted?: HistoryEvent;
  /** The attempt's Succeeded, Failed or TimedOut event. */
  outcome?: HistoryEvent;
  /** Some other event follows the attempt (it was aborted): it will never end by itself. */
  interrupted: boolean;
}

/** The event a resolver's answer makes; TaskSubmitted comes between Started and them for `.sync` and callbacks. */
const OUTCOME = /^(Task|LambdaFunction|Activity)(Succeeded|Failed|TimedOut)$/;
const STARTED = new Set(['TaskStarted', 'LambdaFunctionStarted', 'ActivityStarted']);

/** Thrown (and thrown again on every later event) once the replay records something else than the store holds. */
export class ResumeDivergedError extends AslkitError {
  constructor(message: string) {
    super(ErrorCode.ResumeDiverged, message);
  }
}

export class ReplayLog implements RecorderReplay {
  private diverged: ResumeDivergedError | undefined;
  /** Callback answers to give once the event before their outcome is replayed, by that outcome's id. */
  private readonly answers = new Map<number, () => void>();
  private readonly caughtUpListeners: (() => void)[] = [];
  private done: boolean;

  /**
   * @param events the stored history, ids 1..n
   * @param keepTimestamps real time: the stored timestamps cannot be recomputed, only kept
   */
  constructor(
    readonly events: readonly HistoryEvent[],
    private readonly now: () => string,
    private readonly keepTimestamps: boolean,
    /** Told of each replayed event (a real-time replay's clock follows their timestamps). */
    private readonly follow?: (event: HistoryEvent) => void,
  ) {
    this.done = events.length === 0;
  }

  get divergence(): ResumeDivergedError | undefined {
    return this.diverged;
  }

  /** The stored events to replay; once the replay diverged, every later event (none is recorded any more). */
  get length(): number {
    return this.diverged ? Infinity : this.events.length;
  }

  /** True once every stored event was replayed: the execution runs live from then on. */
  get caughtUp(): boolean {
    return this.done;
  }

  /** Calls `listener` once the last stored event is replayed (at once if it is). */
  onCaughtUp(listener: () => void): void {
    if (this.done) listener();
    else this.caughtUpListeners.push(listener);
  }

  take<T extends HistoryEventType>(
    id: number,
    type: T,
    details: EventDetails<T>,
    previousEventId: number,
  ): HistoryEvent {
    if (this.diverged) throw this.diverged;
    const stored = this.events[id - 1]!;
    const timestamp = this.keepTimestamps ? stored.timestamp : this.now();
    const text = JSON.stringify({ id, previousEventId, timestamp, type, ...details });
    if (text !== JSON.stringify(stored)) {
      this.diverged = new ResumeDivergedError(
        `The resumed execution did not replay its stored history: event ${id} was ${clip(JSON.stringify(stored))}, the replay recorded ${clip(text)}`,
      );
      throw this.diverged;
    }
    this.follow?.(stored);
    const answer = this.answers.get(id + 1);
    if (answer) {
      this.answers.delete(id + 1);
      // As a host answers: from its event loop, once the run has gone as far as it can.
      macrotask(answer);
    }
    if (id === this.events.length) {
      this.done = true;
      for (const listener of this.caughtUpListeners.splice(0)) listener();
    }
    return stored;
  }

  /** How the attempt whose `…Started` event has this id ended in the stored history. */
  attempt(startedId: number): StoredAttempt | undefined {
    const started = this.events[startedId - 1];
    if (!started || !STARTED.has(started.type)) return undefined;
    let last = startedId;
    let submitted: HistoryEvent | undefined;
    let outcome: HistoryEvent | undefined;
    let interrupted = false;
    // The attempt's own events follow each other; other fibers' events may sit in between.
    for (let i = startedId; i < this.events.length; i++) {
      const event = this.events[i]!;
      if (event.previousEventId !== last) continue;
      if (event.type === 'TaskSubmitted' && !submitted && !outcome) {
        submitted = event;
        last = event.id;
      } else if (OUTCOME.test(event.type)) {
        outcome = event;
        break;
      } else if (!isChildStart(event)) {
        interrupted = true;
        break;
      }
    }
    return { ...(submitted ? { submitted } : {}), ...(outcome ? { outcome } : {}), interrupted };
  }

  /** Answers a replayed callback task when the replay reaches its outcome event (`answer` gives the token its answer). */
  answerWhenDue(outcome: HistoryEvent, answer: (value: TokenAnswer) => void): void {
    const value = storedAnswer(outcome);
    if (!value) return;
    this.answers.set(outcome.id, () => answer(value));
  }

  /**
   * The stored `ActivityStarted` of an activity attempt handed to workers, scheduled as event
   * `scheduledId`: recorded when a worker took the task, so it need not follow the scheduling at once.
   */
  workerStart(scheduledId: number): HistoryEvent | undefined {
    for (let i = scheduledId; i < this.events.length; i++) {
      const event = this.events[i]!;
      if (event.previousEventId !== scheduledId) continue;
      return event.type === 'ActivityStarted' ? event : undefined;
    }
    return undefined;
  }

  /**
   * Calls `record` (which records the stored event `id` again) once the replay has taken event
   * `id - 1`, `taken` being the last id taken so far; from the event loop, as a host would.
   */
  recordWhenDue(id: number, taken: number, record: () => void): void {
    if (id - 1 <= taken) macrotask(record);
    else this.answers.set(id, record);
  }
}

/** A Map iteration's first event follows the latest event of the history, whichever fiber's it is. */
const isChildStart = (event: HistoryEvent): boolean => event.type === 'MapIterationStarted';

/** The callback answer a stored outcome event stands for (TimedOut: none, the timer ends it). */
function storedAnswer(outcome: HistoryEvent): TokenAnswer | undefined {
  const details = eventDetails(outcome);
  if (outcome.type.endsWith('Succeeded')) return { ok: true, output: parseJson(details['output'] as string) };
  if (outcome.type.endsWith('Failed'))
    return { ok: false, error: details['error'] as string | undefined, cause: details['cause'] as string | undefined };
  return undefined;
}

/** The `…EventDetails` object of an event (empty when it has none). */
export function eventDetails(event: HistoryEvent): Record<string, unknown> {
  for (const key of Object.keys(event))
    if (key.endsWith('EventDetails')) return (event as unknown as Record<string, Record<string, unknown>>)[key]!;
  return {};
}

const clip = (text: string): string => (text.length > 300 ? `${text.slice(0, 300)}…` : text);
