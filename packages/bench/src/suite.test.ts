import { describe, expect, it } from 'vitest';
import { COLD_VARIANTS, rotate } from './suite.js';

const ENGINES = ['aslkit', 'peer'] as const;

describe('rotate', () => {
  it('alternates which engine goes first', () => {
    expect(rotate(ENGINES, 0)).toEqual(['aslkit', 'peer']);
    expect(rotate(ENGINES, 1)).toEqual(['peer', 'aslkit']);
    expect(rotate(ENGINES, 2)).toEqual(['aslkit', 'peer']);
  });

  it('lists bare node, then every engine through each module system', () => {
    expect(COLD_VARIANTS).toEqual([
      'bare',
      'aslkit:require',
      'peer:require',
      'peer-novalidate:require',
      'aslkit:import',
      'peer:import',
      'peer-novalidate:import',
    ]);
  });

  it('cycles every cold-start variant through every position', () => {
    const firsts = COLD_VARIANTS.map((_, rep) => rotate(COLD_VARIANTS, rep)[0]);
    expect(new Set(firsts)).toEqual(new Set(COLD_VARIANTS));
    expect(rotate([1, 2, 3], -1)).toEqual([3, 1, 2]);
  });
});
