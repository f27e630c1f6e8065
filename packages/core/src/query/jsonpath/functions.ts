/**
 * The functions Jayway allows at the end of a path inside a filter (`@.tags.length() > 2`).
 * They read JSON data only. AWS finds nothing for a top-level path that ends in a function,
 * so these run only inside filters; arguments cannot be written there (Jayway's filter reader
 * ends a path at the `)` of a call with arguments).
 */
import { isJsonObject, type Json } from '../../json.js';
import { UNDEFINED, type FilterPathValue } from './evaluate.js';

const numbers = (value: Json): number[] =>
  Array.isArray(value) ? value.filter((item): item is number => typeof item === 'number') : [];

/** The function's value, or UNDEFINED where Jayway fails (an aggregate of no numbers). */
export function applyFunction(name: string, value: Json): FilterPathValue {
  switch (name) {
    case 'length':
      if (Array.isArray(value)) return value.length;
      if (isJsonObject(value)) return Object.keys(value).length;
      return typeof value === 'string' ? value.length : null;
    case 'keys':
      return isJsonObject(value) ? Object.keys(value) : null;
    case 'first':
      return Array.isArray(value) && value.length > 0 ? value[0]! : null;
    case 'last':
      return Array.isArray(value) && value.length > 0 ? value[value.length - 1]! : null;
    case 'min':
    case 'max':
    case 'avg':
    case 'sum':
    case 'stddev': {
      const items = numbers(value);
      if (items.length === 0) return UNDEFINED;
      if (name === 'min') return items.reduce((low, item) => (item < low ? item : low));
      if (name === 'max') return items.reduce((high, item) => (item > high ? item : high));
      const sum = items.reduce((total, item) => total + item, 0);
      if (name === 'sum') return sum;
      const mean = sum / items.length;
      if (name === 'avg') return mean;
      return Math.sqrt(items.reduce((total, item) => total + item * item, 0) / items.length - mean * mean);
    }
    default:
      // concat, append and index need arguments, which a filter path cannot carry.
      return UNDEFINED;
  }
}
