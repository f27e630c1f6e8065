/**
 * Every mutation, applied deterministically to a spread of seed definitions: the third part
 * of the corpus the validators are compared on.
 */
import type { Json, JsonObject } from '@aslkit/core';
import type { CorpusEntry } from '../corpus.js';
import { DATA_FLOW_MUTATIONS } from './data-flow.js';
import { ERROR_HANDLING_MUTATIONS } from './error-handling.js';
import type { Mutation } from './mutation.js';
import { isObject, stateSites } from './state-sites.js';
import { STATE_FIELD_MUTATIONS } from './state-fields.js';
import { STRUCTURE_MUTATIONS } from './structure.js';

export const MUTATIONS: readonly Mutation[] = [
  ...STRUCTURE_MUTATIONS,
  ...STATE_FIELD_MUTATIONS,
  ...DATA_FLOW_MUTATIONS,
  ...ERROR_HANDLING_MUTATIONS,
];

/**
 * Seeds: the definitions AWS accepted (or the fixtures), one per distinct shape (state types
 * by depth, query language), so that 358 near-identical Choice cases do not crowd out the rest.
 */
export function pickSeeds(entries: readonly CorpusEntry[]): CorpusEntry[] {
  const seen = new Set<string>();
  return entries.filter((entry) => {
    if (entry.aws === 'invalid') return false;
    const definition = JSON.parse(entry.text) as Json;
    if (!isObject(definition)) return false;
    const key = shapeKey(definition);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function shapeKey(definition: JsonObject): string {
  const types = new Set(
    stateSites(definition).map((site) => `${String(site.state.Type)}@${site.depth}/${site.queryLanguage}`),
  );
  return [...types].sort().join(',');
}

/**
 * Up to `perKind` variants of each mutation. Each kind tries the seeds in its own order (by a
 * hash of kind and seed id), so that different kinds land on different machines, and adding a
 * seed (a new fixture) changes only the kinds for which it ranks first.
 */
export function mutatedVariants(seeds: readonly CorpusEntry[], perKind = 3): CorpusEntry[] {
  const variants: CorpusEntry[] = [];
  for (const mutation of MUTATIONS) {
    let made = 0;
    const order = [...seeds].sort(
      (a, b) => rank(mutation.kind, a.id) - rank(mutation.kind, b.id) || a.id.localeCompare(b.id),
    );
    for (const seed of order) {
      if (made === perKind) break;
      // A change AWS accepts says nothing on a seed whose own verdict is unknown (a fixture).
      if (mutation.aws === 'valid' && seed.aws !== 'valid') continue;
      const definition = JSON.parse(seed.text) as JsonObject;
      if (!mutation.apply(definition)) continue;
      made++;
      variants.push({
        id: `mutation:${mutation.kind}:${seed.id.replace(/^\w+:/, '')}`,
        source: 'mutation',
        text: JSON.stringify(definition, null, 2),
        kind: mutation.kind,
        aws: mutation.aws,
        evidence: mutation.evidence,
      });
    }
    if (made === 0) throw new Error(`mutation ${mutation.kind} found nothing to apply to in ${seeds.length} seeds`);
  }
  return variants;
}

/** FNV-1a of `kind|id`: a fixed pseudo-random order of the seeds for each kind. */
function rank(kind: string, id: string): number {
  let hash = 0x811c9dc5;
  for (const char of `${kind}|${id}`) hash = Math.imul(hash ^ char.codePointAt(0)!, 0x01000193) >>> 0;
  return hash;
}

/** The mutation of a kind, for the report. */
export const mutationOf = (kind: string): Mutation | undefined => MUTATIONS.find((mutation) => mutation.kind === kind);
