/**
 * A step-through debugger around one execution: pause, resume, step to the next history
 * event or state transition, breakpoints, abort. The session's life is an xstate actor
 * (`session.actor`); the UI reads `getSnapshot()` and sends commands.
 *
 * How it stays deterministic (a stepped run records exactly the history of a free run):
 * - The engine reports every event and every gate point (before a state is entered, before
 *   each attempt, after it exits) to the session, which reveals them in order and decides
 *   where to stop. Pausing holds the virtual clock, so no timer fires and no task result is
 *   delivered while paused.
 * - When only one thread of states runs (no Parallel or Map open), the engine itself waits
 *   at the gate: nothing else could run meanwhile, so waiting changes nothing.
 * - Inside a Parallel or a Map, making one branch wait would let its siblings overtake it
 *   and reorder the history. There the engine carries on until every branch waits on the
 *   held clock, and the session keeps what it recorded meanwhile unrevealed, handing it out
 *   step by step. A task may therefore be invoked a little before its events are shown.
 */
import { createActor, type Actor } from 'xstate';
import type { Json } from '../json.js';
import type { HistoryEvent } from '../history/events.js';
import type { StateMachine, StartOptions } from '../runtime/state-machine.js';
import type { Execution, ExecutionResult } from '../runtime/execution.js';
import type { GatePoint } from '../runtime/fiber.js';
import type { StateInspection } from '../runtime/inspection.js';
import { macrotask } from '../runtime/clock.js';
import { buildGraph, type GraphModel, type GraphNode } from '../graph/model.js';
import { createHistoryFolder, type HistoryFolder } from '../graph/fold.js';
import { BreakpointSet, type Breakpoint } from './breakpoints.js';
import { END_STATUS } from '../history/reader/event-kinds.js';
import {
  debugSessionMachine,
  type PausedAt,
  type PauseRequest,
  type SessionState,
  type StepUnit,
} from './session-machine.js';

export type { PausedAt, SessionState, StepUnit } from './session-machine.js';

/** What a UI shows of a session at one moment. */
export interface DebugSnapshot {
  state: SessionState;
  /** The history as revealed so far. */
  events: readonly HistoryEvent[];
  pausedAt?: PausedAt;
  result?: ExecutionResult;
  breakpoints: readonly Breakpoint[];
  /**
   * Every attempt's stages so far, when the session was created with `inspect: true`. They are
   * not held back with the events: inside a Parallel or Map an attempt may end before its events show.
   */
  inspections?: readonly StateInspection[];
}

export interface DebugSession {
  /** The session's xstate actor, for UIs that subscribe to it directly. */
  readonly actor: Actor<typeof debugSessionMachine>;
  /** The machine's graph, for drawing and folding the revealed events. */
  readonly model: GraphModel;
  /** The execution, once started. */
  readonly execution?: Execution;
  getSnapshot(): DebugSnapshot;
  /** Calls `listener` after changes (at most once per macrotask); returns the unsubscribe function. */
  subscribe(listener: (snapshot: DebugSnapshot) => void): () => void;
  start(): void;
  pause(): void;
  /** Runs freely until a breakpoint or the end (starts the execution when idle). */
  resume(): void;
  /** Runs to the next history event or state transition (default), then pauses; starts the execution when idle. */
  step(unit?: StepUnit): void;
  /** @throws UsageError (code `ASLKIT_INVALID_BREAKPOINT`) for a malformed breakpoint or condition. */
  setBreakpoints(breakpoints: Breakpoint[]): void;
  /** Stops the execution; it ends ABORTED with this error and cause. */
  abort(error?: string, cause?: string): void;
}

export type DebugSessionOptions = StartOptions & { breakpoints?: Breakpoint[] };

/**
 * Creates an idle debug session; nothing runs before `start()`, `resume()` or `step()`.
 * @example
 * const session = createDebugSession(machine, { amount: 120 }, { breakpoints: [{ stateName: 'Charge', on: 'enter' }] });
 * session.subscribe((s) => render(s.state, s.events));
 * session.start(); // runs until Charge is entered, then pauses
 */
export function createDebugSession(
  machine: StateMachine,
  input: Json,
  options: DebugSessionOptions = {},
): DebugSession {
  return new Session(machine, input, options);
}

type Item =
  | { kind: 'event'; event: HistoryEvent }
  | { kind: 'gate'; point: GatePoint; consumed: boolean }
  | { kind: 'end'; result: ExecutionResult };

class Session implements DebugSession {
  readonly actor: Actor<typeof debugSessionMachine>;
  readonly model: GraphModel;
  execution?: Execution;
  private breakpoints: BreakpointSet;
  private readonly startOptions: StartOptions;
  private readonly folder: HistoryFolder;
  private readonly nodes: Map<string, GraphNode>;
  private readonly queue: Item[] = [];
  private head = 0;
  private readonly visible: HistoryEvent[] = [];
  private readonly inspections: StateInspection[] | undefined;
  private lastConsumed?: Item;
  private readonly parks: { item: Item; release: () => void }[] = [];
  private releaseClock?: () => void;
  /** Parallel and Map states open in the engine (not in the revealed view). */
  private openContainers = 0;
  private pumping = false;
  private readonly listeners = new Set<(snapshot: DebugSnapshot) => void>();
  private notifyQueued = false;
  private flushing = false;
  private version = 0;
  private cached?: { version: number; snapshot: DebugSnapshot };
  private delivered?: DebugSnapshot;

  constructor(
    private readonly machine: StateMachine,
    private readonly input: Json,
    options: DebugSessionOptions,
  ) {
    const { breakpoints = [], ...startOptions } = options;
    this.breakpoints = new BreakpointSet(breakpoints);
    this.startOptions = startOptions;
    this.inspections = startOptions.inspect ? [] : undefined;
    this.model = buildGraph(machine.definition);
    this.nodes = new Map(this.model.nodes.map((node) => [node.id, node]));
    this.folder = createHistoryFolder(this.model);
    this.actor = createActor(debugSessionMachine, { input: { breakpoints: this.breakpoints.list } });
    this.actor.subscribe(() => {
      this.version++;
      if (!this.flushing) this.scheduleNotify();
    });
    this.actor.start();
  }

  private get state(): SessionState {
    return this.actor.getSnapshot().value;
  }

  getSnapshot(): DebugSnapshot {
    if (this.cached?.version === this.version) return this.cached.snapshot;
    const { value, context } = this.actor.getSnapshot();
    const snapshot: DebugSnapshot = {
      state: value,
      events: this.visible.slice(),
      breakpoints: context.breakpoints,
      ...(context.pausedAt ? { pausedAt: context.pausedAt } : {}),
      ...(context.result ? { result: context.result } : {}),
      ...(this.inspections ? { inspections: this.inspections.slice() } : {}),
    };
    this.cached = { version: this.version, snapshot };
    return snapshot;
  }

  subscribe(listener: (snapshot: DebugSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    if (this.state !== 'idle') return;
    this.launch();
    this.actor.send({ type: 'START' });
    this.pump();
  }

  pause(): void {
    if (this.state !== 'running' && this.state !== 'stepping') return;
    this.actor.send({ type: 'PAUSE', at: this.location('pause') });
    this.pump();
  }

  resume(): void {
    if (this.state === 'done') return;
    if (this.state === 'idle') this.launch();
    this.actor.send({ type: 'RESUME' });
    this.pump();
  }

  step(unit: StepUnit = 'transition'): void {
    if (this.state === 'done') return;
    if (this.state === 'idle') this.launch();
    this.actor.send({ type: 'STEP', unit });
    this.pump();
  }

  setBreakpoints(breakpoints: Breakpoint[]): void {
    this.breakpoints = new BreakpointSet(breakpoints);
    if (this.state !== 'done') this.actor.send({ type: 'SET_BREAKPOINTS', breakpoints: this.breakpoints.list });
  }

  abort(error?: string, cause?: string): void {
    if (this.state === 'done') return;
    this.actor.send({ type: 'ABORT' });
    this.execution?.stop(error, cause);
    this.pump();
  }

  /** Starts the execution; throws (leaving the session idle) when the machine refuses the input. */
  private launch(): void {
    const userGate = this.startOptions.gate;
    const execution = this.machine.start(this.input, {
      ...this.startOptions,
      gate: (point) => {
        const theirs = userGate?.(point);
        return theirs instanceof Promise ? theirs.then(() => this.onGate(point)) : this.onGate(point);
      },
    });
    this.execution = execution;
    // The run starts on the next microtask, so this listener sees every event.
    execution.subscribe((event) => this.onEvent(event));
    if (this.inspections)
      execution.subscribeInspections((inspection) => {
        this.inspections!.push(inspection);
        this.version++;
        this.scheduleNotify();
      });
    void execution.result.then((result) => this.enqueue({ kind: 'end', result }));
  }

  private onEvent(event: HistoryEvent): void {
    this.trackContainers(event);
    this.enqueue({ kind: 'event', event });
  }

  private onGate(point: GatePoint): void | Promise<void> {
    const item: Item = { kind: 'gate', point, consumed: false };
    this.enqueue(item);
    if (item.consumed && this.consuming()) return;
    // Inside a Parallel or Map the engine must not wait here (see the module comment).
    if (this.openContainers > 0 || this.actor.getSnapshot().context.aborting) return;
    return new Promise<void>((release) => this.parks.push({ item, release }));
  }

  private consuming(): boolean {
    const state = this.state;
    return state === 'running' || state === 'stepping';
  }

  private enqueue(item: Item): void {
    this.queue.push(item);
    this.pump();
  }

  /** Reveals queued items until something pauses the session, then lets the engine go or holds it. */
  private pump(): void {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.head < this.queue.length && this.consuming()) this.consume(this.queue[this.head++]!);
      if (this.head > 1024 && this.head * 2 > this.queue.length) {
        this.queue.splice(0, this.head);
        this.head = 0;
      }
    } finally {
      this.pumping = false;
    }
    if (this.consuming()) this.releaseParks();
    this.syncClock();
    this.scheduleNotify();
  }

  private consume(item: Item): void {
    const { context } = this.actor.getSnapshot();
    if (item.kind === 'end') {
      this.actor.send({ type: 'REVEALED', count: this.visible.length });
      this.actor.send({ type: 'FINISH', result: item.result });
      return;
    }
    this.lastConsumed = item;
    if (item.kind === 'event') {
      this.visible.push(item.event);
      this.version++;
      this.folder.apply(item.event);
      const stepping = this.state === 'stepping' && context.stepUnit === 'event';
      if (stepping && !context.aborting && END_STATUS[item.event.type] === undefined)
        this.actor.send({ type: 'HIT', at: this.location('step') });
      return;
    }
    item.consumed = true;
    const { point } = item;
    if (point.kind === 'attempt' || context.aborting) return;
    const breakpoint = this.breakpoints.hit(point.state.name, point.kind, point.input);
    if (breakpoint) this.actor.send({ type: 'HIT', at: { ...this.location('breakpoint'), breakpoint } });
    else if (this.state === 'stepping' && context.stepUnit === 'transition')
      this.actor.send({ type: 'HIT', at: this.location('step') });
  }

  /** The pause point: the last item revealed (a gate, or an event and the state it belongs to). */
  private location(reason: PauseRequest['reason']): PauseRequest {
    const eventId = this.visible.at(-1)?.id ?? 0;
    const item = this.lastConsumed;
    if (item?.kind === 'gate')
      return { stateName: item.point.state.name, on: item.point.kind === 'exit' ? 'exit' : 'enter', reason, eventId };
    if (item?.kind === 'event') {
      const stateName = this.folder.visitOf(item.event.id)?.stateName ?? '';
      return { stateName, on: item.event.type.endsWith('StateExited') ? 'exit' : 'enter', reason, eventId };
    }
    return { stateName: '', on: 'enter', reason, eventId };
  }

  private releaseParks(): void {
    for (let i = 0; i < this.parks.length;) {
      const park = this.parks[i]!;
      if (park.item.kind === 'gate' && park.item.consumed) {
        this.parks.splice(i, 1);
        park.release();
      } else i++;
    }
  }

  /** Virtual time stands still exactly while the session is paused. */
  private syncClock(): void {
    const hold = this.state === 'paused' && this.execution !== undefined;
    if (hold && !this.releaseClock) this.releaseClock = this.execution!.holdClock();
    else if (!hold && this.releaseClock) {
      const release = this.releaseClock;
      this.releaseClock = undefined;
      release();
    }
  }

  /** Counts Parallel and Map states open in the engine; a top-level state entered means none are. */
  private trackContainers(event: HistoryEvent): void {
    const type = event.type;
    if (type.endsWith('StateEntered')) {
      const name = (event as { stateEnteredEventDetails?: { name?: unknown } }).stateEnteredEventDetails?.name;
      const id = typeof name === 'string' ? this.model.nodeIdsByStateName[name] : undefined;
      if (id !== undefined && this.nodes.get(id)?.parentId === undefined) this.openContainers = 0;
      if (type === 'ParallelStateEntered' || type === 'MapStateEntered') this.openContainers++;
    } else if ((type === 'ParallelStateExited' || type === 'MapStateExited') && this.openContainers > 0) {
      this.openContainers--;
    }
  }

  /**
   * Views hear about changes once per macrotask: a run reveals events in bursts (one per
   * microtask at worst), and a view redraws at most once per frame anyway.
   */
  private scheduleNotify(): void {
    if (this.notifyQueued) return;
    this.notifyQueued = true;
    macrotask(() => {
      this.notifyQueued = false;
      if (this.actor.getSnapshot().context.revealed !== this.visible.length && this.state !== 'done') {
        this.flushing = true;
        this.actor.send({ type: 'REVEALED', count: this.visible.length });
        this.flushing = false;
      }
      const snapshot = this.getSnapshot();
      if (snapshot === this.delivered) return;
      this.delivered = snapshot;
      for (const listener of this.listeners) {
        try {
          listener(snapshot);
        } catch {
          // A view's bug must not stop the session or the other views.
        }
      }
    });
  }
}
