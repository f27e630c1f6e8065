/**
 * `DefinitionSubstitutions` as AWS applies them: the definition is text, every `${Key}` of a
 * key in the map is replaced by its value, and the replacement repeats over the result until
 * nothing changes, so a value may itself hold `${Other}`. A cycle (`A` → `${B}`, `B` → `${A}`)
 * makes AWS give up; here it is a problem naming the cycle. Placeholders of keys not in the map
 * are left as they are (the validator reports them). Values keep their origin, so a problem in a
 * substituted value points at the value in the template.
 */
import { joinTexts, sliceText, type FilePlace, type TracedText } from './traced-text.js';

export interface Substitution {
  /** The value, with where it came from. */
  value: TracedText;
  /** Where the entry is, for problems about it. */
  place: FilePlace;
}

export class SubstitutionCycle extends Error {
  constructor(
    readonly cycle: readonly string[],
    readonly place: FilePlace,
  ) {
    super(`DefinitionSubstitutions: cyclic substitution ${cycle.map((key) => `\${${key}}`).join(' → ')}`);
  }
}

/** Replaces every `${Key}` of `substitutions` in `text`, repeatedly, as AWS's resource handler does. */
export function applySubstitutions(text: TracedText, substitutions: ReadonlyMap<string, Substitution>): TracedText {
  if (substitutions.size === 0) return text;
  let current = text;
  // Each pass resolves one more level of values that hold placeholders; more passes than keys means a cycle.
  for (let pass = 0; pass <= substitutions.size + 1; pass++) {
    const next = replaceOnce(current, substitutions);
    if (next === undefined) return current;
    current = next;
  }
  const cycle = findCycle(substitutions) ?? [...substitutions.keys()];
  throw new SubstitutionCycle(cycle, substitutions.get(cycle[0]!)!.place);
}

/** One left-to-right pass; undefined when nothing was replaced. */
function replaceOnce(text: TracedText, substitutions: ReadonlyMap<string, Substitution>): TracedText | undefined {
  const parts: TracedText[] = [];
  let from = 0;
  let replaced = false;
  let index = text.text.indexOf('${');
  while (index >= 0) {
    const close = text.text.indexOf('}', index + 2);
    if (close < 0) break;
    const key = text.text.slice(index + 2, close);
    const substitution = substitutions.get(key);
    if (substitution) {
      parts.push(sliceText(text, from, index), substitution.value);
      from = close + 1;
      replaced = true;
      index = text.text.indexOf('${', from);
    } else index = text.text.indexOf('${', index + 2);
  }
  if (!replaced) return undefined;
  parts.push(sliceText(text, from, text.text.length));
  return joinTexts(parts);
}

/** A cycle among the keys whose values name other keys, in order, starting and ending with one key. */
function findCycle(substitutions: ReadonlyMap<string, Substitution>): string[] | undefined {
  const edges = new Map<string, string[]>();
  for (const [key, { value }] of substitutions)
    edges.set(
      key,
      [...value.text.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]!).filter((name) => substitutions.has(name)),
    );
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (key: string): string[] | undefined => {
    if (state.get(key) === 'open') return [...stack.slice(stack.indexOf(key)), key];
    if (state.get(key) === 'done') return undefined;
    state.set(key, 'open');
    stack.push(key);
    for (const next of edges.get(key) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(key, 'done');
    return undefined;
  };
  for (const key of substitutions.keys()) {
    const cycle = visit(key);
    if (cycle) return cycle;
  }
  return undefined;
}

/** Values the user gave (`--substitute Name=Value`): they have no place in a file, so problems in them point at the placeholder's. */
export function givenSubstitutions(
  values: Readonly<Record<string, string | number | boolean>>,
  place: FilePlace,
): Map<string, Substitution> {
  const map = new Map<string, Substitution>();
  for (const key of Object.keys(values)) map.set(key, { value: { text: String(values[key]), segments: [] }, place });
  return map;
}
