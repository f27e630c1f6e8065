/**
 * A source over an in-process debug session: the engine runs in the page (core runs in the
 * browser) and the viewer drives it directly. `restart` starts a fresh session.
 */
import { StateMachine } from '@aslkit/core';
import { createDebugSession } from '@aslkit/core/debug';
import type { DebugSession, HistoryEvent, Json, StartOptions, StateMachineDefinition } from '@aslkit/core';
import type { SessionView, ViewerBreakpoint, ViewerCommand, ViewerMessage, ViewerSource } from './protocol.js';

export interface SessionSourceOptions {
  definition: StateMachineDefinition | string;
  input?: Json;
  /** Mocks, resolvers, seed, start time: as for `StateMachine.start`. */
  start?: StartOptions;
  title?: string;
  breakpoints?: ViewerBreakpoint[];
}

type Listener = (message: ViewerMessage) => void;

/**
 * Runs `definition` in a debug session that the viewer controls.
 * @example
 * const source = createSessionSource({ definition, input: { orderId: 'o-1' }, start: { mocks } });
 * <ExecutionViewer source={source} />
 */
export function createSessionSource(options: SessionSourceOptions): ViewerSource {
  const machine = StateMachine.from(options.definition);
  const definition = machine.definition;
  const listeners = new Set<Listener>();
  let breakpoints: ViewerBreakpoint[] = options.breakpoints ?? [];
  let session: DebugSession;
  let sent = 0;
  let lastView = '';
  let detach: () => void = () => {};

  const broadcast = (message: ViewerMessage) => {
    for (const listener of listeners) listener(message);
  };
  const init = (): ViewerMessage => ({
    type: 'init',
    mode: 'live',
    definition,
    breakpoints,
    ...(options.title === undefined ? {} : { title: options.title }),
  });

  const open = () => {
    detach();
    session = createDebugSession(machine, options.input ?? {}, options.start ?? {});
    session.setBreakpoints(breakpoints.map(toCoreBreakpoint));
    sent = 0;
    lastView = '';
    detach = session.subscribe(() => publish());
  };

  // Sends what changed since the last call: new events, then the session's state.
  const publish = () => {
    const snapshot = session.getSnapshot();
    const events = snapshot.events as readonly HistoryEvent[];
    if (events.length > sent) {
      broadcast({ type: 'events', events: events.slice(sent) });
      sent = events.length;
    }
    const view = sessionView(snapshot);
    const key = JSON.stringify(view);
    if (key !== lastView) {
      lastView = key;
      broadcast({ type: 'session', session: view });
    }
  };

  open();

  return {
    connect(onMessage) {
      onMessage(init());
      const snapshot = session.getSnapshot();
      onMessage({ type: 'events', events: [...(snapshot.events as readonly HistoryEvent[]).slice(0, sent)] });
      onMessage({ type: 'session', session: sessionView(snapshot) });
      listeners.add(onMessage);
      return () => listeners.delete(onMessage);
    },
    async send(command: ViewerCommand) {
      applyCommand(command);
    },
  };

  function applyCommand(command: ViewerCommand): void {
    switch (command.type) {
      case 'run':
        if (session.getSnapshot().state === 'idle') session.start();
        else session.resume();
        return;
      case 'pause':
        return session.pause();
      case 'resume':
        return session.resume();
      case 'step':
        return session.step(command.by);
      case 'abort':
        return session.abort();
      case 'breakpoints':
        // Set first: a refused condition throws and leaves the old set in place (and in a restart).
        session.setBreakpoints(command.breakpoints.map(toCoreBreakpoint));
        breakpoints = command.breakpoints;
        broadcast({ type: 'breakpoints', breakpoints });
        return;
      case 'restart':
        if (session.getSnapshot().state !== 'done') session.abort();
        open();
        broadcast(init());
        broadcast({ type: 'session', session: sessionView(session.getSnapshot()) });
        return;
    }
  }
}

/** The part of a debug session's snapshot the viewer shows. */
export function sessionView(snapshot: ReturnType<DebugSession['getSnapshot']>): SessionView {
  const view: SessionView = { state: snapshot.state };
  const pausedAt = snapshot.pausedAt as
    { stateName?: string; on?: 'enter' | 'exit'; eventId?: number; reason?: string; pause?: number } | undefined;
  if (pausedAt) view.pausedAt = { ...pausedAt };
  const result = snapshot.result as { status?: string; error?: string; cause?: string } | undefined;
  if (result?.status !== undefined) {
    view.result = { status: result.status as NonNullable<SessionView['result']>['status'] };
    if (result.error !== undefined) view.result.error = result.error;
    if (result.cause !== undefined) view.result.cause = result.cause;
  }
  return view;
}

function toCoreBreakpoint(breakpoint: ViewerBreakpoint): Parameters<DebugSession['setBreakpoints']>[0][number] {
  return {
    stateName: breakpoint.stateName,
    on: breakpoint.on,
    ...(breakpoint.condition === undefined ? {} : { condition: breakpoint.condition }),
  };
}
