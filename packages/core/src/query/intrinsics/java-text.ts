/**
 * How AWS's Java runtime turns JSON values into text. Two renderings are observable:
 * - `javaString`: `String.valueOf` of the Java object a value becomes (a Map prints as
 *   `{Arg1=1, Arg2=[]}`, conformance format_2 and the context-path snapshot). States.Format
 *   uses it, and States.ArrayContains compares with it (AWS finds `true` in `["true"]`).
 * - `compactJson`: Jackson's compact JSON (States.JsonToString, values quoted in messages).
 * Both print numbers as Java does: integral JSON numbers as plain digits, fractional ones
 * with `Double.toString` (`1.1`, `1.0E-4`, `1.23456789E7`). JS cannot tell `1.0` from `1`,
 * so an integral double prints as an integer.
 */
import type { Json } from '../../json.js';

const LONG_LIMIT = 2 ** 63;

/** A number as Java prints it: `Long.toString` when integral, else `Double.toString`. */
export function javaNumberText(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value) && Math.abs(value) < LONG_LIMIT) return BigInt(value).toString();
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    const plain = String(value);
    return plain.includes('.') ? plain : `${plain}.0`;
  }
  // toExponential() with no argument gives the shortest round-trip digits, as Java does.
  const [mantissa = '', exponent = '0'] = value.toExponential().split('e');
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
}

/** `String.valueOf` of the Java object AWS converts `value` to. */
export function javaString(value: Json): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return javaNumberText(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(javaString).join(', ')}]`;
  return `{${Object.keys(value)
    .map((key) => `${key}=${javaString(value[key]!)}`)
    .join(', ')}}`;
}

/** Compact JSON as Jackson writes it: no spaces, Java number text. */
export function compactJson(value: Json): string {
  if (value === null || typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return javaNumberText(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(compactJson).join(',')}]`;
  return `{${Object.keys(value)
    .map((key) => `${JSON.stringify(key)}:${compactJson(value[key]!)}`)
    .join(',')}}`;
}
