/**
 * Which keys of a mock script (or of a Step Functions Local test case) name nothing in the
 * definition. Such a key mocks nothing, and the Task it meant then fails or reaches a real
 * resolver: a typo like `Chrage` should be reported with the state it probably meant.
 */
import { describeMachine } from '../definition/rules/context.js';
import { MOCK_FALLBACK_KEY } from './mocks.js';

/** A key that matches no state and no resource, with the closest name when one is near. */
export interface UnmatchedKey {
  key: string;
  /** The state name (or, for an ARN-like key, the resource) it most likely meant. */
  suggestion?: string;
}

export interface UnmatchedKeyOptions {
  /** Keys may be resource ARNs too (mock scripts); Step Functions Local test cases take state names only. Default true. */
  resources?: boolean;
}

const SUFFIX = /\.(sync(:\d+)?|waitForTaskToken)$/;

/**
 * The keys that match no state (at any depth) and no Task resource of `definition`. `"*"` always
 * matches. Works on any value: a malformed definition just has fewer names.
 * @example
 * unmatchedMockKeys(definition, Object.keys(mocks)); // [{ key: 'Chrage', suggestion: 'Charge' }]
 */
export function unmatchedMockKeys(
  definition: object,
  keys: Iterable<string>,
  options: UnmatchedKeyOptions = {},
): UnmatchedKey[] {
  const states = describeMachine(definition as Record<string, unknown>).states;
  const names = states.map((state) => state.name);
  const resources = new Set<string>();
  if (options.resources !== false) {
    for (const state of states) {
      const resource = state.fields['Resource'];
      if (typeof resource === 'string') resources.add(resource).add(resource.replace(SUFFIX, ''));
    }
  }
  const known = new Set([...names, ...resources, MOCK_FALLBACK_KEY]);
  const unmatched: UnmatchedKey[] = [];
  for (const key of keys) {
    if (known.has(key)) continue;
    const suggestion = closestName(key, key.startsWith('arn:') ? [...resources] : names);
    unmatched.push(suggestion === undefined ? { key } : { key, suggestion });
  }
  return unmatched;
}

/** `mocks key 'Chrage' matches no state or resource; did you mean 'Charge'?` */
export function formatUnmatchedKey(what: string, unmatched: UnmatchedKey, matches = 'no state or resource'): string {
  const hint = unmatched.suggestion === undefined ? '' : `; did you mean '${unmatched.suggestion}'?`;
  return `${what} key '${unmatched.key}' matches ${matches}${hint}`;
}

/**
 * The candidate nearest to `name` by edit distance (letter case counts half), when it is
 * near enough to be a typo: at most a third of the name's length, and at least 2 edits allowed.
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(2, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - name.length) > limit) continue;
    const distance = editDistance(name, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** Levenshtein distance where a change of letter case costs 0.5. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const x = a[i - 1]!;
      const y = b[j - 1]!;
      const change = x === y ? 0 : x.toLowerCase() === y.toLowerCase() ? 0.5 : 1;
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + change));
    }
    previous = current;
  }
  return previous[b.length]!;
}
