/**
 * Mutations of a definition's structure: required fields, field types, transitions, scopes
 * and state names.
 */
import type { JsonObject } from '@aslkit/core';
import { FLOW_TYPES, conformance, ofType, onState, ref, type Mutation } from './mutation.js';
import { freshName, isObject, renameState, stateSites } from './state-sites.js';

const anyState = () => true;
const LONG_NAME = (length: number): string => `S${'x'.repeat(length - 1)}`;

export const STRUCTURE_MUTATIONS: readonly Mutation[] = [
  {
    kind: 'missing-start-at',
    change: 'StartAt removed',
    aws: 'invalid',
    evidence: conformance('validation__api__validate_state_machine_definition_type_standard-INVALID_BASE_NO_STARTAT'),
    apply: (d) => delete d.StartAt,
  },
  {
    kind: 'missing-states',
    change: 'States removed',
    aws: 'invalid',
    evidence: conformance('validation__api__create_delete_invalid_sm__invalid_definition_1'),
    apply: (d) => delete d.States,
  },
  {
    kind: 'empty-states',
    change: 'States is {}',
    aws: 'invalid',
    evidence: ref('§1.1 (States non-empty), §9.1 rule 2'),
    apply: (d) => ((d.States = {}), true),
  },
  {
    kind: 'start-at-unknown',
    change: 'StartAt names no state',
    aws: 'invalid',
    evidence: ref('§9.1 rule 2'),
    apply: (d) => ((d.StartAt = 'NoSuchState'), true),
  },
  {
    kind: 'top-level-unknown-field',
    change: 'top-level field "Foo": 1 added',
    aws: 'invalid',
    evidence: ref('§9.1 rule 8 ("Field \'X\' is not supported")'),
    apply: (d) => ((d.Foo = 1), true),
  },
  {
    kind: 'top-level-timeout-zero',
    change: 'top-level TimeoutSeconds: 0',
    aws: 'invalid',
    evidence: ref('§1.1 (TimeoutSeconds positive integer)'),
    apply: (d) => ((d.TimeoutSeconds = 0), true),
  },
  {
    kind: 'comment-not-string',
    change: 'top-level Comment: 42',
    aws: 'invalid',
    evidence: ref('§1.1 (Comment string)'),
    apply: (d) => ((d.Comment = 42), true),
  },
  {
    kind: 'missing-type',
    change: 'a state loses its Type',
    aws: 'invalid',
    evidence: ref('§9.1 rule 7'),
    apply: onState(anyState, ({ state }) => delete state.Type),
  },
  {
    kind: 'unknown-type',
    change: 'Type: "Sleep"',
    aws: 'invalid',
    evidence: ref('§9.1 rule 7 (AWS message quoted)'),
    apply: onState(anyState, ({ state }) => void (state.Type = 'Sleep')),
  },
  {
    kind: 'state-unknown-field',
    change: 'state field "Foo": 1 added',
    aws: 'invalid',
    evidence: ref('§9.1 rule 8'),
    apply: onState(anyState, ({ state }) => void (state.Foo = 1)),
  },
  {
    kind: 'missing-next-and-end',
    change: 'Next/End removed from a Pass/Task/Wait/Parallel/Map',
    aws: 'invalid',
    evidence: ref('§1.2 notes (non-terminal state MUST have Next)'),
    apply: onState(ofType(FLOW_TYPES), ({ state }) => void (delete state.Next, delete state.End)),
  },
  {
    kind: 'next-and-end',
    change: 'End: true added beside Next',
    aws: 'invalid',
    evidence: ref('§1.2 (Next xor End)'),
    apply: onState(
      ({ state }) => typeof state.Next === 'string',
      ({ state }) => void (state.End = true),
    ),
  },
  {
    kind: 'end-not-boolean',
    change: 'End: "true" (a string)',
    aws: 'invalid',
    evidence: ref('§1.2 notes (End must be boolean true)'),
    apply: onState(
      ({ state }) => state.End === true,
      ({ state }) => void (state.End = 'true'),
    ),
  },
  {
    kind: 'next-unknown',
    change: 'Next names no state',
    aws: 'invalid',
    evidence: ref('§9.1 rule 3'),
    apply: onState(
      ({ state }) => typeof state.Next === 'string',
      ({ state }) => void (state.Next = 'NoSuchState'),
    ),
  },
  {
    kind: 'unreachable-state',
    change: 'an extra Pass state nothing transitions to',
    aws: 'invalid',
    evidence: ref('§9.1 rule 4 (AWS message quoted)'),
    apply: (d) => {
      if (!isObject(d.States)) return false;
      d.States[freshName(d, 'Orphan')] = { Type: 'Pass', End: true };
      return true;
    },
  },
  {
    kind: 'next-out-of-scope',
    change: 'a state in a branch/item processor transitions to an outer state',
    aws: 'invalid',
    evidence: ref('§1.1 (transitions stay within their branch)'),
    apply: onState(
      ({ depth, state }) => depth > 0 && typeof state.Next === 'string',
      ({ state, scope }, d) => {
        const outer = outerName(d, scope);
        if (outer === undefined) return false;
        state.Next = outer;
      },
    ),
  },
  {
    kind: 'duplicate-name-nested',
    change: "a nested state renamed to an outer state's name",
    aws: 'invalid',
    evidence: ref('§1.1, §9.1 rule 6 (names unique machine-wide)'),
    apply: onState(
      ({ depth }) => depth > 0,
      ({ name, scope }, d) => {
        const outer = outerName(d, scope);
        if (outer === undefined) return false;
        renameState(scope, name, outer);
      },
    ),
  },
  {
    kind: 'state-name-81-chars',
    change: 'a state renamed to 81 characters',
    aws: 'invalid',
    evidence: ref('§1.1, §9.1 rule 6 (1–80 characters)'),
    apply: onState(
      ({ depth }) => depth === 0,
      ({ name, scope }) => renameState(scope, name, LONG_NAME(81)),
    ),
  },
  {
    kind: 'state-name-80-chars',
    change: 'a state renamed to exactly 80 characters',
    aws: 'valid',
    evidence: ref('§1.1 (1–80 characters)'),
    apply: onState(
      ({ depth }) => depth === 0,
      ({ name, scope }) => renameState(scope, name, LONG_NAME(80)),
    ),
  },
  {
    kind: 'state-name-proto',
    change: 'a state renamed to "__proto__"',
    aws: 'valid',
    evidence: ref('§1.1, §11 (a name of letters and underscores)'),
    apply: onState(
      ({ depth }) => depth === 0,
      ({ name, scope }) => renameState(scope, name, '__proto__'),
    ),
  },
  {
    kind: 'no-terminal-state',
    change: 'every End: true replaced by Next: StartAt (no Succeed/Fail present)',
    aws: 'invalid',
    evidence: ref('§9.1 rule 5 (MISSING_END_STATE)'),
    apply: (d) => {
      const top = stateSites(d).filter((site) => site.depth === 0);
      if (typeof d.StartAt !== 'string' || top.some(({ state }) => state.Type === 'Succeed' || state.Type === 'Fail'))
        return false;
      const ends = top.filter(({ state }) => state.End === true);
      for (const { state } of ends) {
        delete state.End;
        state.Next = d.StartAt;
      }
      return ends.length > 0;
    },
  },
];

/** A top-level state name that `scope` does not also use. */
function outerName(definition: JsonObject, scope: JsonObject): string | undefined {
  const inner = isObject(scope.States) ? scope.States : {};
  return stateSites(definition).find((site) => site.depth === 0 && !Object.hasOwn(inner, site.name))?.name;
}
