import { describe, expect, it } from 'vitest';
import { formatBytes, formatMb, formatMs, formatRate, formatRatio, median, ratio } from './stats.js';

describe('median', () => {
  it('takes the middle of an odd count and the mean of the two middles of an even count', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('ignores NaN and infinities and is NaN when nothing is left', () => {
    expect(median([NaN, 2, Infinity])).toBe(2);
    expect(median([])).toBeNaN();
    expect(median([NaN])).toBeNaN();
  });

  it('does not reorder its argument', () => {
    const samples = [3, 1, 2];
    median(samples);
    expect(samples).toEqual([3, 1, 2]);
  });
});

describe('ratio and formatting', () => {
  it('divides, and is NaN on zero or unusable numbers', () => {
    expect(ratio(10, 4)).toBe(2.5);
    expect(ratio(1, 0)).toBeNaN();
    expect(ratio(NaN, 1)).toBeNaN();
  });

  it('formats for the table', () => {
    expect(formatMs(12.345)).toBe('12.3');
    expect(formatMs(1234.5)).toBe('1,235');
    expect(formatRate(123456.7)).toBe('123,457');
    expect(formatMb(12_345_678)).toBe('12.3');
    expect(formatBytes(1234.4)).toBe('1,234');
    expect(formatRatio(0.456)).toBe('0.46x');
    expect(formatRatio(12.34)).toBe('12.3x');
    expect(formatRatio(NaN)).toBe('n/a');
    expect(formatMs(NaN)).toBe('n/a');
  });
});
