/**
 * Mutations of the fields of particular state types: Task, Pass, Wait, Fail, Succeed,
 * Choice, Parallel and Map.
 */
import type { JsonObject } from '@aslkit/core';
import { conformance, ofType, onState, ref, type Mutation } from './mutation.js';
import { childScopes, isObject } from './state-sites.js';

const jsonPath = { queryLanguage: 'JSONPath' } as const;

/** Replaces a Wait's duration field by `field: value`. */
const waitFor = (field: string, value: string | number) =>
  onState(ofType('Wait', jsonPath), ({ state }) => {
    for (const key of ['Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath']) delete state[key];
    state[field] = value;
  });

/** Replaces the first rule of a JSONPath Choice (keeping its Next) by what `rewrite` makes of it. */
const firstRule = (rewrite: (rule: JsonObject, next: string) => JsonObject | undefined) =>
  onState(ofType('Choice', jsonPath), ({ state }) => {
    const rules = state.Choices;
    if (!Array.isArray(rules) || !isObject(rules[0]) || typeof rules[0].Next !== 'string') return false;
    const replaced = rewrite(rules[0], rules[0].Next);
    if (replaced === undefined) return false;
    rules[0] = replaced;
  });

const withoutNext = (rule: JsonObject): JsonObject =>
  Object.fromEntries(Object.entries(rule).filter(([key]) => key !== 'Next'));

/** Fields only a top-level rule may hold; a nested rule is the comparison alone. */
const RULE_LEVEL = new Set(['Next', 'Assign', 'Comment']);
const comparisonOnly = (rule: JsonObject): JsonObject =>
  Object.fromEntries(Object.entries(rule).filter(([key]) => !RULE_LEVEL.has(key)));
const ruleLevelOnly = (rule: JsonObject): JsonObject =>
  Object.fromEntries(Object.entries(rule).filter(([key]) => RULE_LEVEL.has(key)));

export const STATE_FIELD_MUTATIONS: readonly Mutation[] = [
  {
    kind: 'task-missing-resource',
    change: 'Task Resource removed',
    aws: 'invalid',
    evidence: ref('§1.2 (Resource required)'),
    apply: onState(ofType('Task'), ({ state }) => void delete state.Resource),
  },
  {
    kind: 'task-resource-not-arn',
    change: 'Resource: "my-function"',
    aws: 'invalid',
    evidence: ref('§9.1 rule 14') + '; ' + conformance('validation__services__invalid_integration__exception'),
    apply: onState(ofType('Task'), ({ state }) => void (state.Resource = 'my-function')),
  },
  {
    kind: 'task-timeout-string',
    change: 'Task TimeoutSeconds: "60" (a string)',
    aws: 'invalid',
    evidence: ref('§1.2, §9.1 rule 11 (positive integer)'),
    apply: onState(
      ofType('Task', jsonPath),
      ({ state }) => void (delete state.TimeoutSecondsPath, (state.TimeoutSeconds = '60')),
    ),
  },
  {
    kind: 'task-timeout-zero',
    change: 'Task TimeoutSeconds: 0',
    aws: 'invalid',
    evidence: ref('§6.5, §9.1 rule 11 (positive integer)'),
    apply: onState(
      ofType('Task', jsonPath),
      ({ state }) => void (delete state.TimeoutSecondsPath, (state.TimeoutSeconds = 0)),
    ),
  },
  {
    kind: 'heartbeat-not-below-timeout',
    change: 'Task TimeoutSeconds: 10, HeartbeatSeconds: 10',
    aws: 'invalid',
    evidence: ref('§1.2 notes (HeartbeatSeconds < TimeoutSeconds)'),
    apply: onState(ofType('Task', jsonPath), ({ state }) => {
      delete state.TimeoutSecondsPath;
      delete state.HeartbeatSecondsPath;
      state.TimeoutSeconds = 10;
      state.HeartbeatSeconds = 10;
    }),
  },
  {
    kind: 'result-on-task',
    change: 'Task gets a Result',
    aws: 'invalid',
    evidence: ref('§1.2 (Result only on Pass)'),
    apply: onState(ofType('Task'), ({ state }) => void (state.Result = { ok: true })),
  },
  {
    kind: 'retry-on-pass',
    change: 'Pass gets a Retry',
    aws: 'invalid',
    evidence: ref('§1.2 (Retry only on Task, Parallel, Map)'),
    apply: onState(ofType('Pass'), ({ state }) => void (state.Retry = [{ ErrorEquals: ['States.ALL'] }])),
  },
  {
    kind: 'pass-result-dollar-key',
    change: 'Pass Result: {"x.$": "$.a"}',
    aws: 'valid',
    evidence: conformance('choice_operators__* (Result with "TestResult.$" keys, executed)'),
    apply: onState(ofType('Pass', jsonPath), ({ state }) => void (state.Result = { 'x.$': '$.a' })),
  },
  {
    kind: 'wait-two-durations',
    change: 'Wait gets Timestamp beside its Seconds',
    aws: 'invalid',
    evidence: ref('§4 (exactly one of the four)'),
    apply: onState(ofType('Wait', jsonPath), ({ state }) => {
      if (state.Seconds === undefined) return false;
      state.Timestamp = '2016-12-05T21:29:29Z';
    }),
  },
  {
    kind: 'wait-seconds-string',
    change: 'Wait Seconds: "10"',
    aws: 'invalid',
    evidence: ref('§4 (integer literal)'),
    apply: waitFor('Seconds', '10'),
  },
  {
    kind: 'wait-seconds-negative',
    change: 'Wait Seconds: -1',
    aws: 'invalid',
    evidence: ref('§4 (non-negative)'),
    apply: waitFor('Seconds', -1),
  },
  {
    kind: 'wait-timestamp-no-t',
    change: 'Wait Timestamp: "2016-12-05 21:29:29Z"',
    aws: 'invalid',
    evidence: conformance('validation__scenarios__wait_timestamp_invalid-NO_T__exception'),
    apply: waitFor('Timestamp', '2016-12-05 21:29:29Z'),
  },
  {
    kind: 'wait-timestamp-valid',
    change: 'Wait Timestamp: "2016-12-05T21:29:29.123+02:00"',
    aws: 'valid',
    evidence: ref('§3 (RFC 3339 with offset and fraction)'),
    apply: waitFor('Timestamp', '2016-12-05T21:29:29.123+02:00'),
  },
  {
    kind: 'parameters-on-wait',
    change: 'Wait gets Parameters',
    aws: 'invalid',
    evidence: ref('§1.2 (no Parameters on Wait)'),
    apply: onState(ofType('Wait', jsonPath), ({ state }) => void (state.Parameters = { a: 1 })),
  },
  {
    kind: 'fail-error-and-error-path',
    change: 'Fail with both Error and ErrorPath',
    aws: 'invalid',
    evidence: ref('§1.2 (Error / ErrorPath at most one)'),
    apply: onState(ofType('Fail', jsonPath), ({ state }) => void ((state.Error = 'E'), (state.ErrorPath = '$.error'))),
  },
  {
    kind: 'fail-output-path',
    change: 'Fail gets OutputPath',
    aws: 'invalid',
    evidence: ref('§1.2 (no OutputPath on Fail)'),
    apply: onState(ofType('Fail', jsonPath), ({ state }) => void (state.OutputPath = '$')),
  },
  {
    kind: 'succeed-next',
    change: 'Succeed gets a Next',
    aws: 'invalid',
    evidence: ref('§1.2 (no Next on Succeed)'),
    apply: onState(ofType('Succeed'), ({ state, scope }) => void (state.Next = String(scope.StartAt))),
  },
  {
    kind: 'choice-next',
    change: 'Choice gets a Next',
    aws: 'invalid',
    evidence: ref('§1.2 (no Next on Choice)'),
    apply: onState(ofType('Choice'), ({ state, scope }) => void (state.Next = String(scope.StartAt))),
  },
  {
    kind: 'choice-empty',
    change: 'Choices: []',
    aws: 'invalid',
    evidence: ref('§3, §9.1 rule 9'),
    apply: onState(ofType('Choice'), ({ state }) => void (state.Choices = [])),
  },
  {
    kind: 'choice-default-unknown',
    change: 'Choice Default names no state',
    aws: 'invalid',
    evidence: ref('§9.1 rule 3'),
    apply: onState(ofType('Choice'), ({ state }) => void (state.Default = 'NoSuchState')),
  },
  {
    kind: 'choice-rule-missing-next',
    change: 'first Choice rule loses its Next',
    aws: 'invalid',
    evidence: ref('§1.2 notes (top-level rules need Next)'),
    apply: firstRule((rule) => withoutNext(rule)),
  },
  {
    kind: 'choice-two-operators',
    change: 'first Choice rule gets a second operator (IsPresent)',
    aws: 'invalid',
    evidence: ref('§3 (exactly one operator)'),
    apply: firstRule((rule) =>
      typeof rule.Variable === 'string' && rule.IsPresent === undefined ? { ...rule, IsPresent: true } : undefined,
    ),
  },
  {
    kind: 'choice-nested-next',
    change: 'first Choice rule wrapped in Not, keeping a Next inside',
    aws: 'invalid',
    evidence: ref('§1.2 notes (nested rules MUST NOT have Next)'),
    apply: firstRule((rule, next) => ({ Not: rule, Next: next })),
  },
  {
    kind: 'choice-not-valid',
    change: 'first Choice rule wrapped in Not (Next and Assign kept outside)',
    aws: 'valid',
    evidence: ref('§3 (Not holds one nested rule)'),
    apply: firstRule((rule) => ({ Not: comparisonOnly(rule), ...ruleLevelOnly(rule) })),
  },
  {
    kind: 'choice-and-empty',
    change: 'first Choice rule replaced by And: []',
    aws: 'invalid',
    evidence: ref('§3, §9.1 rule 9 (And non-empty)'),
    apply: firstRule((_, next) => ({ And: [], Next: next })),
  },
  {
    kind: 'choice-operand-type',
    change: 'first Choice rule becomes StringEquals: 5',
    aws: 'invalid',
    evidence: ref('§3 (static operand types must match)'),
    apply: firstRule((_, next) => ({ Variable: '$.x', StringEquals: 5, Next: next })),
  },
  {
    kind: 'choice-variable-not-path',
    change: 'first Choice rule Variable: "x"',
    aws: 'invalid',
    evidence: ref('§3, §9.1 rule 12 (Variable is a path)'),
    apply: firstRule((rule) => (typeof rule.Variable === 'string' ? { ...rule, Variable: 'x' } : undefined)),
  },
  {
    kind: 'choice-timestamp-no-t',
    change: 'first Choice rule becomes TimestampEquals: "2016-12-05 21:29:29Z"',
    aws: 'invalid',
    evidence: ref('§3 (static timestamps RFC 3339; AWS message quoted)'),
    apply: firstRule((_, next) => ({ Variable: '$.t', TimestampEquals: '2016-12-05 21:29:29Z', Next: next })),
  },
  {
    kind: 'parallel-empty-branches',
    change: 'Branches: []',
    aws: 'invalid',
    evidence: ref('§1.2, §9.1 rule 9'),
    apply: onState(ofType('Parallel'), ({ state }) => void (state.Branches = [])),
  },
  {
    kind: 'branch-missing-start-at',
    change: 'first branch / item processor loses StartAt',
    aws: 'invalid',
    evidence: ref('§1.1 (branches are machines: StartAt required)'),
    apply: onState(ofType(['Parallel', 'Map']), ({ state }) => {
      const [scope] = childScopes(state);
      if (scope === undefined) return false;
      delete scope.StartAt;
    }),
  },
  {
    kind: 'map-missing-processor',
    change: 'Map loses ItemProcessor/Iterator',
    aws: 'invalid',
    evidence: ref('§1.3 (ItemProcessor required)'),
    apply: onState(ofType('Map'), ({ state }) => void (delete state.ItemProcessor, delete state.Iterator)),
  },
  {
    kind: 'map-max-concurrency-negative',
    change: 'Map MaxConcurrency: -1',
    aws: 'invalid',
    evidence: ref('§1.3 (int ≥ 0)'),
    apply: onState(ofType('Map'), ({ state }) => void (delete state.MaxConcurrencyPath, (state.MaxConcurrency = -1))),
  },
  {
    kind: 'map-selector-and-parameters',
    change: 'Map with both ItemSelector and Parameters',
    aws: 'invalid',
    evidence: ref('§1.3, §9.1 rule 8 (at most one)'),
    apply: onState(
      ofType('Map', jsonPath),
      ({ state }) =>
        void (
          (state.ItemSelector = { 'v.$': '$$.Map.Item.Value' }),
          (state.Parameters = { 'v.$': '$$.Map.Item.Value' })
        ),
    ),
  },
];
