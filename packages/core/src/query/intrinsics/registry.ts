/**
 * The 18 intrinsic functions, joined from the family tables. Adding a function means adding
 * an entry to its family's table; the parser and the evaluator look names up here.
 */
import { hasOwn } from '../../json.js';
import { arrayFunctions } from './array.js';
import { encodingFunctions } from './encoding.js';
import { formatFunctions } from './format.js';
import { hashFunctions } from './hash.js';
import type { IntrinsicFunction } from './intrinsic-function.js';
import { jsonFunctions } from './json.js';
import { mathFunctions } from './math.js';
import { stringFunctions } from './string.js';
import { uuidFunctions } from './uuid.js';

const intrinsicFunctions = {
  ...formatFunctions,
  ...stringFunctions,
  ...jsonFunctions,
  ...arrayFunctions,
  ...encodingFunctions,
  ...hashFunctions,
  ...mathFunctions,
  ...uuidFunctions,
} as const;

/** One of the 18 names, `States.` included. */
export type IntrinsicName = keyof typeof intrinsicFunctions;

/** Every function name, `States.` included. */
export const intrinsicNames = Object.keys(intrinsicFunctions) as IntrinsicName[];

/** True for one of the 18 names (own keys only, so `__proto__` is not a function). */
export const isIntrinsicName = (name: string): name is IntrinsicName => hasOwn(intrinsicFunctions, name);

/** The function registered under `name`, if any. */
export const lookupIntrinsic = (name: string): IntrinsicFunction | undefined =>
  isIntrinsicName(name) ? intrinsicFunctions[name] : undefined;

/** Why `count` arguments are wrong for `name`, or `undefined` when they are fine. */
export function arityProblem(name: string, count: number): string | undefined {
  const fn = lookupIntrinsic(name);
  if (!fn || (count >= fn.minArgs && count <= fn.maxArgs)) return undefined;
  const expected =
    fn.maxArgs === Infinity
      ? `at least ${fn.minArgs}`
      : fn.minArgs === fn.maxArgs
        ? `${fn.minArgs}`
        : `${fn.minArgs} to ${fn.maxArgs}`;
  const plural = fn.maxArgs === 1 || (fn.maxArgs === Infinity && fn.minArgs === 1) ? '' : 's';
  return `${name} takes ${expected} argument${plural}, got ${count}`;
}
