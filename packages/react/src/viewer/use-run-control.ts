/**
 * Turns control actions into source commands. At full speed a run is one `run` command; at a
 * chosen speed the viewer paces it, stepping one state transition at a time, and stops at a
 * breakpoint like the session would. A finished history is replayed by moving the position.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { HistoryEvent } from '@aslkit/core';
import type { ViewerStore } from '../store/viewer-store.js';
import { useViewerState } from '../store/use-viewer.js';
import type { ViewerBreakpoint, ViewerCommand, ViewerSource } from '@aslkit/core/debug';
import type { ControlAction, RunSpeed } from '../panels/controls.js';

export interface RunControl {
  act(action: ControlAction): void;
  speed: RunSpeed;
  setSpeed(speed: RunSpeed): void;
  pacing: boolean;
}

/** What the viewer shows for a failed command: the message of an Error, else the value as text. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Whether an event is a state transition (what "Step state" moves to). */
export function isTransition(event: HistoryEvent): boolean {
  return (
    event.type.endsWith('StateEntered') || event.type.endsWith('StateExited') || event.type.startsWith('Execution')
  );
}

/** Action handling and pacing for one store and source. */
export function useRunControl(
  store: ViewerStore,
  source: ViewerSource,
  onError: (message: string) => void,
): RunControl {
  const [speed, setSpeed] = useState<RunSpeed>(Infinity);
  const [pacing, setPacing] = useState(false);
  const mode = useViewerState((state) => state.mode, store);
  const session = useViewerState((state) => state.session, store);
  const position = useViewerState((state) => state.position, store);
  const total = useViewerState((state) => state.total, store);
  // The session as it was when pacing began: its pause is the one we are leaving, not a new one.
  const pacedFrom = useRef<unknown>(undefined);

  const send = useCallback(
    (command: ViewerCommand) => {
      source.send(command).catch((error: unknown) => onError(errorMessage(error)));
    },
    [source, onError],
  );

  // Live pacing: each time the session pauses after our step, take the next one, unless it
  // stopped at a breakpoint (then the user decides) or the execution is over.
  useEffect(() => {
    if (!pacing || mode !== 'live') return;
    if (session.state === 'done') return setPacing(false);
    if (session.state !== 'paused' || session === pacedFrom.current) return;
    if (atBreakpoint(session.pausedAt, store.getState().breakpoints)) return setPacing(false);
    const timer = setTimeout(() => send({ type: 'step', by: 'transition' }), 1000 / speed);
    return () => clearTimeout(timer);
  }, [pacing, mode, session, speed, send, store]);

  // Replay pacing over a finished history.
  useEffect(() => {
    if (!pacing || mode !== 'history') return;
    if (position >= total) return setPacing(false);
    const timer = setTimeout(() => store.seek(nextTransition(store.getEvents(), position)), 1000 / speed);
    return () => clearTimeout(timer);
  }, [pacing, mode, position, total, speed, store]);

  const act = useCallback(
    (action: ControlAction) => {
      const state = store.getState();
      if (state.mode === 'history') {
        replayAction(store, action, speed, setPacing);
        return;
      }
      switch (action) {
        case 'run':
        case 'resume':
          store.follow();
          if (speed === Infinity) send({ type: action === 'run' && state.session.state === 'idle' ? 'run' : 'resume' });
          else {
            pacedFrom.current = state.session;
            setPacing(true);
            send({ type: 'step', by: 'transition' });
          }
          break;
        case 'pause':
          setPacing(false);
          if (state.session.state === 'running' || state.session.state === 'stepping') send({ type: 'pause' });
          break;
        case 'step-event':
        case 'step-transition':
          store.follow();
          send({ type: 'step', by: action === 'step-event' ? 'event' : 'transition' });
          break;
        case 'abort':
          setPacing(false);
          if (state.session.state !== 'idle' && state.session.state !== 'done') {
            store.follow();
            send({ type: 'abort' });
          }
          break;
        case 'restart':
          setPacing(false);
          send({ type: 'restart' });
          break;
      }
    },
    [store, speed, send],
  );

  return { act, speed, setSpeed, pacing };
}

function replayAction(
  store: ViewerStore,
  action: ControlAction,
  speed: RunSpeed,
  setPacing: (on: boolean) => void,
): void {
  const { position, total } = store.getState();
  const events = store.getEvents();
  switch (action) {
    case 'run':
    case 'resume':
      if (speed === Infinity) return store.follow();
      if (position >= total) store.seek(0);
      setPacing(true);
      return;
    case 'pause':
    case 'abort':
      // A recorded history has nothing to stop: aborting a replay only stops its pacing.
      setPacing(false);
      return;
    case 'step-event':
      store.seek(position + 1);
      return;
    case 'step-transition':
      store.seek(nextTransition(events, position));
      return;
    case 'restart':
      setPacing(false);
      store.seek(0);
  }
}

/** The position just after the next state transition after `position`. */
export function nextTransition(events: readonly HistoryEvent[], position: number): number {
  for (let i = position; i < events.length; i++) if (isTransition(events[i]!)) return i + 1;
  return events.length;
}

function atBreakpoint(
  pausedAt: { stateName?: string; on?: string; reason?: string } | undefined,
  breakpoints: readonly ViewerBreakpoint[],
): boolean {
  if (!pausedAt) return false;
  if (pausedAt.reason !== undefined) return pausedAt.reason === 'breakpoint';
  return breakpoints.some((b) => b.stateName === pausedAt.stateName && b.on === pausedAt.on);
}
