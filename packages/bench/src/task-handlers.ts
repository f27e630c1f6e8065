/**
 * The local functions that stand in for Task resources, by the names the workload files use.
 * Both engines call the same function objects.
 */
import type { TaskHandler } from './engines/engine.js';

const counterOf = (input: unknown): number => {
  const value = typeof input === 'object' && input !== null ? (input as { i?: unknown }).i : undefined;
  if (typeof value !== 'number') throw new TypeError('increment expects an input object with a numeric "i"');
  return value;
};

/** Handler catalogue: `increment` returns the input's `i` plus one. */
export const TASK_HANDLERS: Readonly<Record<string, TaskHandler>> = {
  increment: (input) => counterOf(input) + 1,
};

/** Resolves a workload's `tasks` (state name → handler name) to functions. */
export function resolveTaskHandlers(tasks: Record<string, string>): Record<string, TaskHandler> {
  const out: Record<string, TaskHandler> = {};
  for (const [stateName, handlerName] of Object.entries(tasks)) {
    const handler = Object.hasOwn(TASK_HANDLERS, handlerName) ? TASK_HANDLERS[handlerName] : undefined;
    if (!handler) throw new Error(`Unknown task handler "${handlerName}" for state "${stateName}"`);
    Object.defineProperty(out, stateName, { value: handler, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
