import { describe, expect, it } from 'vitest';
import { resolveTaskHandlers, TASK_HANDLERS } from './task-handlers.js';

describe('task handlers', () => {
  it('increment returns i + 1', () => {
    expect(TASK_HANDLERS.increment!({ i: 41, n: 50 })).toBe(42);
  });

  it('increment refuses an input without a numeric i', () => {
    expect(() => TASK_HANDLERS.increment!({ i: '1' })).toThrow(TypeError);
    expect(() => TASK_HANDLERS.increment!(null)).toThrow(TypeError);
  });

  it('resolves state names to handlers and rejects unknown or inherited names', () => {
    expect(resolveTaskHandlers({ Increment: 'increment' }).Increment).toBe(TASK_HANDLERS.increment);
    expect(() => resolveTaskHandlers({ Increment: 'nope' })).toThrow(/Unknown task handler "nope"/);
    expect(() => resolveTaskHandlers({ Increment: 'toString' })).toThrow(/Unknown task handler/);
    const handlers = resolveTaskHandlers(JSON.parse('{"__proto__": "increment"}') as Record<string, string>);
    expect(Object.getOwnPropertyDescriptor(handlers, '__proto__')?.value).toBe(TASK_HANDLERS.increment);
  });
});
