/**
 * The viewer's state outside React: the events received, the position in them (time travel),
 * the folded snapshot at that position, the selection, the session and the breakpoints.
 * Changes are published at most once per animation frame, so 10,000 events arriving in a
 * burst cost one render, not 10,000.
 */
import { buildGraph, createHistoryFolder, foldHistory } from '@aslkit/core';
import type {
  ExecutionSnapshot,
  GraphModel,
  HistoryEvent,
  MapRunView,
  StateInspection,
  StateMachineDefinition,
} from '@aslkit/core';
import type { SessionView, ViewerBreakpoint, ViewerMessage, ViewerMode } from '@aslkit/core/debug';

/** Everything the components render from; replaced (never mutated) on each publish. */
export interface ViewerState {
  readonly connection: 'connecting' | 'open' | 'closed';
  readonly mode: ViewerMode;
  readonly definition?: StateMachineDefinition;
  readonly model?: GraphModel;
  readonly title?: string;
  /** Events received so far. */
  readonly total: number;
  /** Events folded into `snapshot`; equals `total` while following. */
  readonly position: number;
  /** Whether `position` moves with new events (live), or stays where the user scrubbed to. */
  readonly following: boolean;
  readonly snapshot?: ExecutionSnapshot;
  readonly selected?: string;
  readonly session: SessionView;
  readonly breakpoints: readonly ViewerBreakpoint[];
  /** The Map Runs (distributed Maps) the execution started, as the source last sent them. */
  readonly mapRuns: readonly MapRunView[];
  readonly error?: string;
  /** Attempts' stages received (`inspect: true`); changes when more arrive. Read them with `inspectionsOf`. */
  readonly inspected: number;
}

/** Schedules a publish; `requestAnimationFrame` in a browser. */
export type FrameScheduler = (callback: () => void) => void;

type HistoryFolder = ReturnType<typeof createHistoryFolder>;

const NO_INSPECTIONS: readonly StateInspection[] = Object.freeze([]);

const defaultScheduler: FrameScheduler =
  typeof requestAnimationFrame === 'function'
    ? (callback) => requestAnimationFrame(() => callback())
    : (callback) => setTimeout(callback, 16);

/**
 * Holds one viewer's state. Feed it `receive(message)` from a source; read it with
 * `getState()` and `subscribe()` (React: `useViewerState`).
 * @example
 * const store = new ViewerStore();
 * source.connect((message) => store.receive(message));
 */
export class ViewerStore {
  private state: ViewerState = {
    connection: 'connecting',
    mode: 'live',
    total: 0,
    position: 0,
    following: true,
    session: { state: 'idle' },
    breakpoints: [],
    inspected: 0,
    mapRuns: [],
  };
  private draft: { -readonly [K in keyof ViewerState]: ViewerState[K] } = { ...this.state };
  private events: HistoryEvent[] = [];
  /** Each visit's attempts' stages, by the visit's Entered event id, in attempt order. */
  private inspections = new Map<number, readonly StateInspection[]>();
  private folder: HistoryFolder | undefined;
  /** The loaded definition as JSON text: a restart sends the same one, which keeps its model (and layout). */
  private definitionText = '';
  private snapshotStale = true;
  /** The breakpoints the source last confirmed (its echo, its `init`, or an accepted proposal). */
  private confirmedBreakpoints: readonly ViewerBreakpoint[] = [];
  /** Proposals sent to the source and not yet answered; while any are out, the newest one shows. */
  private proposals = 0;
  private scheduled = false;
  private readonly listeners = new Set<() => void>();
  private readonly schedule: FrameScheduler;

  constructor(options: { schedule?: FrameScheduler } = {}) {
    this.schedule = options.schedule ?? defaultScheduler;
  }

  /** The last published state. */
  readonly getState = (): ViewerState => this.state;

  /** Calls `listener` after each publish; returns the unsubscribe function. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Every event received, in order (the array grows; do not mutate it). */
  getEvents(): readonly HistoryEvent[] {
    return this.events;
  }

  /**
   * The stages of each attempt of the visit entered by event `enteredEventId` (a visit's
   * `enteredEventId`), in attempt order; the same array until another attempt of it arrives.
   */
  inspectionsOf(enteredEventId: number): readonly StateInspection[] {
    return this.inspections.get(enteredEventId) ?? NO_INSPECTIONS;
  }

  /** Applies a message from a source. */
  receive(message: ViewerMessage): void {
    switch (message.type) {
      case 'init':
        this.load(message.definition, message.mode, message.title);
        if (message.breakpoints) this.confirmBreakpoints(message.breakpoints);
        break;
      case 'breakpoints':
        this.confirmBreakpoints(message.breakpoints);
        break;
      case 'events':
        this.append(message.events);
        break;
      case 'inspections':
        this.addInspections(message.inspections);
        break;
      case 'session':
        this.update({ session: message.session });
        break;
      case 'mapRuns':
        this.update({ mapRuns: message.mapRuns });
        break;
      case 'error':
        this.update({ error: message.message });
        break;
    }
  }

  /** Starts over with a definition: no events, following, nothing selected. */
  load(definition: StateMachineDefinition, mode: ViewerMode = 'live', title?: string): void {
    const text = JSON.stringify(definition);
    let model: GraphModel | undefined = text === this.definitionText ? this.draft.model : undefined;
    let error: string | undefined;
    if (!model) {
      try {
        model = buildGraph(definition);
        this.definitionText = text;
      } catch (thrown) {
        this.definitionText = '';
        error = `Cannot draw this definition: ${thrown instanceof Error ? thrown.message : String(thrown)}`;
      }
    }
    this.events = [];
    this.inspections = new Map();
    this.folder = model ? createHistoryFolder(model) : undefined;
    this.update({
      connection: 'open',
      mode,
      definition,
      model,
      title,
      total: 0,
      position: 0,
      following: true,
      snapshot: undefined,
      selected: undefined,
      session: { state: mode === 'history' ? 'done' : 'idle' },
      mapRuns: [],
      error,
      inspected: 0,
    });
  }

  /** Files attempts' stages under their visits; an attempt received again replaces the one held. */
  addInspections(inspections: readonly StateInspection[]): void {
    if (inspections.length === 0) return;
    for (const inspection of inspections) {
      const held = this.inspections.get(inspection.enteredEventId) ?? NO_INSPECTIONS;
      const next = held.filter((other) => other.attempt !== inspection.attempt);
      next.push(inspection);
      next.sort((a, b) => a.attempt - b.attempt);
      this.inspections.set(inspection.enteredEventId, next);
    }
    this.update({ inspected: this.draft.inspected + inspections.length });
  }

  /** Appends events; the snapshot follows them unless the user scrubbed back. */
  append(events: readonly HistoryEvent[]): void {
    if (events.length === 0) return;
    for (const event of events) {
      // Replays after a reconnect repeat events the store already has.
      const last = this.events[this.events.length - 1];
      if (last !== undefined && event.id <= last.id) continue;
      this.events.push(event);
      this.folder?.apply(event);
    }
    const total = this.events.length;
    this.update(this.draft.following ? { total, position: total } : { total });
  }

  /** Time travel: show the execution as it was after `position` events. The end means follow. */
  seek(position: number): void {
    const total = this.events.length;
    const clamped = Math.max(0, Math.min(total, Math.round(Number.isFinite(position) ? position : total)));
    this.update({ position: clamped, following: clamped === total });
  }

  /**
   * Moves `delta` events from the latest position asked for, published or not: two key
   * presses within one frame move two events.
   */
  move(delta: number): void {
    this.seek(this.draft.position + delta);
  }

  /** Jumps to the latest event and keeps following. */
  follow(): void {
    this.update({ position: this.events.length, following: true });
  }

  select(nodeId: string | undefined): void {
    this.update({ selected: nodeId });
  }

  /** Shows `breakpoints` as the source's own (no source round trip). */
  setBreakpoints(breakpoints: readonly ViewerBreakpoint[]): void {
    this.confirmedBreakpoints = [...breakpoints];
    this.update({ breakpoints: [...breakpoints] });
  }

  /**
   * Shows `breakpoints` at once, before the source answers; call the returned function with
   * the answer. Accepted, they stay (the source's echo may still normalize them); refused,
   * the box falls back to what the source last confirmed, once no other proposal is out.
   * @example
   * const settle = store.proposeBreakpoints(next);
   * source.send({ type: 'breakpoints', breakpoints: next }).then(() => settle(true), () => settle(false));
   */
  proposeBreakpoints(breakpoints: readonly ViewerBreakpoint[]): (accepted: boolean) => void {
    const proposal = [...breakpoints];
    this.proposals++;
    this.update({ breakpoints: proposal });
    // A checkbox is a controlled input: publishing now keeps it from flicking back for a frame.
    this.flush();
    let settled = false;
    return (accepted) => {
      if (settled) return;
      settled = true;
      this.proposals--;
      if (accepted) this.confirmedBreakpoints = proposal;
      if (this.proposals === 0) this.update({ breakpoints: [...this.confirmedBreakpoints] });
    };
  }

  setConnection(connection: ViewerState['connection'], error?: string): void {
    this.update(error === undefined ? { connection } : { connection, error });
  }

  /** The source's word on the breakpoints; an echo of an older proposal must not undo a newer one. */
  private confirmBreakpoints(breakpoints: readonly ViewerBreakpoint[]): void {
    this.confirmedBreakpoints = [...breakpoints];
    if (this.proposals === 0) this.update({ breakpoints: [...breakpoints] });
  }

  /** Publishes now instead of on the next frame (benchmarks, tests, teardown). */
  flush(): void {
    this.scheduled = false;
    if (this.snapshotStale) {
      this.snapshotStale = false;
      this.draft.snapshot = this.draft.model ? this.foldAt(this.draft.model, this.draft.position) : undefined;
    }
    this.state = { ...this.draft };
    for (const listener of this.listeners) listener();
  }

  private foldAt(model: GraphModel, position: number): ExecutionSnapshot {
    // Live: the folder already applied every event. Back in time: fold the prefix afresh.
    if (position === this.events.length && this.folder) return this.folder.snapshot();
    return foldHistory(model, this.events.slice(0, position));
  }

  private update(patch: Partial<ViewerState>): void {
    // Only a new position or a new model changes what the graph shows; more events while
    // scrubbed back in time do not.
    if (('position' in patch && patch.position !== this.draft.position) || 'model' in patch) this.snapshotStale = true;
    Object.assign(this.draft, patch);
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => {
      if (this.scheduled) this.flush();
    });
  }
}
