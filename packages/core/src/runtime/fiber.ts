/**
 * A fiber is one thread of states: the execution itself, a Parallel branch or a Map
 * iteration. It owns its variable scope, its abort signal and the id of its last event,
 * which is what AWS's `previousEventId` points at. Its methods are the only place that
 * decides what an event follows: executors say what they record, never what it links to.
 */
import type { QueryBudgets } from '../query/jsonata/budget.js';
import type { Json, JsonObject } from '../json.js';
import type { EventDetails, HistoryEventType } from '../history/events.js';
import type { HistoryRecorder } from '../history/recorder.js';
import type { ResolverRouter } from '../resolvers/resolver.js';
import type { ParsedResource } from '../resolvers/resource.js';
import type { Clock } from './clock.js';
import type { CompiledMachine, CompiledScope, CompiledState } from './compiled-state.js';
import type { Random } from './random.js';
import type { TaskTokens } from './task-tokens.js';
import { VariableScope } from './variables.js';
import type { StateInspection } from './inspection.js';
import type { ObjectStore } from '../distributed/object-store.js';
import type { MapRunOptions, MapRunRecord } from '../distributed/map-run.js';
import type { Abortable } from './abort-listeners.js';

/**
 * Called between steps; the debugger pauses the run here by returning a promise. After a
 * returned promise settles, the run loop checks the abort signal before going on.
 */
export type StepGate = (point: GatePoint) => void | Promise<void>;
export interface GatePoint {
  /** enter: before the Entered event; attempt: before each attempt's work (the first and every retry); exit: after the Exited event. */
  kind: 'enter' | 'attempt' | 'exit';
  state: CompiledState;
  /** The state's input (as recorded in its Entered event). */
  input: Json;
  /** exit only: the state's output. */
  output?: Json;
}

export interface ExecutionLimits {
  /** Bytes of a state's input, output or a task's result (AWS: 262,144). */
  payloadBytes: number;
  /** Stop a run-away machine after this many state transitions (default: no limit). */
  stateTransitions: number;
  /** Budgets of one query evaluation (JSONata steps, time, value size); defaults in docs/reference/limits.md. */
  queryBudgets?: Partial<QueryBudgets>;
}

/**
 * Every field of `T`, its optional ones included (as `| undefined`): an object literal of this type
 * must name them all. The places that copy an ExecutionEnv field by field (for V8's fast object path)
 * are typed with it, so a field added to ExecutionEnv cannot be forgotten there; it costs nothing at run time.
 */
export type EveryField<T> = { [K in keyof Required<T>]: T[K] };

export interface ExecutionEnv {
  readonly machine: CompiledMachine;
  readonly clock: Clock;
  readonly random: Random;
  readonly recorder: HistoryRecorder;
  readonly resolvers: ResolverRouter;
  /** The cause when no resolver answers a Task (see StartOptions). */
  readonly missingResolverMessage?: (resource: ParsedResource, stateName: string, input: Json) => string;
  readonly tokens: TaskTokens;
  readonly limits: ExecutionLimits;
  readonly region: string;
  /** `$$.Execution` and `$$.StateMachine`, shared by every state. */
  readonly contextBase: { Execution: JsonObject; StateMachine: JsonObject };
  readonly gate?: StepGate;
  /** Where scopes start instead of their StartAt (`startAt`); absent for an ordinary run. */
  readonly startAt?: ReadonlyMap<CompiledScope, string>;
  /** Told each finished attempt's stages when the run inspects (`inspect: true`). */
  readonly inspect?: (inspection: StateInspection) => void;
  /** Where ItemReader and ResultWriter read and write objects (`StartOptions.objectStore`). */
  readonly objectStore?: ObjectStore;
  /** Every Map Run of the execution (and of its children), in start order. */
  readonly mapRuns: MapRunRecord[];
  readonly mapRunOptions?: MapRunOptions;
  transitions: number;
}

export class Fiber {
  /** The id of this fiber's last event: what its next event follows (0: nothing). */
  private lastEventId: number;

  constructor(
    readonly env: ExecutionEnv,
    readonly variables: VariableScope,
    readonly signal: Abortable,
    lastEventId = 0,
    /** A Parallel branch or Map iteration: other fibers may run alongside it. */
    readonly concurrent = false,
  ) {
    this.lastEventId = lastEventId;
  }

  /** Records an event that follows this fiber's last one. */
  record<T extends HistoryEventType>(type: T, details: EventDetails<T>): number {
    const id = this.env.recorder.record(type, details, this.lastEventId);
    this.lastEventId = id;
    return id;
  }

  /**
   * Records an event that the next one does not follow: AWS points both MapStateSucceeded and
   * MapStateExited of a distributed Map at MapRunSucceeded.
   */
  recordAside<T extends HistoryEventType>(type: T, details: EventDetails<T>): number {
    const last = this.lastEventId;
    const id = this.record(type, details);
    this.lastEventId = last;
    return id;
  }

  /**
   * Records an event that follows nothing, and starts the chain afresh: AWS chains neither
   * ExecutionStarted nor the first state after it, nor ExecutionTimedOut and ExecutionAborted
   * (which interrupt whatever ran; docs/research/history-events.md §4i), to an earlier event.
   */
  recordUnchained<T extends HistoryEventType>(type: T, details: EventDetails<T>): number {
    const id = this.env.recorder.record(type, details, 0);
    this.lastEventId = 0;
    return id;
  }

  /** A Parallel branch: its first event follows this fiber's last one (ParallelStateStarted). */
  branch(signal: Abortable): Fiber {
    return new Fiber(this.env, this.variables.child(), signal, this.lastEventId, true);
  }

  /**
   * A Map iteration: its first event (MapIterationStarted) follows the latest event of the whole
   * history, whichever fiber recorded it. `isolated`: a distributed Map's iteration, a child
   * execution of its own that none of the outer variables reach.
   */
  iteration(signal: Abortable, isolated: boolean): Fiber {
    const variables = isolated ? new VariableScope() : this.variables.child();
    return new Fiber(this.env, variables, signal, this.env.recorder.count, true);
  }

  /**
   * Records an event that follows `child`'s last event (the branch or iteration that failed),
   * or the latest event of the history when there is no such child; the chain goes on from it.
   */
  recordAfter<T extends HistoryEventType>(child: Fiber | undefined, type: T, details: EventDetails<T>): number {
    this.pointAfter(child);
    return this.record(type, details);
  }

  /**
   * Makes this fiber's next event follow `child`'s last event (or the latest of the history): a
   * failed Map or Parallel, whose next event is its Failed event or a retry's `*StateStarted`.
   */
  pointAfter(child: Fiber | undefined): void {
    this.lastEventId = child ? child.lastEventId : this.env.recorder.count;
  }

  /**
   * Records the join of children that all ended: the event follows the latest event of the
   * history (the last child's), and so does the next one: AWS points both ParallelStateSucceeded
   * and ParallelStateExited (MapStateSucceeded and MapStateExited) at the last child event.
   */
  recordJoined<T extends HistoryEventType>(type: T, details: EventDetails<T>): number {
    const last = this.env.recorder.count;
    this.lastEventId = last;
    const id = this.record(type, details);
    this.lastEventId = last;
    return id;
  }
}
