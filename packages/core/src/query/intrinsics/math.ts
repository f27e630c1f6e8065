/**
 * States.MathRandom and States.MathAdd, on Java ints (values outside int range fail).
 */
import type { Json } from '../../json.js';
import type { Random } from '../../runtime/random.js';
import { isInt32, roundedInt, truncatedInt } from './argument-checks.js';
import { invalidArguments, type IntrinsicTable } from './intrinsic-function.js';
import { JavaRandom } from './java-random.js';

/**
 * Range: start inclusive, end EXCLUSIVE, as AWS's docs state and AWS behaves (50 samples of
 * (1.6, 5.4) all fall in [1, 5); (1, 1) and (10, 5) fail). Bounds are cut toward zero:
 * AWS yields 1 for (1.6, 5.4) and refuses (1.4, 1.6) as an empty range. With a seed the
 * number is Java's `new Random(seed).nextInt(end - start) + start`, so it equals AWS's own
 * result for that seed; without one it comes from the execution's seeded `Random`.
 */
function mathRandom(start: Json | undefined, end: Json | undefined, seed: Json | undefined, random: Random): number {
  const name = 'States.MathRandom';
  const low = truncatedInt(start, name);
  const high = truncatedInt(end, name);
  const bound = high - low;
  // `end - start` is a Java int: past 2^31 - 1 it overflows and Random.nextInt refuses it.
  if (bound <= 0 || !isInt32(bound)) throw invalidArguments(name);
  if (seed === undefined) return low + Math.floor(random.next() * bound);
  return low + new JavaRandom(truncatedInt(seed, name)).nextInt(bound);
}

/** Each addend rounded half up (conformance math_add: 1.5 → 2, -1.5 → -1, -2.5 → -2), sum kept in int range. */
function mathAdd(left: Json | undefined, right: Json | undefined): number {
  const name = 'States.MathAdd';
  const sum = roundedInt(left, name) + roundedInt(right, name);
  if (!isInt32(sum)) throw invalidArguments(name);
  return sum;
}

/** States.MathRandom, States.MathAdd. */
export const mathFunctions = {
  'States.MathRandom': {
    minArgs: 2,
    maxArgs: 3,
    evaluate: (args, { random }) => mathRandom(args[0], args[1], args.length > 2 ? args[2] : undefined, random),
  },
  'States.MathAdd': { minArgs: 2, maxArgs: 2, evaluate: ([left, right]) => mathAdd(left, right) },
} satisfies IntrinsicTable;
