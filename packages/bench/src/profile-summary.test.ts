import { describe, expect, it } from 'vitest';
import { selfTimeByPackage, topSelfTime, type CpuProfile } from './profile-summary.js';

const frame = (functionName: string, url = '', lineNumber = 0) => ({ functionName, url, lineNumber, columnNumber: 0 });

const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)') },
    { id: 2, callFrame: frame('hot', 'file:///repo/packages/core/dist/a.js', 9) },
    { id: 3, callFrame: frame('warm', 'node:internal/x', 0) },
    // The same function reached by another path merges with node 2.
    { id: 4, callFrame: frame('hot', 'file:///repo/packages/core/dist/a.js', 9) },
    { id: 5, callFrame: frame('') },
  ],
  startTime: 0,
  endTime: 1000,
  samples: [2, 3, 4, 2, 5, 3],
  // Sample i owns delta i + 1; the last sample owns nothing.
  timeDeltas: [0, 100, 200, 300, 100, 50],
};

describe('topSelfTime', () => {
  it('sums self time per function and location, largest first', () => {
    const top = topSelfTime(profile, 10, '/repo');
    expect(top.map((entry) => entry.location)).toEqual([
      'hot (packages/core/dist/a.js:10)',
      'warm (node:internal/x:1)',
      '(anonymous)',
    ]);
    expect(top[0]!.selfMs).toBeCloseTo(0.5);
    expect(top[1]!.selfMs).toBeCloseTo(0.2);
    expect(top[0]!.share).toBeCloseTo(0.5 / 0.75);
  });

  it('keeps only the top entries', () => {
    expect(topSelfTime(profile, 1)).toHaveLength(1);
  });

  it('falls back to hit counts when there are no samples', () => {
    const byHits: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('a'), hitCount: 3 },
        { id: 2, callFrame: frame('b'), hitCount: 1 },
      ],
      startTime: 0,
      endTime: 4000,
    };
    const top = topSelfTime(byHits);
    expect(top.map((entry) => [entry.location, entry.selfMs])).toEqual([
      ['a', 3],
      ['b', 1],
    ]);
  });

  it('returns nothing for an empty profile', () => {
    expect(topSelfTime({ nodes: [], startTime: 0, endTime: 0 })).toEqual([]);
  });
});

describe('selfTimeByPackage', () => {
  it('groups by dependency, workspace package, node internals and V8 pseudo-frames', () => {
    const byPackage: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('a', 'file:///repo/node_modules/ajv/dist/core.js'), hitCount: 2 },
        { id: 2, callFrame: frame('b', 'file:///repo/node_modules/@noble/hashes/sha2.js'), hitCount: 1 },
        { id: 3, callFrame: frame('c', 'file:///repo/packages/core/dist/x.js'), hitCount: 4 },
        { id: 4, callFrame: frame('d', 'node:internal/url'), hitCount: 1 },
        { id: 5, callFrame: frame('(garbage collector)'), hitCount: 1 },
        { id: 6, callFrame: frame('fstat'), hitCount: 1 },
        { id: 7, callFrame: frame('e', 'file:///repo/node_modules/ajv/lib/x.js'), hitCount: 1 },
      ],
      startTime: 0,
      endTime: 11_000,
    };
    expect(Object.fromEntries(selfTimeByPackage(byPackage).map((entry) => [entry.location, entry.selfMs]))).toEqual({
      'packages/core': 4,
      ajv: 3,
      '@noble/hashes': 1,
      node: 1,
      '(garbage collector)': 1,
      '(native)': 1,
    });
  });
});
