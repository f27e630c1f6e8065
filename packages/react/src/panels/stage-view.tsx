/**
 * `<StageView>`: one visit's data flow as the pipeline of stages its attempt went through (Input,
 * InputPath, Parameters, the task's result, ResultSelector, ResultPath, OutputPath, Assign; for
 * JSONata Arguments and Output), each with its value and what it changed from the stage before,
 * and the stage where an error arose marked. Needs a run started with `inspect: true`; the stage
 * list itself is @aslkit/core's `inspectionStages`.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { inspectionStages } from '@aslkit/core';
import type { GraphNode, InspectedStage, JsonChange, StateInspection, Visit } from '@aslkit/core';
import { useViewerState, useViewerStore } from '../store/use-viewer.js';
import type { ViewerStore } from '../store/viewer-store.js';
import { JsonBlock } from './json-block.js';

export interface StageViewProps {
  /** The visit shown (from the snapshot's `visits`). */
  visit: Visit;
  /** The visit's state, for its type and fields. */
  node: GraphNode;
  store?: ViewerStore;
}

/**
 * The stages of the selected visit's attempts, one attempt at a time (the latest first).
 * @example
 * <StageView store={store} node={node} visit={snapshot.visits[node.id][0]} />
 */
export function StageView({ visit, node, store: explicit }: StageViewProps) {
  const store = useViewerStore(explicit);
  const any = useViewerState((state) => state.inspected > 0, store);
  const live = useViewerState((state) => state.mode === 'live', store);
  const queryLanguage = useViewerState((state) => state.definition?.QueryLanguage, store);
  const all = useViewerState(() => store.inspectionsOf(visit.enteredEventId), store);
  const attempts = useMemo(() => endedAttempts(all, visit), [all, visit]);
  const [chosen, setChosen] = useState<number>();
  useEffect(() => setChosen(undefined), [visit.enteredEventId]);
  const inspection = attempts.find((attempt) => attempt.attempt === chosen) ?? attempts.at(-1);
  const stages = useMemo(
    () => (inspection && node.state ? inspectionStages(inspection, node.state, queryLanguage) : undefined),
    [inspection, node.state, queryLanguage],
  );

  if (!any && !live) return null;
  return (
    <section className="aslkit-stages" aria-label="Stages" data-testid="stage-view">
      <div className="aslkit-stages__head">
        <strong>Stages</strong>
        {attempts.length > 1 && inspection && (
          <select
            aria-label="Attempt"
            data-testid="stage-attempt"
            value={inspection.attempt}
            onChange={(event) => setChosen(Number(event.target.value))}
          >
            {attempts.map((attempt) => (
              <option key={attempt.attempt} value={attempt.attempt}>
                Attempt {attempt.attempt + 1} · {attempt.outcome}
              </option>
            ))}
          </select>
        )}
      </div>
      {!stages ? (
        <p className="aslkit-stages__note" data-testid="stage-view-empty">
          {noteFor(visit, any)}
        </p>
      ) : (
        <ol className="aslkit-stages__list">
          {stages.map((stage) => (
            <StageItem key={`${inspection!.enteredEventId}:${inspection!.attempt}:${stage.name}`} stage={stage} />
          ))}
        </ol>
      )}
    </section>
  );
}

/**
 * The attempts that had ended at the position shown: while the visit still runs (or waits to
 * retry), only the attempts it has recorded failures for. Stages arrive as each attempt ends,
 * which may be ahead of the position the user scrubbed back to.
 */
function endedAttempts(all: readonly StateInspection[], visit: Visit): readonly StateInspection[] {
  if (visit.status !== 'running' && visit.status !== 'retrying') return all;
  const failed = visit.failures?.length ?? 0;
  return all.filter((attempt) => attempt.attempt < failed);
}

/** Why a visit shows no stages: it has not ended at this position, it was stopped, or nothing inspects. */
function noteFor(visit: Visit, any: boolean): string {
  if (visit.status === 'running' || visit.status === 'retrying') return 'The stages show once this attempt ends.';
  if (any) return 'No stages were recorded for this visit.';
  return 'Start the execution with inspect: true to see the value after each stage.';
}

type StageLook = 'error' | 'unchanged' | 'changed' | 'value';

function lookOf(stage: InspectedStage): StageLook {
  if (stage.error) return 'error';
  if (!stage.changed) return 'value';
  return stage.changed.changes.length === 0 ? 'unchanged' : 'changed';
}

const SIGNS: Record<JsonChange['kind'], string> = { added: '+', removed: '−', changed: '~' };

function summaryOf(stage: InspectedStage, look: StageLook): string {
  if (stage.error) return stage.error.error ?? 'error';
  if (look === 'unchanged') return 'unchanged';
  if (stage.name === 'input') return 'state input';
  if (stage.name === 'variables') return 'variables assigned';
  const { added, removed, changed } = stage.changed!;
  return [added ? `${added} added` : '', removed ? `${removed} removed` : '', changed ? `${changed} changed` : '']
    .filter(Boolean)
    .join(', ');
}

function StageItem({ stage }: { stage: InspectedStage }) {
  const look = lookOf(stage);
  // Open what a reader looks for: where the data changed and where it broke.
  const [open, setOpen] = useState(look === 'error' || look === 'changed' || stage.name === 'variables');
  const bodyId = useId();
  return (
    <li
      className={`aslkit-stage aslkit-stage--${look}`}
      data-testid={`stage-${stage.name}`}
      data-stage={stage.name}
      data-look={look}
    >
      <button
        type="button"
        className="aslkit-stage__head"
        aria-expanded={open}
        aria-controls={bodyId}
        onClick={() => setOpen(!open)}
      >
        <span className="aslkit-stage__label">{stage.label}</span>
        <span className="aslkit-stage__summary" data-testid={`stage-summary-${stage.name}`}>
          {summaryOf(stage, look)}
        </span>
      </button>
      {open && (
        <div className="aslkit-stage__body" id={bodyId}>
          {stage.error && (
            <dl className="aslkit-stage__error" data-testid="stage-error">
              <dt>Error</dt>
              <dd data-testid="stage-error-name">{stage.error.error ?? '—'}</dd>
              <dt>Cause</dt>
              <dd data-testid="stage-error-cause">{stage.error.cause ?? '—'}</dd>
            </dl>
          )}
          {!stage.reached && <p className="aslkit-stages__note">Not reached: the error arose here.</p>}
          {stage.changed && stage.changed.changes.length > 0 && (
            <ul
              className="aslkit-stage__diff"
              aria-label={`What ${stage.label} changed`}
              data-testid={`stage-diff-${stage.name}`}
            >
              {stage.changed.changes.map((change) => (
                <li
                  key={`${change.kind}:${change.path}`}
                  data-kind={change.kind}
                  className={`aslkit-diff--${change.kind}`}
                >
                  <span aria-hidden="true">{SIGNS[change.kind]}</span> {change.path} <small>{change.kind}</small>
                </li>
              ))}
              {stage.changed.truncated && (
                <li>
                  … {stage.changed.added + stage.changed.removed + stage.changed.changed - stage.changed.changes.length}{' '}
                  more
                </li>
              )}
            </ul>
          )}
          {stage.reached && <JsonBlock label="Value" value={stage.value} testId={`stage-value-${stage.name}`} />}
        </div>
      )}
    </li>
  );
}
