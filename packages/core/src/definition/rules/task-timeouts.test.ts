import { describe, expect, it } from 'vitest';
import { validate } from '../validate.js';

const task = (fields: Record<string, unknown>) => ({
  StartAt: 'T',
  States: { T: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', End: true, ...fields } },
});
const paths = (definition: unknown) => validate(definition).map((d) => d.path);

describe('Task timeouts', () => {
  it('accepts a heartbeat shorter than the timeout, and either one alone', () => {
    expect(paths(task({ TimeoutSeconds: 60, HeartbeatSeconds: 10 }))).toEqual([]);
    expect(paths(task({ HeartbeatSeconds: 10 }))).toEqual([]);
    expect(paths(task({ TimeoutSecondsPath: '$.t', HeartbeatSeconds: 10 }))).toEqual([]);
  });

  it('rejects a heartbeat as long as the timeout', () => {
    expect(paths(task({ TimeoutSeconds: 10, HeartbeatSeconds: 10 }))).toEqual(['/States/T/HeartbeatSeconds']);
  });

  it('rejects both a value and its Path, and out-of-range values (schema)', () => {
    expect(
      validate(task({ TimeoutSeconds: 0, HeartbeatSeconds: 5, HeartbeatSecondsPath: '$.h' })).map((d) => d.message),
    ).toEqual([
      "The value for the field 'TimeoutSeconds' must be greater than or equal to 1",
      'These fields are mutually exclusive: [HeartbeatSeconds, HeartbeatSecondsPath]',
    ]);
  });
});
