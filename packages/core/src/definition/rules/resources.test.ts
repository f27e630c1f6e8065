import { describe, expect, it } from 'vitest';
import { validate } from '../validate.js';

const task = (resource: unknown) => ({ StartAt: 'T', States: { T: { Type: 'Task', Resource: resource, End: true } } });
const messages = (resource: unknown, type?: 'EXPRESS') =>
  validate(task(resource), type ? { type } : {}).map((d) => d.message);

describe('Task resources', () => {
  it('accepts Lambda ARNs, activities, optimized and SDK integrations', () => {
    for (const arn of [
      'arn:aws:lambda:us-east-1:111111111111:function:f',
      'arn:aws:states:us-east-1:111111111111:activity:a',
      'arn:aws:states:::dynamodb:putItem',
      'arn:aws:states:::states:startExecution.sync:2',
      'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
      'arn:aws:states:::aws-sdk:dynamodb:query',
      'arn:aws:states:::somethingNew:doIt',
    ]) {
      expect(messages(arn)).toEqual([]);
    }
  });

  it('rejects an optimized integration AWS does not have (AWS-observed wording)', () => {
    expect(messages('arn:aws:states:::dynamodb:query')).toEqual([
      'The resource provided arn:aws:states:::dynamodb:query is not recognized. The value is not a valid resource ARN, or the resource is not available in this region.',
    ]);
  });

  it('rejects a resource that is not an ARN', () => {
    expect(messages('my-function')).toEqual([
      expect.stringContaining('The resource provided my-function is not recognized'),
    ]);
  });

  it('refuses .sync, .waitForTaskToken and activities in EXPRESS machines', () => {
    expect(messages('arn:aws:states:::sqs:sendMessage.waitForTaskToken', 'EXPRESS')).toEqual([
      "Express state machine does not support '.waitForTaskToken' service integration ",
    ]);
    expect(messages('arn:aws:states:::states:startExecution.sync', 'EXPRESS')).toEqual([
      "Express state machine does not support '.sync' service integration ",
    ]);
    expect(messages('arn:aws:states:us-east-1:111111111111:activity:a', 'EXPRESS')).toEqual([
      'Express state machine does not support Activity ARN',
    ]);
    expect(messages('arn:aws:states:::lambda:invoke', 'EXPRESS')).toEqual([]);
  });
});
