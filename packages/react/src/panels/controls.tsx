/**
 * `<Controls>`: drive a live debug session (run, pause, step to the next event or the next
 * state transition, resume, abort, restart) and pick the run speed. With a finished history the
 * same buttons replay it.
 */
import { useViewerState, useViewerStore } from '../store/use-viewer.js';
import type { ViewerStore } from '../store/viewer-store.js';

/** Transitions per second while running; `Infinity` runs without pausing between states. */
export type RunSpeed = number;

export const RUN_SPEEDS: readonly { value: RunSpeed; label: string }[] = [
  { value: Infinity, label: 'Full speed' },
  { value: 10, label: '10 states/s' },
  { value: 4, label: '4 states/s' },
  { value: 1, label: '1 state/s' },
];

/** What a button asks for; the viewer maps it onto the source (or onto replay). */
export type ControlAction = 'run' | 'pause' | 'resume' | 'step-event' | 'step-transition' | 'abort' | 'restart';

export interface ControlsProps {
  store?: ViewerStore;
  onAction: (action: ControlAction) => void;
  speed: RunSpeed;
  onSpeedChange: (speed: RunSpeed) => void;
  /** True while the viewer itself is pacing a run or replay step by step. */
  pacing?: boolean;
  className?: string;
}

/**
 * Session buttons and the speed picker. Keyboard: F8 run/pause/resume, F10 next state transition,
 * F9 next event (as in browser devtools), Shift+F8 abort (the shifted run key stops the run),
 * handled by `<ExecutionViewer>`.
 */
export function Controls({
  store: explicit,
  onAction,
  speed,
  onSpeedChange,
  pacing = false,
  className,
}: ControlsProps) {
  const store = useViewerStore(explicit);
  const mode = useViewerState((state) => state.mode, store);
  const session = useViewerState((state) => state.session, store);
  const hasModel = useViewerState((state) => state.model !== undefined, store);
  const live = mode === 'live';
  const { state } = session;
  const busy = state === 'running' || state === 'stepping' || pacing;
  const canStep = hasModel && !busy && (live ? state === 'idle' || state === 'paused' : true);
  // An idle session has no execution to stop yet; a finished one has nothing left to stop.
  const canAbort = live && (busy || state === 'paused');

  const button = (action: ControlAction, label: string, enabled: boolean, shortcut?: string) => (
    <button
      type="button"
      className="aslkit-button"
      data-testid={`control-${action}`}
      disabled={!enabled}
      aria-keyshortcuts={shortcut}
      onClick={() => onAction(action)}
    >
      {label}
    </button>
  );

  return (
    <div
      className={`aslkit-panel aslkit-controls ${className ?? ''}`}
      role="toolbar"
      aria-label="Execution controls"
      data-testid="controls"
    >
      {button('run', live ? 'Run' : 'Replay', hasModel && !busy && (live ? state === 'idle' : true), 'F8')}
      {button('pause', 'Pause', busy, 'F8')}
      {live && button('resume', 'Resume', !pacing && state === 'paused', 'F8')}
      {button('step-transition', 'Step state', canStep, 'F10')}
      {button('step-event', 'Step event', canStep, 'F9')}
      {live && button('abort', 'Abort', canAbort, 'Shift+F8')}
      {live && button('restart', 'Restart', hasModel && state !== 'idle')}
      <label>
        Speed{' '}
        <select
          className="aslkit-input"
          aria-label="Speed"
          data-testid="control-speed"
          value={String(speed)}
          onChange={(e) => onSpeedChange(Number(e.target.value))}
        >
          {RUN_SPEEDS.map((option) => (
            <option key={option.label} value={String(option.value)}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
      <span
        className="aslkit-session"
        data-testid="session-state"
        data-state={pacing && state !== 'done' ? 'running' : state}
        aria-live="polite"
      >
        {sessionText(
          session.state,
          pacing,
          session.pausedAt?.stateName,
          session.pausedAt?.on,
          session.pausedAt?.reason,
        )}
      </span>
    </div>
  );
}

function sessionText(state: string, pacing: boolean, stateName?: string, on?: string, reason?: string): string {
  if (pacing && state !== 'done') return 'Running step by step';
  switch (state) {
    case 'idle':
      return 'Ready';
    case 'running':
    case 'stepping':
      return 'Running';
    case 'paused': {
      const where = stateName === undefined ? '' : ` ${on === 'exit' ? 'after' : 'before'} ${stateName}`;
      return `Paused${where}${reason === 'breakpoint' ? ' (breakpoint)' : ''}`;
    }
    default:
      return 'Finished';
  }
}
