/**
 * ASL timestamps (Choice `Timestamp*` operators, Wait `Timestamp`/`TimestampPath`): the RFC 3339
 * profile AWS accepts, read to an exact instant with nanosecond precision.
 *
 * AWS checks literals against RFC 3339 at create time ("String does not match RFC3339 timestamp")
 * and parses run-time values as Java's "ISO-8601 extended offset date-time" (the words of its
 * TimestampPath error). We accept what both accept:
 * - `YYYY-MM-DD` `T` `hh:mm:ss` [`.` 1-9 digits] then `Z` or `±hh:mm`. Recorded against AWS:
 *   `…Z`, `….00Z`, `….000000Z` and 9 fractional digits pass; a space for `T`, no zone, month 13
 *   and hour 25 fail (conformance: scenarios__wait_timestamp_path-*, base__wait_timestamppath-*).
 * - Lowercase `t` and `z` are accepted: RFC 3339 §5.6 allows them and Java's ISO formatter parses
 *   case-insensitively. No AWS recording covers them.
 * - Calendar-checked: day 32, Feb 30 and Feb 29 of a common year are rejected; hour ≤ 23 and
 *   second ≤ 59 (Java refuses leap second 60); offsets within ±18:00 (Java's ZoneOffset range).
 */

/** A point in time: whole seconds since 1970-01-01T00:00:00Z plus 0..999,999,999 nanoseconds. */
export interface Instant {
  epochSeconds: number;
  nanos: number;
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

const MAX_OFFSET_MINUTES = 18 * 60;

/** Parses an ASL timestamp; `undefined` when AWS would not accept the text. */
export function parseTimestamp(text: string): Instant | undefined {
  const match = TIMESTAMP.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, fraction, sign, oh, om] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  if (sign !== undefined) {
    const offsetHours = Number(oh);
    const offsetMins = Number(om);
    if (offsetMins > 59) return undefined;
    offsetMinutes = offsetHours * 60 + offsetMins;
    if (offsetMinutes > MAX_OFFSET_MINUTES) return undefined;
    if (sign === '-') offsetMinutes = -offsetMinutes;
  }
  const epochSeconds =
    daysFromCivil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - offsetMinutes * 60;
  const nanos = fraction === undefined ? 0 : Number(fraction.padEnd(9, '0'));
  return { epochSeconds, nanos };
}

/** Orders two instants: negative, zero or positive, like a comparator. */
export function compareInstants(a: Instant, b: Instant): number {
  if (a.epochSeconds !== b.epochSeconds) return a.epochSeconds < b.epochSeconds ? -1 : 1;
  if (a.nanos !== b.nanos) return a.nanos < b.nanos ? -1 : 1;
  return 0;
}

/** Milliseconds since the epoch, rounded down (the clock's unit). */
export const instantToEpochMillis = (i: Instant): number => i.epochSeconds * 1000 + Math.floor(i.nanos / 1_000_000);

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days from 1970-01-01 to a proleptic Gregorian date, counting eras of 400 years (146,097 days). */
function daysFromCivil(year: number, month: number, day: number): number {
  // Shift the year to start in March so the leap day is the last day of the shifted year.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const shiftedMonth = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * shiftedMonth + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}
