/**
 * Reading an operation's request members: what the AWS JSON protocol may carry (strings,
 * integers, booleans, lists of tags), checked before use, with AWS's ValidationException wording
 * for what is missing or out of range and SerializationException for a member of the wrong type.
 */
import { errors } from './service-error.js';
import type { Tag } from '../store/service-store.js';

export type Body = Record<string, unknown>;

const wrongType = (name: string, expected: string) => errors.serialization(`Member '${name}' must be ${expected}`);

const notNull = (name: string) =>
  errors.validation(
    `1 validation error detected: Value null at '${name}' failed to satisfy constraint: Member must not be null`,
  );

/** AWS's length constraint of a string member, in characters. */
export interface Length {
  min: number;
  max: number;
}

/** A string member; with `length`, AWS's ValidationException when it is shorter or longer. */
export function optionalString(body: Body, name: string, length?: Length): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw wrongType(name, 'a string');
  if (length && (value.length < length.min || value.length > length.max))
    throw errors.validation(
      `1 validation error detected: Value '${value}' at '${name}' failed to satisfy constraint: Member must have length ${value.length < length.min ? `greater than or equal to ${length.min}` : `less than or equal to ${length.max}`}`,
    );
  return value;
}

export function requiredString(body: Body, name: string, length?: Length): string {
  const value = optionalString(body, name, length);
  if (value === undefined) throw notNull(name);
  return value;
}

export function optionalBoolean(body: Body, name: string): boolean | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw wrongType(name, 'a boolean');
  return value;
}

/** An integer member within `[min, max]`. */
export function optionalInteger(body: Body, name: string, min: number, max: number): number | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw wrongType(name, 'an integer');
  return inRange(name, value, min, max);
}

/** A number member (AWS's Float) within `[min, max]`. */
export function optionalNumber(body: Body, name: string, min: number, max: number): number | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw wrongType(name, 'a number');
  return inRange(name, value, min, max);
}

function inRange(name: string, value: number, min: number, max: number): number {
  if (value < min || value > max)
    throw errors.validation(
      `1 validation error detected: Value '${value}' at '${name}' failed to satisfy constraint: Member must have value ${value < min ? `greater than or equal to ${min}` : `less than or equal to ${max}`}`,
    );
  return value;
}

/** `tags: [{ key, value }]`. */
export function optionalTags(body: Body, name: string): Tag[] | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw wrongType(name, 'a list');
  return value.map((entry, index) => {
    if (entry === null || typeof entry !== 'object') throw wrongType(`${name}.${index + 1}`, 'a structure');
    const tag = entry as Body;
    const key = requiredString(tag, 'key');
    return { key, value: optionalString(tag, 'value') ?? '' };
  });
}

/** `tagKeys: ["..."]`. */
export function requiredStringList(body: Body, name: string): string[] {
  const value = body[name];
  if (value === undefined || value === null) throw notNull(name);
  if (!Array.isArray(value) || value.some((entry) => typeof entry !== 'string'))
    throw wrongType(name, 'a list of strings');
  return value as string[];
}

/** A string member that must be one of `values` (AWS's enum check), or undefined. */
export function optionalEnum<T extends string>(body: Body, name: string, values: readonly T[]): T | undefined {
  const value = optionalString(body, name);
  if (value === undefined || (values as readonly string[]).includes(value)) return value as T | undefined;
  throw errors.validation(
    `1 validation error detected: Value '${value}' at '${name}' failed to satisfy constraint: Member must satisfy enum value set: [${values.join(', ')}]`,
  );
}
