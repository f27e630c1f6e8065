/**
 * Seeded randomness. Everything random in an execution (States.UUID, States.MathRandom
 * without a seed, $random, $uuid, retry jitter, task tokens) draws from one of these, so
 * the same seed gives the same history byte for byte. The generator is sfc32 seeded
 * through splitmix32: small, fast, and good enough for simulation (not for secrets).
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** A v4 UUID string, lowercase and hyphenated. */
  uuid(): string;
  /** An independent generator derived from this one (for child executions). */
  fork(label: string): Random;
}

/** Hashes a string or number seed to 32 bits (FNV-1a), so any seed works. */
export function seedToInt(seed: string | number): number {
  const text = String(seed);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function splitmix32(state: number): () => number {
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function createRandom(seed: string | number): Random {
  const init = splitmix32(seedToInt(seed));
  let a = init(),
    b = init(),
    c = init(),
    d = init();
  const nextUint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) nextUint32();

  const random: Random = {
    next: () => nextUint32() / 4294967296,
    uuid: () => {
      const bytes: number[] = [];
      for (let i = 0; i < 4; i++) {
        const word = nextUint32();
        bytes.push(word & 0xff, (word >>> 8) & 0xff, (word >>> 16) & 0xff, word >>> 24);
      }
      bytes[6] = (bytes[6]! & 0x0f) | 0x40; // version 4
      bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 4122 variant
      const h = bytes.map((byte) => HEX[byte]!);
      return `${h.slice(0, 4).join('')}-${h.slice(4, 6).join('')}-${h.slice(6, 8).join('')}-${h.slice(8, 10).join('')}-${h.slice(10).join('')}`;
    },
    fork: (label) => createRandom(`${nextUint32()}:${label}`),
  };
  return random;
}

/** A fresh seed for executions started without one (the only unseeded draw in the engine). */
export const randomSeed = (): string => Math.floor(Math.random() * 2 ** 48).toString(36);
