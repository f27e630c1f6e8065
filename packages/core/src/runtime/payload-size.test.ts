import { describe, expect, it } from 'vitest';
import { exceedsBytes, utf8Length } from './payload-size.js';

describe('utf8Length', () => {
  it('counts ASCII, two-, three- and four-byte characters as UTF-8 does', () => {
    for (const text of ['', '{"a":1}', 'é', '€', '😀', 'a😀é€\u0000', 'x'.repeat(1000) + '€']) {
      expect(utf8Length(text), JSON.stringify(text)).toBe(new TextEncoder().encode(text).length);
    }
  });
});

describe('exceedsBytes', () => {
  it('decides at the exact limit, for ASCII and multi-byte text', () => {
    expect(exceedsBytes('abcd', 4)).toBe(false);
    expect(exceedsBytes('abcde', 4)).toBe(true);
    expect(exceedsBytes('€', 3)).toBe(false);
    expect(exceedsBytes('€a', 3)).toBe(true);
    expect(exceedsBytes('😀', 4)).toBe(false);
    expect(exceedsBytes('😀', 3)).toBe(true);
  });
});
