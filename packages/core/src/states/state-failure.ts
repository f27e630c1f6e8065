/**
 * MapStateFailed and ParallelStateFailed are recorded once, after the last attempt: AWS's retry
 * goes straight from the failing inner event to a new `*StateStarted` (docs/research/history-events.md
 * §4c and §4e). So Map and Parallel do not record their Failed event themselves: they point their
 * fiber at the failing child's last event and mark the error; the run loop, which alone knows
 * whether a Retry follows, records the event when none does.
 */
const owing = new WeakSet<object>();

/** Marks `error` as failing its Map or Parallel state: the run loop records `*StateFailed` unless it retries. */
export function failsState<E>(error: E): E {
  if (typeof error === 'object' && error !== null) owing.add(error);
  return error;
}

/** Whether `error` owes its state's Failed event; asking settles it (an outer state marks it anew). */
export function takeStateFailure(error: unknown): boolean {
  return typeof error === 'object' && error !== null && owing.delete(error);
}
