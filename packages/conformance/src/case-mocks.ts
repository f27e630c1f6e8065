/**
 * Turns a case's recorded task results into aslkit scripted mocks, keyed by state name
 * (core's mock resolver already applies the README's input-matching rule). Two recording
 * conventions need a translation, declared here:
 * - `throw States.Timeout`: the task never answers, so the engine's own TimeoutSeconds /
 *   HeartbeatSeconds must fire (it is the engine's timeout that is under test);
 * - `throw States.TaskFailed` with no cause: a failure that carried no error at all
 *   (SendTaskFailure without error), which AWS reports as Error null, Cause null.
 */
import type { MockResponse, MockScript } from '@aslkit/core';
import type { RecordedMock } from './load-case.js';

export function toMockScript(recorded: Record<string, RecordedMock[]>): MockScript {
  const script: MockScript = {};
  for (const [state, entries] of Object.entries(recorded)) {
    script[state] = entries.map((entry): MockResponse => {
      const input = entry.input === undefined ? {} : { input: entry.input };
      if (entry.throw) {
        const { error, cause } = entry.throw;
        if (error === 'States.Timeout') return { timeout: true, ...input };
        if (error === 'States.TaskFailed' && cause === undefined) return { throw: {}, ...input };
        return { throw: { error, cause }, ...input };
      }
      return { return: entry.return ?? null, ...input };
    });
  }
  return script;
}
