import { describe, expect, it } from 'vitest';
import { unmatchedHandlerKeys } from './handler-keys.js';

const task = (Resource: string, extra: object = {}) => ({ Type: 'Task', Resource, End: true, ...extra });
const machine = (states: Record<string, object>) => ({ StartAt: Object.keys(states)[0], States: states });

describe('unmatchedHandlerKeys', () => {
  it('matches function names and ARNs in both resource forms, a bare name matching every qualifier', () => {
    const definition = machine({
      Direct: task('arn:aws:lambda:us-east-1:123456789012:function:charge-card', { Next: 'Invoke' }),
      Invoke: task('arn:aws:states:::lambda:invoke', { Parameters: { FunctionName: 'refund:live', Payload: {} } }),
    });
    const keys = ['charge-card', 'arn:aws:lambda:us-east-1:123456789012:function:charge-card', 'refund', 'refund:live'];
    expect(unmatchedHandlerKeys(definition, keys)).toEqual([]);
    expect(unmatchedHandlerKeys(definition, ['chrage-card', 'refund:old', 'ship'])).toEqual([
      { key: 'chrage-card', suggestion: 'charge-card' },
      { key: 'refund:old', suggestion: 'refund' },
      { key: 'ship' },
    ]);
  });

  it('reports nothing when a Task picks its function at run time', () => {
    const definition = machine({
      Invoke: task('arn:aws:states:::lambda:invoke', { Parameters: { 'FunctionName.$': '$.fn' } }),
    });
    expect(unmatchedHandlerKeys(definition, ['anything'])).toEqual([]);
  });
});
