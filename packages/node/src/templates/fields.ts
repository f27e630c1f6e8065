/** Template values as parsed JSON or YAML: objects read field by field, never trusted to have a shape. */
export type Fields = Record<string, unknown>;

export const isFields = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An own property, so that `__proto__` or `constructor` in a template is data. */
export const own = (object: Fields, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

/**
 * A field's value as text, or `fallback` when it is missing or null: a string, number or boolean as
 * `String` writes it, anything else as JSON (never `[object Object]`).
 */
export function fieldText(value: unknown, fallback: string): string {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? fallback;
}
