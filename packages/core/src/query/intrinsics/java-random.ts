/**
 * `java.util.Random`, bit for bit. AWS's seeded States.MathRandom is
 * `new Random(seed).nextInt(end - start) + start`: seed 42 over [-5, 5) gives -5 on AWS,
 * which is exactly Java's `new Random(42).nextInt(10) == 0`. Reproducing the generator
 * makes a seeded call return AWS's own number, not merely a deterministic one.
 */
const MULTIPLIER = 0x5deece66dn;
const ADDEND = 0xbn;
const MASK = (1n << 48n) - 1n;

/** A `java.util.Random` clone: same seed, same numbers as Java. */
export class JavaRandom {
  private seed: bigint;

  /** `new Random(seed)`; `seed` is a Java long (integral, truncated to 64 bits). */
  constructor(seed: number | bigint) {
    this.seed = (BigInt.asIntN(64, BigInt(seed)) ^ MULTIPLIER) & MASK;
  }

  /** `Random.next(bits)`: the top `bits` of the 48-bit state, as a Java int. */
  next(bits: number): number {
    this.seed = (this.seed * MULTIPLIER + ADDEND) & MASK;
    return Number(BigInt.asIntN(32, this.seed >> BigInt(48 - bits)));
  }

  /** `Random.nextInt(bound)` for `bound > 0`, including its rejection loop. */
  nextInt(bound: number): number {
    if (!Number.isInteger(bound) || bound <= 0 || bound > 0x7fffffff)
      throw new RangeError(`bound must be a positive int: ${bound}`);
    let r = this.next(31);
    const m = bound - 1;
    if ((bound & m) === 0) return Number((BigInt(bound) * BigInt(r)) >> 31n);
    // Java's loop condition relies on int overflow; `| 0` reproduces it.
    for (let u = r; ((u - (r = u % bound) + m) | 0) < 0; u = this.next(31));
    return r;
  }
}
