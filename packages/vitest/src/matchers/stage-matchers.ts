/**
 * `toHaveStage(state, stage, value, { visit?, attempt? })`: the value a state had after one
 * data-processing stage, from a run started with `inspect: true`. `visit` counts the state's
 * entries from 1 (anywhere in the execution, in the order attempts ended); `attempt` counts its
 * retries from 0. Without them, any attempt of any visit may match.
 */
import type { AttemptStages, StateInspection } from '@aslkit/core';
import type { MatcherState } from 'vitest';
import { notARun, runContext, unknownStateHint, viewRun, type MatcherResult } from './received.js';

export interface StageSelector {
  /** The state's n-th visit, from 1. */
  visit?: number;
  /** The attempt within a visit, from 0 (the first try; 1 is the first retry). */
  attempt?: number;
}

/** The attempts of `state` that `selector` picks, with their visit numbers. */
function selectAttempts(inspections: readonly StateInspection[], state: string, selector: StageSelector) {
  const visits = new Map<number, number>();
  const picked: { visit: number; inspection: StateInspection }[] = [];
  for (const inspection of inspections) {
    if (inspection.state !== state) continue;
    if (!visits.has(inspection.enteredEventId)) visits.set(inspection.enteredEventId, visits.size + 1);
    const visit = visits.get(inspection.enteredEventId)!;
    if (selector.visit !== undefined && selector.visit !== visit) continue;
    if (selector.attempt !== undefined && selector.attempt !== inspection.attempt) continue;
    picked.push({ visit, inspection });
  }
  return picked;
}

export function toHaveStage(
  this: MatcherState,
  received: unknown,
  state: string,
  stage: keyof AttemptStages,
  expected: unknown,
  selector: StageSelector = {},
): MatcherResult {
  const run = viewRun(received);
  if (!run) return { pass: false, message: () => notARun(this, '.toHaveStage', received) };
  const hint = this.utils.matcherHint('.toHaveStage', 'run', 'state, stage, value', { isNot: this.isNot });
  const inspections = (received as { inspections?: StateInspection[] }).inspections;
  if (!inspections)
    return {
      pass: false,
      message: () => `${hint}\n\nthe run recorded no stages: start it with \`inspect: true\`${runContext(run)}`,
    };
  const attempts = selectAttempts(inspections, state, selector);
  const pass = attempts.some(({ inspection }) => this.equals(inspection.stages[stage], expected, this.customTesters));
  const where = [
    selector.visit === undefined ? '' : ` on visit ${selector.visit}`,
    selector.attempt === undefined ? '' : ` at attempt ${selector.attempt}`,
  ].join('');
  return {
    pass,
    message: () => {
      const seen = attempts
        .map(
          ({ visit, inspection }) =>
            `  visit ${visit}, attempt ${inspection.attempt}: ${stage in inspection.stages ? this.utils.printReceived(inspection.stages[stage]) : '(stage not reached)'}`,
        )
        .join('\n');
      return (
        `${hint}\n\nexpected ${JSON.stringify(state)}${where} ${this.isNot ? 'not ' : ''}to have ${stage} ${this.utils.printExpected(expected)}\n` +
        (attempts.length === 0 ? `but no attempt of it${where} was recorded` : `Recorded:\n${seen}`) +
        unknownStateHint(run, state) +
        runContext(run)
      );
    },
  };
}
