/** Breakpoints on one state: pause on enter, on exit, and an optional condition on its input. */
import { useEffect, useState } from 'react';
import { useViewerState } from '../store/use-viewer.js';
import type { ViewerStore } from '../store/viewer-store.js';
import type { ViewerBreakpoint } from '@aslkit/core/debug';

export interface BreakpointEditorProps {
  store: ViewerStore;
  stateName: string;
  /**
   * Receives the whole new list (every state's breakpoints). The boxes show it at once; if the
   * returned promise rejects, they go back to what the source last confirmed.
   */
  onChange: (breakpoints: ViewerBreakpoint[]) => void | Promise<unknown>;
}

/** Checkboxes for one state's breakpoints; the condition applies to both. */
export function BreakpointEditor({ store, stateName, onChange }: BreakpointEditorProps) {
  const all = useViewerState((state) => state.breakpoints, store);
  const mine = all.filter((b) => b.stateName === stateName);
  const onEnter = mine.some((b) => b.on === 'enter');
  const onExit = mine.some((b) => b.on === 'exit');
  const savedCondition = mine.find((b) => b.condition !== undefined)?.condition ?? '';
  const [condition, setCondition] = useState(savedCondition);
  useEffect(() => setCondition(savedCondition), [stateName, savedCondition]);

  const commit = (enter: boolean, exit: boolean, text: string) => {
    const others = all.filter((b) => b.stateName !== stateName);
    const trimmed = text.trim();
    const extra = trimmed === '' ? {} : { condition: trimmed };
    const next: ViewerBreakpoint[] = [...others];
    if (enter) next.push({ stateName, on: 'enter', ...extra });
    if (exit) next.push({ stateName, on: 'exit', ...extra });
    const settle = store.proposeBreakpoints(next);
    let answer: Promise<unknown>;
    try {
      answer = Promise.resolve(onChange(next));
    } catch (error) {
      answer = Promise.reject(error);
    }
    // The caller reports the failure (ExecutionViewer shows it with the other command errors).
    answer.then(
      () => settle(true),
      () => settle(false),
    );
  };

  return (
    <fieldset data-testid="breakpoint-editor">
      <legend>Breakpoints</legend>
      <label>
        <input
          type="checkbox"
          data-testid="breakpoint-enter"
          checked={onEnter}
          onChange={(e) => commit(e.target.checked, onExit, condition)}
        />
        Pause on enter
      </label>
      <label>
        <input
          type="checkbox"
          data-testid="breakpoint-exit"
          checked={onExit}
          onChange={(e) => commit(onEnter, e.target.checked, condition)}
        />
        Pause on exit
      </label>
      <div>
        <label>
          Only when
          <input
            className="aslkit-input"
            data-testid="breakpoint-condition"
            placeholder="JSONPath on the input, e.g. $.express"
            value={condition}
            onChange={(e) => setCondition(e.target.value)}
            onBlur={() =>
              (onEnter || onExit) && condition.trim() !== savedCondition && commit(onEnter, onExit, condition)
            }
            onKeyDown={(e) => e.key === 'Enter' && (onEnter || onExit) && commit(onEnter, onExit, condition)}
          />
        </label>
      </div>
    </fieldset>
  );
}
