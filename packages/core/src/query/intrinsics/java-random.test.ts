import { describe, it, expect } from 'vitest';
import { JavaRandom } from './java-random.js';

// Expected values printed by OpenJDK 17.
describe('JavaRandom', () => {
  it('produces java.util.Random sequences', () => {
    expect(new JavaRandom(42).next(32)).toBe(-1170105035);
    expect(new JavaRandom(42).nextInt(10)).toBe(0);
    expect(new JavaRandom(-10).nextInt(9)).toBe(0);
    expect(new JavaRandom(0).nextInt(9)).toBe(6);
    expect(new JavaRandom(1).nextInt(7)).toBe(4);
    expect(new JavaRandom(123456789).nextInt(1000)).toBe(965);
    expect(new JavaRandom(7).nextInt(1 << 20)).toBe(766193);
  });

  it('stays in range for any bound, including the rejection loop near 2^31', () => {
    const random = new JavaRandom(5);
    for (let i = 0; i < 1000; i++) {
      const value = random.nextInt(2147483647);
      expect(value >= 0 && value < 2147483647).toBe(true);
    }
  });

  it('refuses a bound that is not a positive int', () => {
    expect(() => new JavaRandom(1).nextInt(0)).toThrow(RangeError);
    expect(() => new JavaRandom(1).nextInt(2 ** 31)).toThrow(RangeError);
  });
});
