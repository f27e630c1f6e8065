/**
 * The shape of a mutation (one deliberate change to a definition, with what AWS makes of it)
 * and the helpers the catalogue files use to write them briefly.
 */
import type { JsonObject } from '@aslkit/core';
import type { AwsVerdict } from '../corpus.js';
import { stateSites, type StateSite } from './state-sites.js';

export interface Mutation {
  /** Stable kebab-case name, e.g. `states-all-not-last`. */
  kind: string;
  /** What the change does, as the report shows it. */
  change: string;
  /** AWS's verdict on the result, assuming the definition was valid before. */
  aws: AwsVerdict;
  /** Where that verdict comes from: a conformance case, or a section of /work/shared/asl-reference.md. */
  evidence: string;
  /** Changes `definition` in place; false when there is nothing in it to change. */
  apply(definition: JsonObject): boolean;
}

/** A state filter on `Type`, and optionally on query language and depth. */
export function ofType(
  types: string | readonly string[],
  options: { queryLanguage?: 'JSONPath' | 'JSONata'; topLevel?: boolean } = {},
) {
  const wanted = typeof types === 'string' ? [types] : types;
  return (site: StateSite): boolean =>
    wanted.includes(String(site.state.Type)) &&
    (options.queryLanguage === undefined || site.queryLanguage === options.queryLanguage) &&
    (options.topLevel !== true || site.depth === 0);
}

/**
 * Applies `edit` to the first state that passes `filter` and for which `edit` does not return
 * false (an edit returns false when that state does not fit after a closer look).
 */
export function onState(
  filter: (site: StateSite) => boolean,
  edit: (site: StateSite, definition: JsonObject) => boolean | void,
) {
  return (definition: JsonObject): boolean => {
    for (const site of stateSites(definition)) {
      if (filter(site) && edit(site, definition) !== false) return true;
    }
    return false;
  };
}

/** Evidence pointers into the shared ASL reference. */
export const ref = (section: string): string => `asl-reference ${section}`;

/** Evidence pointers into the conformance corpus. */
export const conformance = (name: string): string => `conformance ${name}`;

/** The states that take `Next`/`End`. */
export const FLOW_TYPES = ['Pass', 'Task', 'Wait', 'Parallel', 'Map'] as const;
/** The states that take Retry and Catch. */
export const ERROR_HANDLING_TYPES = ['Task', 'Parallel', 'Map'] as const;
