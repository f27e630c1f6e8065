/** Template values as parsed JSON or YAML: objects read field by field, never trusted to have a shape. */
export type Fields = Record<string, unknown>;

export const isFields = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An own property, so that `__proto__` or `constructor` in a template is data. */
export const own = (object: Fields, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);
