import { describe, expect, it } from 'vitest';
import type { Json } from '../json.js';
import { jsonPathDiff } from './json-path-diff.js';

describe('jsonPathDiff', () => {
  it('lists the paths added, removed and changed, shallow first, with counts', () => {
    const diff = jsonPathDiff(
      { a: 1, b: { c: 2, d: [1, 2] }, gone: true },
      { a: 1, b: { c: 3, d: [1, 2, 3] }, e: 'new' },
    );
    expect(diff.changes).toEqual([
      { kind: 'removed', path: '$.gone' },
      { kind: 'added', path: '$.e' },
      { kind: 'changed', path: '$.b.c' },
      { kind: 'added', path: '$.b.d[2]' },
    ]);
    expect([diff.added, diff.removed, diff.changed, diff.truncated]).toEqual([2, 1, 1, false]);
  });

  it('finds nothing between equal values, whatever their key order', () => {
    expect(jsonPathDiff({ a: [1, { b: null }], c: 'x' }, { c: 'x', a: [1, { b: null }] }).changes).toEqual([]);
  });

  it('calls a change of type, or of the root, one change at its path', () => {
    expect(jsonPathDiff({ a: { b: 1 } }, { a: [1] }).changes).toEqual([{ kind: 'changed', path: '$.a' }]);
    expect(jsonPathDiff({ a: null }, { a: {} }).changes).toEqual([{ kind: 'changed', path: '$.a' }]);
    expect(jsonPathDiff('text', { a: 1 }).changes).toEqual([{ kind: 'changed', path: '$' }]);
    expect(jsonPathDiff(1, 1).changes).toEqual([]);
  });

  it('sees keys named like Object.prototype members, and quotes keys that are not identifiers', () => {
    const before = JSON.parse('{"toString": 1, "__proto__": {"x": 1}}') as Json;
    const after = JSON.parse('{"constructor": 2, "__proto__": {"x": 2}, "a b": 3, "it\'s": 4}') as Json;
    expect(jsonPathDiff(before, after).changes).toEqual([
      { kind: 'removed', path: '$.toString' },
      { kind: 'added', path: '$.constructor' },
      { kind: 'added', path: "$['a b']" },
      { kind: 'added', path: "$['it\\'s']" },
      { kind: 'changed', path: '$.__proto__.x' },
    ]);
  });

  it('lists at most `limit` changes and counts them all', () => {
    const before = Array.from({ length: 500 }, (_, i) => i);
    const diff = jsonPathDiff(
      before,
      before.map((n) => n + 1),
      10,
    );
    expect(diff.changes).toHaveLength(10);
    expect(diff.changes[9]).toEqual({ kind: 'changed', path: '$[9]' });
    expect([diff.changed, diff.truncated]).toEqual([500, true]);
  });

  it('walks data nested far deeper than the call stack allows', () => {
    let a: Json = 1;
    let b: Json = 2;
    for (let i = 0; i < 100_000; i++) {
      a = [a];
      b = [b];
    }
    const diff = jsonPathDiff(a, b);
    expect(diff.changed).toBe(1);
    expect(diff.changes[0]!.path.endsWith('[0][0]')).toBe(true);
  });
});
