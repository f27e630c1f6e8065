import { describe, expect, it } from 'vitest';
import type { Json } from '../json.js';
import { UsageError } from '../errors/aslkit-error.js';
import { BreakpointSet, type Breakpoint } from './breakpoints.js';

const hits = (breakpoint: Breakpoint, input: Json) =>
  new BreakpointSet([breakpoint]).hit(breakpoint.stateName, breakpoint.on, input) !== undefined;

describe('BreakpointSet', () => {
  it('matches by state name and side', () => {
    const set = new BreakpointSet([
      { stateName: 'A', on: 'enter' },
      { stateName: 'B', on: 'exit' },
    ]);
    expect(set.hit('A', 'enter', {})).toEqual({ stateName: 'A', on: 'enter' });
    expect(set.hit('A', 'exit', {})).toBeUndefined();
    expect(set.hit('B', 'exit', null)).toEqual({ stateName: 'B', on: 'exit' });
    expect(set.hit('C', 'enter', {})).toBeUndefined();
    expect(set.list).toEqual([
      { stateName: 'A', on: 'enter' },
      { stateName: 'B', on: 'exit' },
    ]);
  });

  it.each([
    ['$.amount', { amount: 120 }, true],
    ['$.amount', { amount: 0 }, false],
    ['$.flag', { flag: false }, false],
    ['$.name', { name: '' }, false],
    ['$.nothing', { other: 1 }, false],
    ['$.nested', { nested: null }, false],
    ['$.list', { list: [] }, true],
    ['$.lines[?(@.qty > 3)]', { lines: [{ qty: 1 }, { qty: 4 }] }, true],
    ['$.lines[?(@.qty > 9)]', { lines: [{ qty: 1 }, { qty: 4 }] }, false],
    ['$.lines[*].sku', { lines: [] }, false],
    ['$$.Execution.Id', { any: 1 }, false],
    ['$', 'text', true],
  ] as [string, Json, boolean][])('condition %s over %j holds: %s', (condition, input, expected) => {
    expect(hits({ stateName: 'S', on: 'enter', condition }, input)).toBe(expected);
  });

  it('takes the first breakpoint that holds when several share a state', () => {
    const set = new BreakpointSet([
      { stateName: 'S', on: 'enter', condition: '$.a' },
      { stateName: 'S', on: 'enter', condition: '$.b' },
    ]);
    expect(set.hit('S', 'enter', { b: 1 })).toEqual({ stateName: 'S', on: 'enter', condition: '$.b' });
  });

  it.each([
    [[{ stateName: '', on: 'enter' }], /Breakpoint 0 needs a stateName/],
    [
      [
        { stateName: 'S', on: 'enter' },
        { stateName: 'S', on: 'sideways' },
      ],
      /Breakpoint 1 has on: "sideways"/,
    ],
    [[{ stateName: 'S', on: 'enter', condition: 42 }], /not a string/],
    [[{ stateName: 'S', on: 'enter', condition: '$.a[' }], /invalid condition "\$\.a\["/],
    [[{ stateName: 'S', on: 'enter', condition: 'amount' }], /invalid condition/],
    [['S'], /must be an object/],
  ])('rejects %j', (breakpoints, message) => {
    expect(() => new BreakpointSet(breakpoints as unknown as Breakpoint[])).toThrow(UsageError);
    expect(() => new BreakpointSet(breakpoints as unknown as Breakpoint[])).toThrow(message);
  });

  it('refuses a condition with method calls and matches regexes in linear time (issue 15)', () => {
    expect(
      () =>
        new BreakpointSet([
          { stateName: 'A', on: 'enter', condition: "$[?(@.repeat && @.repeat(200000000).split(''))]" },
        ]),
    ).toThrow(UsageError);
    const catastrophic = { stateName: 'A', on: 'enter' as const, condition: '$[?(@.s =~ /(a+)+b/)]' };
    expect(hits(catastrophic, { s: `${'a'.repeat(10_000)}c` })).toBe(false);
    expect(hits({ ...catastrophic, condition: "$.list.[?(@ == 'x')]" }, { list: ['x'] })).toBe(true);
  });
});
