import { describe, expect, it } from 'vitest';
import { pickHandler } from './pick-handler.js';

describe('pickHandler', () => {
  it('picks handlers as the engine does, falling back on the target', () => {
    const handlers = [
      { ErrorEquals: ['A'], Next: 'X' },
      { ErrorEquals: ['States.ALL'], Next: 'Y' },
    ];
    expect(pickHandler(handlers, 'A')).toBe(0);
    expect(pickHandler(handlers, 'B')).toBe(1);
    expect(pickHandler(handlers, undefined, 'X')).toBe(0);
    expect(pickHandler(handlers, 'States.Runtime')).toBe(0);
    expect(pickHandler([], 'A')).toBe(-1);
  });

  it('keeps malformed handlers in place, matching nothing', () => {
    const handlers = [{ ErrorEquals: 'A' }, { ErrorEquals: ['A'], Next: 'X' }] as unknown as {
      ErrorEquals: string[];
    }[];
    expect(pickHandler(handlers, 'A')).toBe(1);
    expect(pickHandler(handlers, 'A')).toBe(1);
  });
});
