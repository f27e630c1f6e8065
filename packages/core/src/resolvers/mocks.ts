/**
 * Scripted mocks: a sequence of responses per state name or resource ARN, consumed one per
 * call, including one per Retry attempt. An entry may name the `input` it expects; a call
 * takes the first unused entry whose `input` equals its parameters, else the first unused
 * entry. An entry marked `repeat` is never used up: it answers every call that reaches it, so
 * a 100-item Map needs one entry. The key `"*"` answers every Task that no other key and no
 * resolver answers. The format is documented in docs/reference/mocks.md.
 */
import { jsonEquals, type Json } from '../json.js';
import { ErrorName } from '../errors/states-error.js';
import { replaysLive, TaskError, type ResolverRouter, type TaskResolver } from './resolver.js';
import { parseMockScript } from './mock-script.js';

export type MockResponse = (
  | { return: Json }
  | { throw: { error?: string; cause?: string | Json } }
  /** Never answers: the task's TimeoutSeconds/HeartbeatSeconds decides. */
  | { timeout: true }
) & {
  /** Parameters this entry answers; entries without `input` answer any call. */
  input?: Json;
  /** Virtual seconds the call takes before answering. */
  delaySeconds?: number;
  /** Answer this call and every later one that reaches this entry (the entry is never used up). */
  repeat?: boolean;
};

/** Responses keyed by state name or resource ARN (state name wins); `"*"` answers every other Task. */
export type MockScript = Record<string, MockResponse[]>;

/** The key that answers every Task no other key (and no resolver) answers. */
export const MOCK_FALLBACK_KEY = '*';

export class MockExhaustedError extends TaskError {}

/** A router over a mock script, with its keyed part and its `"*"` part apart so resolvers can sit between them. */
export interface MockRouter extends ResolverRouter {
  /** Answers by state name or resource ARN only. */
  readonly keyed: ResolverRouter;
  /** Answers every Task with the `"*"` entries (finds nothing when the script has none). */
  readonly fallback: ResolverRouter;
  /** Entries not used yet, per key (a `repeat` entry counts as used once it answered). */
  remaining(): Record<string, number>;
}

/**
 * A router over a mock script: `find` tries the state name, the resource ARN, then `"*"`.
 * @example
 * const mocks = mockResolvers({ Charge: [{ throw: { error: 'Busy' } }, { return: { ok: true } }], '*': [{ return: {}, repeat: true }] });
 */
export function mockResolvers(script: MockScript): MockRouter {
  // A typo such as {"retrun": 1} must not answer `undefined` and let the run succeed.
  parseMockScript(script, 'mocks');
  const used = new Map<string, boolean[]>();
  // Which entry answers depends on the calls before: a resumed execution calls mocks again.
  const resolverFor = (key: string): TaskResolver =>
    replaysLive(async (input, context) => {
      const entries = script[key]!;
      const flags = used.get(key) ?? entries.map(() => false);
      used.set(key, flags);
      const open = (i: number) => !flags[i] || entries[i]!.repeat === true;
      let index = entries.findIndex(
        (entry, i) => open(i) && entry.input !== undefined && jsonEquals(entry.input, input),
      );
      if (index < 0) index = entries.findIndex((_entry, i) => open(i));
      if (index < 0) {
        throw new MockExhaustedError(
          ErrorName.TaskFailed,
          `aslkit mock for '${key}' has no response left for call ${entries.length + 1} (state '${context.stateName}'); ` +
            `add a response, or mark the last one "repeat": true to answer every further call`,
        );
      }
      flags[index] = true;
      const entry = entries[index]!;
      if (entry.delaySeconds) await context.clock.sleep(entry.delaySeconds * 1000);
      if ('timeout' in entry) {
        await context.clock.sleep(Infinity);
      }
      if ('throw' in entry) {
        const cause = entry.throw.cause;
        throw new TaskError(
          entry.throw.error,
          typeof cause === 'string' || cause === undefined ? cause : JSON.stringify(cause),
        );
      }
      return (entry as { return: Json }).return;
    });
  const resolvers = new Map(Object.keys(script).map((key) => [key, resolverFor(key)]));
  const fallback = resolvers.get(MOCK_FALLBACK_KEY);
  resolvers.delete(MOCK_FALLBACK_KEY);
  const keyed: ResolverRouter = {
    find: (resource, stateName) =>
      resolvers.get(stateName) ?? resolvers.get(resource.arn) ?? resolvers.get(resource.baseArn),
  };
  return {
    keyed,
    fallback: { find: () => fallback },
    find: (resource, stateName) => keyed.find(resource, stateName) ?? fallback,
    remaining: () =>
      Object.fromEntries(
        Object.keys(script).map((key) => [
          key,
          (used.get(key) ?? script[key]!.map(() => false)).filter((f) => !f).length,
        ]),
      ),
  };
}
