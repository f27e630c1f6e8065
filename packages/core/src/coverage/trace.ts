/**
 * Rebuilds what an execution did from its history alone: each state visit (attempts, how it
 * ended, the state before and after it) and the fibers it ran in (the execution, Parallel
 * branches, Map iterations). Interleaved branch events are untangled through
 * `previousEventId`, which chains each fiber's events as AWS does; the join events
 * (Parallel/MapStateSucceeded, ...Exited) point into a child, so they are walked back up.
 */
import type { HistoryEvent } from '../history/events.js';
import type { StateMachineDefinition, StateType } from '../definition/types.js';
import { catchersOf, indexDefinition, nextOf, type DefinitionIndex } from './definition-index.js';
import { failStateError } from './fail-state-error.js';

export interface TraceAttempt {
  failed: boolean;
  error?: string;
  cause?: string;
}

/** How a visit ended: left normally, left through a catcher, failed its scope, was aborted, or never ended. */
export type VisitOutcome = 'exited' | 'caught' | 'failed' | 'aborted' | 'open';

export interface StateVisit {
  /** Position in `ExecutionTrace.visits`. */
  index: number;
  name: string;
  type: StateType;
  /** Id and timestamp of the state's Entered event. */
  eventId: number;
  enteredTime: string;
  fiber: number;
  /** The state left just before this one in the same fiber. */
  from?: string;
  /** The state entered next in the same fiber. */
  next?: string;
  /** One per try; every attempt but the last was retried. */
  attempts: TraceAttempt[];
  outcome: VisitOutcome;
  /** Raw input, as recorded (JSON text). */
  input: string;
  output?: string;
  /** Variables visible on entry (JSON texts), kept for Choice visits to re-evaluate their rules. */
  variables?: Readonly<Record<string, string>>;
  /** Fibers this visit started: Parallel branches and Map iterations, over all attempts. */
  children: number[];
}

export interface TraceFiber {
  id: number;
  kind: 'execution' | 'branch' | 'iteration';
  parent?: number;
  /** Index of the Parallel or Map visit that started it. */
  owner?: number;
  /** Parallel branch index (from the definition when given, else order of appearance). */
  branch?: number;
  /** Map iteration index. */
  iteration?: number;
  visits: number[];
}

export interface ExecutionTrace {
  visits: StateVisit[];
  fibers: TraceFiber[];
  /** Top-level states in the order entered. */
  path: string[];
  /** The execution input (JSON text) and start timestamp, from ExecutionStarted. */
  input?: string;
  startTime?: string;
}

interface Work {
  visit: StateVisit;
  current: { started: boolean; failed: boolean; error?: string; cause?: string };
  /** Parallel/Map: children forked and not yet joined. */
  forked: boolean;
  /** Map: items in the current attempt, and iterations started so far in it. */
  mapLength?: number;
  iterationsStarted: number;
}

interface FiberWork {
  info: TraceFiber;
  current?: Work;
  variables: Map<string, string>;
  parentVariables?: FiberWork;
  aborted?: boolean;
}

const ROOT = 0;

/**
 * Traces a history (events in id order). The definition, when given, names Parallel branches
 * by their StartAt, supplies Fail states' errors and tells a caught exit from a normal one
 * when the history alone cannot.
 */
export function traceExecution(
  history: readonly HistoryEvent[],
  definition?: StateMachineDefinition | object,
): ExecutionTrace {
  const index = definition ? indexDefinition(definition) : undefined;
  const trace: ExecutionTrace = { visits: [], fibers: [], path: [] };
  const fibers: FiberWork[] = [];
  const works: Work[] = [];
  const fiberOfEvent = new Map<number, number>();
  const typeOfEvent = new Map<number, string>();
  let anyVariables = false;

  const newFiber = (kind: TraceFiber['kind'], parent?: FiberWork, owner?: Work): FiberWork => {
    const info: TraceFiber = { id: fibers.length, kind, visits: [] };
    if (parent) info.parent = parent.info.id;
    if (owner) info.owner = owner.visit.index;
    const fiber: FiberWork = { info, variables: new Map(), ...(parent ? { parentVariables: parent } : {}) };
    fibers.push(fiber);
    trace.fibers.push(info);
    owner?.visit.children.push(info.id);
    return fiber;
  };
  newFiber('execution');

  /** From `start` up through its parents, the first fiber whose current visit passes `test`. */
  const climb = (start: FiberWork, test: (work: Work) => boolean): FiberWork | undefined => {
    for (
      let fiber: FiberWork | undefined = start;
      fiber;
      fiber = fiber.info.parent === undefined ? undefined : fibers[fiber.info.parent]
    ) {
      if (fiber.current && test(fiber.current)) return fiber;
    }
    return undefined;
  };
  const latest = (test: (work: Work) => boolean): FiberWork | undefined => {
    for (let i = works.length - 1; i >= 0; i--) {
      const work = works[i]!;
      if (fibers[work.visit.fiber]!.current === work && test(work)) return fibers[work.visit.fiber];
    }
    return undefined;
  };
  const pendingJoin = (kind: StateType) => (work: Work) => work.visit.type === kind && work.forked;
  const finishAttempt = (work: Work): void => {
    const { failed, error, cause } = work.current;
    work.visit.attempts.push({
      failed,
      ...(error === undefined ? {} : { error }),
      ...(cause === undefined ? {} : { cause }),
    });
    work.current = { started: false, failed: false };
  };
  const fail = (work: Work, error: string | undefined, cause: string | undefined): void => {
    if (work.current.failed) finishAttempt(work);
    work.current.failed = true;
    if (error !== undefined) work.current.error = error;
    if (cause !== undefined) work.current.cause = cause;
  };
  /** Why a fiber failed: its last visit's last error. */
  const fiberError = (fiber: FiberWork): TraceAttempt | undefined => {
    const work = fiber.current;
    if (!work) return undefined;
    if (work.visit.outcome === 'open') work.visit.outcome = 'failed';
    return work.current.failed ? work.current : work.visit.attempts.at(-1);
  };
  const visible = (fiber: FiberWork): Record<string, string> => {
    const chain: FiberWork[] = [];
    for (let f: FiberWork | undefined = fiber; f; f = f.parentVariables) chain.unshift(f);
    const result: Record<string, string> = {};
    for (const f of chain) for (const [name, value] of f.variables) result[name] = value;
    return result;
  };

  for (const event of history) {
    const type = event.type as string;
    const details = detailsOf(event);
    const previous = event.previousEventId;
    const fromFiber = fibers[previous === 0 ? ROOT : (fiberOfEvent.get(previous) ?? ROOT)]!;
    let fiber = fromFiber;

    if (type.startsWith('Execution')) {
      fiber = fibers[ROOT]!;
      if (type === 'ExecutionStarted') {
        trace.input = typeof details?.['input'] === 'string' ? details['input'] : undefined;
        trace.startTime = event.timestamp;
      } else if (type !== 'ExecutionSucceeded' && fiber.current && fiber.current.visit.outcome === 'open') {
        // The error that ended the execution is the last top-level state's, when no event said so.
        const work = fiber.current;
        if (type !== 'ExecutionAborted' || work.current.failed) {
          if (!work.current.failed) fail(work, str(details?.['error']), str(details?.['cause']));
          else {
            work.current.error ??= str(details?.['error']);
            work.current.cause ??= str(details?.['cause']);
          }
          work.visit.outcome = 'failed';
        } else work.visit.outcome = 'aborted';
      }
      fiberOfEvent.set(event.id, ROOT);
      typeOfEvent.set(event.id, type);
      continue;
    }
    if (type === 'MapIterationStarted') {
      const name = str(details?.['name']);
      const iteration = details?.['index'];
      // Iterations start in index order within a Map, and Maps start theirs in the order the
      // Maps started, so the earliest pending Map of that name still expecting this index owns it.
      const owner =
        works.find(
          (work) =>
            pendingJoin('Map')(work) &&
            work.visit.name === name &&
            fibers[work.visit.fiber]!.current === work &&
            (typeof iteration !== 'number' ||
              (work.iterationsStarted === iteration && (work.mapLength ?? Infinity) > iteration)),
        ) ?? latest((work) => pendingJoin('Map')(work) && work.visit.name === name)?.current;
      if (owner) owner.iterationsStarted++;
      fiber = newFiber('iteration', owner ? fibers[owner.visit.fiber] : undefined, owner);
      if (typeof iteration === 'number') fiber.info.iteration = iteration;
    } else if (type.endsWith('StateEntered') && typeOfEvent.get(previous) === 'ParallelStateStarted') {
      const owner = fromFiber.current;
      fiber = newFiber('branch', fromFiber, owner);
      const name = str(details?.['name']);
      const start = name === undefined ? undefined : index?.scopeStarts.get(name);
      fiber.info.branch = start?.branch ?? (owner ? owner.visit.children.length - 1 : 0);
    } else if (
      type === 'ParallelStateSucceeded' ||
      type === 'ParallelStateFailed' ||
      type === 'MapStateSucceeded' ||
      type === 'MapStateFailed'
    ) {
      const kind: StateType = type.startsWith('Parallel') ? 'Parallel' : 'Map';
      // An empty Map has no iteration to point into: AWS points at whatever event came last.
      const emptyMap =
        type === 'MapStateSucceeded' ? latest((work) => pendingJoin('Map')(work) && work.mapLength === 0) : undefined;
      fiber = emptyMap ?? climb(fromFiber, pendingJoin(kind)) ?? latest(pendingJoin(kind)) ?? fromFiber;
    } else if (type.endsWith('StateExited') || type === 'EvaluationFailed') {
      // After a join, both point into the last child (AWS's previousEventId): find the state by name.
      const name = str(details?.[type === 'EvaluationFailed' ? 'state' : 'name']);
      const isOpen = (work: Work) => work.visit.name === name && work.visit.outcome === 'open';
      fiber = climb(fromFiber, isOpen) ?? latest(isOpen) ?? fromFiber;
    }
    fiberOfEvent.set(event.id, fiber.info.id);
    typeOfEvent.set(event.id, type);
    const work = fiber.current;

    if (type.endsWith('StateEntered')) {
      const name = str(details?.['name']) ?? '';
      const last = work?.visit;
      const visit: StateVisit = {
        index: trace.visits.length,
        name,
        type: type.slice(0, -'StateEntered'.length) as StateType,
        eventId: event.id,
        enteredTime: event.timestamp,
        fiber: fiber.info.id,
        attempts: [],
        outcome: 'open',
        input: str(details?.['input']) ?? 'null',
        children: [],
      };
      if (last && (last.outcome === 'exited' || last.outcome === 'caught')) {
        visit.from = last.name;
        last.next = name;
      }
      if (visit.type === 'Choice' && anyVariables) visit.variables = visible(fiber);
      const entered: Work = { visit, current: { started: false, failed: false }, forked: false, iterationsStarted: 0 };
      if (visit.type === 'Fail') {
        const failure = failStateError(index?.states.get(name)?.state, visit.input);
        fail(entered, failure.error, failure.cause);
      }
      trace.visits.push(visit);
      works.push(entered);
      fiber.info.visits.push(visit.index);
      fiber.current = entered;
      if (fiber.info.id === ROOT) trace.path.push(name);
      continue;
    }
    if (!work) continue;
    if (type.endsWith('StateExited')) {
      if (typeof details?.['output'] === 'string') work.visit.output = details['output'];
      const assigned = details?.['assignedVariables'];
      if (isRecord(assigned)) {
        for (const [name, value] of Object.entries(assigned))
          if (typeof value === 'string') fiber.variables.set(name, value);
        anyVariables = true;
      }
      work.visit.outcome = work.current.failed ? 'caught' : 'exited';
      work.forked = false;
      finishAttempt(work);
    } else if (type.endsWith('StateAborted')) {
      work.visit.outcome = 'aborted';
      work.forked = false;
      finishAttempt(work);
    } else if (type === 'ParallelStateStarted' || type === 'MapStateStarted' || type.endsWith('Scheduled')) {
      if (work.current.started || work.current.failed) finishAttempt(work);
      work.current.started = true;
      if (type !== 'ParallelStateStarted' && type !== 'MapStateStarted') continue;
      work.forked = true;
      work.iterationsStarted = 0;
      const length = details?.['length'];
      if (typeof length === 'number') work.mapLength = length;
    } else if (type === 'ParallelStateSucceeded' || type === 'MapStateSucceeded') {
      work.forked = false;
    } else if (type === 'ParallelStateFailed' || type === 'MapStateFailed') {
      work.forked = false;
      const child = fromFiber === fiber ? undefined : fiberError(fromFiber);
      const tolerant =
        type === 'MapStateFailed' && hasTolerance(index, work.visit.name) && child?.error !== 'States.Runtime';
      fail(
        work,
        tolerant ? 'States.ExceedToleratedFailureThreshold' : child?.error,
        tolerant ? undefined : child?.cause,
      );
    } else if (type === 'MapIterationAborted') {
      fiber.aborted = true;
    } else if (!type.startsWith('MapIteration') && (type.endsWith('Failed') || type.endsWith('TimedOut'))) {
      fail(work, str(details?.['error']), str(details?.['cause']));
    }
  }

  for (const work of works) {
    const { visit } = work;
    if (visit.outcome === 'open') {
      if (work.current.failed || visit.type === 'Fail') visit.outcome = 'failed';
      else if (fibers[visit.fiber]!.aborted) visit.outcome = 'aborted';
    }
    if (work.current.started || work.current.failed || visit.attempts.length === 0) finishAttempt(work);
    if (index && visit.outcome === 'exited' && visit.next !== undefined) reclassifyCatch(visit, index);
  }
  return trace;
}

/**
 * A failure the history does not show (an output over the size limit after TaskSucceeded)
 * still leaves through a catcher: when the next state is only a catcher's target, it was caught.
 */
function reclassifyCatch(visit: StateVisit, index: DefinitionIndex): void {
  const state = index.states.get(visit.name)?.state;
  if (visit.next === nextOf(state)) return;
  if (catchersOf(state).some((catcher) => catcher.Next === visit.next)) {
    visit.outcome = 'caught';
    const last = visit.attempts.at(-1);
    if (last) last.failed = true;
  }
}

const hasTolerance = (index: DefinitionIndex | undefined, name: string): boolean => {
  const state = index?.states.get(name)?.state as Record<string, unknown> | undefined;
  return state !== undefined && Object.keys(state).some((key) => key.startsWith('ToleratedFailure'));
};

/** The `*EventDetails` object of an event, if it has one. */
function detailsOf(event: HistoryEvent): Record<string, unknown> | undefined {
  for (const key of Object.keys(event)) {
    if (!key.endsWith('EventDetails')) continue;
    const value = (event as unknown as Record<string, unknown>)[key];
    if (isRecord(value)) return value;
  }
  return undefined;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
