/**
 * A guard against super-linear blow-ups that does not depend on how fast the machine is: speed
 * is measured in benchmarks, and a wall-clock bound flakes on a loaded 2-core CI machine. The work
 * runs at `size` and at ten times `size`, and only the ratio of the two times is checked:
 * linear work grows about 10×, quadratic about 100×, exponential never finishes (the test's own
 * timeout is then the backstop).
 *
 * Load can only slow a run down, so each size keeps its fastest timing; the two sizes are timed in
 * alternation, so a busy spell slows both; short batches (about a millisecond: the work repeated)
 * are often untouched by a scheduler that shares two cores among several processes, and are still
 * well above the timer's resolution. The factor
 * allowed (40) leaves room for caches and garbage collection at the larger size (linear work was
 * seen up to 34× on a 2-core machine shared by four test runs) while still failing on quadratic
 * growth.
 */
import { expect } from 'vitest';

export interface GrowthOptions {
  /** The largest ratio accepted between the time at 10 × size and the time at size. */
  factor?: number;
  /** How many timings of each size are taken; the fastest counts. */
  rounds?: number;
  /** How many times a ratio over the factor is measured before the assertion fails. */
  attempts?: number;
}

/** A batch of work this long at the small size is well above timer resolution. */
const MIN_BATCH_MS = 1;
const MAX_REPEATS = 1 << 16;

/** How many times slower `work` is on `make(10 * size)` than on `make(size)` (inputs are built untimed). */
export function growthRatio<T>(
  make: (size: number) => T,
  work: (input: T) => unknown,
  size: number,
  rounds = 15,
): number {
  const small = make(size);
  const large = make(size * 10);
  const time = (input: T, repeats: number): number => {
    const started = performance.now();
    for (let i = 0; i < repeats; i++) work(input);
    return performance.now() - started;
  };
  // Warm up both paths (JIT), then find how many repeats make the small batch measurable.
  time(small, 1);
  time(large, 1);
  let repeats = 1;
  while (repeats < MAX_REPEATS && time(small, repeats) < MIN_BATCH_MS) repeats *= 2;
  // The large input runs a tenth as often, so both batches take about as long and allocate about
  // as much: garbage collection then weighs on both alike instead of on the large one only.
  const repeatsLarge = Math.max(1, Math.round(repeats / 10));
  let fastestSmall = Infinity;
  let fastestLarge = Infinity;
  for (let round = 0; round < rounds; round++) {
    fastestSmall = Math.min(fastestSmall, time(small, repeats) / repeats);
    fastestLarge = Math.min(fastestLarge, time(large, repeatsLarge) / repeatsLarge);
  }
  return fastestLarge / fastestSmall;
}

/**
 * Asserts that `work` grows no faster than about linearly from `size` to 10 × `size`. A ratio over
 * the factor is measured again (up to `attempts` times in all): a blow-up is over it every time,
 * a busy spell on a shared machine hardly ever twice in a row.
 */
export function expectLinearGrowth<T>(
  make: (size: number) => T,
  work: (input: T) => unknown,
  size: number,
  { factor = 40, rounds = 15, attempts = 3 }: GrowthOptions = {},
): void {
  let ratio = Infinity;
  for (let attempt = 0; attempt < attempts && ratio >= factor; attempt++)
    ratio = Math.min(ratio, growthRatio(make, work, size, rounds));
  expect(ratio, `time at ${size * 10} / time at ${size} (linear ≈ 10, quadratic ≈ 100)`).toBeLessThan(factor);
}
