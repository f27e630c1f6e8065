/**
 * A viewer source over a debug session: the viewer (in the same page, or across `aslkit view`'s
 * wire) drives it with commands and hears what changed. `restart` starts a fresh session with
 * the same breakpoints.
 */
import type { Json } from '../json.js';
import type { StateMachineDefinition } from '../definition/types.js';
import { UsageError } from '../errors/aslkit-error.js';
import { ErrorCode } from '../errors/error-codes.js';
import { StateMachine, type StartOptions } from '../runtime/state-machine.js';
import { createDebugSession, type DebugSession, type DebugSnapshot } from './session.js';
import type { SessionView, ViewerBreakpoint, ViewerCommand, ViewerMessage, ViewerSource } from './protocol.js';
import { MapRunUpdates, mapRunQueries, runViews } from './map-run-queries.js';

export interface SessionSourceOptions {
  /** The machine: a definition, its JSON text, or a StateMachine compiled with options of its own. */
  definition: StateMachineDefinition | string | StateMachine;
  input?: Json;
  /** Mocks, resolvers, seed, start time: as for `StateMachine.start`; `inspect: true` sends every attempt's stages. */
  start?: StartOptions;
  title?: string;
  breakpoints?: ViewerBreakpoint[];
  /**
   * When to send what changed once the session reports a change: at once (the default), or
   * later so that changes in between go out together (the CLI's server batches per turn of
   * the event loop, so a burst crosses the wire as one message).
   */
  schedule?: (publish: () => void) => void;
}

type Listener = (message: ViewerMessage) => void;

/**
 * Runs `definition` in a debug session that a viewer controls.
 * @example
 * const source = createSessionSource({ definition, input: { orderId: 'o-1' }, start: { mocks } });
 * <ExecutionViewer source={source} />
 */
export function createSessionSource(options: SessionSourceOptions): ViewerSource {
  const { definition: given, input = {}, start = {}, title, schedule } = options;
  const machine = given instanceof StateMachine ? given : StateMachine.from(given);
  const listeners = new Set<Listener>();
  let breakpoints: ViewerBreakpoint[] = options.breakpoints ?? [];
  let session!: DebugSession;
  let sent = 0;
  let sentInspections = 0;
  let lastView = '';
  let runs!: MapRunUpdates;
  let scheduled = false;
  let detach: () => void = () => {};

  const broadcast = (message: ViewerMessage) => {
    for (const listener of listeners) listener(message);
  };
  const init = (): ViewerMessage => ({
    type: 'init',
    mode: 'live',
    definition: machine.definition,
    breakpoints,
    ...(title === undefined ? {} : { title }),
  });

  // Sends what changed since the last call: new events, the Map Runs, then the session's state.
  const publish = () => {
    scheduled = false;
    const snapshot = session.getSnapshot();
    if (snapshot.events.length > sent) {
      broadcast({ type: 'events', events: snapshot.events.slice(sent) });
      sent = snapshot.events.length;
    }
    const inspections = snapshot.inspections ?? [];
    if (inspections.length > sentInspections) {
      broadcast({ type: 'inspections', inspections: inspections.slice(sentInspections) });
      sentInspections = inspections.length;
    }
    const changed = runs.changed();
    if (changed) broadcast({ type: 'mapRuns', mapRuns: changed });
    const view = sessionView(snapshot);
    const key = JSON.stringify(view);
    if (key !== lastView) {
      lastView = key;
      broadcast({ type: 'session', session: view });
    }
  };

  const open = () => {
    detach();
    session = createDebugSession(machine, input, start);
    session.setBreakpoints(breakpoints);
    sent = 0;
    sentInspections = 0;
    lastView = '';
    // The Map Runs the session's execution started (its pool holds its children's runs too).
    const current = session;
    runs = new MapRunUpdates(() =>
      current.execution ? runViews(current.execution.mapRuns, current.execution.executionArn) : [],
    );
    detach = session.subscribe(() => {
      if (!schedule) publish();
      else if (!scheduled) {
        scheduled = true;
        schedule(publish);
      }
    });
  };
  open();

  const apply = (command: ViewerCommand): void => {
    const state = session.getSnapshot().state;
    switch (command.type) {
      case 'run':
        return state === 'idle' ? session.start() : session.resume();
      case 'pause':
        return session.pause();
      case 'resume':
        return session.resume();
      case 'step':
        return session.step(command.by);
      case 'abort':
        return session.abort();
      case 'breakpoints':
        // Set first: a condition the session refuses throws and keeps the old set (a restart reuses it).
        session.setBreakpoints(command.breakpoints);
        breakpoints = command.breakpoints;
        // Every page shows the set the session took; the one that sent it reconciles its optimistic boxes.
        broadcast({ type: 'breakpoints', breakpoints });
        return;
      case 'restart':
        if (state !== 'done') session.abort();
        open();
        broadcast(init());
        broadcast({ type: 'session', session: sessionView(session.getSnapshot()) });
        return;
      default:
        throw new UsageError(
          ErrorCode.InvalidCommand,
          `unknown command '${String((command as { type?: unknown }).type)}'`,
        );
    }
  };

  return {
    connect(onMessage) {
      onMessage(init());
      const snapshot = session.getSnapshot();
      onMessage({ type: 'events', events: snapshot.events.slice(0, sent) });
      if (sentInspections > 0)
        onMessage({ type: 'inspections', inspections: (snapshot.inspections ?? []).slice(0, sentInspections) });
      if (runs.last.length > 0) onMessage({ type: 'mapRuns', mapRuns: runs.last });
      onMessage({ type: 'session', session: sessionView(snapshot) });
      listeners.add(onMessage);
      return () => listeners.delete(onMessage);
    },
    async send(command) {
      apply(command);
    },
    // The children of the session's current execution (a restart starts a new one).
    query: mapRunQueries(machine.definition, () => session.execution?.mapRuns ?? []),
  };
}

/** The part of a debug session's snapshot a viewer shows. */
export function sessionView(snapshot: DebugSnapshot): SessionView {
  const view: SessionView = { state: snapshot.state };
  if (snapshot.pausedAt) view.pausedAt = { ...snapshot.pausedAt };
  if (snapshot.result) {
    const { status, error, cause } = snapshot.result;
    view.result = { status, ...(error === undefined ? {} : { error }), ...(cause === undefined ? {} : { cause }) };
  }
  return view;
}
