/**
 * Whether a stopped execution can be redriven, as AWS's DescribeExecution reports it
 * (`redriveStatus`, `redriveStatusReason`) and RedriveExecution enforces it (ExecutionNotRedrivable),
 * read off its history: what it ended with, when it started and stopped, how many events it holds.
 */
import type { HistoryEvent } from '../history/events.js';
import { AslkitError } from '../errors/aslkit-error.js';
import { ErrorCode } from '../errors/error-codes.js';
import type { ExecutionStatus } from '../runtime/execution.js';
import { MAX_EXECUTION_SECONDS, type ExecutionType } from '../runtime/execution-type.js';
import { parseStartTime } from '../runtime/clock.js';
import { END_STATUS } from '../history/reader/event-kinds.js';

export type RedriveStatus = 'REDRIVABLE' | 'NOT_REDRIVABLE' | 'REDRIVABLE_BY_MAP_RUN';

export interface Redrivability {
  redriveStatus: RedriveStatus;
  /** Why not, in AWS's words (present when NOT_REDRIVABLE). */
  redriveStatusReason?: string;
}

/** What a history says of the execution it records. */
export interface HistoryFacts {
  status: ExecutionStatus;
  /** The ExecutionStarted event's time, and the terminal event's (absent while running). */
  startDate: string;
  stopDate?: string;
  /** The execution's input as JSON text. */
  inputText: string;
  /** ExecutionRedriven events so far. */
  redriveCount: number;
  /** The latest ExecutionRedriven event's time. */
  redriveDate?: string;
  eventCount: number;
}

/** AWS redrives an execution for 14 days after it stopped. */
export const REDRIVE_PERIOD_MS = 14 * 24 * 3600 * 1000;
/** A redrive needs room for ExecutionRedriven and at least one more event under AWS's 25,000. */
export const MAX_REDRIVABLE_EVENTS = 24_999;
/** AWS redrives an execution (and a Map Run) at most 1,000 times, a hard limit. */
export const MAX_REDRIVES = 1000;

/**
 * Reads what a redrive needs from a history (aslkit's or AWS's GetExecutionHistory events).
 * @throws AslkitError `ASLKIT_USAGE` when it has no ExecutionStarted event.
 */
export function historyFacts(history: readonly HistoryEvent[]): HistoryFacts {
  const started = history.find((event) => event.type === 'ExecutionStarted');
  if (!started || started.type !== 'ExecutionStarted')
    throw new AslkitError(ErrorCode.Usage, 'The history has no ExecutionStarted event: it records no execution');
  let status: ExecutionStatus = 'RUNNING';
  let stopDate: string | undefined;
  let redriveCount = 0;
  let redriveDate: string | undefined;
  for (const event of history) {
    if (event.type === 'ExecutionRedriven') {
      redriveCount++;
      redriveDate = event.timestamp;
      status = 'RUNNING';
      stopDate = undefined;
    }
    const ended = END_STATUS[event.type];
    if (ended) {
      status = ended;
      stopDate = event.timestamp;
    }
  }
  return {
    status,
    startDate: started.timestamp,
    ...(stopDate === undefined ? {} : { stopDate }),
    inputText: started.executionStartedEventDetails.input,
    redriveCount,
    ...(redriveDate === undefined ? {} : { redriveDate }),
    eventCount: history.length,
  };
}

/** Whether an execution with these facts can be redriven at `nowMs`, and if not, AWS's reason. */
export function redrivability(facts: HistoryFacts, type: ExecutionType, nowMs: number): Redrivability {
  const reason = notRedrivableReason(facts, type, nowMs);
  return reason === undefined
    ? { redriveStatus: 'REDRIVABLE' }
    : { redriveStatus: 'NOT_REDRIVABLE', redriveStatusReason: reason };
}

function notRedrivableReason(facts: HistoryFacts, type: ExecutionType, nowMs: number): string | undefined {
  // AWS's RedriveExecution does not take Express executions; its wording for them is not recorded (unverified).
  if (type === 'EXPRESS') return 'Execution redrive is not supported for EXPRESS state machines';
  if (facts.status === 'RUNNING' || facts.status === 'SUCCEEDED')
    return `Execution is ${facts.status} and cannot be redriven`;
  if (facts.eventCount >= MAX_REDRIVABLE_EVENTS) return 'Execution history event limit exceeded';
  // AWS's wording for this reason is not recorded (aslkit's, in the style of the others).
  if (facts.redriveCount >= MAX_REDRIVES) return 'Execution redrive count limit exceeded';
  if (nowMs - (parseStartTime(facts.startDate) ?? nowMs) > MAX_EXECUTION_SECONDS.STANDARD * 1000)
    return 'Execution has exceeded the max execution time';
  if (facts.stopDate !== undefined && nowMs - (parseStartTime(facts.stopDate) ?? nowMs) > REDRIVE_PERIOD_MS)
    return 'Execution redrivable period exceeded';
  return undefined;
}

/** RedriveExecution's refusal, with the reason DescribeExecution gives. */
export function executionNotRedrivable(reason: string): AslkitError {
  return new AslkitError(ErrorCode.ExecutionNotRedrivable, reason);
}
