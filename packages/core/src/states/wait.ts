/**
 * Wait: sleeps on the execution's clock until `Seconds` from now or until `Timestamp`,
 * with AWS's messages for each malformed value.
 */
import type { Json } from '../json.js';
import { runtimeError } from '../errors/states-error.js';
import { instantToEpochMillis, parseTimestamp } from '../query/timestamp.js';
import type { CompiledWait } from '../runtime/compiled-state.js';
import type { StateExecutor } from './executor.js';

/** AWS-observed upper bound of a Wait (about 2^31 seconds). */
const MAX_WAIT_MS = 2_147_483_647 * 1000;

const shown = (value: Json): string => (typeof value === 'string' ? value : JSON.stringify(value));

export const executeWait: StateExecutor<CompiledWait> = async (_input, run) => {
  const { flow } = run.state;
  const clock = run.fiber.env.clock;
  let delayMs = 0;
  const seconds = await flow.field('Seconds', run.effective, run.env);
  const timestamp = await flow.field('Timestamp', run.effective, run.env);
  if (seconds) {
    if (!seconds.found)
      throw runtimeError(`The SecondsPath parameter does not reference an input value: ${seconds.path}`);
    const value = seconds.value;
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      throw runtimeError(
        seconds.path
          ? `The SecondsPath parameter cannot be parsed as a long value: ${seconds.path} == ${shown(value)}`
          : `The Seconds field must be a non-negative integer: ${shown(value)}`,
      );
    }
    if (value < 0)
      throw runtimeError(
        `The SecondsPath parameter references a negative value: ${seconds.path ?? 'Seconds'} == ${value}`,
      );
    delayMs = value * 1000;
  } else if (timestamp) {
    if (!timestamp.found)
      throw runtimeError(`The TimestampPath parameter does not reference an input value: ${timestamp.path}`);
    const instant = typeof timestamp.value === 'string' ? parseTimestamp(timestamp.value) : undefined;
    if (!instant) {
      throw runtimeError(
        timestamp.path
          ? `The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${timestamp.path} == ${shown(timestamp.value)}`
          : `The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: ${shown(timestamp.value)}`,
      );
    }
    delayMs = Math.max(0, instantToEpochMillis(instant) - clock.now());
  }
  if (delayMs > MAX_WAIT_MS) throw runtimeError('Wait state delay is too long.');
  if (delayMs > 0) await clock.sleep(delayMs, run.signal);
  return { kind: 'result', result: run.effective };
};
