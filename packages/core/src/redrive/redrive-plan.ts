/**
 * Where a redrive goes on from, read off the stopped execution's history: in each scope (the
 * execution, a Parallel branch, a Map iteration) the state that did not finish, entered again with
 * its recorded input and the variables its scope had assigned; inside a Parallel or inline Map that
 * did not finish, which branches or iterations already succeeded (their recorded output is reused,
 * they do not run again) and where each other one goes on from. States that finished are not run
 * again, as on AWS (docs/guide/redrive.md).
 */
import { setOwn, type Json, parseJson } from '../json.js';
import type { HistoryEvent } from '../history/events.js';
import { HistoryReader } from '../history/reader/history-reader.js';
import type { Chain } from '../history/reader/chains.js';
import type { VisitRecord } from '../history/reader/visit-record.js';
import type { CompiledScope, CompiledState } from '../runtime/compiled-state.js';
import { UsageError } from '../errors/aslkit-error.js';
import type { MapRun } from '../distributed/map-run.js';
import type { GraphModel } from '../graph/model.js';
import { ErrorCode } from '../errors/error-codes.js';

/** Where one scope goes on from. */
export interface ScopePlan {
  /** The state entered first. */
  readonly start: string;
  readonly input: Json;
  /** `input` as recorded (the Entered event's JSON text). */
  readonly inputText: string;
  /** The variables the scope had assigned before it stopped. */
  readonly variables?: Record<string, Json>;
  /** The first state is a Parallel or inline Map that stopped: what its first attempt skips. */
  readonly container?: ContainerPlan;
}

/** A branch or iteration that succeeded (its output), or where one that did not goes on from. */
export type ChildPlan = { readonly output: Json } | { readonly scope: ScopePlan };

/** A Parallel's branches or a Map's iterations, by index; one not listed runs from its scope's start. */
export interface ContainerPlan {
  readonly children: ReadonlyMap<number, ChildPlan>;
  /** A distributed Map whose Map Run started: that run is redriven, not started anew. */
  readonly mapRun?: MapRunRedrive;
}

/** The Map Run a redrive takes up again. */
export interface MapRunRedrive {
  readonly mapRunArn: string;
  /** Its redrives, this one included (`MapRunRedriven`'s redriveCount). */
  readonly redriveCount: number;
  /** What the stopped execution's `mapRuns` held of it (its children): absent, every child runs again. */
  readonly record?: MapRun;
}

/**
 * The plan of a redrive of `history` (an execution of the machine whose root scope is `root`);
 * undefined when no state was entered (the execution runs from its start). `model` is the graph model
 * of what ran (the machine, or a distributed Map's processor for its children).
 * @throws UsageError when the history names states the machine does not have.
 */
export function redrivePlan(
  root: CompiledScope,
  history: readonly HistoryEvent[],
  options: { model: GraphModel; mapRuns?: readonly MapRun[] | undefined },
): ScopePlan | undefined {
  // The model places each state in its branch: a redrive's branches do not start in index order.
  const reader = new HistoryReader({ model: options.model });
  const mapRuns = options.mapRuns ?? [];
  for (const event of history) reader.apply(event);
  const plan = scopePlan(root, reader.chains.root, { history, mapRuns });
  return plan === 'done' ? undefined : plan;
}

/** What the plan reads besides the reader's chains: Map Runs. */
interface Sources {
  readonly history: readonly HistoryEvent[];
  readonly mapRuns: readonly MapRun[];
}

function scopePlan(scope: CompiledScope, chain: Chain, sources: Sources): ScopePlan | 'done' | undefined {
  const visit = chain.current;
  if (!visit) return undefined;
  const state = scope.states.get(visit.name);
  if (!state)
    throw new UsageError(ErrorCode.Usage, `The history entered a state the machine does not have: '${visit.name}'`);
  const variables = chainVariables(chain);
  if (visit.status === 'succeeded' || visit.status === 'caught') {
    const next = visit.status === 'caught' ? caughtNext(state, visit) : state.type === 'Choice' ? null : state.next;
    if (next === undefined) return 'done';
    // A Choice's pick is not recorded until the next state is entered: it decides again.
    if (next !== null) return { start: next, ...recorded(visit.output, visit.name), ...variables };
  }
  return {
    start: visit.name,
    ...recorded(visit.input, visit.name),
    ...variables,
    ...(isContainer(state) ? { container: containerPlan(state, visit, sources) } : {}),
    ...(state.type === 'Map' && state.distributed ? distributedPlan(visit, sources) : {}),
  };
}

/**
 * A distributed Map's latest attempt: the Map Run it started (MapRunStarted, or MapRunRedriven of
 * an earlier redrive, follows its MapStateStarted) is redriven; none started, a new one starts.
 */
function distributedPlan(visit: VisitRecord, sources: Sources): { container?: ContainerPlan } {
  const started = visit.attempts[visit.attempts.length - 1]?.startedEventId;
  if (started === undefined) return {};
  let mapRunArn: string | undefined;
  for (const event of sources.history) {
    if (event.previousEventId !== started) continue;
    if (event.type === 'MapRunStarted') mapRunArn = event.mapRunStartedEventDetails.mapRunArn;
    else if (event.type === 'MapRunRedriven') mapRunArn = event.mapRunRedrivenEventDetails.mapRunArn;
  }
  if (mapRunArn === undefined) return {};
  const redriven = sources.history.filter(
    (event) => event.type === 'MapRunRedriven' && event.mapRunRedrivenEventDetails.mapRunArn === mapRunArn,
  ).length;
  const record = sources.mapRuns.find((run) => run.mapRunArn === mapRunArn);
  return {
    container: {
      children: new Map(),
      mapRun: { mapRunArn, redriveCount: redriven + 1, ...(record ? { record } : {}) },
    },
  };
}

/** Parallel and inline Map: what their latest attempt's branches or iterations did. */
function containerPlan(state: CompiledState, visit: VisitRecord, sources: Sources): ContainerPlan {
  // A visit an earlier redrive entered again ran only what had not succeeded: the rest is the earlier visit's.
  const visits = visit.chain.visits;
  const before = visits[visits.lastIndexOf(visit) - 1];
  const reentered = before?.name === visit.name && before.status !== 'succeeded' && before.status !== 'caught';
  const children = new Map<number, ChildPlan>(reentered ? containerPlan(state, before, sources).children : []);
  for (const [index, chain] of visit.attemptChains ?? []) {
    const scope =
      state.type === 'Parallel' ? state.branches[index] : state.type === 'Map' ? state.processor : undefined;
    if (!scope) continue;
    const plan = scopePlan(scope, chain, sources);
    if (plan === 'done') children.set(index, { output: parsed(chain.current!.output, visit.name) });
    else if (plan) children.set(index, { scope: plan });
  }
  return { children };
}

function isContainer(state: CompiledState): boolean {
  return state.type === 'Parallel' || (state.type === 'Map' && !state.distributed);
}

/** The state a caught visit went on to (its catcher's Next). */
function caughtNext(state: CompiledState, visit: VisitRecord): string | null {
  if (!('catchers' in state) || visit.catcher === undefined) return null;
  return state.catchers[visit.catcher]?.Next ?? null;
}

function chainVariables(chain: Chain): { variables?: Record<string, Json> } {
  if (!chain.variables || chain.variables.size === 0) return {};
  const variables: Record<string, Json> = {};
  for (const [name, text] of chain.variables) setOwn(variables, name, parseJson(text));
  return { variables };
}

function recorded(text: unknown, stateName: string): { input: Json; inputText: string } {
  return { input: parsed(text, stateName), inputText: text as string };
}

function parsed(text: unknown, stateName: string): Json {
  if (typeof text !== 'string')
    throw new UsageError(ErrorCode.Usage, `The history does not record the data of the state '${stateName}'`);
  try {
    return parseJson(text);
  } catch {
    throw new UsageError(ErrorCode.Usage, `The history records data that is not JSON for the state '${stateName}'`);
  }
}
