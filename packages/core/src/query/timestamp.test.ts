import { describe, expect, it } from 'vitest';
import { expectLinearGrowth } from '../../test/growth.js';
import { compareInstants, instantToEpochMillis, parseTimestamp } from './timestamp.js';

const millis = (text: string): number | undefined => {
  const instant = parseTimestamp(text);
  return instant && instantToEpochMillis(instant);
};

describe('parseTimestamp', () => {
  it('reads UTC and offset forms to the same instant', () => {
    expect(parseTimestamp('2016-03-14T01:59:00Z')).toEqual({ epochSeconds: 1_457_920_740, nanos: 0 });
    expect(parseTimestamp('2016-03-14T02:59:00+01:00')).toEqual({ epochSeconds: 1_457_920_740, nanos: 0 });
    expect(parseTimestamp('2016-03-13T20:29:00-05:30')).toEqual({ epochSeconds: 1_457_920_740, nanos: 0 });
    expect(parseTimestamp('2016-03-14T01:59:00-00:00')).toEqual({ epochSeconds: 1_457_920_740, nanos: 0 });
  });

  it('keeps every fractional digit up to nanoseconds', () => {
    expect(parseTimestamp('2016-03-14T01:59:00.123456789Z')).toEqual({
      epochSeconds: 1_457_920_740,
      nanos: 123_456_789,
    });
    expect(parseTimestamp('2016-03-14T01:59:00.5Z')?.nanos).toBe(500_000_000);
    expect(parseTimestamp('2016-03-14T01:59:00.000000Z')?.nanos).toBe(0);
    expect(parseTimestamp('2016-03-14T01:59:00.00Z')?.nanos).toBe(0);
  });

  it('agrees with Date.UTC across eras, leap days and the epoch boundary', () => {
    const samples = [
      '1970-01-01T00:00:00Z',
      '1969-12-31T23:59:59Z',
      '2000-02-29T12:00:00Z',
      '1900-03-01T00:00:00Z',
      '0001-01-01T00:00:00Z',
      '0000-02-29T00:00:00Z',
      '2400-02-29T23:59:59Z',
      '9999-12-31T23:59:59Z',
      '2024-12-31T23:59:59Z',
    ];
    for (const text of samples) expect(millis(text), text).toBe(Date.parse(`+00${text}`));
  });

  it('agrees with Date.UTC on a sweep of dates', () => {
    for (let day = -800_000; day <= 2_900_000; day += 997) {
      const date = new Date(day * 86_400_000 + 45_296_789);
      const iso = date.toISOString();
      if (!/^\d{4}-/.test(iso)) continue;
      expect(millis(iso), iso).toBe(date.getTime());
    }
  });

  it('accepts lowercase t and z as RFC 3339 allows', () => {
    expect(parseTimestamp('2016-03-14t01:59:00z')).toEqual(parseTimestamp('2016-03-14T01:59:00Z'));
  });

  it.each([
    ['space instead of T (AWS rejects)', '2016-12-05 21:29:29Z'],
    ['no zone (AWS rejects)', '2016-12-05T21:29:29'],
    ['no zone with fraction (AWS rejects)', '2016-12-05T21:29:29.000000'],
    ['month 13 (AWS rejects)', '2016-13-05T21:29:29Z'],
    ['hour 25 (AWS rejects)', '2016-12-05T25:29:29Z'],
    ['day first (AWS rejects)', '05-12-2016T21:29:29Z'],
    ['month 0', '2016-00-05T21:29:29Z'],
    ['day 0', '2016-12-00T21:29:29Z'],
    ['day 32', '2016-12-32T21:29:29Z'],
    ['Feb 30', '2016-02-30T21:29:29Z'],
    ['Feb 29 in a common year', '2015-02-29T21:29:29Z'],
    ['Feb 29 in 1900', '1900-02-29T00:00:00Z'],
    ['April 31', '2016-04-31T00:00:00Z'],
    ['hour 24', '2016-12-05T24:00:00Z'],
    ['minute 60', '2016-12-05T21:60:00Z'],
    ['leap second', '2016-12-31T23:59:60Z'],
    ['no seconds', '2016-12-05T21:29Z'],
    ['date only', '2023-02-24'],
    ['Python-style', '2023-02-24 12:15:56.832957'],
    ['empty fraction', '2016-12-05T21:29:29.Z'],
    ['ten fractional digits', '2016-12-05T21:29:29.1234567891Z'],
    ['offset without colon', '2016-12-05T21:29:29+0100'],
    ['hour-only offset', '2016-12-05T21:29:29+01'],
    ['offset minute 60', '2016-12-05T21:29:29+01:60'],
    ['offset beyond 18 hours', '2016-12-05T21:29:29+18:01'],
    ['five-digit year', '12016-12-05T21:29:29Z'],
    ['signed year', '+2016-12-05T21:29:29Z'],
    ['two-digit parts', '2016-1-5T1:2:3Z'],
    ['trailing text', '2016-12-05T21:29:29Z '],
    ['leading text', ' 2016-12-05T21:29:29Z'],
    ['trailing newline', '2016-12-05T21:29:29Z\n'],
    ['non-ASCII digits', '２016-12-05T21:29:29Z'],
    ['empty string', ''],
    ['placeholder', 'date'],
  ])('rejects %s', (_label, text) => {
    expect(parseTimestamp(text)).toBeUndefined();
  });

  it('accepts the ±18:00 offset bounds', () => {
    expect(parseTimestamp('2016-12-05T21:29:29+18:00')).toBeDefined();
    expect(parseTimestamp('2016-12-05T21:29:29-18:00')).toBeDefined();
  });

  it('rejects a huge hostile string, in time at most linear in its length', () => {
    const hostile = (n: number) => '2016-12-05T21:29:29' + '9'.repeat(n) + 'Z';
    expect(parseTimestamp(hostile(1_000_000))).toBeUndefined();
    expectLinearGrowth(hostile, parseTimestamp, 100_000);
  });
});

describe('compareInstants', () => {
  const at = (text: string) => parseTimestamp(text)!;

  it('orders by seconds, then nanoseconds', () => {
    expect(compareInstants(at('2012-10-09T19:00:55Z'), at('2012-10-09T19:00:56Z'))).toBeLessThan(0);
    expect(compareInstants(at('2012-10-09T19:00:56Z'), at('2012-10-09T19:00:55Z'))).toBeGreaterThan(0);
    expect(compareInstants(at('2012-10-09T19:00:55.000000001Z'), at('2012-10-09T19:00:55Z'))).toBeGreaterThan(0);
    expect(compareInstants(at('2012-10-09T19:00:55.1Z'), at('2012-10-09T19:00:55.100000000Z'))).toBe(0);
  });

  it('compares instants, not wall clocks', () => {
    expect(compareInstants(at('2012-10-09T20:00:55+01:00'), at('2012-10-09T19:00:55Z'))).toBe(0);
    expect(compareInstants(at('2012-10-09T19:00:55+01:00'), at('2012-10-09T19:00:55Z'))).toBeLessThan(0);
  });
});

describe('instantToEpochMillis', () => {
  it('rounds nanoseconds down to whole milliseconds', () => {
    expect(instantToEpochMillis({ epochSeconds: 1, nanos: 999_999_999 })).toBe(1999);
    expect(instantToEpochMillis({ epochSeconds: -1, nanos: 500_000_000 })).toBe(-500);
  });
});
