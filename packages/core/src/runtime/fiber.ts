/**
 * A fiber is one thread of states: the execution itself, a Parallel branch or a Map
 * iteration. It owns its variable scope, its abort signal and the id of its last event,
 * which is what AWS's `previousEventId` points at.
 */
import type { QueryBudgets } from '../query/jsonata/budget.js';
import type { Json, JsonObject } from '../json.js';
import type { EventDetails, HistoryEventType } from '../history/events.js';
import type { HistoryRecorder } from '../history/recorder.js';
import type { ResolverRouter } from '../resolvers/resolver.js';
import type { ParsedResource } from '../resolvers/resource.js';
import type { Clock } from './clock.js';
import type { CompiledMachine, CompiledState } from './compile.js';
import type { Random } from './random.js';
import type { TaskTokens } from './task-tokens.js';
import type { VariableScope } from './variables.js';

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
  transitions: number;
}

export class Fiber {
  constructor(
    readonly env: ExecutionEnv,
    readonly variables: VariableScope,
    readonly signal: AbortSignal,
    public lastEventId: number,
    /** A Parallel branch or Map iteration: other fibers may run alongside it. */
    readonly concurrent = false,
  ) {}

  /** Records an event that follows this fiber's last one. */
  record<T extends HistoryEventType>(type: T, details: EventDetails<T>): number {
    const id = this.env.recorder.record(type, details, this.lastEventId);
    this.lastEventId = id;
    return id;
  }

  /** A child fiber (Parallel branch, Map iteration) whose first event follows `lastEventId`. */
  fork(signal: AbortSignal, lastEventId: number): Fiber {
    return new Fiber(this.env, this.variables.child(), signal, lastEventId, true);
  }
}
