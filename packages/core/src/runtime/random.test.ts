import { describe, expect, it } from 'vitest';
import { createRandom, uuidFromWords } from './random.js';

// The byte-array form uuid() had before it was written with concatenation: histories name
// executions and tokens with it, so the text must not change by one character.
function uuidByBytes(words: number[]): string {
  const bytes: number[] = [];
  for (const word of words) bytes.push(word & 0xff, (word >>> 8) & 0xff, (word >>> 16) & 0xff, word >>> 24);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const h = bytes.map((byte) => byte.toString(16).padStart(2, '0'));
  return `${h.slice(0, 4).join('')}-${h.slice(4, 6).join('')}-${h.slice(6, 8).join('')}-${h.slice(8, 10).join('')}-${h.slice(10).join('')}`;
}

describe('uuidFromWords', () => {
  it('writes the same text as the byte-array form, for edge words and many drawn ones', () => {
    const draw = createRandom('uuid-check');
    const words = (): number[] => [0, 1, 2, 3].map(() => Math.floor(draw.next() * 2 ** 32));
    const cases = [
      [0, 0, 0, 0],
      [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff],
      [0x12345678, 0x9abcdef0, 0x0fedcba9, 0x87654321],
      ...Array.from({ length: 2000 }, words),
    ];
    for (const [a, b, c, d] of cases) expect(uuidFromWords(a!, b!, c!, d!)).toBe(uuidByBytes([a!, b!, c!, d!]));
  });

  it('keeps the seeded sequence of uuid() as it was (values from the byte-array form)', () => {
    const random = createRandom('bench');
    expect([random.uuid(), random.uuid()]).toEqual([
      '5862cc6d-1ce4-4c4a-9b59-11bbaa51403c',
      '9faf90e3-b3b0-43bd-a170-805dbe7b463a',
    ]);
  });
});
