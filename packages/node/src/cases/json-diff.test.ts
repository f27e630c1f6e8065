import { describe, expect, it } from 'vitest';
import { diffJson } from './json-diff.js';

describe('diffJson', () => {
  it('returns nothing for values that print the same, whatever the key order', () => {
    expect(diffJson({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBeUndefined();
  });

  it('shows a changed line as - then +', () => {
    expect(diffJson({ total: 59, id: 'o-1' }, { total: 60, id: 'o-1' })).toBe(
      ['- Expected', '+ Actual', '', '  {', '    "id": "o-1",', '-   "total": 59', '+   "total": 60', '  }'].join('\n'),
    );
  });

  it('folds long unchanged stretches to a few lines of context', () => {
    const expected = Array.from({ length: 40 }, (_, i) => i);
    const actual = expected.map((n) => (n === 20 ? 'twenty' : n));
    const diff = diffJson(expected, actual)!;
    expect(diff).toContain('  ...');
    expect(diff).toContain('-   20,');
    expect(diff).toContain('+   "twenty",');
    expect(diff.split('\n').length).toBeLessThan(16);
  });

  it('handles nothing against something, and values too big to align', () => {
    expect(diffJson(undefined, 1)).toBe('- Expected\n+ Actual\n\n- (nothing)\n+ 1');
    const big = Array.from({ length: 3000 }, (_, i) => i);
    const diff = diffJson(big, [...big].reverse())!;
    expect(diff.startsWith('- Expected\n+ Actual\n\n- [')).toBe(true);
  });
});
