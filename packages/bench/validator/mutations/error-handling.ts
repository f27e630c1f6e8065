/**
 * Mutations of Retry and Catch on Task, Parallel and Map states.
 */
import type { Json } from '@aslkit/core';
import { ERROR_HANDLING_TYPES, ofType, onState, ref, type Mutation } from './mutation.js';
import type { StateSite } from './state-sites.js';

/** Replaces the Retry of the first Task/Parallel/Map. */
const retry = (retriers: Json[]) => onState(ofType(ERROR_HANDLING_TYPES), ({ state }) => void (state.Retry = retriers));

/** Replaces the Catch of the first JSONPath Task/Parallel/Map; `next` is a target in the state's own scope. */
const catchers = (make: (next: string, existing: Json[]) => Json[]) =>
  onState(ofType(ERROR_HANDLING_TYPES, { queryLanguage: 'JSONPath' }), ({ state, scope }: StateSite) => {
    if (typeof scope.StartAt !== 'string') return false;
    state.Catch = make(scope.StartAt, Array.isArray(state.Catch) ? state.Catch : []);
  });

const all = ['States.ALL'];

export const ERROR_HANDLING_MUTATIONS: readonly Mutation[] = [
  {
    kind: 'retry-states-all-not-last',
    change: 'Retry [{States.ALL}, {Custom.Error}]',
    aws: 'invalid',
    evidence: ref('§6.1, §9.1 rule 10'),
    apply: retry([{ ErrorEquals: all }, { ErrorEquals: ['Custom.Error'] }]),
  },
  {
    kind: 'retry-states-all-not-alone',
    change: 'Retry ErrorEquals ["States.ALL", "Custom.Error"]',
    aws: 'invalid',
    evidence: ref('§6.1, §9.1 rule 10'),
    apply: retry([{ ErrorEquals: ['States.ALL', 'Custom.Error'] }]),
  },
  {
    kind: 'retry-empty-error-equals',
    change: 'Retry ErrorEquals []',
    aws: 'invalid',
    evidence: ref('§6.2, §9.1 rule 9'),
    apply: retry([{ ErrorEquals: [] }]),
  },
  {
    kind: 'retry-max-attempts-negative',
    change: 'Retry MaxAttempts: -1',
    aws: 'invalid',
    evidence: ref('§6.2 (0–99,999,999)'),
    apply: retry([{ ErrorEquals: all, MaxAttempts: -1 }]),
  },
  {
    kind: 'retry-backoff-below-one',
    change: 'Retry BackoffRate: 0.5',
    aws: 'invalid',
    evidence: ref('§6.2 (≥ 1.0)'),
    apply: retry([{ ErrorEquals: all, BackoffRate: 0.5 }]),
  },
  {
    kind: 'retry-interval-zero',
    change: 'Retry IntervalSeconds: 0',
    aws: 'invalid',
    evidence: ref('§6.2 (1–99,999,999)'),
    apply: retry([{ ErrorEquals: all, IntervalSeconds: 0 }]),
  },
  {
    kind: 'retry-jitter-unknown',
    change: 'Retry JitterStrategy: "SOMETIMES"',
    aws: 'invalid',
    evidence: ref('§6.2, §9.1 rule 11 (FULL or NONE)'),
    apply: retry([{ ErrorEquals: all, JitterStrategy: 'SOMETIMES' }]),
  },
  {
    kind: 'retry-valid',
    change: 'Retry with every field in range (MaxAttempts 0, BackoffRate 1.5, FULL jitter)',
    aws: 'valid',
    evidence: ref('§6.2'),
    apply: retry([
      {
        ErrorEquals: ['States.TaskFailed'],
        IntervalSeconds: 1,
        MaxAttempts: 0,
        BackoffRate: 1.5,
        MaxDelaySeconds: 5,
        JitterStrategy: 'FULL',
      },
    ]),
  },
  {
    kind: 'catch-states-all-not-last',
    change: 'Catch [{States.ALL}, {Custom.Error}]',
    aws: 'invalid',
    evidence: ref('§6.3, §9.1 rule 10'),
    apply: catchers((next) => [
      { ErrorEquals: all, Next: next },
      { ErrorEquals: ['Custom.Error'], Next: next },
    ]),
  },
  {
    kind: 'catch-missing-next',
    change: 'Catch without Next',
    aws: 'invalid',
    evidence: ref('§6.3 (Next required)'),
    apply: catchers(() => [{ ErrorEquals: all }]),
  },
  {
    kind: 'catch-next-unknown',
    change: 'Catch Next names no state',
    aws: 'invalid',
    evidence: ref('§9.1 rule 3'),
    apply: catchers(() => [{ ErrorEquals: all, Next: 'NoSuchState' }]),
  },
  {
    kind: 'catch-valid',
    change: 'Catch {Custom.Error, ResultPath "$.error"} to the scope\'s StartAt, put before the existing catchers',
    aws: 'valid',
    evidence: ref('§6.3'),
    // Kept in front of the existing catchers: replacing them could leave their targets unreachable.
    apply: catchers((next, existing) => [
      { ErrorEquals: ['Custom.Error'], Next: next, ResultPath: '$.error' },
      ...existing,
    ]),
  },
];
