/**
 * Scripted mocks: a sequence of responses per resource ARN (or per state name), consumed one
 * per call, including one per Retry attempt. An entry may name the `input` it expects; a
 * call takes the first unused entry whose `input` equals its parameters, else the first
 * unused entry without a better match.
 */
import { jsonEquals, type Json } from '../json.js';
import { ErrorName } from '../errors/states-error.js';
import { TaskError, type ResolverRouter, type TaskResolver } from './resolver.js';
import { UsageError } from '../errors/aslkit-error.js';
import { checkMockScript } from './check-mocks.js';

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
};

/** Responses keyed by state name or resource ARN (state name wins). */
export type MockScript = Record<string, MockResponse[]>;

export class MockExhaustedError extends TaskError {}

/**
 * A router over a mock script. Unused entries can be read back with `remaining()`.
 * @throws UsageError `ASLKIT_INVALID_MOCKS` naming the key and index of a malformed entry.
 */
export function mockResolvers(script: MockScript): ResolverRouter & { remaining(): Record<string, number> } {
  checkMockScript(script, (where, problem) => {
    throw new UsageError(`mocks: ${where}${problem}`, 'ASLKIT_INVALID_MOCKS');
  });
  const used = new Map<string, boolean[]>();
  const resolverFor =
    (key: string): TaskResolver =>
    async (input, context) => {
      const entries = script[key]!;
      const flags = used.get(key) ?? entries.map(() => false);
      used.set(key, flags);
      let index = entries.findIndex(
        (entry, i) => !flags[i] && entry.input !== undefined && jsonEquals(entry.input, input),
      );
      if (index < 0) index = flags.findIndex((flag) => !flag);
      if (index < 0) {
        throw new TaskError(
          ErrorName.TaskFailed,
          `aslkit mock for '${key}' has no response left for call ${entries.length + 1} (state '${context.stateName}')`,
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
    };
  const resolvers = new Map(Object.keys(script).map((key) => [key, resolverFor(key)]));
  return {
    find: (resource, stateName) =>
      resolvers.get(stateName) ?? resolvers.get(resource.arn) ?? resolvers.get(resource.baseArn),
    remaining: () =>
      Object.fromEntries(
        Object.keys(script).map((key) => [
          key,
          (used.get(key) ?? script[key]!.map(() => false)).filter((f) => !f).length,
        ]),
      ),
  };
}
