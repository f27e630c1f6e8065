import { describe, expect, it } from 'vitest';
import { validate } from '../validate.js';

const wait = (timestamp: unknown, queryLanguage?: string) => ({
  ...(queryLanguage ? { QueryLanguage: queryLanguage } : {}),
  StartAt: 'W',
  States: { W: { Type: 'Wait', Timestamp: timestamp, End: true } },
});
const messages = (definition: unknown) => validate(definition).map((d) => `${d.code}: ${d.message} at ${d.path}`);
const RFC3339 = 'SCHEMA_VALIDATION_FAILED: String does not match RFC3339 timestamp at /States/W/Timestamp';

describe('Wait Timestamp', () => {
  it('accepts RFC 3339 timestamps, fractions and offsets included', () => {
    for (const ok of ['2016-03-14T01:59:00Z', '2016-03-14T01:59:00.123456789Z', '2016-03-14T01:59:00+05:30'])
      expect(messages(wait(ok))).toEqual([]);
  });

  it('rejects what AWS rejected (conformance validation__scenarios__wait_timestamp_invalid-*)', () => {
    for (const bad of [
      '2016-13-05T21:29:29Z',
      '05-12-2016T21:29:29Z',
      '2016-12-05T25:29:29Z',
      '2016-12-05 21:29:29Z',
      "{% '2016-03-14T01:59:00Z' %}",
    ]) {
      expect(messages(wait(bad))).toEqual([RFC3339]);
    }
  });

  it('takes a {% %} string as an expression in JSONata, but checks a JSONata literal', () => {
    expect(messages(wait("{% '2016-03-14T01:59:00Z' %}", 'JSONata'))).toEqual([]);
    expect(messages(wait('yesterday', 'JSONata'))).toEqual([RFC3339]);
  });

  it('leaves a non-string Timestamp to the schema', () => {
    expect(messages(wait(12))).toEqual([
      "SCHEMA_VALIDATION_FAILED: The value for the field 'Timestamp' must be a string at /States/W/Timestamp",
    ]);
  });
});
