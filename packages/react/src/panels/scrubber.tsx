/**
 * `<Scrubber>`: time travel. A slider over the history; the graph, inspector and timeline
 * show the execution as it was after the chosen event. The end of the slider means "live".
 */
import { useViewerState, useViewerStore } from '../store/use-viewer.js';
import type { ViewerStore } from '../store/viewer-store.js';

export interface ScrubberProps {
  store?: ViewerStore;
  className?: string;
}

/**
 * The history slider with step-back/forward buttons.
 * @example
 * <Scrubber store={store} />
 */
export function Scrubber({ store: explicit, className }: ScrubberProps) {
  const store = useViewerStore(explicit);
  const total = useViewerState((state) => state.total, store);
  const position = useViewerState((state) => state.position, store);
  const following = useViewerState((state) => state.following, store);
  const where = following ? `live · ${total} events` : `event ${position} of ${total}`;
  return (
    <div
      className={`aslkit-panel aslkit-scrubber ${className ?? ''}`}
      role="group"
      aria-label="Time travel"
      data-testid="scrubber"
    >
      <button
        type="button"
        className="aslkit-button"
        aria-label="First event"
        disabled={position === 0}
        onClick={() => store.seek(0)}
      >
        «
      </button>
      <button
        type="button"
        className="aslkit-button"
        aria-label="Back one event"
        aria-keyshortcuts="["
        disabled={position === 0}
        onClick={() => store.move(-1)}
      >
        ◀
      </button>
      <input
        type="range"
        min={0}
        max={total}
        step={1}
        value={position}
        aria-label="History position"
        aria-valuetext={where}
        data-testid="scrubber-range"
        disabled={total === 0}
        onChange={(e) => store.seek(Number(e.target.value))}
      />
      <button
        type="button"
        className="aslkit-button"
        aria-label="Forward one event"
        aria-keyshortcuts="]"
        disabled={following}
        onClick={() => store.move(1)}
      >
        ▶
      </button>
      <button
        type="button"
        className="aslkit-button"
        aria-pressed={following}
        data-testid="scrubber-live"
        onClick={() => store.follow()}
      >
        Live
      </button>
      <output data-testid="scrubber-position" aria-live="off">
        {where}
      </output>
    </div>
  );
}
