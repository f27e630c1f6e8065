/**
 * Start options to and from the store: what decides an execution's history, as JSON. The seed
 * and start time are stored as drawn, the name only when the caller gave one (a default name is
 * drawn from the seed, and drawing it again keeps every later draw the same).
 */
import { type Json, parseJson } from '../json.js';
import type { StartOptions } from '../runtime/state-machine.js';
import type { StoredStartOptions } from './execution-store.js';

/** JSON has no Infinity: JSON.stringify writes a limit lifted to Infinity as `null`, read back here. */
const toJson = (value: object): Json => parseJson(JSON.stringify(value));
const nullToLifted = <T>(value: T): T =>
  JSON.parse(JSON.stringify(value), (_key, v: unknown) => (v === null ? Infinity : v)) as T;

export function storedStartOptions(options: StartOptions, seed: string | number, startMs: number): StoredStartOptions {
  return {
    seed: String(seed),
    startTime: startMs,
    ...(options.realTime ? { realTime: true } : {}),
    ...(options.name === undefined ? {} : { name: options.name }),
    ...(options.type === undefined ? {} : { type: options.type }),
    ...(options.mocks === undefined ? {} : { mocks: toJson(options.mocks) as StoredStartOptions['mocks'] }),
    ...(options.limits === undefined ? {} : { limits: toJson(options.limits) as StoredStartOptions['limits'] }),
    ...(options.history === undefined ? {} : { history: toJson(options.history) as StoredStartOptions['history'] }),
  };
}

export function restoreStartOptions(stored: StoredStartOptions): StartOptions {
  return {
    seed: stored.seed,
    startTime: stored.startTime,
    ...(stored.realTime ? { realTime: true } : {}),
    ...(stored.name === undefined ? {} : { name: stored.name }),
    ...(stored.type === undefined ? {} : { type: stored.type }),
    ...(stored.mocks === undefined ? {} : { mocks: stored.mocks }),
    ...(stored.limits ? { limits: nullToLifted(stored.limits) as StartOptions['limits'] } : {}),
    ...(stored.history ? { history: nullToLifted(stored.history) as StartOptions['history'] } : {}),
  };
}
