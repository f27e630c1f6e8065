/**
 * `<Timeline>`: the history as a filterable list. Only the rows in view are rendered, so a
 * 10,000-event history scrolls like a 50-event one. Choosing a row travels to that event.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useViewerState, useViewerStore } from '../store/use-viewer.js';
import type { ViewerStore } from '../store/viewer-store.js';
import { inCategory, matchesText, summarizeEvent, type EventCategory } from './event-summary.js';

const ROW_HEIGHT = 22;
const OVERSCAN = 8;

export interface TimelineProps {
  store?: ViewerStore;
  className?: string;
}

/**
 * The event list with a text filter and a category filter.
 * @example
 * <Timeline store={store} />
 */
export function Timeline({ store: explicit, className }: TimelineProps) {
  const store = useViewerStore(explicit);
  const total = useViewerState((state) => state.total, store);
  const position = useViewerState((state) => state.position, store);
  const [text, setText] = useState('');
  const [category, setCategory] = useState<EventCategory>('all');
  const listRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewHeight, setViewHeight] = useState(300);

  // Indices into the store's events; no array at all while nothing is filtered.
  const filtered = useMemo(() => {
    if (text === '' && category === 'all') return undefined;
    const events = store.getEvents();
    const indices: number[] = [];
    for (let i = 0; i < total; i++)
      if (inCategory(events[i]!, category) && matchesText(events[i]!, text)) indices.push(i);
    return indices;
  }, [store, total, text, category]);
  const count = filtered ? filtered.length : total;
  const indexAt = (row: number): number => (filtered ? filtered[row]! : row);
  // The row of the last event shown: the greatest filtered index below `position`.
  const currentRow = useMemo(() => {
    if (position === 0) return -1;
    if (!filtered) return position - 1;
    let lo = 0;
    let hi = filtered.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (filtered[mid]! <= position - 1) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }, [filtered, position]);

  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list) return;
    setViewHeight(list.clientHeight);
    const observer = new ResizeObserver(() => setViewHeight(list.clientHeight));
    observer.observe(list);
    return () => observer.disconnect();
  }, []);

  // Keep the current event in view as it moves (live or scrubbing).
  useEffect(() => {
    const list = listRef.current;
    if (!list || currentRow < 0) return;
    const top = currentRow * ROW_HEIGHT;
    if (top < list.scrollTop) list.scrollTop = top;
    else if (top + ROW_HEIGHT > list.scrollTop + list.clientHeight)
      list.scrollTop = top + ROW_HEIGHT - list.clientHeight;
  }, [currentRow]);

  // A filter that shortens the list makes the browser clamp scrollTop, but the scroll event
  // comes a frame later: clamp here too, or that frame renders no rows at all.
  const top = Math.min(scrollTop, Math.max(0, count * ROW_HEIGHT - viewHeight));
  const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(count, Math.ceil((top + viewHeight) / ROW_HEIGHT) + OVERSCAN);
  const events = store.getEvents();
  const rows = [];
  for (let row = first; row < last; row++) {
    const index = indexAt(row);
    const event = events[index];
    if (!event) continue;
    const summary = summarizeEvent(event);
    rows.push(
      <div
        key={event.id}
        id={`aslkit-event-${event.id}`}
        role="option"
        aria-selected={row === currentRow}
        aria-posinset={row + 1}
        aria-setsize={count}
        className="aslkit-timeline__row"
        data-testid="timeline-row"
        data-event-id={event.id}
        data-future={index >= position}
        data-tone={summary.tone}
        style={{ top: row * ROW_HEIGHT, height: ROW_HEIGHT }}
        onClick={() => store.seek(index + 1)}
      >
        <span>#{event.id}</span>
        <span>{event.timestamp.slice(11, 23)}</span>
        <span className="aslkit-timeline__type">{event.type}</span>
        <span>{summary.state}</span>
        <span title={summary.detail}>{summary.detail}</span>
      </div>,
    );
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor(viewHeight / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: 1,
      ArrowUp: -1,
      PageDown: page,
      PageUp: -page,
      Home: -Infinity,
      End: Infinity,
    };
    const move = moves[event.key];
    if (move === undefined || count === 0) return;
    event.preventDefault();
    const row = Math.max(0, Math.min(count - 1, (currentRow < 0 ? -1 : currentRow) + move));
    store.seek(indexAt(row) + 1);
  };

  const currentId = currentRow >= 0 ? events[indexAt(currentRow)]?.id : undefined;
  return (
    <section className={`aslkit-panel aslkit-timeline ${className ?? ''}`} aria-label="Timeline" data-testid="timeline">
      <div className="aslkit-timeline__filters">
        <input
          className="aslkit-input"
          type="search"
          placeholder="Filter events: type, state, error…"
          aria-label="Filter events"
          data-testid="timeline-filter"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <select
          className="aslkit-input"
          aria-label="Event category"
          data-testid="timeline-category"
          value={category}
          onChange={(e) => setCategory(e.target.value as EventCategory)}
        >
          <option value="all">All events</option>
          <option value="states">State entered / exited</option>
          <option value="tasks">Tasks</option>
          <option value="map">Map</option>
          <option value="errors">Failures</option>
          <option value="execution">Execution</option>
        </select>
        <span data-testid="timeline-count" aria-live="polite">
          {filtered
            ? `${count.toLocaleString()} of ${total.toLocaleString()} events`
            : `${total.toLocaleString()} events`}
        </span>
      </div>
      <div
        ref={listRef}
        className="aslkit-timeline__list"
        role="listbox"
        aria-label="History events"
        aria-activedescendant={currentId === undefined ? undefined : `aslkit-event-${currentId}`}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <div style={{ position: 'relative', height: count * ROW_HEIGHT }}>{rows}</div>
        {count === 0 && (
          <p className="aslkit-timeline__empty">{total === 0 ? 'No events yet.' : 'No event matches the filter.'}</p>
        )}
      </div>
    </section>
  );
}
