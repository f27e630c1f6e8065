import { describe, expect, it } from 'vitest';
import { MAX_SCOPE_DEPTH } from '../walk.js';
import { describeMachine } from './context.js';

describe('describeMachine', () => {
  it('lists scopes and states in document order, with pointers and owners', () => {
    const shape = describeMachine({
      StartAt: 'P',
      States: {
        P: { Type: 'Parallel', Branches: [{ StartAt: 'B', States: { B: { Type: 'Succeed' } } }], Next: 'M' },
        M: { Type: 'Map', Iterator: { StartAt: 'I', States: { 'a/b': { Type: 'Succeed' } } }, End: true },
      },
    });
    expect(shape.scopes.map((s) => [s.pointer, s.depth, s.owner?.name])).toEqual([
      ['', 0, undefined],
      ['/States/P/Branches/0', 1, 'P'],
      ['/States/M/Iterator', 1, 'M'],
    ]);
    expect(shape.states.map((s) => s.pointer)).toEqual([
      '/States/P',
      '/States/P/Branches/0/States/B',
      '/States/M',
      '/States/M/Iterator/States/a~1b',
    ]);
  });

  it('resolves query languages: own value, else the machine’s; anything but JSONPath counts as JSONata', () => {
    const shape = describeMachine({
      QueryLanguage: 'JSONata',
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', QueryLanguage: 'JSONPath', End: true },
        B: { Type: 'Pass', End: true },
        C: {
          Type: 'Map',
          QueryLanguage: 'JSONPath',
          ItemProcessor: { StartAt: 'D', States: { D: { Type: 'Succeed' } } },
          End: true,
        },
      },
    });
    expect(shape.machineQueryLanguage).toBe('JSONata');
    expect(shape.states.map((s) => [s.name, s.queryLanguage])).toEqual([
      ['A', 'JSONPath'],
      ['B', 'JSONata'],
      ['C', 'JSONPath'],
      ['D', 'JSONata'],
    ]);
    expect(
      describeMachine({ QueryLanguage: 'Other', States: { X: { Type: 'Pass', QueryLanguage: 'jsonpath' } } }).states[0]
        ?.queryLanguage,
    ).toBe('JSONata');
  });

  it('skips malformed parts instead of failing', () => {
    const shape = describeMachine({
      StartAt: 1,
      States: { A: 'text', B: null, C: { Type: 'Parallel', Branches: 'no' }, D: { Type: 'Map', ItemProcessor: [] } },
    });
    expect(shape.states.map((s) => s.name)).toEqual(['C', 'D']);
    expect(describeMachine({ States: [] }).states).toEqual([]);
  });

  it('stops at the nesting limit and says where', () => {
    let scope: Record<string, unknown> = { StartAt: 'Leaf', States: { Leaf: { Type: 'Succeed' } } };
    for (let i = 0; i < MAX_SCOPE_DEPTH + 5; i++)
      scope = { StartAt: `P${i}`, States: { [`P${i}`]: { Type: 'Parallel', Branches: [scope], End: true } } };
    const shape = describeMachine(scope);
    expect(shape.tooDeep).toMatch(new RegExp(`^(/States/P\\d+/Branches/0){${MAX_SCOPE_DEPTH + 1}}$`));
    expect(Math.max(...shape.scopes.map((s) => s.depth))).toBe(MAX_SCOPE_DEPTH);
  });
});
