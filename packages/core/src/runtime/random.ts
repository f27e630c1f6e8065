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

/** Two hex digits per byte, low byte of the word first (the word's bytes in little-endian order). */
const wordHex = (word: number): string =>
  HEX[word & 0xff]! + HEX[(word >>> 8) & 0xff]! + HEX[(word >>> 16) & 0xff]! + HEX[word >>> 24]!;

/**
 * A v4 UUID from 16 bytes, the four words' bytes in little-endian order, with the version (byte 6)
 * and RFC 4122 variant (byte 8) bits set. Written with string concatenation: execution names and
 * task tokens draw one per execution, and short executions feel the arrays a join would build.
 */
export function uuidFromWords(w0: number, w1: number, w2: number, w3: number): string {
  const b6 = ((w1 >>> 16) & 0x0f) | 0x40; // version 4
  const b8 = (w2 & 0x3f) | 0x80; // RFC 4122 variant
  return (
    wordHex(w0) +
    '-' +
    HEX[w1 & 0xff]! +
    HEX[(w1 >>> 8) & 0xff]! +
    '-' +
    HEX[b6]! +
    HEX[w1 >>> 24]! +
    '-' +
    HEX[b8]! +
    HEX[(w2 >>> 8) & 0xff]! +
    '-' +
    HEX[(w2 >>> 16) & 0xff]! +
    HEX[w2 >>> 24]! +
    wordHex(w3)
  );
}

export function createRandom(seed: string | number): Random {
  return new Sfc32(seed);
}

/**
 * sfc32 as a class: its state in four fields and its methods on the prototype. Every execution
 * makes one, and its run keeps it: closures would cost four functions and a context each.
 */
class Sfc32 implements Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: string | number) {
    const init = splitmix32(seedToInt(seed));
    this.a = init();
    this.b = init();
    this.c = init();
    this.d = init();
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  next(): number {
    return this.nextUint32() / 4294967296;
  }

  uuid(): string {
    return uuidFromWords(this.nextUint32(), this.nextUint32(), this.nextUint32(), this.nextUint32());
  }

  fork(label: string): Random {
    return new Sfc32(`${this.nextUint32()}:${label}`);
  }

  private nextUint32(): number {
    const { a, b, c, d } = this;
    const t = (((a + b) | 0) + d) | 0;
    this.d = (d + 1) | 0;
    this.a = b ^ (b >>> 9);
    const shifted = (c + (c << 3)) | 0;
    this.b = shifted;
    const rotated = (c << 21) | (c >>> 11);
    this.c = (rotated + t) | 0;
    return t >>> 0;
  }
}

/** A fresh seed for executions started without one (the only unseeded draw in the engine). */
export const randomSeed = (): string => Math.floor(Math.random() * 2 ** 48).toString(36);
