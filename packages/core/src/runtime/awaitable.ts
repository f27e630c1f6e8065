/**
 * Values that may or may not be promises. The run loop, the Task executor and the clock take
 * the synchronous path whenever nothing is pending: awaiting a plain value would still cost a
 * microtask turn per step, and those turns decide how concurrent fibers' events interleave.
 */
import type { Awaitable } from '../dataflow/pipeline.js';

/** True for a promise (any thenable); a plain value is used as it is. */
export const isPromise = <T>(value: T | Promise<T>): value is Promise<T> =>
  typeof value === 'object' && value !== null && typeof (value as Promise<T>).then === 'function';

/** Calls `next` with the value, now or when the promise settles. */
export const chain = <T, R>(value: Awaitable<T>, next: (value: T) => Awaitable<R>): Awaitable<R> =>
  isPromise(value) ? value.then(next) : next(value);
