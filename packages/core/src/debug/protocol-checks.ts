/**
 * Runtime checks of the viewer protocol: what crosses the wire of `aslkit view` is hostile
 * input (any page on the machine can post to 127.0.0.1), so the server checks each command
 * and the page each message before acting on it. A check returns a fresh value holding only
 * the fields the protocol knows, or throws a UsageError (code `ASLKIT_INVALID_COMMAND` or
 * `ASLKIT_INVALID_MESSAGE`) saying what is wrong.
 */
import { isJsonObject, quote, type Json, type JsonObject } from '../json.js';
import { UsageError } from '../errors/aslkit-error.js';
import { ErrorCode } from '../errors/error-codes.js';
import type { HistoryEvent } from '../history/events.js';
import type { StateMachineDefinition } from '../definition/types.js';
import { parseStartTime } from '../runtime/clock.js';
import { ATTEMPT_STAGE_NAMES, type AttemptStages, type StateInspection } from '../runtime/inspection.js';
import type {
  ExecutionOutcome,
  PausePoint,
  SessionView,
  ViewerAnswer,
  ViewerBreakpoint,
  ViewerCommand,
  ViewerMessage,
  ViewerQuery,
} from './protocol.js';
import {
  CHILD_STATUSES,
  type ChildExecutionView,
  type ChildStatus,
  type MapRunChildPage,
  type MapRunChildView,
  type MapRunView,
} from '../graph/map-run-view.js';

/** Caps on a set of breakpoints from the wire; docs/reference/limits.md. */
export const BREAKPOINT_LIMITS = {
  maxBreakpoints: 1000,
  /** A condition is one JSONPath comparison; far longer text is refused before it is parsed. */
  maxConditionLength: 4096,
  /** State names have at most 80 characters (AWS); the margin leaves room for escaping. */
  maxStateNameLength: 1024,
} as const;

/** ARNs are at most 2048 characters (AWS); longer text is refused before it is looked up. */
const MAX_ARN_LENGTH = 2048;
const CHILD_STATUS_SET: ReadonlySet<string> = new Set(CHILD_STATUSES);
const RUN_STATUSES: ReadonlySet<string> = new Set(['RUNNING', 'SUCCEEDED', 'FAILED', 'ABORTED']);
const COUNT_KEYS = ['pending', 'running', 'succeeded', 'failed', 'timedOut', 'aborted', 'total'] as const;
const SESSION_STATES: ReadonlySet<string> = new Set(['idle', 'running', 'paused', 'stepping', 'done']);
const OUTCOMES: ReadonlySet<string> = new Set(['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED']);

/**
 * A command from the wire, checked. Breakpoints are capped and an empty condition is dropped.
 * @throws UsageError (code `ASLKIT_INVALID_COMMAND`)
 * @example
 * await source.send(parseViewerCommand(JSON.parse(body)));
 */
export function parseViewerCommand(value: unknown): ViewerCommand {
  const invalid = (why: string) => new UsageError(ErrorCode.InvalidCommand, why);
  if (!isJsonObject(value) || typeof value.type !== 'string')
    throw invalid('a command is a JSON object with a string "type"');
  switch (value.type) {
    case 'run':
    case 'pause':
    case 'resume':
    case 'restart':
    case 'abort':
      return { type: value.type };
    case 'step':
      if (value.by !== 'event' && value.by !== 'transition') throw invalid("step needs by: 'event' or 'transition'");
      return { type: 'step', by: value.by };
    case 'breakpoints':
      return { type: 'breakpoints', breakpoints: parseBreakpoints(value.breakpoints, invalid) };
    default:
      throw invalid(`unknown command ${quote(value.type)}`);
  }
}

/**
 * A message from the wire, checked: its shape, not the history's meaning (the fold reads the
 * events, the graph model the definition, and both refuse what they cannot draw).
 * @throws UsageError (code `ASLKIT_INVALID_MESSAGE`)
 */
export function parseViewerMessage(value: unknown): ViewerMessage {
  const invalid = (why: string) => new UsageError(ErrorCode.InvalidMessage, why);
  if (!isJsonObject(value) || typeof value.type !== 'string')
    throw invalid('a message is a JSON object with a string "type"');
  switch (value.type) {
    case 'init': {
      if (value.mode !== 'live' && value.mode !== 'history') throw invalid("init needs mode: 'live' or 'history'");
      if (!isJsonObject(value.definition)) throw invalid('init needs a definition object');
      if (value.title !== undefined && typeof value.title !== 'string')
        throw invalid('init has a title that is not text');
      return {
        type: 'init',
        mode: value.mode,
        definition: value.definition as unknown as StateMachineDefinition,
        ...(value.title === undefined ? {} : { title: value.title }),
        ...(value.breakpoints === undefined ? {} : { breakpoints: parseBreakpoints(value.breakpoints, invalid) }),
      };
    }
    case 'events': {
      const { events } = value;
      if (!Array.isArray(events)) throw invalid('events needs an array of events');
      for (const event of events) {
        if (!isJsonObject(event) || typeof event.type !== 'string' || typeof event.id !== 'number')
          throw invalid('each event is an object with a string "type" and a number "id"');
      }
      return { type: 'events', events: events as unknown as HistoryEvent[] };
    }
    case 'inspections': {
      const { inspections } = value;
      if (!Array.isArray(inspections)) throw invalid('inspections needs an array of inspections');
      return { type: 'inspections', inspections: inspections.map((item: unknown) => parseInspection(item, invalid)) };
    }
    case 'breakpoints':
      return { type: 'breakpoints', breakpoints: parseBreakpoints(value.breakpoints, invalid) };
    case 'session':
      return { type: 'session', session: parseSessionView(value.session, invalid) };
    case 'mapRuns':
      if (!Array.isArray(value.mapRuns)) throw invalid('mapRuns needs an array of Map Runs');
      return { type: 'mapRuns', mapRuns: value.mapRuns.map((run) => parseMapRunView(run, invalid)) };
    case 'error':
      if (typeof value.message !== 'string') throw invalid('error needs a message');
      return { type: 'error', message: value.message };
    default:
      throw invalid(`unknown message ${quote(value.type)}`);
  }
}

/**
 * A query from the wire, checked (the server's side of `POST /api/query`).
 * @throws UsageError (code `ASLKIT_INVALID_COMMAND`)
 */
export function parseViewerQuery(value: unknown): ViewerQuery {
  const invalid = (why: string) => new UsageError(ErrorCode.InvalidCommand, why);
  if (!isJsonObject(value) || typeof value.type !== 'string')
    throw invalid('a query is a JSON object with a string "type"');
  switch (value.type) {
    case 'mapRunChildren': {
      const query: ViewerQuery = { type: 'mapRunChildren', mapRunArn: arnOf(value.mapRunArn, 'mapRunArn', invalid) };
      if (value.status !== undefined) query.status = childStatusOf(value.status, invalid);
      for (const key of ['offset', 'limit'] as const) {
        const field = value[key];
        if (field === undefined) continue;
        if (typeof field !== 'number' || !Number.isSafeInteger(field) || field < 0)
          throw invalid(`${key} must be a whole number of at least 0`);
        query[key] = field;
      }
      if (value.at !== undefined) {
        if (typeof value.at !== 'string' || parseStartTime(value.at) === undefined)
          throw invalid('at must be an ISO 8601 date and time');
        query.at = value.at;
      }
      return query;
    }
    case 'childExecution':
      return { type: 'childExecution', executionArn: arnOf(value.executionArn, 'executionArn', invalid) };
    default:
      throw invalid(`unknown query ${quote(value.type)}`);
  }
}

/**
 * The answer to `query` from the wire, checked (the page's side of `POST /api/query`).
 * @throws UsageError (code `ASLKIT_INVALID_MESSAGE`)
 */
export function parseViewerAnswer<Q extends ViewerQuery>(query: Q, value: unknown): ViewerAnswer<Q> {
  const invalid = (why: string) => new UsageError(ErrorCode.InvalidMessage, why);
  if (!isJsonObject(value)) throw invalid(`the answer to ${query.type} is not an object`);
  if (query.type === 'mapRunChildren') {
    if (!Array.isArray(value.children) || typeof value.matching !== 'number' || typeof value.offset !== 'number')
      throw invalid('a page of children needs children, matching and offset');
    const page: MapRunChildPage = {
      mapRunArn: arnOf(value.mapRunArn, 'mapRunArn', invalid),
      offset: value.offset,
      matching: value.matching,
      children: value.children.map((child) => parseChildView(child, invalid)),
    };
    if (value.status !== undefined) page.status = childStatusOf(value.status, invalid);
    if (value.itemCounts !== undefined)
      page.itemCounts = parseItemCounts(value.itemCounts, 'a page of children', invalid);
    return page as ViewerAnswer<Q>;
  }
  if (!isJsonObject(value.definition)) throw invalid('a child execution needs its definition');
  if (typeof value.stateName !== 'string') throw invalid('a child execution needs its stateName');
  if (!Array.isArray(value.mapRuns)) throw invalid('a child execution needs its mapRuns');
  const view: ChildExecutionView = {
    mapRunArn: arnOf(value.mapRunArn, 'mapRunArn', invalid),
    stateName: value.stateName,
    child: parseChildView(value.child, invalid),
    definition: value.definition as unknown as StateMachineDefinition,
    mapRuns: value.mapRuns.map((run) => parseMapRunView(run, invalid)),
  };
  if (value.events !== undefined) {
    const checked = parseViewerMessage({ type: 'events', events: value.events });
    if (checked.type === 'events') view.events = checked.events;
  }
  return view as ViewerAnswer<Q>;
}

function arnOf(value: unknown, name: string, invalid: (why: string) => Error): string {
  if (typeof value !== 'string' || value === '' || value.length > MAX_ARN_LENGTH)
    throw invalid(`${name} must be an ARN of at most ${MAX_ARN_LENGTH} characters`);
  return value;
}

function childStatusOf(value: unknown, invalid: (why: string) => Error): ChildStatus {
  if (typeof value !== 'string' || !CHILD_STATUS_SET.has(value))
    throw invalid(`status must be one of ${CHILD_STATUSES.join(', ')}`);
  return value as ChildStatus;
}

/** The optional text fields of an object, checked and copied. */
function texts<K extends string>(
  value: JsonObject,
  keys: readonly K[],
  what: string,
  invalid: (why: string) => Error,
): { [P in K]?: string } {
  const out: { [P in K]?: string } = {};
  for (const key of keys) {
    const field = value[key];
    if (field === undefined) continue;
    if (typeof field !== 'string') throw invalid(`${what}.${key} must be text`);
    out[key] = field;
  }
  return out;
}

function parseMapRunView(value: unknown, invalid: (why: string) => Error): MapRunView {
  if (!isJsonObject(value) || typeof value.stateName !== 'string' || typeof value.startDate !== 'string')
    throw invalid('a Map Run needs a stateName and a startDate');
  if (typeof value.status !== 'string' || !RUN_STATUSES.has(value.status))
    throw invalid('a Map Run needs a status: RUNNING, SUCCEEDED, FAILED or ABORTED');
  const itemCounts = parseItemCounts(value.itemCounts, 'a Map Run', invalid);
  if (value.executionType !== 'STANDARD' && value.executionType !== 'EXPRESS')
    throw invalid('a Map Run needs an executionType: STANDARD or EXPRESS');
  return {
    mapRunArn: arnOf(value.mapRunArn, 'mapRunArn', invalid),
    executionArn: arnOf(value.executionArn, 'executionArn', invalid),
    stateName: value.stateName,
    stateMachineArn: arnOf(value.stateMachineArn, 'stateMachineArn', invalid),
    executionType: value.executionType,
    maxConcurrency: typeof value.maxConcurrency === 'number' ? value.maxConcurrency : 0,
    status: value.status as MapRunView['status'],
    startDate: value.startDate,
    ...texts(value, ['error', 'cause', 'stopDate'], 'mapRun', invalid),
    itemCounts,
  };
}

function parseItemCounts(counts: unknown, owner: string, invalid: (why: string) => Error): MapRunView['itemCounts'] {
  if (!isJsonObject(counts) || COUNT_KEYS.some((key) => typeof counts[key] !== 'number'))
    throw invalid(`${owner} needs itemCounts: ${COUNT_KEYS.join(', ')}`);
  return Object.fromEntries(COUNT_KEYS.map((key) => [key, counts[key]])) as unknown as MapRunView['itemCounts'];
}

function parseChildView(value: unknown, invalid: (why: string) => Error): MapRunChildView {
  if (!isJsonObject(value) || typeof value.index !== 'number' || typeof value.name !== 'string')
    throw invalid('a child execution needs an index and a name');
  return {
    index: value.index,
    name: value.name,
    executionArn: arnOf(value.executionArn, 'executionArn', invalid),
    status: childStatusOf(value.status, invalid),
    ...texts(value, ['error', 'cause', 'startDate', 'stopDate'], 'child', invalid),
    hasHistory: value.hasHistory === true,
  };
}

function parseBreakpoints(value: unknown, invalid: (why: string) => Error): ViewerBreakpoint[] {
  const { maxBreakpoints, maxConditionLength, maxStateNameLength } = BREAKPOINT_LIMITS;
  if (!Array.isArray(value) || value.length > maxBreakpoints)
    throw invalid(`breakpoints must be an array of at most ${maxBreakpoints}`);
  return value.map((item: unknown) => {
    if (!isJsonObject(item) || typeof item.stateName !== 'string' || (item.on !== 'enter' && item.on !== 'exit'))
      throw invalid('each breakpoint needs a stateName and on: enter or exit');
    const { stateName, on, condition } = item;
    if (stateName.length > maxStateNameLength)
      throw invalid(`a breakpoint's stateName has at most ${maxStateNameLength} characters`);
    if (condition !== undefined && typeof condition !== 'string')
      throw invalid('a breakpoint condition must be a string');
    if (condition !== undefined && condition.length > maxConditionLength)
      throw invalid(`a breakpoint condition has at most ${maxConditionLength} characters`);
    return { stateName, on, ...(condition === undefined || condition === '' ? {} : { condition }) };
  });
}

const OUTCOMES_OF_ATTEMPTS: ReadonlySet<string> = new Set(['succeeded', 'retried', 'caught', 'failed']);
const STAGE_NAMES: ReadonlySet<string> = new Set(ATTEMPT_STAGE_NAMES);

/** One attempt's stages: its identity and outcome checked, the stages kept by their known names only. */
function parseInspection(value: unknown, invalid: (why: string) => Error): StateInspection {
  if (
    !isJsonObject(value) ||
    typeof value.state !== 'string' ||
    typeof value.enteredEventId !== 'number' ||
    typeof value.attempt !== 'number' ||
    !isJsonObject(value.stages) ||
    typeof value.outcome !== 'string' ||
    !OUTCOMES_OF_ATTEMPTS.has(value.outcome)
  )
    throw invalid(
      'each inspection needs a state, a number enteredEventId and attempt, stages, and an outcome: succeeded, retried, caught or failed',
    );
  const given = value.stages;
  if (given.input === undefined) throw invalid("an inspection's stages need an input");
  const stages: Record<string, Json> = {};
  for (const key of ATTEMPT_STAGE_NAMES) if (given[key] !== undefined) stages[key] = given[key];
  if (stages.afterItemSelector !== undefined && !Array.isArray(stages.afterItemSelector))
    throw invalid('afterItemSelector is an array (one value per item)');
  if (stages.variables !== undefined && !isJsonObject(stages.variables))
    throw invalid('variables is an object (one value per name)');
  const inspection: StateInspection = {
    state: value.state,
    enteredEventId: value.enteredEventId,
    attempt: value.attempt,
    stages: stages as unknown as AttemptStages,
    outcome: value.outcome as StateInspection['outcome'],
  };
  if (value.error !== undefined) {
    const { error } = value;
    const text = (field: Json | undefined) => field === null || typeof field === 'string';
    if (
      !isJsonObject(error) ||
      !text(error.error) ||
      !text(error.cause) ||
      typeof error.afterStage !== 'string' ||
      !STAGE_NAMES.has(error.afterStage) ||
      (error.stage !== undefined && error.stage !== 'variables')
    )
      throw invalid(
        "an inspection's error needs error and cause (text or null), the afterStage it followed, and stage (if given) 'variables'",
      );
    inspection.error = {
      error: error.error,
      cause: error.cause,
      afterStage: error.afterStage as keyof AttemptStages,
      ...(error.stage === 'variables' ? { stage: 'variables' as const } : {}),
    };
  }
  return inspection;
}

function parseSessionView(value: unknown, invalid: (why: string) => Error): SessionView {
  if (!isJsonObject(value) || typeof value.state !== 'string' || !SESSION_STATES.has(value.state))
    throw invalid('session needs a state: idle, running, paused, stepping or done');
  const view: SessionView = { state: value.state as SessionView['state'] };
  if (value.pausedAt !== undefined) view.pausedAt = parsePausePoint(value.pausedAt, invalid);
  if (value.result !== undefined) view.result = parseOutcome(value.result, invalid);
  return view;
}

function parsePausePoint(value: unknown, invalid: (why: string) => Error): PausePoint {
  if (!isJsonObject(value)) throw invalid('pausedAt must be an object');
  const point: PausePoint = {};
  for (const key of ['stateName', 'reason'] as const) {
    const field = value[key];
    if (field === undefined) continue;
    if (typeof field !== 'string') throw invalid(`pausedAt.${key} must be text`);
    point[key] = field;
  }
  for (const key of ['eventId', 'pause'] as const) {
    const field = value[key];
    if (field === undefined) continue;
    if (typeof field !== 'number') throw invalid(`pausedAt.${key} must be a number`);
    point[key] = field;
  }
  if (value.on !== undefined) {
    if (value.on !== 'enter' && value.on !== 'exit') throw invalid('pausedAt.on must be enter or exit');
    point.on = value.on;
  }
  return point;
}

function parseOutcome(value: unknown, invalid: (why: string) => Error): ExecutionOutcome {
  if (!isJsonObject(value) || typeof value.status !== 'string' || !OUTCOMES.has(value.status))
    throw invalid('result needs a status: SUCCEEDED, FAILED, TIMED_OUT or ABORTED');
  const optional = (key: 'error' | 'cause', object: JsonObject) => {
    const field = object[key];
    if (field === undefined) return {};
    if (typeof field !== 'string') throw invalid(`result.${key} must be text`);
    return { [key]: field };
  };
  return {
    status: value.status as ExecutionOutcome['status'],
    ...optional('error', value),
    ...optional('cause', value),
  };
}
