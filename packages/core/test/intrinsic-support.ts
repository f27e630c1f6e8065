// Shared by the intrinsic function tests: evaluate an expression, and expect AWS's
// "Invalid arguments" failure for it.
import { expect } from 'vitest';
import type { Json } from '../src/json.js';
import { StatesError } from '../src/errors/states-error.js';
import { createRandom, type Random } from '../src/runtime/random.js';
import { evaluateIntrinsic } from '../src/query/intrinsics/evaluate.js';
import { parseIntrinsic } from '../src/query/intrinsics/parse.js';

export const runIntrinsic = (text: string, input: Json = {}, random: Random = createRandom('intrinsics')): Json =>
  evaluateIntrinsic(parseIntrinsic(text), { data: { input, context: {} }, random });

/** Expects `States.Runtime` with AWS's cause for bad arguments of `name` (default: the called function). */
export function expectInvalidArguments(text: string, input: Json = {}, name = text.slice(0, text.indexOf('('))): void {
  let caught: unknown;
  try {
    runIntrinsic(text, input);
  } catch (error) {
    caught = error;
  }
  expect(caught, text).toBeInstanceOf(StatesError);
  expect((caught as StatesError).causeText).toBe(
    `The function '${text}' had the following error: Invalid arguments in ${name}`,
  );
}
