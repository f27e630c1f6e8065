/**
 * The JSONata function library as Step Functions has it: the JSONata built-ins, plus AWS's
 * `$partition`, `$range`, `$hash`, `$random([seed])`, `$uuid` and `$parse`, minus `$eval`.
 * Everything random or time-dependent draws from the execution (its seeded `Random` and
 * its clock), never from the host, so a seed replays the same values.
 */
import type jsonata from 'jsonata';
import { md5, sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { hasOwn } from '../../json.js';
import type { Random } from '../../runtime/random.js';
import { JavaRandom } from '../intrinsics/java-random.js';
import type { QueryBudgets } from './budget.js';
import { budgetOf } from './guard.js';

/** What the functions need from the evaluation they run in. */
export interface JsonataRuntime {
  readonly random: Random;
  /** Epoch milliseconds that `$now()` and `$millis()` report: the execution clock when the evaluation starts. */
  readonly nowMillis: number;
  /** The host's budgets (`limits.queryBudgets`); defaults where absent. */
  readonly budgets?: Partial<QueryBudgets>;
}

/** A binding name no expression can spell (it has spaces), so user code cannot read or shadow it. */
export const RUNTIME_BINDING = ' aslkit runtime ';

/** JSONata's own range operator refuses more items than this (its D2014); `$range` keeps the same bound. */
const MAX_RANGE_ITEMS = 10_000_000;

const HASHES: Record<string, (data: Uint8Array) => Uint8Array> = {
  MD5: md5,
  'SHA-1': sha1,
  'SHA-256': sha256,
  'SHA-384': sha384,
  'SHA-512': sha512,
};

type Focus = jsonata.Focus & { createSequence?: () => unknown[] & { sequence?: boolean } };

const runtimeOf = (focus: Focus): JsonataRuntime => focus.environment.lookup(RUNTIME_BINDING) as JsonataRuntime;

/** A failure inside one of AWS's functions; its message becomes the cause's detail (AWS's own texts are unrecorded). */
class FunctionError extends Error {}

function partition(this: Focus, array: unknown, size: unknown): unknown {
  if (array === undefined) return undefined;
  const items = Array.isArray(array) ? array : [array];
  if (typeof size !== 'number' || !Number.isInteger(size) || size <= 0) {
    throw new FunctionError(
      `The chunk size of $partition must be a positive integer, but was: ${JSON.stringify(size)}`,
    );
  }
  const chunks: unknown[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/**
 * Inclusive of `end` when a step lands on it, like `States.ArrayRange`. The result is a
 * JSONata sequence, so a one-item range collapses to the item: AWS returns `1` for
 * `$range(1, 9, 9)` (conformance intrinsic_functions__array_range__h2).
 */
function range(this: Focus, start: number, end: number, step: number): unknown {
  if (start === undefined || end === undefined || step === undefined) return undefined;
  if (step === 0) throw new FunctionError('The step of $range must not be 0');
  const count = Math.floor((end - start) / step) + 1;
  if (count > MAX_RANGE_ITEMS) throw new FunctionError(`$range would return more than ${MAX_RANGE_ITEMS} items`);
  if (count > 0) budgetOf(this)?.reserve(count);
  const sequence = this.createSequence ? this.createSequence() : Object.assign([] as unknown[], { sequence: true });
  for (let i = 0; i < count; i++) sequence.push(start + i * step);
  return sequence;
}

function hash(this: Focus, data: string, algorithm: string): unknown {
  if (data === undefined) return undefined;
  const digest = hasOwn(HASHES, algorithm) ? HASHES[algorithm] : undefined;
  if (!digest) {
    throw new FunctionError(
      `The hash algorithm '${String(algorithm)}' is not supported; use one of: ${Object.keys(HASHES).join(', ')}`,
    );
  }
  return bytesToHex(digest(new TextEncoder().encode(data)));
}

/**
 * With a seed, Java's `new Random(seed).nextDouble()`: AWS's seeded States.MathRandom is
 * `java.util.Random` (see java-random.ts), so its JSONata twin most likely is too (unverified).
 */
function random(this: Focus, seed?: number): number {
  if (seed === undefined) return runtimeOf(this).random.next();
  const java = new JavaRandom(Math.trunc(seed));
  return (java.next(26) * 2 ** 27 + java.next(27)) / 2 ** 53;
}

function uuid(this: Focus): string {
  return runtimeOf(this).random.uuid();
}

function parse(this: Focus, text: string): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new FunctionError(
      `The argument of $parse is not valid JSON: ${text.length > 200 ? `${text.slice(0, 200)}...` : text}`,
    );
  }
}

/** `$shuffle` with the execution's random source; same inside-out Fisher-Yates as JSONata's. */
function shuffle(this: Focus, array: unknown[]): unknown {
  if (array === undefined) return undefined;
  if (array.length <= 1) return array;
  const source = runtimeOf(this).random;
  const result = new Array<unknown>(array.length);
  for (let i = 0; i < array.length; i++) {
    const j = Math.floor(source.next() * (i + 1));
    if (i !== j) result[i] = result[j];
    result[j] = array[i];
  }
  return result;
}

/** JSONata's `$now` formats through its own `$fromMillis`, which we reuse with the execution's time. */
function now(this: Focus, picture?: string, timezone?: string): unknown {
  const fromMillis = this.environment.lookup('fromMillis') as { implementation?: unknown } | undefined;
  // A variable named `fromMillis` would shadow the built-in here.
  if (typeof fromMillis?.implementation !== 'function')
    throw new FunctionError('$now needs the built-in $fromMillis, which a variable shadows');
  return (fromMillis.implementation as (...args: unknown[]) => unknown).call(
    this,
    runtimeOf(this).nowMillis,
    picture,
    timezone,
  );
}

function millis(this: Focus): number {
  return runtimeOf(this).nowMillis;
}

/**
 * Installs the Step Functions library on one compiled expression. Signatures follow
 * JSONata's notation, so argument type errors are JSONata's own T0410/T0411.
 */
export function installStepFunctionsLibrary(expression: jsonata.Expression): void {
  expression.registerFunction('partition', partition, '<an:a>');
  expression.registerFunction('range', range, '<nnn:a<n>>');
  expression.registerFunction('hash', hash, '<ss:s>');
  expression.registerFunction('random', random, '<n?:n>');
  expression.registerFunction('uuid', uuid, '<:s>');
  expression.registerFunction('parse', parse, '<s:j>');
  expression.registerFunction('shuffle', shuffle, '<a:a>');
  expression.registerFunction('now', now, '<s?s?:s>');
  expression.registerFunction('millis', millis, '<:n>');
  // AWS: "$eval is not available". Unbound, a call fails like any unknown function (T1006).
  expression.assign('eval', undefined);
}
