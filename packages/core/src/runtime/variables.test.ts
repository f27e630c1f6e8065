import { describe, it, expect } from 'vitest';
import { StatesError } from '../errors/states-error.js';
import { serializeAssignment, MAX_ASSIGN_BYTES, VariableScope } from './variables.js';

describe('VariableScope', () => {
  it('lets a child read outer variables and keeps its own assignments to itself', () => {
    const root = new VariableScope();
    root.assign({ outer: 1 });
    const left = root.child();
    const right = root.child();
    left.assign({ inner: 'left', outer: 'shadow' });
    expect(left.get('outer')).toEqual({ found: true, value: 'shadow' });
    expect(right.get('outer')).toEqual({ found: true, value: 1 });
    // A sibling's variable is simply not there: JSONata sees undefined, JSONPath a missing path.
    expect(right.get('inner')).toEqual({ found: false });
    expect(root.get('inner')).toEqual({ found: false });
    expect(left.own()).toEqual({ inner: 'left', outer: 'shadow' });
  });

  it('treats "__proto__" and inherited names as ordinary names', () => {
    const scope = new VariableScope();
    expect(scope.get('constructor')).toEqual({ found: false });
    scope.assign(JSON.parse('{"__proto__": 1}') as Record<string, number>);
    expect(scope.get('__proto__')).toEqual({ found: true, value: 1 });
  });
});

describe('serializeAssignment', () => {
  it('writes each value as JSON text, up to 256 KiB of UTF-8 in all', () => {
    expect(serializeAssignment('S', { a: 'x'.repeat(MAX_ASSIGN_BYTES - 2) })).toEqual({
      a: `"${'x'.repeat(MAX_ASSIGN_BYTES - 2)}"`,
    });
    expect(serializeAssignment('S', { n: 1, o: { b: [true] } })).toEqual({ n: '1', o: '{"b":[true]}' });
  });

  it('fails with States.DataLimitExceeded past it, counting UTF-8 bytes across variables', () => {
    const attempt = () =>
      serializeAssignment('S', { a: 'x'.repeat(MAX_ASSIGN_BYTES / 2), b: 'é'.repeat(MAX_ASSIGN_BYTES / 4) });
    expect(attempt).toThrow(StatesError);
    try {
      attempt();
    } catch (error) {
      expect((error as StatesError).error).toBe('States.DataLimitExceeded');
      expect((error as StatesError).causeText).toContain("'S'");
    }
  });
});
