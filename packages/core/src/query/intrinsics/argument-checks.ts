/**
 * Argument coercions shared by the families. AWS runs intrinsics in Java, so numbers
 * become Java ints in two different ways (observed on AWS, see each function):
 * MathAdd rounds half up (`Math.round`), the others truncate toward zero (`(int)` cast).
 */
import { isJsonObject, type Json, type JsonObject } from '../../json.js';
import { invalidArguments } from './intrinsic-function.js';

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

/** True for integers a Java `int` can hold. */
export const isInt32 = (value: number): boolean => Number.isInteger(value) && value >= INT_MIN && value <= INT_MAX;

/** The value as a string, or AWS's "Invalid arguments in <name>". */
export function expectString(value: Json | undefined, name: string): string {
  if (typeof value !== 'string') throw invalidArguments(name);
  return value;
}

/** The value as an array, or AWS's "Invalid arguments in <name>". */
export function expectArray(value: Json | undefined, name: string): Json[] {
  if (!Array.isArray(value)) throw invalidArguments(name);
  return value;
}

/** The value as an object, or AWS's "Invalid arguments in <name>". */
export function expectObject(value: Json | undefined, name: string): JsonObject {
  if (!isJsonObject(value)) throw invalidArguments(name);
  return value;
}

/** The value as a finite number, or AWS's "Invalid arguments in <name>". */
export function expectNumber(value: Json | undefined, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidArguments(name);
  return value;
}

/** A number cut to a Java int the way an `(int)` cast does, rejecting what an int cannot hold. */
export function truncatedInt(value: Json | undefined, name: string): number {
  const truncated = Math.trunc(expectNumber(value, name)) + 0; // `+ 0` turns -0 into 0
  if (!isInt32(truncated)) throw invalidArguments(name);
  return truncated;
}

/** Java's `Math.round`: half up toward +Infinity (1.5 → 2, -1.5 → -1), which JS's Math.round matches. */
export function roundedInt(value: Json | undefined, name: string): number {
  const rounded = Math.round(expectNumber(value, name)) + 0;
  if (!isInt32(rounded)) throw invalidArguments(name);
  return rounded;
}

/** Java's length of a string: UTF-16 code units, which AWS's 10,000-character limits count. */
export function expectStringWithin(value: Json | undefined, name: string, maxLength: number): string {
  const text = expectString(value, name);
  if (text.length > maxLength) throw invalidArguments(name);
  return text;
}
